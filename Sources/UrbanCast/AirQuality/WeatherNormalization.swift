import Foundation
import Forecasting
import LinearAlgebra

/// Weather normalisation of a pollutant record (Grange et al. 2018, *Atmos. Chem. Phys.* 18,
/// 6223), with penalised regression splines in place of the random forest.
///
/// The model, fitted by ``PenalizedAdditiveModel`` (GCV-chosen smoothing) on the rows where the
/// pollutant and every meteorological variable are present:
///
/// c = β₀ + Σ f_m(meteorology) + f(T − T_d) + f(wind direction) + f(wind direction) × wind speed
///     + f(hour) + f(weekday) + f(day of year) + f(trend) + ε,
///
/// (or the same for log(c + 1) with ``Options/logScale``), with cubic P-splines (8 basis
/// functions) for each numeric meteorological variable and for the dew-point depression
/// T − T_d when `TEMP` and `DEWP` are among them (relative humidity, which an additive model of
/// T and T_d cannot form), Fourier
/// terms for the cyclic ones (2 harmonics for wind direction, 4 for the hour, 3 for the day of
/// year), weekday indicators, and a P-spline trend with two basis functions per year of record
/// (4 to 20). On the log scale weather effects are multiplicative and predictions are
/// back-transformed with Duan's smearing factor (the mean of exp(residual)); the concentration
/// scale is the default because it predicts held-out blocks better on the Beijing data
/// (Models/air-quality/README.md).
///
/// **Normalised series** (as rmweather's `normalise`): the trend is held at each row's own value
/// and every other term (the meteorology, and the seasonal, weekly and diurnal terms, which are
/// collinear with it) is averaged over every complete row of the whole record, jointly as the
/// terms occur together. This is the limit of Grange et al.'s resampling as the number of draws
/// grows, exact because the terms are additive on the log scale, so no random draws are needed:
///
/// ĉ_i = β₀ + f_trend(t_i) + mean_j Σ_{other terms} f(x_j) (on the log scale:
/// smear · exp(β₀ + f_trend(t_i)) · mean_j exp(Σ_{other terms} f(x_j)) − 1).
///
/// Holding the day of year while averaging the weather would pair winter days with summer
/// weather, which the collinear seasonal and meteorological terms do not identify; the
/// normalised series is therefore the deweathered, deseasonalised level.
///
/// **Held-out skill**: the record is cut into contiguous blocks (5 by default); each is predicted
/// by the model refitted on the others with the smoothing parameter of the full fit, its trend
/// interpolated linearly in time between the neighbouring blocks (held at the ends: the refit
/// knows nothing of the block's own trend); R² and RMSE are on the concentration scale, per
/// block and pooled.
public struct WeatherNormalization: Sendable {
    /// Settings of the normalisation.
    public struct Options: Sendable, Equatable {
        /// The numeric meteorological columns (each a P-spline). Default TEMP, PRES, DEWP, RAIN, WSPM.
        public var meteorology: [String]
        /// The wind-direction column (16-point compass text or degrees), or `nil`. Default `wd`.
        public var windDirection: String?
        /// The wind-speed column multiplying the wind-direction term, or `nil`. Default `WSPM`.
        public var windSpeed: String?
        /// The number of contiguous held-out blocks, at least 2. Default 5.
        public var folds: Int
        /// Whether the model is fitted to log(c + 1) (multiplicative weather effects, predictions
        /// back-transformed with Duan's smearing) rather than to c. Default `false`.
        public var logScale: Bool

        /// Creates normalisation settings.
        ///
        /// - Parameters:
        ///   - meteorology: Numeric meteorological columns.
        ///   - windDirection: The wind-direction column, or `nil`.
        ///   - windSpeed: The wind-speed column for the direction × speed term, or `nil`.
        ///   - folds: Held-out blocks, ≥ 2.
        ///   - logScale: Whether to fit log(c + 1).
        public init(meteorology: [String] = ["TEMP", "PRES", "DEWP", "RAIN", "WSPM"], windDirection: String? = "wd",
                    windSpeed: String? = "WSPM", folds: Int = 5, logScale: Bool = false) {
            self.meteorology = meteorology
            self.windDirection = windDirection
            self.windSpeed = windSpeed
            self.folds = folds
            self.logScale = logScale
        }
    }

    /// The held-out skill on one block.
    public struct Skill: Sendable, Equatable {
        /// The first and last date of the block.
        public let start: SeriesDate, end: SeriesDate
        /// The rows predicted.
        public let count: Int
        /// 1 − Σ(c − ĉ)² / Σ(c − c̄)² on the block.
        public let rSquared: Double
        /// √(Σ(c − ĉ)²/n), in the pollutant's unit.
        public let rmse: Double
    }

    /// The partial effect of one variable on log(c + 1), at a grid of its values.
    public struct PartialEffect: Sendable, Equatable {
        /// The variable (`TEMP`, `wd`, `wd×WSPM` at the mean wind speed, `hour`, `weekday`, `dayOfYear`, `trend`).
        public let variable: String
        /// The variable's values (trend: days since the first row; weekday: 0 = Monday).
        public let x: [Double]
        /// The centred effect at each value.
        public let effect: [Double]
    }

    /// The station's key.
    public let key: SeriesKey
    /// The pollutant.
    public let pollutant: Pollutant
    /// The unit of the concentrations.
    public let unit: ConcentrationUnit
    /// Whether the model was fitted on log(c + 1).
    public let logScale: Bool
    /// The rows fitted (complete cases).
    public let rowsFitted: Int
    /// The smoothing parameter chosen by GCV.
    public let lambda: Double
    /// The effective degrees of freedom of the full fit.
    public let effectiveDegreesOfFreedom: Double
    /// The in-sample R² of the full fit on the concentration scale.
    public let fittedRSquared: Double
    /// The skill on each held-out block.
    public let heldOut: [Skill]
    /// The pooled held-out R² (all blocks' predictions together).
    public let heldOutRSquared: Double
    /// The pooled held-out RMSE.
    public let heldOutRMSE: Double
    /// The partial effects of every term.
    public let partialEffects: [PartialEffect]
    /// The observed concentrations on the record's grid (`NaN` where missing).
    public let observed: TimeSeries
    /// The weather-normalised concentrations on the same grid (`NaN` where a row is incomplete).
    public let normalized: TimeSeries

    /// Normalises every station of a file holding the pollutant and the meteorology, wide or long.
    ///
    /// - **Wide**: a date column, optional `station`/`city` key columns, the pollutant's column
    ///   (named as ``Pollutant/init(name:)`` reads it) and the meteorological columns.
    /// - **Long** (the layout of the other `air` commands, recognised by its `pollutant` and
    ///   `value` (or `y`) columns): one row per station, pollutant and date, with the
    ///   meteorological columns beside `value`; the rows of `pollutant` are used, and an optional
    ///   `unit` column, which must hold one unit for them, overrides `unit`.
    ///
    /// ```text
    /// station,pollutant,date,value,unit,TEMP,PRES,DEWP,RAIN,wd,WSPM
    /// Dongsi,PM2.5,2013-03-01T00:00,9,µg/m³,-0.5,1024.5,-21.4,0,NNW,5.7
    /// ```
    ///
    /// - Parameters:
    ///   - path: The CSV file.
    ///   - pollutant: The pollutant.
    ///   - unit: The unit of the pollutant's values when the file gives none.
    ///   - options: The meteorological columns and folds.
    /// - Returns: One normalisation per station, in file order.
    /// - Throws: ``AirQualityError/data(_:)`` for problems located in the file (non-numeric
    ///   cells, an unknown wind direction, dates, an unknown pollutant or unit, a second unit),
    ///   ``AirQualityError/missingColumn(_:available:)`` for a pollutant or meteorological column
    ///   the file lacks, ``AirQualityError/noData(_:)`` for a long file without rows of the
    ///   pollutant, ``AirQualityError/invalidSetting(_:)`` for fewer than 2 folds or a model that
    ///   cannot be fitted (too few complete rows).
    /// - Complexity: O(*n p²*) per station for *n* rows and *p* ≈ 80 design columns.
    public static func run(contentsOf path: String, pollutant: Pollutant, unit: ConcentrationUnit = .microgramsPerCubicMetre,
                           options: Options = Options()) throws(AirQualityError) -> [WeatherNormalization] {
        guard options.folds >= 2 else { throw .invalidSetting("held-out folds must be at least 2, got \(options.folds)") }
        if let repeated = options.meteorology.first(where: { name in options.meteorology.filter { $0 == name }.count > 1 }) {
            throw .invalidSetting("meteorological column '\(repeated)' is named twice")
        }
        let table: WideTable
        do { table = try WideTable.read(contentsOf: path) } catch { throw .data(error) }
        guard let dates = table.dates else {
            throw .missingColumn("date", available: table.columnNames)
        }
        let layout = try LongLayout(table, pollutant: pollutant, defaultUnit: unit, file: path)
        let unit = layout?.unit ?? unit
        let selected = layout?.rows ?? Array(0..<table.rowCount)
        let responseColumn: String
        if let layout {
            responseColumn = layout.valueColumn
        } else if let column = table.columnNames.first(where: { Pollutant(name: $0) == pollutant }) {
            responseColumn = column
        } else {
            throw .missingColumn(pollutant.name, available: table.columnNames)
        }
        for name in options.meteorology + [options.windDirection, options.windSpeed].compactMap({ $0 })
        where !table.columnNames.contains(name) {
            throw .missingColumn(name, available: table.columnNames)
        }
        let numeric: [[Double]]
        do { numeric = try table.columns(named: [responseColumn] + options.meteorology) } catch { throw .data(error) }
        var direction: [Double]?
        if let name = options.windDirection {
            direction = try windDirections(table, column: name, file: path)
        }
        var speed: [Double]?
        if let name = options.windSpeed {
            do { speed = try table.column(named: name) } catch { throw .data(error) }
        }
        let keyNames = table.columnNames.filter { ["city", "station"].contains($0.lowercased()) }
        let keyText: [[String]]
        do { keyText = try keyNames.map { name throws(DataError) in try table.textColumn(named: name) } } catch { throw .data(error) }
        var groups: [[String]: [Int]] = [:]
        var order: [[String]] = []
        for row in selected {
            let key = keyText.map { $0[row] }
            if groups[key] == nil { order.append(key) }
            groups[key, default: []].append(row)
        }
        var results: [WeatherNormalization] = []
        for key in order {
            let rows = groups[key] ?? []
            let seriesKey = SeriesKey(columns: keyNames, values: key)
            let input = Input(
                dates: rows.map { dates[$0] }, response: rows.map { numeric[0][$0] },
                meteorology: Dictionary(uniqueKeysWithValues: options.meteorology.enumerated().map { column, name in (name, rows.map { numeric[column + 1][$0] }) }),
                direction: direction.map { values in rows.map { values[$0] } }, speed: speed.map { values in rows.map { values[$0] } })
            results.append(try WeatherNormalization(key: seriesKey, pollutant: pollutant, unit: unit, input: input, options: options))
        }
        return results
    }

    /// The 16 compass points in degrees.
    static let compass: [String: Double] = {
        let names = ["N", "NNE", "NE", "ENE", "E", "ESE", "SE", "SSE", "S", "SSW", "SW", "WSW", "W", "WNW", "NW", "NNW"]
        return Dictionary(uniqueKeysWithValues: names.enumerated().map { ($1, Double($0) * 22.5) })
    }()

    /// Wind directions in degrees from a column of compass points (N … NNW) or degrees; empty
    /// and NA cells are missing; anything else is reported at its cell.
    static func windDirections(_ table: WideTable, column: String, file: String) throws(AirQualityError) -> [Double] {
        let text: [String]
        do { text = try table.textColumn(named: column) } catch { throw .data(error) }
        let position = (table.columnNames.firstIndex(of: column) ?? 0) + 1
        var diagnostics: [DataDiagnostic] = []
        let values = text.enumerated().map { row, cell -> Double in
            if cell.isEmpty || cell.uppercased() == "NA" { return .nan }
            if let degrees = compass[cell.uppercased()] ?? Double(cell), degrees.isFinite { return degrees }
            diagnostics.append(DataDiagnostic(
                file: file, line: table.line(ofRow: row), column: position,
                message: "column '\(column)': '\(cell)' is not a wind direction; write a 16-point compass direction (N, NNE, …, NNW) or degrees"))
            return .nan
        }
        guard diagnostics.isEmpty else { throw .data(.invalidData(diagnostics)) }
        return values
    }

    /// Where a long file keeps the pollutant's rows, values and unit.
    struct LongLayout {
        /// The rows of the pollutant, in file order.
        let rows: [Int]
        /// The column of the values (`value` or `y`).
        let valueColumn: String
        /// The unit of the values.
        let unit: ConcentrationUnit

        /// The layout of `table` when it is long (it has `pollutant` and `value` or `y`
        /// columns), else `nil`.
        init?(_ table: WideTable, pollutant: Pollutant, defaultUnit: ConcentrationUnit, file: String) throws(AirQualityError) {
            let names = table.columnNames
            guard let pollutantName = names.first(where: { $0.lowercased() == "pollutant" }),
                let valueColumn = names.first(where: { ["value", "y"].contains($0.lowercased()) })
            else { return nil }
            let unitName = names.first { $0.lowercased() == "unit" }
            let pollutants: [String], units: [String]?
            do {
                pollutants = try table.textColumn(named: pollutantName)
                units = try unitName.map { name throws(DataError) in try table.textColumn(named: name) }
            } catch { throw .data(error) }
            let column = { (name: String) in (names.firstIndex(of: name) ?? 0) + 1 }
            var diagnostics: [DataDiagnostic] = []
            var rows: [Int] = []
            var unit: (value: ConcentrationUnit, text: String)?
            for (row, name) in pollutants.enumerated() {
                guard let parsed = Pollutant(name: name) else {
                    diagnostics.append(DataDiagnostic(
                        file: file, line: table.line(ofRow: row), column: column(pollutantName), message: AirQualityError.unknownPollutant(name).description))
                    continue
                }
                guard parsed == pollutant else { continue }
                rows.append(row)
                guard let text = units?[row], !text.isEmpty, let unitName else { continue }
                guard let cellUnit = ConcentrationUnit(parsing: text) else {
                    diagnostics.append(DataDiagnostic(
                        file: file, line: table.line(ofRow: row), column: column(unitName), message: AirQualityError.unknownUnit(text).description))
                    continue
                }
                if let first = unit, first.value != cellUnit {
                    diagnostics.append(DataDiagnostic(
                        file: file, line: table.line(ofRow: row), column: column(unitName),
                        message: "\(pollutant.name) is in \(first.text) above and in \(text) here; normalisation needs one unit per file"))
                } else if unit == nil {
                    unit = (cellUnit, text)
                }
            }
            guard diagnostics.isEmpty else { throw .data(.invalidData(diagnostics)) }
            guard !rows.isEmpty else {
                let present = Set(pollutants.compactMap { Pollutant(name: $0) }).sorted().map(\.name)
                throw .noData("\(file): no \(pollutant.name) rows; the file has \(present.joined(separator: ", "))")
            }
            self.rows = rows
            self.valueColumn = valueColumn
            self.unit = unit?.value ?? defaultUnit
        }
    }

    /// The rows of one station.
    struct Input {
        var dates: [SeriesDate]
        var response: [Double]
        var meteorology: [String: [Double]]
        var direction: [Double]?
        var speed: [Double]?
    }
}

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

    /// Normalises every station of a file holding the pollutant and the meteorology, wide or long:
    /// ``Record/read(contentsOf:pollutant:unit:options:)`` then ``init(_:options:)`` per station.
    ///
    /// - Parameters:
    ///   - path: The CSV file.
    ///   - pollutant: The pollutant.
    ///   - unit: The unit of the pollutant's values when the file gives none.
    ///   - options: The meteorological columns and folds.
    ///   - progress: Told after each station, counting stations.
    /// - Returns: One normalisation per station, in file order.
    /// - Throws: As ``Record/read(contentsOf:pollutant:unit:options:)`` and ``init(_:options:)``.
    /// - Complexity: O(*n p²*) per station for *n* rows and *p* ≈ 80 design columns.
    public static func run(contentsOf path: String, pollutant: Pollutant, unit: ConcentrationUnit = .microgramsPerCubicMetre,
                           options: Options = Options(), progress: (any ProgressObserver)? = nil)
        throws(AirQualityError) -> [WeatherNormalization] {
        try run(try Record.read(contentsOf: path, pollutant: pollutant, unit: unit, options: options), options: options,
                progress: progress)
    }

    /// Normalises every station record, in order (``init(_:options:)`` on each).
    ///
    /// - Parameters:
    ///   - records: One record per station.
    ///   - options: The meteorological variables, wind terms, folds and scale.
    ///   - progress: Told after each record, counting records.
    /// - Returns: One normalisation per record.
    /// - Throws: As ``init(_:options:)``, for the first record that fails.
    /// - Complexity: O(*n p²*) per record for *n* rows and *p* ≈ 80 design columns.
    public static func run(_ records: [Record], options: Options = Options(), progress: (any ProgressObserver)? = nil)
        throws(AirQualityError) -> [WeatherNormalization] {
        var results: [WeatherNormalization] = []
        for record in records {
            results.append(try WeatherNormalization(record, options: options))
            progress?.observe(RunProgress(completed: results.count, total: records.count))
        }
        return results
    }

    /// Normalises one station's record held in memory.
    ///
    /// The model uses the record's meteorological variables named by ``Options/meteorology``, its
    /// wind directions when ``Options/windDirection`` names a term (the name labels the term in
    /// ``partialEffects``), and its wind speeds (``Record/windSpeed``, else the meteorological
    /// variable of that name) when ``Options/windSpeed`` does.
    ///
    /// ```swift
    /// let record = WeatherNormalization.Record(
    ///     pollutant: .no2, dates: dates, concentrations: no2, meteorology: ["TEMP": temperature])
    /// let result = try WeatherNormalization(record, options: .init(meteorology: ["TEMP"], windDirection: nil, windSpeed: nil))
    /// result.normalized   // the deweathered series on the dates' grid
    /// ```
    ///
    /// - Parameters:
    ///   - record: The station's dates, concentrations and meteorology.
    ///   - options: The meteorological variables, wind terms, folds and scale.
    /// - Throws: ``AirQualityError/missingColumn(_:available:)`` for a meteorological or wind
    ///   variable the options name and the record lacks; ``AirQualityError/invalidSetting(_:)``
    ///   for fewer than 2 folds, a variable named twice, a variable whose length differs from the
    ///   dates', dates that do not form a regular series, or a model that cannot be fitted (too
    ///   few complete rows).
    /// - Complexity: O(*n p²*) for *n* rows and *p* ≈ 80 design columns.
    public init(_ record: Record, options: Options = Options()) throws(AirQualityError) {
        try Self.check(options)
        let name = record.key.isEmpty ? record.pollutant.name : "\(record.key) \(record.pollutant.name)"
        let available = record.meteorology.keys.sorted()
            + [record.windDirection == nil ? nil : "wind direction", record.windSpeed == nil ? nil : "wind speed"].compactMap { $0 }
        var meteorology: [String: [Double]] = [:]
        for variable in options.meteorology {
            guard let values = record.meteorology[variable] else { throw .missingColumn(variable, available: available) }
            meteorology[variable] = values
        }
        var direction: [Double]?, speed: [Double]?
        if let variable = options.windDirection {
            guard let values = record.windDirection else { throw .missingColumn(variable, available: available) }
            direction = values
        }
        if let variable = options.windSpeed {
            guard let values = record.windSpeed ?? record.meteorology[variable] else { throw .missingColumn(variable, available: available) }
            speed = values
        }
        var lengths: [(variable: String, count: Int)] = [("concentrations", record.concentrations.count)]
        for (variable, values) in meteorology.sorted(by: { $0.key < $1.key }) { lengths.append((variable, values.count)) }
        if let direction { lengths.append(("wind direction", direction.count)) }
        if let speed { lengths.append(("wind speed", speed.count)) }
        if let wrong = lengths.first(where: { $0.count != record.dates.count }) {
            throw .invalidSetting("\(name): \(wrong.variable) has \(wrong.count) values for \(record.dates.count) dates; give one value per date")
        }
        let input = Input(dates: record.dates, response: record.concentrations, meteorology: meteorology, direction: direction, speed: speed)
        try self.init(key: record.key, pollutant: record.pollutant, unit: record.unit, input: input, options: options)
    }

    /// The settings' own problems: fewer than 2 folds, a meteorological variable named twice.
    static func check(_ options: Options) throws(AirQualityError) {
        guard options.folds >= 2 else { throw .invalidSetting("held-out folds must be at least 2, got \(options.folds)") }
        if let repeated = options.meteorology.first(where: { name in options.meteorology.filter { $0 == name }.count > 1 }) {
            throw .invalidSetting("meteorological column '\(repeated)' is named twice")
        }
    }

    /// The rows of one station, the meteorology restricted to the variables the model uses.
    struct Input {
        var dates: [SeriesDate]
        var response: [Double]
        var meteorology: [String: [Double]]
        var direction: [Double]?
        var speed: [Double]?
    }
}

import Foundation
import Forecasting
import Statistics

/// The long-term trend of a pollutant as openair's `TheilSen` reports it: the Theil–Sen slope of
/// the (deseasonalised) monthly means with a block-bootstrap confidence interval, and the
/// Mann–Kendall test.
///
/// Steps:
/// 1. The monthly means of the record (``Localization/Record/monthly``); months that miss the
///    capture rule are missing. Time is in decimal years, t = year + (month − 1)/12.
/// 2. With ``Deseasonalization/stl``, interior missing months are filled by linear interpolation
///    for the decomposition only, STL runs with period 12, a seasonal window of 35 and the robust
///    loop (openair's settings), and the seasonal component is subtracted from the observed
///    months. With ``Deseasonalization/none`` the monthly means are used as they are, so the slope
///    is exactly the median of all pairwise slopes of the monthly means.
/// 3. The slope (units per year) by `Statistics`' `TheilSen`, its interval by
///    `TheilSen.blockBootstrapInterval(x:y:level:blockLength:replicates:generator:)`
///    (blocks of ⌈n^{1/3}⌉ months by default, seeded), and the continuity-corrected
///    `MannKendall` p-value of the same monthly values.
/// 4. The p-value of ``Options/test``: by default Hamed & Rao's autocorrelation-corrected test on
///    deseasonalised values and the seasonal (Hirsch–Slack) test on monthly means as they are,
///    so that it answers the question the interval answers (the plain test ignores the serial
///    correlation the block bootstrap allows for). A warning says when the record is short for
///    the test, or when the p-value and the interval disagree about a trend.
public enum TrendAnalysis {
    /// How the seasonal cycle is removed before the slope.
    public enum Deseasonalization: String, CaseIterable, Sendable {
        /// No adjustment: the monthly means.
        case none
        /// STL with period 12, seasonal window 35, robust (openair's `deseason = TRUE`).
        case stl
    }

    /// The significance test of the trend.
    public enum Test: String, CaseIterable, Sendable {
        /// ``hamedRao`` on deseasonalised values, ``seasonal`` on monthly means as they are.
        case automatic = "auto"
        /// The plain Mann–Kendall test (no allowance for autocorrelation or a seasonal cycle).
        case mannKendall = "mann-kendall"
        /// Mann–Kendall with Hamed & Rao's (1998) correction for autocorrelation (`Statistics`'
        /// `HamedRaoMannKendall`, every lag).
        case hamedRao = "hamed-rao"
        /// The seasonal Mann–Kendall test of Hirsch & Slack, months as seasons
        /// (`Statistics`' `SeasonalMannKendall`).
        case seasonal
    }

    /// Settings of a trend analysis.
    public struct Options: Sendable, Equatable {
        /// How the seasonal cycle is removed. Default ``Deseasonalization/stl``.
        public var deseasonalization: Deseasonalization
        /// The confidence level of the interval, a percentage in (0, 100), as everywhere in the
        /// library. Default 95.
        public var level: Double
        /// The bootstrap replicates, at least 10. Default 1000.
        public var replicates: Int
        /// The block length in months; `nil` for ⌈n^{1/3}⌉.
        public var blockLength: Int?
        /// The seed of the bootstrap stream. Default 1.
        public var seed: UInt64
        /// The test behind ``Result/pValue``. Default ``Test/automatic``.
        public var test: Test = .automatic

        /// Creates trend settings.
        ///
        /// - Parameters:
        ///   - deseasonalization: How the seasonal cycle is removed.
        ///   - level: The confidence level in percent.
        ///   - replicates: The bootstrap replicates.
        ///   - blockLength: The block length in months, or `nil`.
        ///   - seed: The bootstrap seed.
        public init(deseasonalization: Deseasonalization = .stl, level: Double = 95, replicates: Int = 1000,
                    blockLength: Int? = nil, seed: UInt64 = 1) {
            self.deseasonalization = deseasonalization
            self.level = level
            self.replicates = replicates
            self.blockLength = blockLength
            self.seed = seed
        }
    }

    /// The trend of one record.
    public struct Result: Sendable, Equatable {
        /// The station's or city's key.
        public let key: SeriesKey
        /// The pollutant.
        public let pollutant: Pollutant
        /// The unit; the slope is in this unit per year.
        public let unit: ConcentrationUnit
        /// The Theil–Sen slope, unit per year.
        public let slopePerYear: Double
        /// The lower bound of the interval.
        public let lower: Double
        /// The upper bound of the interval.
        public let upper: Double
        /// The two-sided plain Mann–Kendall p-value (continuity-corrected), whatever ``test`` is.
        public let mannKendallP: Double
        /// The test that gave ``pValue`` (never ``Test/automatic``; ``Test/mannKendall`` when the
        /// Hamed–Rao correction or the seasonal test was not possible, with a warning).
        public let test: Test
        /// The two-sided p-value of ``test``.
        public let pValue: Double
        /// What the reader should know: a record too short for the test, the correction not
        /// possible, or a p-value and an interval that disagree about a trend.
        public let warnings: [String]
        /// Kendall's τ of the monthly values against time.
        public let tau: Double
        /// The months used (valid monthly means).
        public let months: Int
        /// The first and last month of the record.
        public let start: SeriesDate, end: SeriesDate
        /// The monthly values the slope was fitted to (deseasonalised when asked), `NaN` where missing.
        public let values: [Double]
    }

    /// Analyses the trend of a monthly record.
    ///
    /// - Parameters:
    ///   - key: The key of the record.
    ///   - pollutant: The pollutant.
    ///   - unit: The unit of the values.
    ///   - monthly: The monthly means in calendar order (``Localization/Record/monthly``).
    ///   - options: Deseasonalisation and bootstrap settings.
    /// - Returns: The slope, interval and test.
    /// - Throws: ``AirQualityError/noData(_:)`` with fewer than 3 valid months, or fewer than 25
    ///   months between the first and last valid month for STL; ``AirQualityError/invalidSetting(_:)``
    ///   for a level, block length or replicate count out of range.
    /// - Complexity: O(B · n² log n) for B replicates of n months.
    public static func analyze(key: SeriesKey, pollutant: Pollutant, unit: ConcentrationUnit, monthly: [PeriodStatistic],
                               options: Options = Options()) throws(AirQualityError) -> Result {
        let name = key.isEmpty ? pollutant.name : "\(key) \(pollutant.name)"
        guard options.level > 0, options.level < 100 else {
            throw .invalidSetting("\(name): the interval level is a percentage strictly between 0 and 100, got \(options.level)")
        }
        guard let first = monthly.firstIndex(where: \.isValid), let last = monthly.lastIndex(where: \.isValid) else {
            throw .noData("\(name): no month meets the data-capture rule, so there is no trend to estimate")
        }
        let span = monthly[first...last]
        var values = span.map(\.validMean)
        let time = span.map { Double($0.date.year) + Double($0.date.month - 1) / 12 }
        let valid = values.filter { !$0.isNaN }.count
        guard valid >= 3 else { throw .noData("\(name): \(valid) valid months; a trend needs at least 3") }
        if options.deseasonalization == .stl {
            guard values.count > 24 else {
                throw .recordTooShortToDeseasonalize(series: name, months: values.count)
            }
            let filled = interpolated(values)
            do {
                let stl = try STL(filled, period: 12, seasonalWindow: .span(35), robust: true)
                values = zip(values, stl.seasonal).map { $0.isNaN ? .nan : $0 - $1 }
            } catch {
                throw .noData("\(name): STL failed: \(error)")
            }
        }
        do {
            let fit = try TheilSen(x: time, y: values)
            var generator = SeededGenerator(seed: options.seed)
            let interval = try TheilSen.blockBootstrapInterval(
                x: time, y: values, level: options.level / 100, blockLength: options.blockLength, replicates: options.replicates,
                generator: &generator)
            let test = try MannKendall(values)
            var warnings: [String] = []
            let (used, p) = try significance(values, plain: test, options: options, warnings: &warnings)
            let alpha = 1 - options.level / 100
            if (p < alpha) != (interval.lower > 0 || interval.upper < 0) {
                let numbers = [p, interval.lower, interval.upper].map { String(format: "%.3g", $0) }
                warnings.append("the \(used.rawValue) p-value \(numbers[0]) and the \(String(format: "%g", options.level))% interval "
                                + "\(numbers[1]) to \(numbers[2]) disagree about a trend")
            }
            return Result(
                key: key, pollutant: pollutant, unit: unit, slopePerYear: fit.slope, lower: interval.lower,
                upper: interval.upper, mannKendallP: test.pValue, test: used, pValue: p, warnings: warnings,
                tau: test.tau, months: valid, start: span[span.startIndex].date, end: span[span.endIndex - 1].date,
                values: values)
        } catch {
            throw .invalidSetting("\(name): \(error.description)")
        }
    }

    /// The chosen test's p-value, with warnings for a short record or a correction that failed.
    static func significance(_ values: [Double], plain: MannKendall, options: Options,
                             warnings: inout [String]) throws(StatisticsError) -> (Test, Double) {
        var test = options.test
        if test == .automatic { test = options.deseasonalization == .stl ? .hamedRao : .seasonal }
        switch test {
        case .seasonal:
            guard let seasonal = try? SeasonalMannKendall(values, seasonLength: 12) else {
                warnings.append("the seasonal test needs a calendar month seen in two years; the plain Mann–Kendall p-value is given")
                return (.mannKendall, plain.pValue)
            }
            if values.count < 36 {
                warnings.append("the seasonal test compares each month across fewer than 3 years; it has little power")
            }
            return (.seasonal, seasonal.pValue)
        case .hamedRao:
            if plain.count < 10 { warnings.append("fewer than 10 months: the test's normal approximation is rough") }
            do {
                return (.hamedRao, try HamedRaoMannKendall(values).pValue)
            } catch {
                warnings.append("the Hamed–Rao correction is not possible (\(error.description)); the plain Mann–Kendall p-value is given")
                return (.mannKendall, plain.pValue)
            }
        case .mannKendall, .automatic:
            if plain.count < 10 { warnings.append("fewer than 10 months: the test's normal approximation is rough") }
            return (.mannKendall, plain.pValue)
        }
    }

    /// Linear interpolation of interior `NaN` values (the ends are valid by construction).
    static func interpolated(_ values: [Double]) -> [Double] {
        var result = values
        var previous: Int?
        for index in values.indices where !values[index].isNaN {
            if let previous, index - previous > 1 {
                for gap in (previous + 1)..<index {
                    let weight = Double(gap - previous) / Double(index - previous)
                    result[gap] = values[previous] + weight * (values[index] - values[previous])
                }
            }
            previous = index
        }
        return result
    }
}

extension TrendAnalysis {
    /// The document of `urbancast air trend --format json`; its coding keys are the contract:
    /// `{"results": [{"key", "pollutant", "unit", "slopePerYear", "lower95", "upper95",
    /// "mannKendallP", "test", "pValue", "warnings", "tau", "months", "start", "end"}]}` (the bound names follow the 95 %
    /// default level). Non-finite numbers are written as `null`.
    public struct Document: Codable, Sendable {
        /// One series' trend.
        public struct Result: Codable, Sendable {
            /// The series key, as an object of column → value.
            public var key: SeriesKey
            /// The pollutant's name.
            public var pollutant: String
            /// The unit's symbol.
            public var unit: String
            /// The Theil–Sen slope, in the unit per year.
            public var slopePerYear: Double
            /// The lower bound of the slope's interval.
            public var lower95: Double
            /// The upper bound of the slope's interval.
            public var upper95: Double
            /// The plain Mann–Kendall p-value.
            public var mannKendallP: Double
            /// The test behind `pValue`: `hamed-rao`, `seasonal` or `mann-kendall`.
            public var test: String?
            /// The two-sided p-value of `test`.
            public var pValue: Double?
            /// Warnings about the test (omitted when there are none).
            public var warnings: [String]?
            /// Kendall's τ.
            public var tau: Double
            /// The months used.
            public var months: Int
            /// The first month.
            public var start: SeriesDate
            /// The last month.
            public var end: SeriesDate

            /// The contract form of `result`.
            public init(_ result: TrendAnalysis.Result) {
                key = result.key
                pollutant = result.pollutant.name
                unit = result.unit.symbol
                slopePerYear = result.slopePerYear
                lower95 = result.lower
                upper95 = result.upper
                mannKendallP = result.mannKendallP
                test = result.test.rawValue
                pValue = result.pValue
                warnings = result.warnings.isEmpty ? nil : result.warnings
                tau = result.tau
                months = result.months
                start = result.start
                end = result.end
            }
        }

        /// The trends, in the order analysed.
        public var results: [Result]

        /// The document of `results`.
        ///
        /// - Complexity: O(results).
        public init(_ results: [TrendAnalysis.Result]) {
            self.results = results.map(Result.init)
        }
    }
}

extension TrendAnalysis {
    /// A fixed-width table of results: key, pollutant, slope per year with its interval, the
    /// chosen test's p-value and name, the months used and the span; then the warnings.
    ///
    /// - Complexity: O(results).
    public static func table(_ results: [Result]) -> String {
        var rows = [["key", "pollutant", "slope/year", "lower95", "upper95", "p", "test", "months", "span", "unit"]]
        for result in results {
            rows.append([
                result.key.isEmpty ? "-" : result.key.description, result.pollutant.name,
                String(format: "%.3f", result.slopePerYear), String(format: "%.3f", result.lower),
                String(format: "%.3f", result.upper), String(format: "%.4g", result.pValue), result.test.rawValue,
                String(result.months),
                "\(result.start) to \(result.end)", "\(result.unit.symbol) per year",
            ])
        }
        let notes = results.flatMap { result in
            result.warnings.map { "\(result.key.isEmpty ? "-" : result.key.description) \(result.pollutant.name): \($0)" }
        }
        return (TextTable.render(rows) + (notes.isEmpty ? [] : [""] + notes)).joined(separator: "\n")
    }
}

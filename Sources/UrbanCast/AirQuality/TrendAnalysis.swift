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
public enum TrendAnalysis {
    /// How the seasonal cycle is removed before the slope.
    public enum Deseasonalization: String, CaseIterable, Sendable {
        /// No adjustment: the monthly means.
        case none
        /// STL with period 12, seasonal window 35, robust (openair's `deseason = TRUE`).
        case stl
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
        /// The two-sided Mann–Kendall p-value (continuity-corrected).
        public let mannKendallP: Double
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
            return Result(
                key: key, pollutant: pollutant, unit: unit, slopePerYear: fit.slope, lower: interval.lower,
                upper: interval.upper, mannKendallP: test.pValue, tau: test.tau, months: valid,
                start: span[span.startIndex].date, end: span[span.endIndex - 1].date, values: values)
        } catch {
            throw .invalidSetting("\(name): \(error.description)")
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
    /// "mannKendallP", "tau", "months", "start", "end"}]}` (the bound names follow the 95 %
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
            /// The Mann–Kendall p-value.
            public var mannKendallP: Double
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
    /// Mann–Kendall p-value, the months used and the span.
    ///
    /// - Complexity: O(results).
    public static func table(_ results: [Result]) -> String {
        var rows = [["key", "pollutant", "slope/year", "lower95", "upper95", "Mann-Kendall p", "months", "span", "unit"]]
        for result in results {
            rows.append([
                result.key.isEmpty ? "-" : result.key.description, result.pollutant.name,
                String(format: "%.3f", result.slopePerYear), String(format: "%.3f", result.lower),
                String(format: "%.3f", result.upper), String(format: "%.4g", result.mannKendallP), String(result.months),
                "\(result.start) to \(result.end)", "\(result.unit.symbol) per year",
            ])
        }
        return TextTable.render(rows).joined(separator: "\n")
    }
}

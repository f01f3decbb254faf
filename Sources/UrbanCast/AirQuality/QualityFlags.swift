import Forecasting
import Statistics

/// Settings of the automatic quality checks run on station data before any statistic.
///
/// Three checks, each reported and never silent:
/// - **negative values**: a concentration below zero is not physical; it is listed and, by
///   default, excluded from every statistic (``excludesNegativeValues``).
/// - **constant runs**: at least ``constantRunLength`` consecutive identical readings, the
///   signature of a stuck instrument or a filled gap; listed once per run and kept.
/// - **spikes**: a Hampel filter, flagging a value x whose distance from the median m of the
///   centred window of ±``spikeHalfWindow`` periods exceeds ``spikeThreshold`` × 1.4826 × MAD
///   (the MAD scaled to a normal standard deviation); listed and kept. Windows with fewer than
///   ``spikeHalfWindow`` + 1 readings or a MAD of zero flag nothing.
public struct QualityChecks: Sendable, Equatable {
    /// Whether negative values are excluded (as missing) from statistics. Default `true`.
    public var excludesNegativeValues: Bool
    /// The shortest run of identical consecutive readings that is flagged, at least 2. Default 12.
    public var constantRunLength: Int
    /// The half-width of the spike window, in periods, at least 1. Default 12 (a day of hours).
    public var spikeHalfWindow: Int
    /// The spike threshold in scaled MADs, positive. Default 6.
    public var spikeThreshold: Double

    /// Creates quality-check settings.
    ///
    /// - Parameters:
    ///   - excludesNegativeValues: Whether negative readings are excluded from statistics.
    ///   - constantRunLength: The shortest flagged run of identical readings, ≥ 2.
    ///   - spikeHalfWindow: The half-width of the Hampel window, ≥ 1.
    ///   - spikeThreshold: The Hampel threshold in scaled MADs, > 0.
    /// - Throws: ``AirQualityError/invalidSetting(_:)`` naming a setting out of range.
    public init(excludesNegativeValues: Bool = true, constantRunLength: Int = 12, spikeHalfWindow: Int = 12,
                spikeThreshold: Double = 6) throws(AirQualityError) {
        guard constantRunLength >= 2 else {
            throw .invalidSetting("constant-run length must be at least 2 readings, got \(constantRunLength)")
        }
        guard spikeHalfWindow >= 1 else {
            throw .invalidSetting("spike half-window must be at least 1 period, got \(spikeHalfWindow)")
        }
        guard spikeThreshold.isFinite, spikeThreshold > 0 else {
            throw .invalidSetting("spike threshold must be a positive number of MADs, got \(spikeThreshold)")
        }
        self.excludesNegativeValues = excludesNegativeValues
        self.constantRunLength = constantRunLength
        self.spikeHalfWindow = spikeHalfWindow
        self.spikeThreshold = spikeThreshold
    }

    /// The defaults: exclude negatives, runs of 12, ±12-period window, 6 scaled MADs.
    public static let standard = QualityChecks(checked: ())

    private init(checked: Void) {
        excludesNegativeValues = true
        constantRunLength = 12
        spikeHalfWindow = 12
        spikeThreshold = 6
    }
}

/// One finding of the quality checks on a station series.
public struct QualityFlag: Sendable, Equatable {
    /// What was found.
    public enum Kind: String, Codable, Sendable, CaseIterable {
        /// A negative reading.
        case negative
        /// A run of identical readings.
        case constantRun
        /// A reading far from its neighbours (Hampel filter).
        case spike
    }

    /// What was found.
    public let kind: Kind
    /// The date of the reading, or of the first reading of a run.
    public let date: SeriesDate
    /// The reading (the repeated value for a run).
    public let value: Double
    /// The number of readings: 1, or the length of a run.
    public let count: Int
    /// Whether the readings are excluded from statistics.
    public let isExcluded: Bool
}

/// A flag travels in JSON as `{"kind", "date", "value", "count", "excluded"}`, the form of
/// `urbancast air localize --flags --format json`.
extension QualityFlag: Codable {
    private enum CodingKeys: String, CodingKey {
        case kind, date, value, count
        case isExcluded = "excluded"
    }
}

extension QualityChecks {
    /// Runs the checks on `series` and returns the flags with the values the statistics use
    /// (excluded readings set to `NaN`).
    ///
    /// - Parameter series: A station series on its regular grid.
    /// - Returns: The flags in date order (runs and spikes may overlap) and the cleaned values.
    /// - Complexity: O(*n* · *w* log *w*) for *n* periods and a window of *w* = 2·half-window + 1.
    public func apply(to series: TimeSeries) -> (flags: [QualityFlag], values: [Double]) {
        var values = series.values
        var flags: [(index: Int, flag: QualityFlag)] = []
        func flag(_ kind: QualityFlag.Kind, _ index: Int, count: Int = 1, excluded: Bool = false) {
            flags.append((index, QualityFlag(
                kind: kind, date: series.date(at: index), value: series.values[index], count: count, isExcluded: excluded)))
        }
        for (index, value) in series.values.enumerated() where value < 0 {
            flag(.negative, index, excluded: excludesNegativeValues)
            if excludesNegativeValues { values[index] = .nan }
        }
        guard !values.isEmpty else { return ([], values) }
        var runStart = 0
        for index in 1...values.count where index == values.count || values[index] != values[runStart] || values[index].isNaN {
            let length = index - runStart
            if length >= constantRunLength, !values[runStart].isNaN { flag(.constantRun, runStart, count: length) }
            runStart = index
        }
        var window: [Double] = []
        window.reserveCapacity(2 * spikeHalfWindow + 1)
        var deviations = window
        for index in values.indices where !values[index].isNaN {
            window.removeAll(keepingCapacity: true)
            for j in max(0, index - spikeHalfWindow)...min(values.count - 1, index + spikeHalfWindow) where !values[j].isNaN {
                window.append(values[j])
            }
            guard window.count > spikeHalfWindow else { continue }
            let median = Self.median(&window)
            deviations.removeAll(keepingCapacity: true)
            for v in window { deviations.append(abs(v - median)) }
            let mad = 1.4826 * Self.median(&deviations)
            if mad > 0, abs(values[index] - median) > spikeThreshold * mad { flag(.spike, index) }
        }
        return (flags.sorted { ($0.index, $0.flag.kind.rawValue) < ($1.index, $1.flag.kind.rawValue) }.map(\.flag), values)
    }

    /// The median of a non-empty buffer, sorting it in place (no allocation).
    private static func median(_ buffer: inout [Double]) -> Double {
        buffer.sort()
        let middle = buffer.count / 2
        return buffer.count % 2 == 1 ? buffer[middle] : (buffer[middle - 1] + buffer[middle]) / 2
    }
}

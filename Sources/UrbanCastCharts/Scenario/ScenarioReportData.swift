import Foundation
import UrbanCast

/// What a scenario run's charts and report are drawn from: the run's typed results
/// (``ScenarioRun/Results``) and each indicator's observed history.
///
/// A run folder written with a report holds it as `results.json` (`Schemas/scenario-results.schema.json`),
/// so `urbancast report` can draw the charts again without re-running the scenarios. Encoded with
/// sorted keys (so `schemaVersion` is not first) and a non-finite number written as the text
/// `"NaN"`, `"Infinity"` or `"-Infinity"` (not `null` as in the other documents: the file is read
/// back exactly, and Foundation's decoder cannot read `null` into an array of numbers).
public struct ScenarioReportData: Codable, Sendable, Equatable {
    /// The name of the file a run folder holds it in.
    public static let fileName = "results.json"

    /// The JSON contract's version (``JSONContract/schemaVersion`` when written).
    public var schemaVersion: String = JSONContract.schemaVersion

    /// The run's results.
    public var results: ScenarioRun.Results
    /// Each indicator's observed yearly history, by indicator name.
    public var history: [String: YearlySeries]
    /// The LMDI decomposition of each indicator's central path in each scenario
    /// (``ScenarioRun/decompositions``); `nil` in results written before it was recorded.
    public var decompositions: [ScenarioRun.Decomposition]?
    /// Each hindcast that could be computed: the model refitted without the last years of
    /// history against what was observed in them; `nil` in results written before it was recorded.
    public var hindcasts: [Hindcast]?
    /// Every facility in every scenario (``ScenarioRun/infrastructure``), for the capacity and
    /// exceedance charts; `nil` when the run has no `infrastructure:`.
    public var infrastructure: [InfrastructureOutcome]? = nil

    /// A hindcast's path: a driver's or indicator's projection over held-out years against the
    /// observations.
    public struct Hindcast: Codable, Sendable, Equatable {
        /// `drivers.NAME` or `indicators.NAME`.
        public var name: String
        /// The first held-out year.
        public var firstYear: Int
        /// The observed values, one per held-out year.
        public var observed: [Double]
        /// The projection from the model fitted on the years before `firstYear`.
        public var projected: [Double]

        /// A hindcast path.
        ///
        /// - Parameters:
        ///   - name: `drivers.NAME` or `indicators.NAME`.
        ///   - firstYear: The first held-out year.
        ///   - observed: The observed values.
        ///   - projected: The projection, as many values.
        public init(name: String, firstYear: Int, observed: [Double], projected: [Double]) {
            self.name = name
            self.firstYear = firstYear
            self.observed = observed
            self.projected = projected
        }
    }

    /// The data of a finished run.
    ///
    /// - Parameter run: The run.
    public init(_ run: ScenarioRun) {
        let results = run.results
        self.results = results
        var history: [String: YearlySeries] = [:]
        for indicator in Set(results.indicators.map(\.indicator)) {
            if let series = run.history(indicator: indicator) { history[indicator] = series }
        }
        self.history = history
        decompositions = run.decompositions
        hindcasts = run.hindcasts.compactMap { h in
            guard let observed = h.observed, let projected = h.projected else { return nil }
            return Hindcast(name: h.name, firstYear: h.years.lowerBound, observed: observed, projected: projected)
        }
        infrastructure = run.infrastructure.isEmpty ? nil : run.infrastructure
    }

    /// Data from its parts (results computed or decoded elsewhere).
    ///
    /// - Parameters:
    ///   - results: The run's results.
    ///   - history: Each indicator's observed history, by name.
    ///   - decompositions: The LMDI decompositions, or `nil`.
    ///   - hindcasts: The hindcast paths, or `nil`.
    public init(results: ScenarioRun.Results, history: [String: YearlySeries],
                decompositions: [ScenarioRun.Decomposition]? = nil, hindcasts: [Hindcast]? = nil) {
        self.results = results
        self.history = history
        self.decompositions = decompositions
        self.hindcasts = hindcasts
    }

    /// The JSON text, sorted keys, NaN and infinities as `"NaN"`, `"Infinity"`, `"-Infinity"`.
    ///
    /// - Throws: `EncodingError` if a value cannot be encoded.
    /// - Returns: The JSON text and a final line break.
    public func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        return String(decoding: try encoder.encode(self), as: UTF8.self) + "\n"
    }

    /// Reads data written by ``json()``.
    ///
    /// - Parameter data: The JSON bytes.
    /// - Throws: `DecodingError` for anything that is not such a file.
    public init(json data: Data) throws {
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(
            positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        self = try decoder.decode(Self.self, from: data)
    }
}

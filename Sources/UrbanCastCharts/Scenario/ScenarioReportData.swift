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
    }

    /// Data from its parts (results computed or decoded elsewhere).
    ///
    /// - Parameters:
    ///   - results: The run's results.
    ///   - history: Each indicator's observed history, by name.
    public init(results: ScenarioRun.Results, history: [String: YearlySeries]) {
        self.results = results
        self.history = history
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

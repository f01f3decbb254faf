import Foundation

/// The peers' speed and accuracy on one input set, as `Benchmarks/compare/compare.py` records
/// them (`compare_SET_DATE.json`): for each model and engine (`urbancast`, `r`,
/// `statsforecast`), the fit + forecast seconds per series and the mean sMAPE and MASE, scored
/// the same way for every engine.
///
/// ```swift
/// let peers = try BenchPeerResults(json: Data(contentsOf: url))
/// peers.entries.first { $0.model == "auto-arima" && $0.engine == "r" }?.medianSeconds
/// ```
public struct BenchPeerResults: Sendable, Equatable {
    /// One engine's results for one model.
    public struct Entry: Sendable, Equatable {
        /// The model, as urbancast names it (`auto-arima`).
        public var model: String
        /// The engine (`urbancast`, `r`, `statsforecast`).
        public var engine: String
        /// The median wall-clock seconds of fit + forecast per series.
        public var medianSeconds: Double
        /// The mean over series of sMAPE (percent, 0–200).
        public var smape: Double
        /// The mean over series of MASE.
        public var mase: Double
        /// Series whose model failed.
        public var failed: Int
    }

    /// The input set's name (`m3-monthly-100`).
    public var set: String
    /// The series in the set.
    public var series: Int
    /// The held-out horizon.
    public var horizon: Int
    /// Every model's engines, models and engines in alphabetical order.
    public var entries: [Entry]

    private struct Document: Decodable {
        struct Engine: Decodable {
            var medianSeconds: Double?
            var smape: Double?
            var mase: Double?
            var failed: Int?
        }

        var set: String
        var series: Int
        var horizon: Int
        var models: [String: [String: Engine]]
    }

    /// Reads a results file of `compare.py`.
    ///
    /// - Parameter data: The JSON bytes.
    /// - Throws: `DecodingError` for a file without `set`, `series`, `horizon` and `models`; a
    ///   missing number (a peer that failed outright) is NaN.
    /// - Complexity: O(models × engines).
    public init(json data: Data) throws {
        let document = try JSONDecoder().decode(Document.self, from: data)
        set = document.set
        series = document.series
        horizon = document.horizon
        entries = document.models.keys.sorted().flatMap { model in
            let engines = document.models[model] ?? [:]
            return engines.keys.sorted().map { name in
                let e = engines[name]
                return Entry(model: model, engine: name, medianSeconds: e?.medianSeconds ?? .nan, smape: e?.smape ?? .nan,
                             mase: e?.mase ?? .nan, failed: e?.failed ?? 0)
            }
        }
    }
}

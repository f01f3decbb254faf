import Forecasting
import Foundation

/// A forecast run on a long-format series file, as `urbancast forecast` performs it: read and
/// validate the file, select series, forecast each in parallel, and report in input order.
public struct ForecastRun: Sendable {
    /// What to forecast.
    public struct Request: Sendable {
        /// The long-format series file.
        public var file: String
        /// The model for every series.
        public var model: ModelSpecification
        /// Steps ahead.
        public var horizon: Int
        /// Interval levels in percent.
        public var levels: [Double]
        /// Season length for every series instead of the frequency's default.
        public var seasonLength: Int?
        /// Keep series whose key column equals the value; all must hold.
        public var filters: [(column: String, value: String)]
        /// Box–Cox transform before fitting.
        public var boxCox: BoxCoxChoice?
        /// Report bias-adjusted means after a transform.
        public var biasAdjusted: Bool
        /// A model for series where `model` fails.
        public var fallback: ModelSpecification?
        /// Seed of the random streams (simulated intervals).
        public var seed: UInt64
        /// Regressor columns of the history file (regression with ARIMA errors), or empty.
        public var regressors: [String]
        /// The file with the regressors' values over the forecast horizon (needed with `regressors`).
        public var futureFile: String?
        /// Bounds on the file's columns, repeated diagnostics and missing periods.
        public var limits = InputLimits()

        /// A request with R's default levels (80 and 95) and seed 1.
        public init(file: String, model: ModelSpecification, horizon: Int, levels: [Double] = [80, 95],
                    seasonLength: Int? = nil, filters: [(column: String, value: String)] = [],
                    boxCox: BoxCoxChoice? = nil, biasAdjusted: Bool = false, fallback: ModelSpecification? = nil,
                    seed: UInt64 = 1, regressors: [String] = [], futureFile: String? = nil) {
            self.file = file
            self.model = model
            self.horizon = horizon
            self.levels = levels
            self.seasonLength = seasonLength
            self.filters = filters
            self.boxCox = boxCox
            self.biasAdjusted = biasAdjusted
            self.fallback = fallback
            self.seed = seed
            self.regressors = regressors
            self.futureFile = futureFile
        }
    }

    /// One forecast series in the output.
    public struct Row: Sendable {
        /// The series key.
        public let key: SeriesKey
        /// The dates of the forecast steps.
        public let dates: [SeriesDate]
        /// The outcome (model, forecast or error).
        public let outcome: BatchOutcome
    }

    /// The request.
    public let request: Request
    /// One row per selected series, in file order.
    public let rows: [Row]

    /// Read the file and forecast every selected series.
    ///
    /// - Parameters:
    ///   - request: the file, model, horizon, levels and filters.
    ///   - progress: called with (completed, total) as series finish.
    /// - Throws: `ForecastRunError.data` with every problem in the file as `FILE:LINE:COLUMN`;
    ///   `.noSeries` when the filters select nothing. A series whose model fails does not throw: its
    ///   error is on its row.
    /// - Complexity: the sum of the fits, spread over the cores.
    public init(_ request: Request, progress: (@Sendable (Int, Int) -> Void)? = nil) async throws(ForecastRunError) {
        self.request = request
        let all: [KeyedSeries]
        do {
            all = try LongFormat.read(contentsOf: request.file, options: LongFormat.Options(
                seasonLength: request.seasonLength, ignoresUnknownColumns: !request.regressors.isEmpty, limits: request.limits))
        } catch {
            throw .data(error.description)
        }
        let selected = all.filter { keyed in request.filters.allSatisfy { keyed.key[$0.column] == $0.value } }
        guard !selected.isEmpty else {
            let text = request.filters.map { "\($0.column)=\($0.value)" }.joined(separator: " ")
            throw .noSeries("\(request.file): no series match \(text)")
        }
        var inputs = selected.map { BatchSeries(values: $0.series.values, seasonLength: $0.series.seasonLength) }
        if !request.regressors.isEmpty {
            guard let futureFile = request.futureFile else {
                throw .data("regressors need a file of their values over the forecast horizon (Request.futureFile)")
            }
            let history = try RegressorAlignment(file: request.file, regressors: request.regressors)
            let future = try RegressorAlignment(file: futureFile, regressors: request.regressors)
            for (k, keyed) in selected.enumerated() {
                inputs[k].regressors = try history.values(for: keyed.key, at: keyed.series.dates, regressors: request.regressors)
                inputs[k].futureRegressors = try future.values(
                    for: keyed.key, at: keyed.series.futureDates(horizon: request.horizon), regressors: request.regressors)
            }
        }
        let outcomes = await BatchForecaster.run(
            inputs, model: request.model, horizon: request.horizon, levels: request.levels, fallback: request.fallback,
            boxCox: request.boxCox, biasAdjusted: request.biasAdjusted, seed: request.seed, progress: progress)
        rows = zip(selected, outcomes).map { keyed, outcome in
            Row(key: keyed.key, dates: keyed.series.futureDates(horizon: request.horizon), outcome: outcome)
        }
    }
}

/// Why a forecast run failed as a whole; the message is ready to print.
public enum ForecastRunError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Problems in the file, one per line as `FILE:LINE:COLUMN: message`.
    case data(String)
    /// The filters selected no series.
    case noSeries(String)

    /// A sentence for people: what went wrong or what the value is.
    public var description: String {
        switch self {
        case let .data(message), let .noSeries(message): message
        }
    }
}

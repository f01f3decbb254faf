import Foundation
import Statistics

/// One series of a batch: its values (NaN for missing), season length, and optional regressors.
public struct BatchSeries: Sendable, Equatable {
    /// Observations, oldest first.
    public var values: [Double]
    /// Observations per season (1 for none).
    public var seasonLength: Int
    /// Exogenous regressors over the history (regression with ARIMA errors), one value per observation.
    public var regressors: [ARIMARegressor]
    /// The regressors' values over the forecast horizon, in the same order.
    public var futureRegressors: [ARIMARegressor]
    /// The random stream of the series' simulated intervals, or `nil` for its position in the
    /// batch: a part of a larger batch (a shard) keeps the streams the whole batch would give.
    public var stream: Int?

    /// A batch member.
    public init(values: [Double], seasonLength: Int, regressors: [ARIMARegressor] = [],
                futureRegressors: [ARIMARegressor] = []) {
        self.values = values
        self.seasonLength = seasonLength
        self.regressors = regressors
        self.futureRegressors = futureRegressors
    }
}

/// What happened to one series of a batch.
public struct BatchOutcome: Sendable {
    /// The fitted model's summary (of the fallback when it was used), or `nil` on failure.
    public let summary: ModelSummary?
    /// The forecast, or `nil` on failure.
    public let forecast: Forecast?
    /// Why the requested model failed, when it did (also set when a fallback then succeeded).
    public let error: ForecastingError?
    /// The fallback model that produced the forecast, when one was needed.
    public let fallback: ModelSpecification?
    /// One-step-ahead fitted values on the history, on the data's scale (NaN where undefined);
    /// empty on failure.
    public let fittedValues: [Double]
    /// Residuals `y − ŷ` on the history (NaN where undefined); empty on failure.
    public let residuals: [Double]

    init(summary: ModelSummary?, forecast: Forecast?, error: ForecastingError?, fallback: ModelSpecification?,
         fittedValues: [Double] = [], residuals: [Double] = []) {
        self.summary = summary
        self.forecast = forecast
        self.error = error
        self.fallback = fallback
        self.fittedValues = fittedValues
        self.residuals = residuals
    }
}

/// How a batch transforms each series before fitting.
public enum BoxCoxChoice: Sendable, Equatable {
    /// A fixed power λ for every series.
    case fixed(Double)
    /// Guerrero's λ per series on [−0.9, 2], as R's `lambda = "auto"`.
    case guerrero
}

/// Forecast many series in parallel, in input order, isolating failures.
///
/// Series are fitted concurrently on up to `concurrency` tasks (OpenBLAS itself runs one thread,
/// docs/DESIGN.md); outcomes come back in input order. A series whose model fails does not stop the
/// batch: its error is kept on its row and, if a fallback is named, the fallback forecasts it.
/// Randomness (simulated intervals) uses the stream `SeededGenerator(seed: seed).split(stream: i)`
/// for series `i` (or its ``BatchSeries/stream``), so results do not depend on the number of threads.
public enum BatchForecaster {
    /// Run a batch.
    ///
    /// - Parameters:
    ///   - series: the inputs.
    ///   - model: the model for every series.
    ///   - horizon: steps ahead.
    ///   - levels: interval levels in percent.
    ///   - fallback: a model to use where `model` fails, or `nil`.
    ///   - boxCox: transform each series before fitting (and back-transform its forecasts), or `nil`.
    ///   - biasAdjusted: with a transform, report means rather than medians.
    ///   - seed: the seed of the random streams.
    ///   - concurrency: the most series fitted at once; default the number of active processors.
    ///   - progress: told after each completed series, with the total number of series.
    /// - Returns: one outcome per input, in input order.
    /// - Throws: `CancellationError` when the calling task is cancelled before every series is
    ///   forecast; no series is started after the cancellation is seen.
    /// - Complexity: the sum of the fits, divided by `concurrency` when the machine allows.
    public static func run(_ series: [BatchSeries], model: ModelSpecification, horizon: Int, levels: [Double],
                           fallback: ModelSpecification? = nil, boxCox: BoxCoxChoice? = nil,
                           biasAdjusted: Bool = false, seed: UInt64 = 1,
                           concurrency: Int = ProcessInfo.processInfo.activeProcessorCount,
                           progress: (any ProgressObserver)? = nil) async throws(CancellationError) -> [BatchOutcome] {
        let total = series.count
        var outcomes = [BatchOutcome?](repeating: nil, count: total)
        let root = SeededGenerator(seed: seed)
        var completed = 0
        let finished = await forEachConcurrently(total, width: concurrency) { index in
            forecastOne(series[index], model: model, horizon: horizon, levels: levels, fallback: fallback,
                        boxCox: boxCox, biasAdjusted: biasAdjusted, generator: root.split(stream: series[index].stream ?? index))
        } receive: { index, outcome in
            outcomes[index] = outcome
            completed += 1
            progress?.observe(RunProgress(completed: completed, total: total))
            return true
        }
        guard finished else { throw CancellationError() }
        return outcomes.map { $0 ?? BatchOutcome(summary: nil, forecast: nil, error: .numerical("not run"), fallback: nil) }
    }

    /// Fit and forecast one series, trying the fallback on failure.
    static func forecastOne(_ input: BatchSeries, model: ModelSpecification, horizon: Int, levels: [Double],
                            fallback: ModelSpecification?, boxCox: BoxCoxChoice?, biasAdjusted: Bool,
                            generator: SeededGenerator) -> BatchOutcome {
        var generator = generator
        func fitRaw(_ specification: ModelSpecification, _ values: [Double]) throws(ForecastingError) -> any FittedForecaster {
            if input.regressors.isEmpty { return try specification.fit(values, seasonLength: input.seasonLength) }
            return try specification.fit(values, seasonLength: input.seasonLength, regressors: input.regressors,
                                         futureRegressors: input.futureRegressors)
        }
        func fit(_ specification: ModelSpecification) throws(ForecastingError) -> any FittedForecaster {
            guard let boxCox else { return try fitRaw(specification, input.values) }
            let lambda: Double = switch boxCox {
            case .fixed(let value): value
            case .guerrero: BoxCox.guerreroLambda(input.values, seasonLength: input.seasonLength, lower: -0.9)
            }
            return try BoxCoxForecaster(input.values, lambda: lambda, biasAdjusted: biasAdjusted) {
                (w) throws(ForecastingError) in try fitRaw(specification, w)
            }
        }
        do {
            let fitted = try fit(model)
            let forecast = try fitted.forecast(horizon: horizon, levels: levels, generator: &generator)
            try requireFinite(forecast)
            return BatchOutcome(summary: fitted.summary, forecast: forecast, error: nil, fallback: nil,
                                fittedValues: fitted.fittedValues, residuals: fitted.residuals)
        } catch {
            guard let fallback else { return BatchOutcome(summary: nil, forecast: nil, error: error, fallback: nil) }
            do {
                let fitted = try fit(fallback)
                let forecast = try fitted.forecast(horizon: horizon, levels: levels, generator: &generator)
                try requireFinite(forecast)
                return BatchOutcome(summary: fitted.summary, forecast: forecast, error: error, fallback: fallback,
                                    fittedValues: fitted.fittedValues, residuals: fitted.residuals)
            } catch let fallbackError {
                return BatchOutcome(summary: nil, forecast: nil,
                                    error: .numerical("\(error.description); fallback \(fallback) also failed: \(fallbackError.description)"),
                                    fallback: nil)
            }
        }
    }

    /// A forecast whose point or interval values overflowed is an error on its row, never a row of
    /// empty or infinite numbers.
    ///
    /// - Throws: ``ForecastingError/numerical(_:)`` naming the first step that is not finite.
    static func requireFinite(_ forecast: Forecast) throws(ForecastingError) {
        let rows = [forecast.mean] + forecast.lower + forecast.upper
        for row in rows {
            if let step = row.firstIndex(where: { !$0.isFinite }) {
                throw .numerical("the forecast at step \(step + 1) is not a finite number (the values may be too large "
                    + "for double precision: rescale the series, e.g. to thousands or millions)")
            }
        }
    }
}

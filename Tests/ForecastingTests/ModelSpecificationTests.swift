import Foundation
import Testing
import Forecasting
import TestSupport

@Suite struct ModelSpecificationTests {
    @Test(arguments: [
        ("auto-arima", "auto-arima"), ("AUTO-ETS", "auto-ets"), ("arima(2,1,1)", "arima(2,1,1)"),
        ("arima(2,1,1)(0,1,0)[12]", "arima(2,1,1)(0,1,0)[12]"), ("arima(1, 1, 0) + drift", "arima(1,1,0)+drift"),
        ("arima(1,0,0)+mean", "arima(1,0,0)+mean"), ("arima(1,0,1)+drift+mean", "arima(1,0,1)+mean+drift"),
        ("arima(1,0,0)(0,0,0)[1]", "arima(1,0,0)"), ("ets(MAdM)", "ets(MAdM)"), ("ets(ann)", "ets(ANN)"),
        ("theta", "theta"), ("naive", "naive"), ("snaive", "snaive"), ("drift", "drift"), ("mean", "mean"),
        ("stl-ets", "stl-ets"), ("combo(theta, auto-ets, arima(0,1,1)(0,1,1)[4])", "combo(theta,auto-ets,arima(0,1,1)(0,1,1)[4])"),
    ])
    func parsesAndPrintsBack(text: String, canonical: String) throws {
        #expect(try ModelSpecification(parsing: text).description == canonical)
        #expect(try ModelSpecification(parsing: canonical) == ModelSpecification(parsing: text))
    }

    @Test(arguments: ["arima(1,1)", "arima(a,b,c)", "arima(1,1,1)(0,1,1)", "arima(1,2,1)+drift", "arima(1,1,1)+mean",
                      "ets(M)", "combo(theta)", "prophet", "", "arima(-1,0,0)",
                      "arima(1,0,0)(1,0,0)[1]", "arima(1,0,0)+mean+mean", "arima(0,1,1)+mean+drift"])
    func refusesWithTheAcceptedForms(text: String) {
        #expect(throws: ForecastingError.self) { try ModelSpecification(parsing: text) }
    }
}

/// `arima(…)` holds an ``ARIMASpecification``, the one ARIMA order type: Swift and the grammar
/// build the same value, and equality is that of the model fitted (R's `include.mean` only
/// matters without differencing, `include.drift` only with at most one difference).
@Suite struct ARIMAModelSpecificationTests {
    @Test func swiftAndGrammarBuildTheSameModel() throws {
        let seasonal = ARIMASpecification(d: 1, q: 1, seasonalD: 1, seasonalQ: 1, seasonLength: 12)
        #expect(try ModelSpecification(parsing: "arima(0,1,1)(0,1,1)[12]") == .arima(seasonal))
        #expect(ModelSpecification.arima(seasonal).description == "arima(0,1,1)(0,1,1)[12]")
        // R's default include.mean = TRUE has no effect once the series is differenced.
        #expect(try ModelSpecification(parsing: "arima(0,1,1)") == .arima(ARIMASpecification(d: 1, q: 1)))
        // Undifferenced, the grammar states its constant and Swift has R's default (a mean).
        #expect(try ModelSpecification(parsing: "arima(1,0,0)+mean") == .arima(ARIMASpecification(p: 1)))
        #expect(try ModelSpecification(parsing: "arima(1,0,0)") == .arima(ARIMASpecification(p: 1, includeMean: false)))
        #expect(try ModelSpecification(parsing: "arima(1,0,0)") != ModelSpecification(parsing: "arima(1,0,0)+mean"))
        // Drift with two differences is dropped, as R does, so the two define the same model.
        let twice = ARIMASpecification(d: 2, includeDrift: true)
        #expect(!twice.estimatesDrift && twice == ARIMASpecification(d: 2))
        #expect(Set([twice, ARIMASpecification(d: 2)]).count == 1)
    }

    @Test func estimatedConstants() {
        #expect(ARIMASpecification(p: 1).estimatesMean)
        #expect(!ARIMASpecification(p: 1, seasonalD: 1, seasonLength: 4).estimatesMean)
        #expect(ARIMASpecification(d: 1, includeDrift: true).estimatesDrift)
        #expect(ARIMASpecification(seasonalD: 1, seasonLength: 12, includeDrift: true).estimatesDrift)
        #expect(!ARIMASpecification(d: 1, seasonalD: 1, seasonLength: 12, includeDrift: true).estimatesDrift)
    }

    /// `+mean+drift` on an undifferenced series is R's `Arima(include.mean = TRUE, include.drift
    /// = TRUE)`: a line `μ + δt` with AR errors, which is a regression on `t` with ARIMA errors.
    @Test func meanAndDriftIsARegressionOnTime() throws {
        var state: UInt64 = 7
        func noise() -> Double {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Double(state >> 11) / Double(1 << 53) - 0.5
        }
        var e = 0.0
        let y = (1...80).map { t -> Double in e = 0.6 * e + noise(); return 10 + 0.3 * Double(t) + e }
        let spec = try ModelSpecification(parsing: "arima(1,0,0)+mean+drift")
        let fitted = try spec.fit(y, seasonLength: 1).forecast(horizon: 3, levels: [95])
        let time = ARIMARegressor(name: "t", values: (1...80).map(Double.init))
        let future = ARIMARegressor(name: "t", values: (81...83).map(Double.init))
        let regression = try ModelSpecification.arima(ARIMASpecification(p: 1)).fit(
            y, seasonLength: 1, regressors: [time], futureRegressors: [future]).forecast(horizon: 3, levels: [95])
        for (a, b) in zip(fitted.mean, regression.mean) { expectClose(a, b, .relative(1e-6), "\(a) vs \(b)") }
    }
}

/// `ets(…)` holds an ``ETSSpecification``: letters that are no ETS form are refused when the text
/// is parsed (they used to be kept as text and refused only when a series was fitted), and the
/// typed form prints as the grammar.
@Suite struct ETSModelSpecificationTests {
    @Test(arguments: ["ets(ZZZ)", "ets(ADN)", "ets(XNN)", "ets(ANX)"])
    func refusesLettersThatAreNoETSForm(text: String) {
        #expect(throws: ForecastingError.self) { try ModelSpecification(parsing: text) }
    }

    @Test func typedFormPrintsAsTheGrammar() throws {
        let model = ModelSpecification.ets(ETSSpecification(error: .multiplicative, trend: .additiveDamped, season: .multiplicative))
        #expect(model.description == "ets(MAdM)")
        #expect(try ModelSpecification(parsing: "ets(madm)") == model)
    }
}

@Suite struct BatchForecasterTests {
    static let trending: [Double] = (0..<40).map { (t: Int) -> Double in
        let x = Double(t)
        return 100 + x + 5 * sin(x)
    }
    static let series: [BatchSeries] = [
        BatchSeries(values: trending, seasonLength: 4),
        BatchSeries(values: [1, 2], seasonLength: 1),                              // too short for theta
        BatchSeries(values: (0..<30).map { 50 + Double($0 % 7) }, seasonLength: 7),
    ]

    /// Output is in input order, a failure stays on its row, and the fallback is named.
    @Test func ordersIsolatesAndFallsBack() async throws {
        let plain = try await BatchForecaster.run(Self.series, model: .theta, horizon: 3, levels: [80, 95])
        #expect(plain.count == 3)
        #expect(plain[0].forecast != nil && plain[2].forecast != nil)
        #expect(plain[1].forecast == nil && plain[1].error == .tooShort(model: "Theta", count: 2, minimum: 3))
        let rescued = try await BatchForecaster.run(Self.series, model: .theta, horizon: 3, levels: [80, 95], fallback: .naive)
        #expect(rescued[1].forecast?.mean == [2, 2, 2])
        #expect(rescued[1].fallback == .naive && rescued[1].error != nil)
        #expect(rescued[0].fallback == nil)
    }

    /// Same inputs and seed give identical numbers for one or several concurrent tasks, also where
    /// intervals are simulated (ETS with a multiplicative trend draws sample paths); another seed
    /// changes the simulated bounds, so the comparison is not vacuous.
    @Test func resultsDoNotDependOnConcurrency() async throws {
        let model = ModelSpecification.combination([.theta, .ets(ETSSpecification(error: .multiplicative, trend: .multiplicative, season: .none))])
        let one = try await BatchForecaster.run(Self.series, model: model, horizon: 4, levels: [95], fallback: .mean,
                                            seed: 7, concurrency: 1)
        let many = try await BatchForecaster.run(Self.series, model: model, horizon: 4, levels: [95], fallback: .mean,
                                             seed: 7, concurrency: 3)
        let reseeded = try await BatchForecaster.run(Self.series, model: model, horizon: 4, levels: [95], fallback: .mean,
                                                 seed: 8, concurrency: 3)
        #expect(one.allSatisfy { $0.forecast != nil })
        for (a, b) in zip(one, many) { #expect(a.forecast == b.forecast) }
        let first = try #require(one[0].forecast), other = try #require(reseeded[0].forecast)
        #expect(first.upper != other.upper)
    }

    /// Every interval nests around the point forecast: lo95 ≤ lo80 ≤ mean ≤ hi80 ≤ hi95.
    @Test(arguments: [ModelSpecification.naive, .seasonalNaive, .drift, .mean, .theta, .combination([.naive, .theta])])
    func intervalsNest(model: ModelSpecification) async throws {
        let outcome = try await BatchForecaster.run([Self.series[0]], model: model, horizon: 8, levels: [80, 95])
        let f = try #require(outcome[0].forecast)
        for h in 0..<8 {
            #expect(f.lower[1][h] <= f.lower[0][h] && f.lower[0][h] <= f.mean[h])
            #expect(f.mean[h] <= f.upper[0][h] && f.upper[0][h] <= f.upper[1][h])
        }
    }
}

/// A `DatedForecast` holds one date per step: built or decoded with any other count, it is a
/// thrown error (it used to be a precondition, a trap on an embedder's value).
@Suite struct DatedForecastConsistencyTests {
    static func dated() throws -> DatedForecast {
        let series = TimeSeries(start: try SeriesDate(parsing: "2020-01"), frequency: .monthly,
                                values: [5, 7, 6, 8, 9, 8, 10, 11])
        return try ModelSpecification.naive.fit(series).forecast(horizon: 3)
    }

    @Test func datesThatDoNotMatchTheStepsAreRefused() throws {
        let good = try Self.dated()
        #expect(try DatedForecast(dates: good.dates, forecast: good.forecast) == good)
        #expect(throws: ForecastingError.self) {
            try DatedForecast(dates: Array(good.dates.dropLast()), forecast: good.forecast)
        }
    }

    @Test func decodingRefusesDatesThatDoNotMatchTheSteps() throws {
        let good = try Self.dated()
        let data = try JSONEncoder().encode(good)
        #expect(try JSONDecoder().decode(DatedForecast.self, from: data) == good)
        var object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        object["dates"] = (object["dates"] as? [Any]).map { Array($0.dropLast()) }
        let tampered = try JSONSerialization.data(withJSONObject: object)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(DatedForecast.self, from: tampered) }
    }
}

import Foundation
import Statistics
import Testing

@testable import Forecasting
import TestSupport

/// ETS and AutoETS against R forecast 8.20 (fixtures from `make_ets_fixtures.R`), plus the
/// specification rules, interval invariants and a seeded coverage check.
@Suite("ETS")
struct ETSTests {
    /// One fixed-specification fit of ours beside R's.
    struct FixedComparison: Sendable {
        let series: String
        let code: String
        let reference: ETSFixtureFit
        let model: ETSModel?
        let failure: String?
    }

    /// Fixed-spec fits are shared by several tests, so they are computed once.
    static let fixtures: ETSFixtureFile? = try? ETSFixtureFile.load()

    static let fixedComparisons: [FixedComparison] = {
        guard let file = fixtures else { return [] }
        var result: [FixedComparison] = []
        for series in file.series {
            for (code, reference) in series.fixed.sorted(by: { $0.key < $1.key }) {
                do {
                    let spec = try ETSSpecification(parsing: code)
                    let model = try ETSModel.fit(series.values, seasonLength: series.frequency, specification: spec)
                    result.append(
                        FixedComparison(
                            series: series.name, code: code, reference: reference, model: model,
                            failure: nil))
                } catch {
                    result.append(
                        FixedComparison(
                            series: series.name, code: code, reference: reference, model: nil,
                            failure: "\(error)"))
                }
            }
        }
        return result
    }()

    @Test("fixtures load with the expected provenance")
    func fixturesLoad() throws {
        // Decoded again here so that a malformed fixture reports its decoding error.
        let file = try ETSFixtureFile.load()
        #expect(file.forecastVersion == "8.20")
        #expect(file.series.count >= 30)
    }

    /// Fixed specifications: log-likelihood within 0.1% of R's, or higher (listed when so).
    @Test("fixed-specification log-likelihood matches R within 0.1% or is higher")
    func fixedLogLikelihood() throws {
        let comparisons = Self.fixedComparisons
        try #require(!comparisons.isEmpty)
        var worst = 0.0
        var higher: [String] = []
        for c in comparisons {
            guard let model = c.model else {
                Issue.record("\(c.series) \(c.code) failed to fit: \(c.failure ?? "")")
                continue
            }
            #expect(model.summary.name == c.reference.method, "\(c.series) \(c.code)")
            guard let theirs = c.reference.loglik else {
                // R's short-series Holt–Winters fallback has no likelihood; we must fall back too.
                #expect(model.estimation == .holtWintersLeastSquares, "\(c.series) \(c.code)")
                continue
            }
            let ours = try #require(model.summary.logLikelihood)
            let scale = max(abs(theirs), 1)
            let difference = (ours - theirs) / scale
            if difference > 1e-6 { higher.append("\(c.series) \(c.code): ours \(ours) vs R \(theirs)") }
            worst = max(worst, -difference)
            #expect(difference >= -1e-3, "\(c.series) \(c.code): log-likelihood \(ours), R \(theirs)")
        }
        print("ETS fixed specs: \(comparisons.count) fits, largest shortfall below R \(worst) (relative)")
        print(
            "ETS fixed specs where our optimum is higher than R's (\(higher.count)):\n  "
                + higher.joined(separator: "\n  "))
    }

    /// Where both optimisers reach the same optimum, the derived figures agree closely.
    @Test("fixed-specification forecasts, intervals and criteria match R where the optima agree")
    func fixedForecasts() throws {
        var compared = 0
        var comparedHoltWinters = 0
        var worstMean = 0.0
        var worstInterval = 0.0
        var worstCriterion = 0.0
        var worstSigma2 = 0.0
        var worstSimulated = 0.0
        var worstHoltWinters = 0.0
        for c in Self.fixedComparisons {
            guard let model = c.model else { continue }
            let forecast = try model.forecast(horizon: c.reference.h, levels: [80, 95])
            let bounds = forecast.lower[0] + forecast.upper[0] + forecast.lower[1] + forecast.upper[1]
            let reference = c.reference.lower80 + c.reference.upper80 + c.reference.lower95 + c.reference.upper95
            let meanDifference = maxRelativeDifference(forecast.mean, c.reference.mean)
            let intervalDifference = maxRelativeDifference(bounds, reference)
            guard let theirs = c.reference.loglik, let ours = model.summary.logLikelihood else {
                // Holt–Winters: R optimises with L-BFGS-B, we with bounded Nelder–Mead.
                comparedHoltWinters += 1
                worstHoltWinters = max(worstHoltWinters, meanDifference, intervalDifference)
                #expect(
                    meanDifference < 1e-4 && intervalDifference < 1e-4,
                    "\(c.series) \(c.code) Holt–Winters mean \(meanDifference), bounds \(intervalDifference)")
                continue
            }
            // Different optima give different forecasts legitimately; compare where they coincide.
            guard abs(ours - theirs) <= 1e-6 * max(abs(theirs), 1) else { continue }
            compared += 1
            worstMean = max(worstMean, meanDifference)
            #expect(meanDifference < 1e-6, "\(c.series) \(c.code) mean differs by \(meanDifference)")
            if c.reference.simulated {
                // Monte Carlo noise: R against itself with seeds 1 and 2 differs by 6.5% (AirPassengers MMN).
                worstSimulated = max(worstSimulated, intervalDifference)
                #expect(
                    intervalDifference < 0.12, "\(c.series) \(c.code) simulated bounds differ by \(intervalDifference)")
            } else {
                worstInterval = max(worstInterval, intervalDifference)
                #expect(intervalDifference < 1e-6, "\(c.series) \(c.code) bounds differ by \(intervalDifference)")
            }
            for (a, b) in [
                (model.summary.aic, c.reference.aic), (model.summary.aicc, c.reference.aicc),
                (model.summary.bic, c.reference.bic),
            ] {
                let d = abs((a ?? .nan) - (b ?? .nan)) / max(abs(b ?? .nan), 1)
                worstCriterion = max(worstCriterion, d)
                #expect(d < 1e-8, "\(c.series) \(c.code) criterion \(a ?? .nan) vs R \(b ?? .nan)")
            }
            let sigma2Difference = abs(model.sigma2 - c.reference.sigma2) / c.reference.sigma2
            worstSigma2 = max(worstSigma2, sigma2Difference)
            #expect(sigma2Difference < 1e-6, "\(c.series) \(c.code) sigma2 \(model.sigma2) vs R \(c.reference.sigma2)")
        }
        print(
            "ETS fixed specs compared at matching optima: \(compared); worst relative differences: "
                + "mean \(worstMean), analytic bounds \(worstInterval), simulated bounds \(worstSimulated), "
                + "criteria \(worstCriterion), sigma2 \(worstSigma2); Holt–Winters fallbacks \(comparedHoltWinters), "
                + "worst \(worstHoltWinters)")
        #expect(compared >= 100)
    }

    @Test("AutoETS chooses R's model on at least 85% of the fixture series")
    func autoAgreement() throws {
        let file = try #require(Self.fixtures)
        var agree = 0
        var total = 0
        var disagreements: [String] = []
        for series in file.series {
            guard let reference = series.auto else { continue }
            total += 1
            do {
                let model = try AutoETS.fit(series.values, seasonLength: series.frequency)
                if model.summary.name == reference.method {
                    agree += 1
                } else {
                    disagreements.append(
                        "\(series.name): ours \(model.summary.name) (AICc \(model.summary.aicc ?? .nan)), "
                            + "R \(reference.method) (AICc \(reference.aicc ?? .nan))")
                }
            } catch {
                disagreements.append("\(series.name): ours failed (\(error)), R \(reference.method)")
            }
        }
        print(
            "AutoETS agrees with R on \(agree)/\(total); disagreements:\n  " + disagreements.joined(separator: "\n  "))
        #expect(Double(agree) >= 0.85 * Double(total))
    }

    /// Non-default `ets()` arguments: bounds "usual" and "admissible", multiplicative trends,
    /// AIC/BIC, additive-only, forced damping.
    @Test("non-default arguments reproduce R's choices and likelihoods")
    func variants() throws {
        let file = try #require(Self.fixtures)
        #expect(file.variants.count >= 20)
        for variant in file.variants {
            let series = try #require(file.series.first { $0.name == variant.series })
            let bounds = try #require(ETSOptions.Bounds(rawValue: variant.bounds))
            let estimation = ETSOptions(bounds: bounds)
            let label =
                "\(variant.series) \(variant.model) damped=\(String(describing: variant.damped)) "
                + "bounds=\(variant.bounds) ic=\(variant.ic) mult.trend=\(variant.allowMultiplicativeTrend) "
                + "additive=\(variant.additiveOnly)"
            let model: ETSModel
            if variant.model == "ZZZ" {
                let options = AutoETS.Options(
                    criterion: try #require(AutoETS.Criterion(rawValue: variant.ic)),
                    allowMultiplicativeTrend: variant.allowMultiplicativeTrend,
                    additiveOnly: variant.additiveOnly, damped: variant.damped,
                    estimation: estimation)
                model = try AutoETS.fit(series.values, seasonLength: series.frequency, options: options)
            } else {
                var spec = try ETSSpecification(parsing: variant.model)
                if variant.damped == true {
                    spec.trend = spec.trend == .additive ? .additiveDamped : .multiplicativeDamped
                }
                model = try ETSModel.fit(
                    series.values, seasonLength: series.frequency, specification: spec,
                    options: estimation)
            }
            #expect(model.summary.name == variant.fit.method, "\(label)")
            let ours = try #require(model.summary.logLikelihood)
            let theirs = try #require(variant.fit.loglik)
            let difference = (ours - theirs) / max(abs(theirs), 1)
            print("ETS variant \(label): \(model.summary.name) loglik \(ours), R \(variant.fit.method) \(theirs)")
            #expect(difference >= -1e-3, "\(label): log-likelihood \(ours), R \(theirs)")
            if abs(difference) < 1e-6 && !variant.fit.simulated {
                let forecast = try model.forecast(horizon: variant.fit.h, levels: [80, 95])
                #expect(maxRelativeDifference(forecast.mean, variant.fit.mean) < 1e-6, "\(label)")
                #expect(maxRelativeDifference(forecast.upper[1], variant.fit.upper95) < 1e-6, "\(label)")
            }
        }
    }

    @Test("intervals are ordered lo95 ≤ lo80 ≤ mean ≤ hi80 ≤ hi95 for every fixed fit")
    func intervalOrdering() throws {
        for c in Self.fixedComparisons {
            guard let model = c.model else { continue }
            let f = try model.forecast(horizon: c.reference.h, levels: [95, 80])
            #expect(f.levels == [80, 95])
            for h in 0..<f.horizon {
                let ordered =
                    f.lower[1][h] <= f.lower[0][h] && f.lower[0][h] <= f.mean[h]
                    && f.mean[h] <= f.upper[0][h] && f.upper[0][h] <= f.upper[1][h]
                #expect(ordered, "\(c.series) \(c.code) step \(h + 1)")
            }
        }
    }
}

/// Every one of the 30 forms: the 19 R allows fit, the 11 it forbids are refused.
@Suite("ETS specification rules")
struct ETSSpecificationTests {
    /// UK quarterly gas consumption (R's `UKgas`, 1960–1986, from the fixture file), positive and seasonal.
    static let ukGas: [Double] = ETSTests.fixtures?.series.first { $0.name == "UKgas" }?.values ?? []

    static let allowed: Set<String> = [
        "ANN", "AAN", "AAdN", "ANA", "AAA", "AAdA",
        "MNN", "MAN", "MAdN", "MNA", "MAA", "MAdA", "MNM", "MAM", "MAdM",
        "MMN", "MMdN", "MMM", "MMdM",
    ]

    @Test("there are 30 forms and 19 are allowed")
    func counts() {
        let all = ETSSpecification.allCombinations
        #expect(all.count == 30)
        #expect(Set(all.filter { !$0.isRestricted }.map(\.code)) == Self.allowed)
    }

    @Test("each form fits or is refused as R's restrict = TRUE", arguments: ETSSpecification.allCombinations)
    func fitOrRefuse(spec: ETSSpecification) throws {
        if Self.allowed.contains(spec.code) {
            let model = try ETSModel.fit(Self.ukGas, seasonLength: 4, specification: spec)
            #expect(model.summary.name == spec.name)
            #expect(model.summary.logLikelihood?.isFinite == true)
            let f = try model.forecast(horizon: 8, levels: [80, 95])
            #expect(f.mean.allSatisfy { $0.isFinite })
            for h in 0..<8 {
                #expect(f.lower[1][h] <= f.lower[0][h] && f.lower[0][h] <= f.mean[h])
                #expect(f.mean[h] <= f.upper[0][h] && f.upper[0][h] <= f.upper[1][h])
            }
        } else {
            let error = #expect(throws: ForecastingError.self) {
                try ETSModel.fit(Self.ukGas, seasonLength: 4, specification: spec)
            }
            guard case .invalidSpecification(let message)? = error else {
                Issue.record("\(spec.code) refused with \(String(describing: error)), expected invalidSpecification")
                return
            }
            #expect(message.contains("not allowed") && message.contains(spec.name), "\(message)")
        }
    }

    @Test("letters parse both ways", arguments: ["ANN", "AAdN", "MAdM", "MMdN", "ETS(M,Ad,M)", "ETS(A, N, A)"])
    func parsing(text: String) throws {
        let spec = try ETSSpecification(parsing: text)
        #expect(try ETSSpecification(parsing: spec.code) == spec)
        #expect(try ETSSpecification(parsing: spec.name) == spec)
    }

    @Test("malformed letters are refused", arguments: ["", "XNN", "AN", "AAdDN", "ANQ", "ANd"])
    func malformed(text: String) {
        #expect(throws: ForecastingError.self) { try ETSSpecification(parsing: text) }
    }

    @Test("data and season-length rules are refused with R's reasons")
    func dataRules() throws {
        let ann = try ETSSpecification(parsing: "ANN")
        let ana = try ETSSpecification(parsing: "ANA")
        let mnn = try ETSSpecification(parsing: "MNN")
        #expect(throws: ForecastingError.self) { try ETSModel.fit(Self.ukGas, seasonLength: 1, specification: ana) }
        #expect(throws: ForecastingError.self) { try ETSModel.fit(Self.ukGas, seasonLength: 25, specification: ana) }
        #expect(throws: ForecastingError.nonPositiveData(model: "ETS(M,N,N)")) {
            try ETSModel.fit([1, 2, 0, 3, 4, 5, 6, 7, 8, 9], seasonLength: 1, specification: mnn)
        }
        #expect(throws: ForecastingError.missingValues(model: "ETS(A,N,N)")) {
            try ETSModel.fit([1, 2, .nan, 3, 4, 5, 6, 7, 8, 9], seasonLength: 1, specification: ann)
        }
        // R fits by maximum likelihood only when n > 4 + (2 + 2·trend + m·season + damped); below
        // that it falls back to Holt–Winters least squares, possibly with another form.
        let shortLevel = try ETSModel.fit([1, 2, 3, 4, 5, 6], seasonLength: 1, specification: ann)
        #expect(shortLevel.estimation == .holtWintersLeastSquares)
        #expect(shortLevel.summary.name == "ETS(A,N,N)" && shortLevel.summary.logLikelihood == nil)
        let shortSeasonal = try ETSModel.fit(Array(Self.ukGas.prefix(10)), seasonLength: 4, specification: ana)
        #expect(shortSeasonal.estimation == .holtWintersLeastSquares)
        #expect(shortSeasonal.summary.name == "ETS(A,A,A)")
        let shortAuto = try AutoETS.fit([1, 2, 3, 4, 5, 6], seasonLength: 1)
        #expect(shortAuto.estimation == .holtWintersLeastSquares)
        #expect(throws: ForecastingError.tooShort(model: "AutoETS", count: 0, minimum: 1)) {
            try AutoETS.fit([], seasonLength: 1)
        }
        // R: ets(ts(AirPassengers[1:12], frequency = 12), "ANA") drops the season: ETS(A,N,N), loglik −43.97487.
        let oneCycle = try ETSModel.fit(
            [112, 118, 132, 129, 121, 135, 148, 148, 136, 119, 104, 118], seasonLength: 12,
            specification: ana)
        #expect(oneCycle.summary.name == "ETS(A,N,N)")
        expectClose((oneCycle.summary.logLikelihood ?? .nan), -43.97487, .absolute(1e-4))
        let longEnough = try ETSModel.fit([1, 3, 2, 4, 3, 5, 4], seasonLength: 1, specification: ann)
        #expect(longEnough.estimation == .maximumLikelihood)
    }

    /// R 4.x, forecast 8.20: `f <- ets(y); f$method; f$par; forecast(f, h = 2)$mean`.
    @Test(
        "tiny series follow R's Holt–Winters fallback",
        arguments: [
            ([1.0, 2], "ETS(A,N,N)", 0.2, [1.2, 1.2]),
            ([1.0, 2, 4], "ETS(A,A,N)", 0.2928931, [4.646447, 5.646447]),
            ([3.0, 1, 2, 5], "ETS(A,N,N)", 0, [3, 3]),
        ])
    func tinySeries(values: [Double], name: String, alpha: Double, mean: [Double]) throws {
        let model = try AutoETS.fit(values, seasonLength: 1)
        #expect(model.summary.name == name)
        expectClose(model.alpha, alpha, .absolute(1e-4))
        let forecast = try model.forecast(horizon: 2, levels: [80])
        #expect(maxRelativeDifference(forecast.mean, mean) < 1e-5)
    }

    @Test("a constant series gets R's simple exponential smoothing with zero-width intervals")
    func constantSeries() throws {
        let model = try AutoETS.fit([Double](repeating: 42, count: 20), seasonLength: 4)
        #expect(model.summary.name == "ETS(A,N,N)")
        #expect(model.alpha == 0.99999 && model.sigma2 == 0)
        let forecast = try model.forecast(horizon: 3, levels: [95])
        #expect(
            forecast.mean == [42, 42, 42] && forecast.lower[0] == [42, 42, 42] && forecast.upper[0] == [42, 42, 42])
    }

    @Test("AutoETS search set follows R's rules")
    func candidateSet() {
        #expect(AutoETS.candidates(count: 100, seasonLength: 12, positive: true).count == 15)
        #expect(AutoETS.candidates(count: 100, seasonLength: 1, positive: true).count == 6)
        #expect(AutoETS.candidates(count: 100, seasonLength: 1, positive: false).count == 3)
        // R drops the season when n ≤ m or m > 24.
        #expect(AutoETS.candidates(count: 12, seasonLength: 12, positive: true).count == 6)
        #expect(AutoETS.candidates(count: 500, seasonLength: 52, positive: true).count == 6)
        let withMultiplicativeTrend = AutoETS.candidates(
            count: 100, seasonLength: 4, positive: true,
            options: .init(allowMultiplicativeTrend: true))
        #expect(withMultiplicativeTrend.count == 19)
    }
}

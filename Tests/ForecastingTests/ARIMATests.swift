import Foundation
import Testing
@testable import Forecasting
import TestSupport

@Suite("ARIMA against R forecast 8.20")
struct ARIMATests {
    /// R's BFGS stops on a flat ridge of the likelihood, so the log-likelihoods agree within 0.01
    /// while coefficients differ by up to 1 %. On these ridges R's own answer moves with the BLAS
    /// it is linked with (the fixtures use the reference BLAS; see make_arima_fixtures.R):
    /// - mdeaths ARIMA(2,0,2): ar2 ≈ −0.99997, next to the unit circle. R gives −487.4637 with the
    ///   reference BLAS and −487.4925 with OpenBLAS; we give −487.4704, between the two.
    /// - fdeaths ARIMA(1,0,1)(1,0,0)[12]: R with OpenBLAS stops with "non-finite finite-difference
    ///   value"; with the reference BLAS it fits −436.794747, and we fit −436.794739 (higher by
    ///   8e−6) with ar1 0.1713 against R's 0.1722.
    static let flatLikelihood: Set<String> = [
        "wineind ARIMA(2,0,2) CSS-ML", "short_nhtemp5 ARIMA(2,1,1) CSS-ML",
        "mdeaths ARIMA(2,0,2) CSS-ML", "fdeaths ARIMA(1,0,1)(1,0,0)[12] CSS-ML",
    ]
    /// Fits where R stops with an error and we return the optimum, with the log-likelihood R's
    /// `method = "ML"` reaches. None with the reference BLAS (fdeaths above failed with OpenBLAS).
    static let rFailsWeFit: [String: Double] = [:]

    @Test("Fixtures cover at least 30 series")
    func fixtureCoverage() {
        #expect(ARIMAFixtures.all.count >= 30)
    }

    /// Fixed orders: log-likelihood within 0.01 of R's (or higher), coefficients within 1e-3
    /// relative, forecasts and intervals close to R's.
    @Test("Fixed-order fits match R's Arima")
    func fixedOrders() throws {
        var compared = 0, higher = 0
        var failures: [String] = []
        for series in ARIMAFixtures.selected {
            for reference in series.fits {
                let label = "\(series.name) \(reference.spec)\(reference.spec.includeDrift ? "+drift" : "") \(reference.spec.method.rawValue)"
                let regressors = reference.hasRegressor ? [ARIMARegressor(name: "PetrolPrice", values: series.regressor ?? [])] : []
                let model: ARIMAModel
                do {
                    model = try ARIMAModel.fit(series.values, specification: reference.spec, regressors: regressors)
                } catch {
                    if reference.error == nil { failures.append("\(label): we fail (\(error)), R fits") }
                    continue
                }
                guard reference.error == nil else {
                    if let expected = Self.rFailsWeFit[label], abs(model.logLikelihood - expected) < 0.01 { continue }
                    failures.append("\(label): R fails (\(reference.error ?? "")), we fit loglik \(model.logLikelihood)")
                    continue
                }
                compared += 1
                #expect(model.name == reference.name, "\(label) name")
                let dLogLik = model.logLikelihood - reference.logLikelihood
                if dLogLik > 0.01 {
                    higher += 1
                    print("ARIMA higher likelihood than R: \(label) +\(dLogLik)")
                    continue
                }
                if abs(dLogLik) > 0.01 { failures.append("\(label): loglik \(model.logLikelihood) vs R \(reference.logLikelihood)") }
                #expect(model.coefficientNames == reference.coefficientNames, "\(label) names")
                for (i, r) in reference.coefficients.enumerated() where i < model.coefficients.count {
                    let ours = model.coefficients[i]
                    let scale = max(abs(r), reference.standardErrors.indices.contains(i) ? reference.standardErrors[i] : 0, 1e-8)
                    if abs(ours - r) > 1e-3 * scale && abs(ours - r) > 1e-3 * abs(r) && !Self.flatLikelihood.contains(label) {
                        failures.append("\(label): \(reference.coefficientNames[i]) \(ours) vs R \(r)")
                    }
                }
                // The fixture writes 0 where R's var.coef diagonal is negative (its Hessian is not
                // positive definite at a boundary optimum, e.g. austres's ar1 = 0.99999): R has no
                // standard error there to compare with.
                for (i, r) in reference.standardErrors.enumerated() where i < model.standardErrors.count && r.isFinite && r > 0 {
                    if abs(model.standardErrors[i] - r) > 1e-2 * abs(r) + 1e-8 && !Self.flatLikelihood.contains(label) {
                        failures.append("\(label): s.e. \(reference.coefficientNames[i]) \(model.standardErrors[i]) vs R \(r)")
                    }
                }
                if reference.sigma2.isFinite && abs(model.sigma2 - reference.sigma2) > 1e-2 * reference.sigma2 {
                    failures.append("\(label): sigma2 \(model.sigma2) vs R \(reference.sigma2)")
                }
                if reference.aicc.isFinite, let aicc = model.aicc, abs(aicc - reference.aicc) > 0.02 {
                    failures.append("\(label): aicc \(aicc) vs R \(reference.aicc)")
                }
                let horizon = reference.mean.count
                let future = reference.hasRegressor ? [ARIMARegressor(name: "PetrolPrice", values: series.futureRegressor ?? [])] : []
                let forecast = try model.forecast(horizon: horizon, levels: [80, 95], futureRegressors: future)
                let scale = reference.hi95.enumerated().map { abs($0.element - reference.lo95[$0.offset]) }.max() ?? 1
                // On a flat ridge the coefficients differ by up to 1 %, and next to the unit circle
                // (mdeaths) that moves the far forecasts by up to 0.2 % of the 95 % interval's width.
                let tolerance = Self.flatLikelihood.contains(label) ? 1e-2 : 2e-3
                for h in 0..<horizon {
                    let pairs = [(forecast.mean[h], reference.mean[h]), (forecast.lower[0][h], reference.lo80[h]),
                                 (forecast.upper[0][h], reference.hi80[h]), (forecast.lower[1][h], reference.lo95[h]),
                                 (forecast.upper[1][h], reference.hi95[h])]
                    for (ours, r) in pairs where abs(ours - r) > tolerance * scale {
                        failures.append("\(label): forecast h=\(h + 1) \(ours) vs R \(r)")
                        break
                    }
                }
            }
        }
        print("ARIMA fixed orders: \(compared) compared, \(higher) with higher likelihood, \(failures.count) discrepancies")
        for f in failures { print("  ", f) }
        #expect(compared >= 250)
        #expect(failures.isEmpty)
    }
}

@Suite("AutoARIMA against R forecast 8.20")
struct AutoARIMATests {
    @Test("Differencing tests match ndiffs and nsdiffs")
    func differencing() {
        var disagreements: [String] = []
        for series in ARIMAFixtures.all {
            if let d = series.ndiffs, ARIMADifferencing.ndiffs(series.values) != d {
                disagreements.append("\(series.name) ndiffs \(ARIMADifferencing.ndiffs(series.values)) vs R \(d)")
            }
            if series.frequency > 1, let big = series.nsdiffs,
               ARIMADifferencing.nsdiffs(series.values, seasonLength: series.frequency) != big {
                disagreements.append("\(series.name) nsdiffs vs R \(big)")
            }
            if let strength = series.seasonalStrength,
               let ours = ARIMASeasonalDecomposition.seasonalStrength(series.values, period: series.frequency),
               abs(ours - strength) > 1e-6 {
                disagreements.append("\(series.name) seasonal strength \(ours) vs R \(strength)")
            }
        }
        for line in disagreements { print("  differencing:", line) }
        #expect(disagreements.isEmpty)
    }

    @Test("Stepwise search chooses R's model on at least 90% of the series")
    func stepwise() {
        var agree = 0, total = 0
        for series in ARIMAFixtures.selectedForSearch {
            total += 1
            let regressors = series.regressor.map { [ARIMARegressor(name: "PetrolPrice", values: $0)] } ?? []
            do {
                let model = try AutoARIMA(seasonLength: max(1, series.frequency)).fit(series.values, regressors: regressors)
                if model.name == series.autoName {
                    agree += 1
                    #expect(abs(model.logLikelihood - series.autoLogLikelihood) < 0.01 || model.logLikelihood > series.autoLogLikelihood,
                            "\(series.name) loglik \(model.logLikelihood) vs R \(series.autoLogLikelihood)")
                } else {
                    print("AutoARIMA disagreement: \(series.name): \(model.name) (loglik \(model.logLikelihood)) vs R \(series.autoName) (\(series.autoLogLikelihood))")
                }
            } catch {
                print("AutoARIMA failure: \(series.name): \(error)")
            }
        }
        print("AutoARIMA stepwise: \(agree) of \(total) agree with R")
        #expect(Double(agree) >= 0.9 * Double(total))
    }
}

@Suite("ARIMA properties")
struct ARIMAPropertyTests {
    static let orders: [(Int, Int, Int, Int, Int, Int)] = [
        (0, 0, 0, 0, 0, 0), (1, 0, 0, 0, 0, 0), (0, 0, 1, 0, 0, 0), (2, 0, 1, 0, 0, 0), (0, 1, 1, 0, 0, 0),
        (1, 1, 0, 0, 0, 0), (2, 1, 2, 0, 0, 0), (0, 2, 1, 0, 0, 0), (1, 0, 0, 1, 0, 0), (0, 1, 1, 0, 1, 1),
        (1, 1, 0, 1, 1, 0), (0, 0, 1, 0, 1, 1),
    ]

    /// Every order in the grid fits a quarterly series; intervals are ordered and the fitted AR
    /// and MA polynomials are stationary and invertible.
    @Test("Grid of orders: interval ordering, stationarity, invertibility", arguments: orders.indices)
    func grid(_ index: Int) throws {
        let series = try #require(ARIMAFixtures.all.first(where: { $0.name == "UKgas" }))
        let (p, d, q, sp, sd, sq) = Self.orders[index]
        let spec = ARIMASpecification(p: p, d: d, q: q, seasonalP: sp, seasonalD: sd, seasonalQ: sq, seasonLength: 4,
                                      includeDrift: d + sd == 1)
        let model = try ARIMAModel.fit(series.values.map { Foundation.log($0) }, specification: spec)
        let forecast = try model.forecast(horizon: 8, levels: [95, 80])
        #expect(forecast.levels == [80, 95])
        for h in 0..<8 {
            #expect(forecast.lower[1][h] <= forecast.lower[0][h])
            #expect(forecast.lower[0][h] <= forecast.mean[h])
            #expect(forecast.mean[h] <= forecast.upper[0][h])
            #expect(forecast.upper[0][h] <= forecast.upper[1][h])
        }
        #expect(ARIMAPolynomial.minimumRootModulus(ar: model.expandedAR) > 1)
        #expect(ARIMAPolynomial.minimumRootModulus(ma: model.expandedMA) >= 1 - 1e-8)
        #expect(model.fittedValues.count == series.values.count)
    }

    @Test("Invalid specifications are refused with a clear error")
    func refused() {
        #expect(throws: ForecastingError.self) {
            try ARIMAModel.fit([1, 2, 3, 4, 5], specification: ARIMASpecification(p: -1))
        }
        #expect(throws: ForecastingError.self) {
            try ARIMAModel.fit([1, 2, 3, 4, 5], specification: ARIMASpecification(seasonalD: 1, seasonLength: 1))
        }
        #expect(throws: ForecastingError.self) {
            try ARIMAModel.fit([1, 2, 3], specification: ARIMASpecification(d: 1, seasonalD: 1, seasonLength: 4))
        }
        let model = try? ARIMAModel.fit((1...30).map { Double($0 % 7) }, specification: ARIMASpecification(p: 1),
                                        regressors: [ARIMARegressor(name: "x", values: (1...30).map { Double($0 % 5) })])
        #expect(throws: ForecastingError.self) { try model?.forecast(horizon: 3, levels: [80]) }
    }

    @Test("Polynomial roots and MA inversion")
    func polynomials() {
        // 1 − 1.5z + 0.5z² = (1 − z)(1 − 0.5z): roots 1 and 2.
        expectClose(ARIMAPolynomial.minimumRootModulus(ar: [1.5, -0.5]), 1, .absolute(1e-10))
        // θ = 2 is reflected to 1/2.
        expectClose(ARIMAPolynomial.invertMA([2])[0], 0.5, .absolute(1e-12))
        let inverted = ARIMAPolynomial.invertMA([2.5, 1])  // (1 + 2z)(1 + 0.5z) → (1 + 0.5z)²
        #expect(abs(inverted[0] - 1) < 1e-9 && abs(inverted[1] - 0.25) < 1e-9)
    }
}

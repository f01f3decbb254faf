import Foundation
import Statistics
import Testing

@testable import Forecasting
import TestSupport

/// `ARIMAModel.regressionSensitivity` by exact brute force: the forecast mean is linear in the
/// regression coefficients, so moving one coefficient by 1 with every coefficient fixed (R's
/// `arima(fixed =)`, nothing re-estimated) moves the forecast by the sensitivity, to rounding.
/// (The comparison with R itself is in `UrbanCastTests/ARIMAProjectionTests`.)
@Suite struct ARIMARegressionSensitivityTests {
    struct Case: Sendable, CustomStringConvertible {
        let specification: ARIMASpecification
        let regressors: Int
        let missing: [Int]
        var description: String {
            "\(specification) mean \(specification.includeMean) drift \(specification.includeDrift) "
                + "regressors \(regressors) missing \(missing)"
        }
    }

    static let cases: [Case] = [
        Case(specification: ARIMASpecification(d: 1), regressors: 1, missing: []),
        Case(specification: ARIMASpecification(p: 1, includeMean: true), regressors: 1, missing: []),
        Case(specification: ARIMASpecification(p: 1, d: 1, q: 1, includeDrift: true), regressors: 2, missing: [5, 17, 18]),
        Case(specification: ARIMASpecification(p: 2, q: 1), regressors: 2, missing: [30]),
        Case(specification: ARIMASpecification(q: 1, seasonalD: 1, seasonLength: 4), regressors: 1, missing: []),
    ]

    /// Seed 41 (printed in the failure message): a trending series on trending regressors, with
    /// the listed observations missing; the sensitivities for a future path unlike the history
    /// equal the one-unit forecast differences within 10⁻⁸ of the forecast's scale.
    @Test(arguments: cases)
    func sensitivityIsTheForecastChangePerUnitCoefficient(_ c: Case) throws {
        var generator = SeededGenerator(seed: 41)
        let n = 48, horizon = 7
        var columns: [[Double]] = []
        for j in 0..<c.regressors {
            var column = [Double](repeating: 0, count: n + horizon)
            for t in column.indices { column[t] = 50 + Double(j + 1) * 0.7 * Double(t) + 4 * generator.nextNormal() }
            columns.append(column)
        }
        var level = 0.0
        var y = [Double](repeating: 0, count: n)
        for t in 0..<n {
            level += generator.nextNormal()
            y[t] = 20 + 0.3 * Double(t) + level
            for column in columns { y[t] += 1.5 * column[t] }
        }
        for t in c.missing { y[t] = Double.nan }
        var inSample: [ARIMARegressor] = [], future: [ARIMARegressor] = []
        for (j, column) in columns.enumerated() {
            inSample.append(ARIMARegressor(name: "x\(j + 1)", values: Array(column[..<n])))
            future.append(ARIMARegressor(name: "x\(j + 1)", values: Array(column[n...])))
        }
        let model = try ARIMAModel.fit(y, specification: c.specification, regressors: inSample)
        let sensitivity = try model.regressionSensitivity(horizon: horizon, futureRegressors: future)
        let first = model.coefficients.count - sensitivity.count
        #expect(sensitivity.count == model.regressionCovariance.names.count)
        let base = try model.forecast(horizon: horizon, levels: [], futureRegressors: future).mean
        let scale = base.reduce(0) { max($0, abs($1)) }
        for j in sensitivity.indices {
            var moved = model.coefficients
            moved[first + j] += 1
            let refit = try ARIMAModel.fit(y, specification: c.specification, regressors: inSample, fixed: moved)
            let shifted = try refit.forecast(horizon: horizon, levels: [], futureRegressors: future).mean
            for h in 0..<horizon {
                let change = shifted[h] - base[h], expected = sensitivity[j][h]
                let name = model.coefficientNames[first + j]
                expectClose(change, expected, .absolute(1e-8 * scale), "seed 41 \(c) \(name) h=\(h + 1): \(change) vs \(expected)")
            }
        }
    }

    /// A future regressor that does not match the fit is refused, as by `forecast`.
    @Test func mismatchedFutureRegressorsAreRefused() throws {
        let x = (0..<30).map { Double($0) + sin(Double($0)) }
        let model = try ARIMAModel.fit(x.map { 2 * $0 + cos($0) }, specification: ARIMASpecification(d: 1),
                                       regressors: [ARIMARegressor(name: "x", values: x)])
        #expect(throws: ForecastingError.self) {
            try model.regressionSensitivity(horizon: 3, futureRegressors: [ARIMARegressor(name: "z", values: [1, 2, 3])])
        }
        #expect(throws: ForecastingError.self) {
            try model.regressionSensitivity(horizon: 3, futureRegressors: [ARIMARegressor(name: "x", values: [1, 2])])
        }
        #expect(throws: ForecastingError.self) {
            try model.regressionSensitivity(horizon: 0, futureRegressors: [ARIMARegressor(name: "x", values: [])])
        }
    }

    /// User regressors called `drift` and `intercept` are regressors like any other: the forecast
    /// and the sensitivities equal those of the same fit with the regressors renamed (a model
    /// that took them for its own drift and intercept indexed past its coefficients).
    @Test func regressorsNamedDriftOrInterceptAreOrdinaryRegressors() throws {
        let t = (0..<36).map(Double.init)
        let a = t.map { 10 + 0.5 * $0 + 2 * sin($0) }, b = t.map { 3 + cos($0 / 2) }
        let y = t.indices.map { 4 + 1.2 * a[$0] - 2 * b[$0] + sin(1.7 * t[$0]) }
        let future = [[28.5, 29.0, 30.5], [2.5, 3.5, 3.0]]
        for specification in [ARIMASpecification(d: 1), ARIMASpecification(p: 1)] {
            var forecasts: [[Double]] = [], sensitivities: [[[Double]]] = []
            for names in [["drift", "intercept"], ["a", "b"]] {
                let model = try ARIMAModel.fit(y, specification: specification,
                                               regressors: [ARIMARegressor(name: names[0], values: a),
                                                            ARIMARegressor(name: names[1], values: b)])
                let next = zip(names, future).map { ARIMARegressor(name: $0, values: $1) }
                forecasts.append(try model.forecast(horizon: 3, levels: [], futureRegressors: next).mean)
                sensitivities.append(try model.regressionSensitivity(horizon: 3, futureRegressors: next))
            }
            for h in 0..<3 { expectClose(forecasts[0][h], forecasts[1][h], .relative(1e-9), "\(specification)") }
            #expect(sensitivities[0].count == sensitivities[1].count)
            for (first, second) in zip(sensitivities[0], sensitivities[1]) {
                for h in 0..<3 { expectClose(first[h], second[h], .mixed(absolute: 1e-9, relative: 1e-9), "\(specification)") }
            }
        }
    }
}

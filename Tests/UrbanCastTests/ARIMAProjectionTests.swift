import Forecasting
import Foundation
import Statistics
import Testing

@testable import UrbanCast
import TestSupport

/// The regression coefficients of a regression with ARIMA errors are drawn jointly.
@Suite struct ARIMAProjectionTests {
    /// On `y = 5 + 2x + ε` with `x = 10 + sin(t/3)` (far from zero relative to its spread, so the
    /// intercept and slope estimates are strongly negatively correlated), the coefficient part of
    /// 20,000 draws, `δa sₐ,ₕ + δb s_b,ₕ`, has variance `sₕᵀ Σ_β sₕ` (`sₕ` the forecast's
    /// sensitivities to the two coefficients, pinned against R in `sensitivityMatchesR`) within 5
    /// standard errors of a sample variance (√(2/N) relative), while the independent-draw
    /// variance `Σ sᵢ² Σᵢᵢ` is more than twice as large.
    @Test func coefficientsAreDrawnJointly() throws {
        var generator = SeededGenerator(seed: 31)
        let x = (0..<60).map { 10 + sin(Double($0) / 3) }
        let y = x.map { 5 + 2 * $0 + 0.5 * generator.nextNormal() }
        let model = try ARIMAModel.fit(y, specification: ARIMASpecification(p: 1),
                                       regressors: [ARIMARegressor(name: "x", values: x)])
        let future = (60..<66).map { 10 + sin(Double($0) / 3) }
        let projection = try ARIMAProjection(model: model, drivers: [0], names: ["x"],
                                             future: [ARIMARegressor(name: "x", values: future)], name: "test")
        let block = model.regressionCovariance
        #expect(block.names == ["intercept", "x"])
        let sensitivity = try model.regressionSensitivity(horizon: future.count,
                                                          futureRegressors: [ARIMARegressor(name: "x", values: future)])
        let central = try projection.values(drivers: [future], normals: [0, 0], deviation: nil, noisy: false)
        let count = 20_000
        var draws = [[Double]](repeating: [], count: future.count)
        var stream = SeededGenerator(seed: 32)
        for _ in 0..<count {
            let z = [stream.nextNormal(), stream.nextNormal()]
            let values = try projection.values(drivers: [future], normals: z[...], deviation: nil, noisy: true)
            for h in future.indices { draws[h].append(values[h] - central[h]) }
        }
        for h in future.indices {
            let c = [sensitivity[0][h], sensitivity[1][h]]
            var joint = 0.0, independent = 0.0
            for i in 0..<2 {
                independent += c[i] * c[i] * block.covariance[i + 2 * i]
                for j in 0..<2 { joint += c[i] * c[j] * block.covariance[i + 2 * j] }
            }
            let mean = draws[h].reduce(0, +) / Double(count)
            let variance = draws[h].reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(count - 1)
            #expect(abs(variance / joint - 1) < 5 * (2 / Double(count - 1)).squareRoot(), "h=\(h + 1): \(variance) vs \(joint)")
            #expect(independent > 2 * joint, "h=\(h + 1): independent \(independent) vs joint \(joint)")
        }
    }

    /// Without noise the draw is the AR(1)-errors forecast for the drivers given, worked by hand
    /// from the fitted coefficients: `yₙ₊ₕ = μ + β xₙ₊ₕ + φʰ (yₙ − μ − β xₙ)` (the last error is
    /// observed exactly, so the Kalman forecast is this recursion). The drivers are the draw's,
    /// not the central path the projection was prepared on, and far from it, so a draw that kept
    /// the central drivers (or the central mean) is off by about β · 25.
    @Test func centralDrawIsTheForecastForTheDrawsDrivers() throws {
        let x = (0..<40).map { Double($0) }
        let y = x.map { 1 + 0.5 * $0 + sin($0) }
        let model = try ARIMAModel.fit(y, specification: ARIMASpecification(p: 1),
                                       regressors: [ARIMARegressor(name: "x", values: x)])
        let future = [40.0, 41, 42]
        let projection = try ARIMAProjection(model: model, drivers: [0], names: ["x"],
                                             future: [ARIMARegressor(name: "x", values: future)], name: "test")
        let other = [50.0, 60, 70]
        let drawn = try projection.values(drivers: [other], normals: [0, 0], deviation: nil, noisy: false)
        func coefficient(_ name: String) throws -> Double {
            model.coefficients[try #require(model.coefficientNames.firstIndex(of: name), "no \(name)")]
        }
        let phi = try coefficient("ar1"), mu = try coefficient("intercept"), beta = try coefficient("x")
        let lastError = y[39] - mu - beta * x[39]
        for h in 0..<3 {
            let expected = mu + beta * other[h] + pow(phi, Double(h + 1)) * lastError
            expectClose(drawn[h], expected, .relative(1e-9), "h=\(h + 1): \(drawn[h]) vs \(expected)")
        }
    }

    /// The coefficient part of a draw moves the forecast by `Σⱼ δβⱼ ∂ŷₙ₊ₕ/∂βⱼ`, with the
    /// sensitivities from R (`Fixtures/arima-sensitivity`, finite differences of
    /// `forecast::Arima` with the coefficients fixed): for ARIMA(0,1,0) errors `xₕ − xₙ`
    /// (about 1.7 on a regressor near 135), not `xₕ`. The model is refitted here; our
    /// coefficients agree with R's to 3·10⁻⁸ and the sensitivities to 1.5·10⁻⁸, so the tolerance
    /// is 10⁻⁶ · (1 + |δβ|₁ max|s|), while a draw that adds `δβⱼ xⱼ,ₕ` is off by 0.8 to 19.
    @Test(arguments: ARIMASensitivityFixture.names)
    func coefficientDrawsMoveTheForecastByRsSensitivity(_ name: String) throws {
        let case_ = try ARIMASensitivityFixture.load(name)
        let model = try case_.fit()
        let future = case_.futureRegressors
        let projection = try ARIMAProjection(model: model, drivers: Array(future.indices), names: case_.regressorNames,
                                             future: future, name: name)
        #expect(projection.coefficientNames == case_.sensitivityNames)
        let k = projection.coefficientNames.count
        let z = Array([0.8, -1.3, 0.6][..<k])
        var delta = [Double](repeating: 0, count: k)
        for i in 0..<k { for j in 0...i { delta[i] += projection.factor[i + k * j] * z[j] } }
        let paths = future.map(\.values)
        let central = try projection.values(drivers: paths, normals: [0, 0, 0][..<k], deviation: nil, noisy: false)
        let drawn = try projection.values(drivers: paths, normals: z[...], deviation: nil, noisy: true)
        let scale = delta.reduce(0) { $0 + abs($1) } * case_.sensitivity.joined().reduce(0) { max($0, abs($1)) }
        for h in central.indices {
            let expected = (0..<k).reduce(0.0) { $0 + delta[$1] * case_.sensitivity[$1][h] }
            expectClose((drawn[h] - central[h]), expected, .absolute(1e-6 * (1 + scale)), "\(name) h=\(h + 1): \(drawn[h] - central[h]) vs R \(expected)")
        }
    }

    /// `ARIMAModel.regressionSensitivity` against R's finite differences (see above), coefficient
    /// by coefficient, within 10⁻⁶ relative (observed: 1.5·10⁻⁸); the fitted coefficients agree
    /// with R's first, within 10⁻⁶ relative (observed: 3·10⁻⁸).
    @Test(arguments: ARIMASensitivityFixture.names)
    func sensitivityMatchesR(_ name: String) throws {
        let case_ = try ARIMASensitivityFixture.load(name)
        let model = try case_.fit()
        #expect(model.coefficientNames == case_.coefficientNames)
        for (ours, theirs) in zip(model.coefficients, case_.coefficients) {
            expectClose(ours, theirs, .mixed(absolute: 1e-6, relative: 1e-6), "\(name): coefficient \(ours) vs R \(theirs)")
        }
        let sensitivity = try model.regressionSensitivity(horizon: case_.forecastMean.count,
                                                          futureRegressors: case_.futureRegressors)
        #expect(sensitivity.count == case_.sensitivity.count)
        for (j, (ours, theirs)) in zip(sensitivity, case_.sensitivity).enumerated() {
            for h in theirs.indices {
                expectClose(ours[h], theirs[h], .mixed(absolute: 1e-6, relative: 1e-6), "\(name) \(case_.sensitivityNames[j]) h=\(h + 1): \(ours[h]) vs R \(theirs[h])")
            }
        }
    }

    /// For a draw whose drivers are not the central ones, the coefficient part is `Σⱼ δβⱼ sⱼ,ₕ(x)`
    /// with the sensitivities for the draw's drivers `x` (the projection shifts the central ones
    /// by `x − x̄`, which is exact because the sensitivity is linear in the future covariate).
    @Test func coefficientDrawsUseTheDrawsDrivers() throws {
        let case_ = try ARIMASensitivityFixture.load("arima110_drift_x")
        let model = try case_.fit()
        let future = case_.futureRegressors
        let projection = try ARIMAProjection(model: model, drivers: [0], names: case_.regressorNames,
                                             future: future, name: "test")
        let other = future[0].values.enumerated().map { 150 + 3 * Double($0.offset) }
        let sensitivity = try model.regressionSensitivity(
            horizon: other.count, futureRegressors: [ARIMARegressor(name: future[0].name, values: other)])
        let z = [0.5, -1.1]
        let delta = [projection.factor[0] * z[0], projection.factor[1] * z[0] + projection.factor[3] * z[1]]
        let central = try projection.values(drivers: [other], normals: [0, 0], deviation: nil, noisy: false)
        let drawn = try projection.values(drivers: [other], normals: z[...], deviation: nil, noisy: true)
        for h in central.indices {
            let expected = delta[0] * sensitivity[0][h] + delta[1] * sensitivity[1][h]
            expectClose((drawn[h] - central[h]), expected, .mixed(absolute: 1e-9, relative: 1e-9), "h=\(h + 1)")
        }
    }
}

/// One case of `Fixtures/arima-sensitivity/arima_sensitivity.json` (`make_arima_sensitivity.R`):
/// a regression with ARIMA errors fitted by `forecast::Arima` and the forecast's sensitivity to
/// each regression coefficient by finite differences.
struct ARIMASensitivityFixture: Decodable {
    static let names = ["arima010_x", "arima011_x", "arima100_mean_x", "arima110_drift_x", "arima011_x1_x2"]

    let name: String
    let order: [Int]
    let includeMean: Bool
    let includeDrift: Bool
    let y: [Double]
    let regressorNames: [String]
    let regressors: [[Double]]
    let future: [[Double]]
    let coefficientNames: [String]
    let coefficients: [Double]
    let forecastMean: [Double]
    let sensitivityNames: [String]
    let sensitivity: [[Double]]

    static func load(_ name: String) throws -> ARIMASensitivityFixture {
        let url = try fixtureURL("arima-sensitivity/arima_sensitivity.json")
        let all = try JSONDecoder().decode([ARIMASensitivityFixture].self, from: Data(contentsOf: url))
        return try #require(all.first { $0.name == name }, "no case \(name)")
    }

    var futureRegressors: [ARIMARegressor] {
        zip(regressorNames, future).map { ARIMARegressor(name: $0, values: $1) }
    }

    func fit() throws -> ARIMAModel {
        let specification = ARIMASpecification(p: order[0], d: order[1], q: order[2], includeMean: includeMean,
                                               includeDrift: includeDrift)
        return try ARIMAModel.fit(y, specification: specification,
                                  regressors: zip(regressorNames, regressors).map { ARIMARegressor(name: $0, values: $1) })
    }
}

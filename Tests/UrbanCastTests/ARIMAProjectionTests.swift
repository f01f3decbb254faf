import Forecasting
import Foundation
import Statistics
import Testing

@testable import UrbanCast

/// The regression coefficients of a regression with ARIMA errors are drawn jointly.
@Suite struct ARIMAProjectionTests {
    /// On `y = 5 + 2x + ε` with `x = 10 + sin(t/3)` (far from zero relative to its spread, so the
    /// intercept and slope estimates are strongly negatively correlated), the coefficient part of
    /// 20,000 draws, `δa + δb xₕ`, has variance `cₕᵀ Σ_β cₕ` (`cₕ = (1, xₕ)`) within 5 standard
    /// errors of a sample variance (√(2/N) relative), while the independent-draw variance
    /// `Σ cᵢ² Σᵢᵢ` is more than twice as large.
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
            let c = [1, future[h]]
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
            #expect(abs(drawn[h] - expected) < 1e-9 * abs(expected), "h=\(h + 1): \(drawn[h]) vs \(expected)")
        }
    }
}

import Foundation
import Testing
import LinearAlgebra
import Statistics
import Forecasting
import TestSupport

@Suite struct LinearRegressionTests {
    /// Seeded synthetic design: n rows, intercept plus three correlated predictors.
    static func synthetic(seed: UInt64, n: Int = 40) -> (y: [Double], x: [[Double]]) {
        var rng = SeededGenerator(seed: seed)
        let x1 = (0..<n).map { _ in rng.nextNormal() * 3 + 10 }
        let x2 = x1.map { $0 * 0.5 + rng.nextNormal() }
        let x3 = (0..<n).map { _ in rng.nextUniform() * 100 }
        let y = (0..<n).map { 2 + 0.7 * x1[$0] - 1.3 * x2[$0] + 0.02 * x3[$0] + rng.nextNormal() * (1 + x3[$0] / 50) }
        return (y, [x1, x2, x3])
    }

    @Test func rankDeficientDesignNamesTheAliasedColumn() {
        let x1: [Double] = [1, 2, 3, 4, 5, 6], x2: [Double] = [2, 1, 4, 3, 6, 5]
        let x3 = zip(x1, x2).map { $0 + $1 }
        let y: [Double] = [1, 3, 2, 5, 4, 6]
        #expect {
            try LinearRegression(response: y, predictors: [x1, x2, x3], names: ["x1", "x2", "x3"])
        } throws: { error in
            guard case let RegressionError.rankDeficient(aliased, explanations) = error else { return false }
            return aliased == ["x3"] && explanations == ["x3 = 1·x1 + 1·x2"]
        }
    }

    @Test func constantPredictorIsAliasedWithIntercept() {
        #expect {
            try LinearRegression(response: [1, 2, 3, 4], predictors: [[1, 2, 4, 3], [7, 7, 7, 7]], names: ["x", "c"])
        } throws: { error in
            guard case let RegressionError.rankDeficient(aliased, explanations) = error else { return false }
            return aliased == ["c"] && explanations == ["c is constant (aliased with the intercept)"]
        }
    }

    @Test func morePredictorsThanRowsIsRefused() {
        #expect(throws: RegressionError.tooFewObservations(observations: 3, parameters: 4)) {
            try LinearRegression(response: [1, 2, 3], predictors: [[1, 2, 3], [3, 1, 2], [0, 1, 0]], names: ["a", "b", "c"])
        }
    }

    @Test func nonFiniteAndBadWeightsAreRefused() {
        #expect(throws: RegressionError.nonFiniteValue(column: "x", row: 2)) {
            try LinearRegression(response: [1, 2, 3, 4], predictors: [[1, 2, .nan, 4]], names: ["x"])
        }
        #expect(throws: RegressionError.invalidWeight(row: 1, value: -1)) {
            try LinearRegression(response: [1, 2, 3, 4], predictors: [[1, 2, 3, 5]], names: ["x"],
                                 options: RegressionOptions(weights: [1, -1, 1, 1]))
        }
        #expect(throws: RegressionError.invalidRidgePenalty(-2)) {
            try LinearRegression(response: [1, 2, 3, 4], predictors: [[1, 2, 3, 5]], names: ["x"],
                                 options: RegressionOptions(ridgePenalty: -2))
        }
    }

    /// Rescaling a predictor by c rescales its coefficient and standard error by 1/c and leaves
    /// t, p, R², fitted values and the other coefficients unchanged.
    @Test(arguments: [UInt64(1), 2, 3])
    func equivarianceUnderScaling(seed: UInt64) throws {
        print("equivarianceUnderScaling seed \(seed)")
        let (y, x) = Self.synthetic(seed: seed)
        let names = ["x1", "x2", "x3"]
        let c = 1e-3
        let base = try LinearRegression(response: y, predictors: x, names: names)
        let scaled = try LinearRegression(response: y, predictors: [x[0], x[1].map { $0 * c }, x[2]], names: names)
        let tolerance = Tolerance.relative(1e-11)
        expectClose(scaled.coefficients[2].estimate * c, base.coefficients[2].estimate, tolerance)
        expectClose(scaled.coefficients[2].standardError * c, base.coefficients[2].standardError, tolerance)
        for j in [0, 1, 3] { expectClose(scaled.coefficients[j].estimate, base.coefficients[j].estimate, tolerance) }
        for j in 0..<4 { expectClose(scaled.coefficients[j].tStatistic, base.coefficients[j].tStatistic, tolerance) }
        expectClose(scaled.rSquared, base.rSquared, tolerance)
        expectClose(scaled.fittedValues, base.fittedValues, tolerance)
    }

    /// Refitting on the fitted values reproduces the coefficients with zero residuals; residuals are
    /// orthogonal to every column of the design.
    @Test(arguments: [UInt64(11), 12])
    func residualsAreOrthogonalToTheDesign(seed: UInt64) throws {
        print("residualsAreOrthogonalToTheDesign seed \(seed)")
        let (y, x) = Self.synthetic(seed: seed)
        let fit = try LinearRegression(response: y, predictors: x, names: ["a", "b", "c"])
        let scale = y.map(abs).max() ?? 1
        for column in [[Double](repeating: 1, count: y.count)] + x {
            let dot = zip(column, fit.residuals).reduce(0.0) { $0 + $1.0 * $1.1 }
            let norm = column.reduce(0.0) { $0 + $1 * $1 }.squareRoot()
            #expect(abs(dot) <= 1e-12 * norm * scale * Double(y.count).squareRoot())
        }
    }

    /// Ridge against the normal equations `(X_cᵀX_c + λI) β = X_cᵀ y_c` solved by LU (a different path).
    @Test func ridgeMatchesNormalEquations() throws {
        let (y, x) = Self.synthetic(seed: 7)
        let lambda = 25.0
        let fit = try LinearRegression(response: y, predictors: x, names: ["a", "b", "c"],
                                       options: RegressionOptions(ridgePenalty: lambda))
        let n = Double(y.count)
        let means = x.map { $0.reduce(0, +) / n }
        let yMean = y.reduce(0, +) / n
        let centred = Matrix(columns: x.enumerated().map { j, column in column.map { $0 - means[j] } })
        var a = centred.gram()
        for j in 0..<3 { a[j, j] += lambda }
        let rhs = centred.multiplied(by: y.map { $0 - yMean }, transpose: true)
        let slopes = try solveLinearSystem(a, rhs)
        for j in 0..<3 { expectClose(fit.coefficients[j + 1].estimate, slopes[j], .relative(1e-10)) }
        let intercept = yMean - zip(means, slopes).reduce(0.0) { $0 + $1.0 * $1.1 }
        expectClose(fit.coefficients[0].estimate, intercept, .relative(1e-10))
        // Effective degrees of freedom: n − 1 − tr(X_c A⁻¹ X_cᵀ).
        let inverse = try solveLinearSystem(a, Matrix.identity(3))
        let hatTrace = (centred.gram() * inverse).diagonal.reduce(0, +)
        expectClose(fit.residualDegreesOfFreedom, (n - 1 - hatTrace), .absolute(1e-9))
        // λ = 0 is ordinary least squares.
        let ols = try LinearRegression(response: y, predictors: x, names: ["a", "b", "c"])
        let ridge0 = try LinearRegression(response: y, predictors: x, names: ["a", "b", "c"],
                                          options: RegressionOptions(ridgePenalty: 0))
        #expect(ols.estimates == ridge0.estimates)
    }

    /// Rows of weight zero leave the fit exactly as if they were deleted.
    @Test func zeroWeightsDropRows() throws {
        let (y, x) = Self.synthetic(seed: 5, n: 30)
        var weights = [Double](repeating: 1, count: 30)
        for i in stride(from: 0, to: 30, by: 4) { weights[i] = 0 }
        let kept = (0..<30).filter { weights[$0] > 0 }
        let weighted = try LinearRegression(response: y, predictors: x, names: ["a", "b", "c"],
                                            options: RegressionOptions(weights: weights))
        let subset = try LinearRegression(response: kept.map { y[$0] }, predictors: x.map { c in kept.map { c[$0] } },
                                          names: ["a", "b", "c"])
        #expect(weighted.observationCount == kept.count)
        for (a, b) in zip(weighted.coefficients, subset.coefficients) {
            expectClose(a.estimate, b.estimate, .relative(1e-12))
            expectClose(a.standardError, b.standardError, .relative(1e-12))
        }
    }

    /// A dummy that is 1 on a single row gives that row leverage 1: HC3 is undefined and refused.
    @Test func leverageOneRefusesHC3() {
        let y: [Double] = [1, 2, 1.5, 3, 2.5, 9]
        let x: [Double] = [1, 2, 3, 4, 5, 6]
        let dummy: [Double] = [0, 0, 0, 0, 0, 1]
        #expect(throws: RegressionError.leverageOne(row: 5)) {
            try LinearRegression(response: y, predictors: [x, dummy], names: ["x", "d"],
                                 options: RegressionOptions(covariance: .hc3))
        }
    }

    /// Simple regression by hand: y = (1, 3, 2, 5, 4) on x = 1…5 gives slope 0.8, intercept 0.6,
    /// RSS 3.6, σ̂² = 1.2, se(slope) = √(1.2/10).
    @Test func simpleRegressionByHand() throws {
        let fit = try LinearRegression(response: [1, 3, 2, 5, 4], predictors: [[1, 2, 3, 4, 5]], names: ["x"])
        expectClose(fit.coefficients[1].estimate, 0.8, .absolute(1e-15))
        expectClose(fit.coefficients[0].estimate, 0.6, .absolute(1e-14))
        expectClose(fit.residualSumOfSquares, 3.6, .absolute(1e-14))
        expectClose(fit.coefficients[1].standardError, (1.2 / 10).squareRoot(), .absolute(1e-15))
        expectClose(fit.rSquared, 0.64, .absolute(1e-15))   // 1 − 3.6/10
        expectClose(fit.varianceInflationFactors[0], 1, .absolute(1e-14))
        let prediction = try fit.predict([[6]])[0]
        expectClose(prediction.mean, 5.4, .absolute(1e-14))
        #expect(prediction.predictionLower < prediction.confidenceLower && prediction.confidenceUpper < prediction.predictionUpper)
    }
}

import Foundation
import Testing
import Forecasting

/// Cross-check against statsmodels 0.15 on real data: Beijing Dongsi daily PM2.5 on weather
/// (fixture and the script that made it in Fixtures/statsmodels/).
@Suite struct StatsmodelsCrossCheckTests {
    struct Fixture: Decodable {
        struct OLS: Decodable {
            let params, bse, HC0_se, HC1_se, HC2_se, HC3_se, tvalues, pvalues: [String: Double]
            let conf_int: [String: [Double]]
            let rsquared, rsquared_adj, fvalue, f_pvalue, llf, aic, bic, scale, condition_number: Double
            let vif: [String: Double]
        }
        struct Prediction: Decodable {
            struct Row: Decodable {
                let x: [String: Double]
                let mean, mean_se: Double
                let mean_ci, obs_ci: [Double]
            }
            let rows: [Row]
        }
        struct WLS: Decodable {
            let params, bse: [String: Double]
            let rsquared, scale, llf: Double
        }
        let x: [String]
        let param_names: [String]
        let ols: OLS
        let prediction: Prediction
        let wls: WLS
    }

    let fixture: Fixture
    let response: [Double]
    let predictors: [[Double]]
    let hours: [Double]

    init() throws {
        fixture = try JSONDecoder().decode(Fixture.self, from: Data(contentsOf: fixtureURL("statsmodels/ols_fixture.json")))
        let (names, columns) = try readNumericCSV(fixtureURL("statsmodels/ols_design.csv"))
        func column(_ name: String) throws -> [Double] {
            columns[try #require(names.firstIndex(of: name), "column \(name)")]
        }
        response = try column("PM2.5")
        predictors = try fixture.x.map(column)
        hours = try column("n_hours_pm25")
    }

    /// Relative agreement `|a − b| ≤ tolerance · |b|`.
    func agrees(_ a: Double, _ b: Double, _ tolerance: Double = 1e-9) -> Bool {
        abs(a - b) <= tolerance * abs(b)
    }

    func key(_ name: String) -> String { name == "(Intercept)" ? "const" : name }

    @Test func classicalInference() throws {
        let fit = try LinearRegression(response: response, predictors: predictors, names: fixture.x)
        let ols = fixture.ols
        for c in fit.coefficients {
            let k = key(c.name)
            #expect(agrees(c.estimate, try #require(ols.params[k])), "\(k) estimate")
            #expect(agrees(c.standardError, try #require(ols.bse[k])), "\(k) se")
            #expect(agrees(c.tStatistic, try #require(ols.tvalues[k])), "\(k) t")
            #expect(agrees(c.pValue, try #require(ols.pvalues[k]), 1e-7), "\(k) p")
            let interval = try #require(ols.conf_int[k])
            #expect(agrees(c.lower95, interval[0]) && agrees(c.upper95, interval[1]), "\(k) interval")
        }
        #expect(agrees(fit.rSquared, ols.rsquared))
        #expect(agrees(fit.adjustedRSquared, ols.rsquared_adj))
        #expect(agrees(try #require(fit.fStatistic), ols.fvalue))
        #expect(agrees(try #require(fit.fPValue), ols.f_pvalue, 1e-7))
        #expect(agrees(fit.logLikelihood, ols.llf))
        // R's convention counts σ² as a parameter; statsmodels does not.
        #expect(agrees(fit.aic, ols.aic + 2))
        #expect(agrees(fit.bic, ols.bic + log(Double(response.count))))
        #expect(agrees(fit.residualStandardError * fit.residualStandardError, ols.scale))
        #expect(agrees(fit.conditionNumber, ols.condition_number, 1e-8))
        for (name, vif) in zip(fixture.x, fit.varianceInflationFactors) {
            #expect(agrees(vif, try #require(ols.vif[name])), "VIF \(name)")
        }
    }

    @Test(arguments: [CovarianceEstimator.hc0, .hc1, .hc2, .hc3])
    func robustStandardErrors(estimator: CovarianceEstimator) throws {
        let fit = try LinearRegression(response: response, predictors: predictors, names: fixture.x,
                                       options: RegressionOptions(covariance: estimator))
        let reference: [String: Double] = switch estimator {
        case .hc0: fixture.ols.HC0_se
        case .hc1: fixture.ols.HC1_se
        case .hc2: fixture.ols.HC2_se
        default: fixture.ols.HC3_se
        }
        for c in fit.coefficients {
            #expect(agrees(c.standardError, try #require(reference[key(c.name)])), "\(estimator) \(c.name)")
        }
    }

    @Test func predictionIntervals() throws {
        let fit = try LinearRegression(response: response, predictors: predictors, names: fixture.x)
        let rows = try fixture.prediction.rows.map { row in try fixture.x.map { try #require(row.x[$0]) } }
        let predictions = try fit.predict(rows, level: 95)
        for (p, expected) in zip(predictions, fixture.prediction.rows) {
            #expect(agrees(p.mean, expected.mean, 1e-8))
            #expect(agrees(p.standardError, expected.mean_se, 1e-8))
            #expect(agrees(p.confidenceLower, expected.mean_ci[0], 1e-8) && agrees(p.confidenceUpper, expected.mean_ci[1], 1e-8))
            #expect(agrees(p.predictionLower, expected.obs_ci[0], 1e-8) && agrees(p.predictionUpper, expected.obs_ci[1], 1e-8))
        }
    }

    @Test func weightedLeastSquares() throws {
        let fit = try LinearRegression(response: response, predictors: predictors, names: fixture.x,
                                       options: RegressionOptions(weights: hours))
        for c in fit.coefficients {
            #expect(agrees(c.estimate, try #require(fixture.wls.params[key(c.name)])), "\(c.name)")
            #expect(agrees(c.standardError, try #require(fixture.wls.bse[key(c.name)])), "\(c.name) se")
        }
        #expect(agrees(fit.rSquared, fixture.wls.rsquared))
        #expect(agrees(fit.residualStandardError * fit.residualStandardError, fixture.wls.scale))
        #expect(agrees(fit.logLikelihood, fixture.wls.llf))
    }
}

import Foundation
import Testing
@testable import Forecasting

/// Reference fits from R forecast 8.20, produced by
/// `Fixtures/r-forecast/arima/make_arima_fixtures.R` (see that script for the series and orders).
enum ARIMAFixtures {
    struct Fit {
        var spec: ARIMASpecification
        var hasRegressor: Bool
        var error: String?
        var name: String
        var coefficientNames: [String]
        var coefficients: [Double]
        var standardErrors: [Double]
        var sigma2: Double
        var logLikelihood: Double
        var aicc: Double
        var mean: [Double], lo80: [Double], hi80: [Double], lo95: [Double], hi95: [Double]
    }

    struct Series {
        var name: String
        var frequency: Int
        var values: [Double]
        var regressor: [Double]?
        var futureRegressor: [Double]?
        var fits: [Fit]
        var autoName: String
        var autoLogLikelihood: Double
        var fullName: String?
        var ndiffs: Int?
        var nsdiffs: Int?
        var seasonalStrength: Double?
    }

    static let all: [Series] = load()

    /// Fixed-order fits are checked on every fixture. The automatic search is checked on every
    /// fixture in release builds or with `URBANCAST_FULL_ARIMA=1`; debug builds check the short
    /// non-seasonal and quarterly series only, to keep the run near 30 s.
    static var exhaustive: Bool {
        if ProcessInfo.processInfo.environment["URBANCAST_FULL_ARIMA"] == "1" { return true }
        return !_isDebugAssertConfiguration()
    }

    static var selected: [Series] { all }

    /// The subset for the automatic search in debug builds: short, non-approximated series.
    static var selectedForSearch: [Series] {
        exhaustive ? all : all.filter { $0.frequency <= 4 && $0.values.count <= 100 }
    }

    private static func numbers(_ any: Any?) -> [Double] {
        if let a = any as? [Any] { return a.map { ($0 as? NSNumber)?.doubleValue ?? .nan } }
        if let n = any as? NSNumber { return [n.doubleValue] }
        return []
    }
    private static func number(_ any: Any?) -> Double { (any as? NSNumber)?.doubleValue ?? .nan }

    private static func load() -> [Series] {
        let url = fixtureURL("r-forecast/arima/arima_fixtures.json")
        guard let data = try? Data(contentsOf: url),
              let root = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let list = root["series"] as? [[String: Any]] else { return [] }
        return list.map { s in
            let m = max(1, Int(number(s["frequency"])))
            let fits = (s["fits"] as? [[String: Any]] ?? []).map { f -> Fit in
                let order = numbers(f["order"]).map { Int($0) }, seasonal = numbers(f["seasonal"]).map { Int($0) }
                let method = ARIMAEstimationMethod(rawValue: f["method"] as? String ?? "CSS-ML") ?? .cssThenMaximumLikelihood
                let useSeason = m > 1
                let spec = ARIMASpecification(p: order[0], d: order[1], q: order[2],
                                              seasonalP: useSeason ? seasonal[0] : 0, seasonalD: useSeason ? seasonal[1] : 0,
                                              seasonalQ: useSeason ? seasonal[2] : 0, seasonLength: max(m, 1),
                                              includeMean: f["mean"] as? Bool ?? true, includeDrift: f["drift"] as? Bool ?? false,
                                              method: method)
                let fc = f["forecast"] as? [String: Any] ?? [:]
                return Fit(spec: spec, hasRegressor: f["xreg"] as? Bool ?? false, error: f["error"] as? String,
                           name: f["name"] as? String ?? "", coefficientNames: (f["coefNames"] as? [String]) ?? ((f["coefNames"] as? String).map { [$0] } ?? []),
                           coefficients: numbers(f["coef"]), standardErrors: numbers(f["se"]), sigma2: number(f["sigma2"]),
                           logLikelihood: number(f["loglik"]), aicc: number(f["aicc"]),
                           mean: numbers(fc["mean"]), lo80: numbers(fc["lo80"]), hi80: numbers(fc["hi80"]),
                           lo95: numbers(fc["lo95"]), hi95: numbers(fc["hi95"]))
            }
            let auto = s["auto"] as? [String: Any] ?? [:]
            let full = s["autoFull"] as? [String: Any]
            return Series(name: s["name"] as? String ?? "", frequency: m, values: numbers(s["values"]),
                          regressor: s["xreg"].map { numbers($0) }, futureRegressor: s["newxreg"].map { numbers($0) },
                          fits: fits, autoName: auto["name"] as? String ?? "", autoLogLikelihood: number(auto["loglik"]),
                          fullName: full?["name"] as? String, ndiffs: (auto["ndiffs"] as? NSNumber)?.intValue,
                          nsdiffs: (auto["nsdiffs"] as? NSNumber)?.intValue,
                          seasonalStrength: (s["seasonalStrength"] as? NSNumber)?.doubleValue)
        }
    }
}

import Foundation

/// R forecast 8.20 `ets` results written by `Fixtures/r-forecast/ets/make_ets_fixtures.R`.
struct ETSFixtureFile: Decodable {
    let forecastVersion: String
    let series: [ETSFixtureSeries]
    let variants: [ETSFixtureVariant]

    static func load() throws -> ETSFixtureFile {
        let data = try Data(contentsOf: fixtureURL("r-forecast/ets/ets_fixtures.json"))
        return try JSONDecoder().decode(ETSFixtureFile.self, from: data)
    }
}

struct ETSFixtureSeries: Decodable {
    let name: String
    let frequency: Int
    let values: [Double]
    let auto: ETSFixtureFit?
    let fixed: [String: ETSFixtureFit]

    enum CodingKeys: String, CodingKey { case name, frequency, values, auto, fixed }

    init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = try container.decode(String.self, forKey: .name)
        frequency = try container.decode(Int.self, forKey: .frequency)
        values = try container.decode([Double].self, forKey: .values)
        auto = try container.decodeIfPresent(ETSFixtureFit.self, forKey: .auto)
        // jsonlite writes an empty named list as [].
        fixed = (try? container.decode([String: ETSFixtureFit].self, forKey: .fixed)) ?? [:]
    }
}

/// `ets()` with non-default arguments on one of the fixture series.
struct ETSFixtureVariant: Decodable {
    let series: String
    let model: String
    let damped: Bool?
    let bounds: String
    let ic: String
    let allowMultiplicativeTrend: Bool
    let additiveOnly: Bool
    let fit: ETSFixtureFit
}

struct ETSFixtureFit: Decodable {
    let method: String
    let parNames: [String]
    let par: [Double]
    /// Absent for R's Holt–Winters fallback, which reports no likelihood.
    let loglik: Double?
    let aic: Double?
    let aicc: Double?
    let bic: Double?
    let sigma2: Double
    let finalState: [Double]
    let h: Int
    let mean: [Double]
    let lower80: [Double]
    let upper80: [Double]
    let lower95: [Double]
    let upper95: [Double]
    let simulated: Bool
    let holtWinters: Bool
}

/// Largest |a − b| / max(|b|, floor) over paired values.
func maxRelativeDifference(_ a: [Double], _ b: [Double], floor: Double = 1e-8) -> Double {
    precondition(a.count == b.count, "paired arrays must have equal lengths")
    var worst = 0.0
    for (x, y) in zip(a, b) { worst = max(worst, abs(x - y) / max(abs(y), floor)) }
    return worst
}

import Forecasting
import Foundation

/// The base year's hourly load with its temperature.
struct HourlyData: Sendable {
    var dates: [SeriesDate]
    var load: [Double]
    var temperature: [Double]
}

/// Hourly load regressed on the weather and the calendar, replayed on a warmer year.
///
/// `load_h = β₀ + β₁ T_h + β₂ T_h² + Σ hour-of-day + Σ day-of-week + Σ month + ε_h` by OLS on the
/// base year's hours (dummies against hour 0, Monday and January). A projected year with warming
/// `w` °C replays the base year's hours with `T_h + w`:
/// - energy: `Σ_h x_h(w) · β = S · β + β₁ n w + β₂ (2 w ΣT + n w²)` with `S = Σ_h x_h(0)`, exact;
/// - peak: `max_h x_h(w) · β` over the candidate hours: the 240 highest predicted loads at
///   `w = 0` and at `w = 3 °C` (the peak of any warming in between, and of parameter draws near
///   the estimate, is among them).
/// Parameter uncertainty comes from the coefficient covariance; hourly innovations are not drawn
/// (they average out in the annual energy; for the peak this understates the spread).
struct HourlyLoadModel: Sendable {
    let fit: LinearRegression
    let beta: [Double]
    let factor: [[Double]]
    let output: ScenarioSpecification.LoadOutput
    let warming: Int?
    private let designSum: [Double]
    private let temperatureSum: Double
    private let hours: Double
    private let candidates: [[Double]]
    private let candidateTemperature: [Double]

    static let candidateCount = 120

    init(_ data: HourlyData, output: ScenarioSpecification.LoadOutput, warming: Int?, name: String) throws(ScenarioError) {
        let rows = data.load.indices.filter { data.load[$0].isFinite && data.temperature[$0].isFinite }
        let columns = Self.design(rows.map { data.temperature[$0] }, dates: rows.map { data.dates[$0] }, warming: 0)
        do {
            fit = try LinearRegression(response: rows.map { data.load[$0] }, predictors: columns.values, names: columns.names)
        } catch {
            throw .model("\(name): \(error.description)")
        }
        beta = fit.estimates
        factor = try covarianceFactor(fit.covariance)
        self.output = output
        self.warming = warming
        let n = rows.count
        hours = Double(n)
        temperatureSum = rows.reduce(0) { $0 + data.temperature[$1] }
        designSum = [hours] + columns.values.map { $0.reduce(0, +) }
        func row(_ k: Int, _ w: Double) -> [Double] {
            [1, columns.values[0][k] + w, pow(columns.values[0][k] + w, 2)] + columns.values.dropFirst(2).map { $0[k] }
        }
        let estimates = beta
        func top(_ w: Double) -> [Int] {
            let predicted = (0..<n).map { k in zip(row(k, w), estimates).reduce(0) { $0 + $1.0 * $1.1 } }
            return Array((0..<n).sorted { predicted[$0] > predicted[$1] || (predicted[$0] == predicted[$1] && $0 < $1) }
                .prefix(Self.candidateCount))
        }
        let chosen = Array(Set(top(0) + top(3))).sorted()
        candidates = chosen.map { row($0, 0) }
        candidateTemperature = chosen.map { columns.values[0][$0] }
    }

    /// Temperature, temperature² and the calendar dummies of each hour.
    static func design(_ temperature: [Double], dates: [SeriesDate], warming w: Double) -> (values: [[Double]], names: [String]) {
        var values = [temperature.map { $0 + w }, temperature.map { ($0 + w) * ($0 + w) }]
        var names = ["temperature", "temperature^2"]
        for hour in 1..<24 {
            values.append(dates.map { $0.hour == hour ? 1 : 0 })
            names.append("hour=\(hour)")
        }
        // Day of week from days since 1970-01-01 (a Thursday): 0 = Monday.
        let weekday = dates.map { (($0.secondsSinceEpoch / 86_400) % 7 + 7 + 3) % 7 }
        for day in 1..<7 {
            values.append(weekday.map { $0 == day ? 1 : 0 })
            names.append("weekday=\(day)")
        }
        return (values, names)
    }

    /// The yearly energy or peak for coefficients `b`, with each year's warming from the driver.
    func values(beta b: [Double], drivers: [[Double]], count n: Int) -> [Double] {
        let base = candidates.map { x in zip(x, b).reduce(0) { $0 + $1.0 * $1.1 } }
        let energy0 = zip(designSum, b).reduce(0) { $0 + $1.0 * $1.1 }
        return (0..<n).map { h in
            let w = warming.map { drivers[$0][h] } ?? 0
            switch output {
            case .energy:
                return energy0 + b[1] * hours * w + b[2] * (2 * w * temperatureSum + hours * w * w)
            case .peak:
                var peak = -Double.infinity
                for (k, t) in candidateTemperature.enumerated() {
                    peak = Swift.max(peak, base[k] + b[1] * w + b[2] * (2 * w * t + w * w))
                }
                return peak
            }
        }
    }
}

import Forecasting
import Foundation
import Statistics

/// Hourly load regressed on the weather and the calendar, replayed on a warmer year.
///
/// `load_h = β₀ + β₁ T_h + β₂ T_h² + Σ hour-of-day + Σ day-of-week + ε_h` by OLS on the base year's
/// hours (dummies against hour 0 and Monday). A projected year with warming
/// `w` °C replays the base year's hours with `T_h + w`:
/// - energy: `Σ_h x_h(w) · β = S · β + β₁ n w + β₂ (2 w ΣT + n w²)` with `S = Σ_h x_h(0)`, exact;
/// - peak: `max_h x_h(w) · β` over the candidate hours: the 120 highest predicted loads at
///   `w = 0` and at `w = 3 °C`, and every hour whose predicted load at either is within
///   3 σ_ε of that warming's highest (the peak of any warming in between, of parameter draws
///   near the estimate and of the residual noise below, is among them).
///
/// Uncertainty in a draw: the coefficients from their covariance, and the hourly residual noise,
/// modelled as a stationary AR(1), `ε_h = φ ε_{h−1} + u_h`, with `φ` the lag-1 autocorrelation of
/// the OLS residuals over consecutive hours (`Σ e_h e_{h−1} / Σ e_{h−1}²`, clamped to [0, 0.999]: a
/// negative estimate counts as independent hours) and `Var ε = σ_ε²` the residual variance (so
/// `Var u = σ_ε² (1 − φ²)`). Each projected year draws its own noise, independent of other years:
/// - energy adds `Σ_h ε_h`, drawn exactly as one normal with
///   `Var = σ_ε² (N + 2 Σ_{k=1}^{N−1} (N − k) φᵏ)` (N hours), one normal per year;
/// - peak adds `ε` at the candidate hours before taking the maximum, simulated exactly at those
///   hours only by the AR(1)'s Markov property: `ε_{t_k} = φ^Δ ε_{t_{k−1}} + σ_ε √(1 − φ^{2Δ}) z`,
///   `Δ = t_k − t_{k−1}` hours. An hour more than 3 σ_ε below the highest prediction is left out (an
///   approximation: to be the peak, its noise would have to exceed the highest hour's by more
///   than 3 σ_ε and also beat the noisy maximum of every other candidate). The noise-free central path (`--draws 0`) is the maximum of the
///   predicted loads, so the drawn peaks sit above it, as observed peaks sit above fitted ones.
/// An AR(1) rather than a bootstrap of residuals: the OLS residuals of one year sum to zero, so
/// resampling them would give the annual energy no noise at all.
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
    /// The residuals' lag-1 autocorrelation φ and standard deviation σ_ε.
    let residualAutocorrelation: Double
    let residualStandardDeviation: Double
    /// Standard deviation of the annual sum of the residual noise.
    let energyNoiseStandardDeviation: Double
    /// The AR(1) transition to each candidate hour from the previous one: `φ^Δ` and `σ_ε √(1 − φ^{2Δ})`.
    private let noiseCarry: [Double]
    private let noiseScale: [Double]
    /// Hours from each candidate hour to the next (the first entry +∞), which set the AR(1)
    /// correlation `φ^Δ` between them.
    let candidateGaps: [Double]

    static let candidateCount = 120
    /// Candidate hours also include those within this many σ_ε of the highest predicted load.
    static let noiseReach = 3.0

    /// A draw's noise: one normal per year for the energy, the simulated candidate-hour noise for
    /// the peak (`years × candidates`, year-major).
    struct Noise {
        var normals: ArraySlice<Double>
        var peakNoise: [Double]?
    }

    /// Number of candidate hours of the peak.
    var candidateHours: Int { candidates.count }

    init(_ data: ScenarioData.HourlyRecords, output: ScenarioSpecification.LoadOutput, warming: Int?, name: String) throws(ScenarioError) {
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
        // AR(1) of the residuals over pairs of consecutive hours.
        let residuals = fit.residuals
        let seconds = rows.map { data.dates[$0].secondsSinceEpoch }
        var lagged = 0.0, squares = 0.0
        for k in 1..<Swift.max(1, n) where seconds[k] - seconds[k - 1] == 3600 {
            lagged += residuals[k] * residuals[k - 1]
            squares += residuals[k - 1] * residuals[k - 1]
        }
        let phi = squares > 0 ? Swift.min(Swift.max(lagged / squares, 0), 0.999) : 0
        let sigma = fit.residualStandardError
        residualAutocorrelation = phi
        residualStandardDeviation = sigma
        var weighted = 0.0, power = 1.0
        for k in 1..<Swift.max(1, n) {
            power *= phi
            weighted += Double(n - k) * power
        }
        energyNoiseStandardDeviation = sigma * (Double(n) + 2 * weighted).squareRoot()

        let estimates = beta
        func top(_ w: Double) -> [Int] {
            let predicted = (0..<n).map { k in zip(row(k, w), estimates).reduce(0) { $0 + $1.0 * $1.1 } }
            let order = (0..<n).sorted { predicted[$0] > predicted[$1] || (predicted[$0] == predicted[$1] && $0 < $1) }
            let highest = order.first.map { predicted[$0] } ?? 0
            let reach = order.prefix { predicted[$0] >= highest - Self.noiseReach * sigma }
            return Array(order.prefix(Swift.max(Self.candidateCount, reach.count)))
        }
        let chosen = Array(Set(top(0) + top(3))).sorted()
        candidates = chosen.map { row($0, 0) }
        candidateTemperature = chosen.map { columns.values[0][$0] }
        var carry: [Double] = [], scale: [Double] = [], gaps: [Double] = []
        for (k, index) in chosen.enumerated() {
            let gap = k == 0 ? Double.infinity : Double(seconds[index] - seconds[chosen[k - 1]]) / 3600
            let a = gap.isFinite ? pow(phi, gap) : 0
            carry.append(a)
            scale.append(sigma * Swift.max(0, 1 - a * a).squareRoot())
            gaps.append(gap)
        }
        noiseCarry = carry
        noiseScale = scale
        candidateGaps = gaps
    }

    /// The residual noise at the candidate hours for `years` independent years (year-major).
    ///
    /// - Complexity: O(years × candidates), one normal each.
    func peakNoise(years: Int, generator: inout SeededGenerator) -> [Double] {
        var out: [Double] = []
        peakNoise(years: years, into: &out, generator: &generator)
        return out
    }

    /// As ``peakNoise(years:generator:)``, written over `out` (its storage reused).
    func peakNoise(years: Int, into out: inout [Double], generator: inout SeededGenerator) {
        let c = candidates.count
        if out.count != years * c { out = [Double](repeating: 0, count: years * c) }
        for y in 0..<years {
            var previous = 0.0
            for k in 0..<c {
                previous = noiseCarry[k] * previous + noiseScale[k] * generator.nextNormal()
                out[y * c + k] = previous
            }
        }
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

    /// The yearly energy or peak for coefficients `b`, with each year's warming from the driver,
    /// and the residual noise when `noise` is given.
    func values(beta b: [Double], drivers: [[Double]], count n: Int, noise: Noise?) -> [Double] {
        let base = output == .peak ? candidates.map { x in zip(x, b).reduce(0) { $0 + $1.0 * $1.1 } } : []
        let energy0 = zip(designSum, b).reduce(0) { $0 + $1.0 * $1.1 }
        let c = candidates.count
        return (0..<n).map { h in
            let w = warming.map { drivers[$0][h] } ?? 0
            switch output {
            case .energy:
                var energy = energy0 + b[1] * hours * w + b[2] * (2 * w * temperatureSum + hours * w * w)
                if let noise { energy += energyNoiseStandardDeviation * noise.normals[noise.normals.startIndex + h] }
                return energy
            case .peak:
                var peak = -Double.infinity
                let offset = h * c
                for (k, t) in candidateTemperature.enumerated() {
                    var load = base[k] + b[1] * w + b[2] * (2 * w * t + w * w)
                    if let extra = noise?.peakNoise { load += extra[offset + k] }
                    peak = Swift.max(peak, load)
                }
                return peak
            }
        }
    }
}

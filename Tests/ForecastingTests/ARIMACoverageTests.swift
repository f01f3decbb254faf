import Testing
import Statistics
import Forecasting
import TestSupport

/// Seeded simulation: ARIMA prediction intervals fitted to series from known processes cover the
/// next values at close to their nominal rates (within ±2 percentage points over at
/// least 2000 replications).
@Suite struct ARIMACoverageTests {
    struct Process: Sendable, CustomStringConvertible {
        let label: String
        let specification: ARIMASpecification
        /// Simulate n + horizon values from the process.
        let simulate: @Sendable (inout SeededGenerator, Int) -> [Double]
        var description: String { label }
    }

    static let processes: [Process] = [
        Process(label: "AR(1) φ=0.6 mean 10",
                specification: ARIMASpecification(p: 1, includeMean: true)) { rng, count in
            var y = [Double](), x = 0.0
            for _ in 0..<(count + 50) { x = 0.6 * x + rng.nextNormal(); y.append(10 + x) }
            return Array(y.suffix(count))
        },
        Process(label: "ARIMA(0,1,1) θ=−0.4",
                specification: ARIMASpecification(d: 1, q: 1)) { rng, count in
            var y = [Double](), level = 100.0, previous = 0.0
            for _ in 0..<count {
                let e = rng.nextNormal()
                level += e - 0.4 * previous
                previous = e
                y.append(level)
            }
            return y
        },
    ]

    @Test(arguments: processes)
    func intervalsCoverAtNominalRates(process: Process) throws {
        let replications = 2000, n = 120, horizon = 3
        let seed: UInt64 = 20261125
        print("ARIMA coverage \(process.label): seed \(seed)")
        var root = SeededGenerator(seed: seed)
        var inside80 = 0, inside95 = 0, total = 0
        for _ in 0..<replications {
            let path = process.simulate(&root, n + horizon)
            let history = Array(path.prefix(n)), future = Array(path.suffix(horizon))
            let model = try ARIMAModel.fit(history, specification: process.specification)
            let forecast = try model.forecast(horizon: horizon, levels: [80, 95])
            for h in 0..<horizon {
                total += 1
                if future[h] >= forecast.lower[0][h] && future[h] <= forecast.upper[0][h] { inside80 += 1 }
                if future[h] >= forecast.lower[1][h] && future[h] <= forecast.upper[1][h] { inside95 += 1 }
            }
        }
        let coverage80 = Double(inside80) / Double(total), coverage95 = Double(inside95) / Double(total)
        print("ARIMA coverage \(process.label): 80% → \(coverage80), 95% → \(coverage95)")
        expectClose(coverage80, 0.80, .absolute(0.02))
        expectClose(coverage95, 0.95, .absolute(0.02))
    }
}

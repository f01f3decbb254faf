import Forecasting
import Foundation
import Statistics
import Testing
import UrbanCast
import TestSupport

/// A synthetic city generated from known parameters, written as a long-format history file.
///
/// - population `P = 500 000 · 1.012^(t − 1985)` (exact);
/// - GDP per capita `A = 15 000 · exp(0.02 (t − 1985) + 0.05 sin t)`;
/// - households: a random walk with drift 1 500 and innovation sd 300;
/// - water: `ln(water / P) = −9 + 0.6 ln A + ε`, ε ~ N(0, 0.03²) (elasticity 0.6);
/// - energy: `50 + 0.0004 P + 0.002 A + η`, η ~ N(0, 5²).
struct SyntheticCity {
    static let years = Array(1985...2022)
    static let elasticity = 0.6, intercept = -9.0, logNoise = 0.03
    static let drift = 1500.0, driftNoise = 300.0
    static let energyCoefficients = [50.0, 0.0004, 0.002], energyNoise = 5.0

    let folder: URL
    var csvPath: String { folder.appendingPathComponent("synth.csv").path }

    init(seed: UInt64 = 2024) throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("urbancast-scenario-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var generator = SeededGenerator(seed: seed)
        var lines = ["city,indicator,date,value"]
        var households = 200_000.0
        for year in Self.years {
            let t = Double(year - 1985)
            let population = 500_000 * pow(1.012, t)
            let affluence = 15_000 * exp(0.02 * t + 0.05 * sin(t))
            households += Self.drift + Self.driftNoise * generator.nextNormal()
            let water = population * exp(Self.intercept + Self.elasticity * log(affluence) + Self.logNoise * generator.nextNormal())
            let c = Self.energyCoefficients
            let energy = c[0] + c[1] * population + c[2] * affluence + Self.energyNoise * generator.nextNormal()
            for (name, value) in [("population", population), ("gdp", affluence), ("households", households),
                                  ("water", water), ("energy", energy)] {
                lines.append("Synth,\(name),\(year),\(value)")
            }
        }
        try (lines.joined(separator: "\n") + "\n").write(toFile: csvPath, atomically: true, encoding: .utf8)
    }

    static let specification = """
        city: Synth
        base_year: 2022
        horizon: 2040
        history: synth.csv
        hindcast: 5
        drivers:
          population: {series: population, growth: {percent: 1.2, sd: 0.4}}
          gdp: {series: gdp, growth: {percent: 2.0, sd: 1.0}}
          households: {series: households, model: "arima(0,1,0)+drift"}
        indicators:
          water: {series: water, unit: Ml, model: intensity, population: population, affluence: gdp,
                  elasticity: {affluence: gdp}}
          energy: {series: energy, unit: GWh, model: regression, on: [population, gdp], population: population}
          homes: {series: households, model: "arima(0,1,0)+drift"}
        scenarios:
          efficient:
            measures:
              - {indicator: water, change: -2, from: 2025, to: 2035}
              - {indicator: energy, step: -10, from: 2030}
          slow_growth:
            measures:
              - {driver: population, growth: {percent: 0.5, sd: 0.2}}
        targets:
          - {indicator: water, year: 2040, at_most: 1000}
        costs:
          water: {per_unit: 3, currency: EUR}
        """

    func spec(_ text: String = Self.specification) throws -> ScenarioSpecification {
        let path = folder.appendingPathComponent("spec.yaml").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return try ScenarioSpecification(contentsOf: path)
    }
}

/// Rows of a CSV text as dictionaries (no quoted fields in the scenario outputs' numbers).
func csvRows(_ text: String) -> [[String: String]] {
    let lines = text.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
    guard let header = lines.first else { return [] }
    return lines.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(header, $0)) }
}

func jsonObject(_ value: JSONValue) throws -> [String: Any] {
    try #require(try JSONSerialization.jsonObject(with: Data(value.serialized().utf8)) as? [String: Any])
}

@Suite struct ScenarioEngineTests {
    /// On the central path, total = population × intensity for intensity models, drivers grow at
    /// their rate, and the measures scale intensities exactly as specified.
    @Test func centralPathIdentities() async throws {
        let city = try SyntheticCity()
        let run = try await ScenarioRun(try city.spec(), options: .init(draws: 0))
        let years = run.years
        #expect(years == Array(2023...2040))
        let population2022 = 500_000 * pow(1.012, 37.0)
        let scenarios = ["bau", "efficient", "slow_growth"]
        for scenario in scenarios {
            let water = try #require(run[scenario: scenario, indicator: "water"])
            let population = try #require(run[scenario: scenario, driver: "population"])
            let intensity = try #require(water.centralIntensity)
            for h in years.indices {
                let product = population.central[h] * intensity[h]
                expectClose(water.central[h] / product, 1, .absolute(1e-12))
            }
        }
        for (scenario, rate) in zip(scenarios, [1.012, 1.012, 1.005]) {
            let expected = population2022 * pow(rate, 18)
            let population = try #require(run[scenario: scenario, driver: "population"]?.central(in: 2040))
            expectClose(population / expected, 1, .absolute(1e-9), "\(population) vs \(expected)")
        }
        let bauWater = try #require(run[scenario: "bau", indicator: "water"]?.centralIntensity)
        let efficientWater = try #require(run[scenario: "efficient", indicator: "water"]?.centralIntensity)
        let bauEnergy = try #require(run[scenario: "bau", indicator: "energy"])
        let efficientEnergy = try #require(run[scenario: "efficient", indicator: "energy"])
        for (h, year) in years.enumerated() {
            let factor = pow(0.98, Double(min(max(year - 2025, 0), 10)))
            expectClose(efficientWater[h] / bauWater[h] / factor, 1, .absolute(1e-12), "\(year)")
            let energyFactor = year >= 2030 ? 0.9 : 1.0
            expectClose(efficientEnergy.central[h] / bauEnergy.central[h] / energyFactor, 1, .absolute(1e-12), "\(year)")
        }
        for row in csvRows(run.forecastCSV) {
            let mean = try #require(row["mean"])
            #expect([row["median"], row["lo80"], row["hi80"], row["lo95"], row["hi95"]].allSatisfy { $0 == mean })
        }
    }

    /// The LMDI effects in decomposition.csv add up to the change from the base year.
    @Test func decompositionSumsToTheChange() async throws {
        let city = try SyntheticCity()
        let run = try await ScenarioRun(try city.spec(), options: .init(draws: 0))
        let rows = csvRows(run.decompositionCSV)
        #expect(rows.count == 3 * 2 * 18)  // water and energy have a population driver; homes has none
        for row in rows {
            let base = try #require(Double(row["base_value"] ?? ""))
            let change = try #require(Double(row["change"] ?? ""))
            let population = try #require(Double(row["population_effect"] ?? ""))
            let intensity = try #require(Double(row["intensity_effect"] ?? ""))
            let affluence = Double(row["affluence_effect"] ?? "") ?? 0
            #expect(row["indicator"] != "water" || row["affluence_effect"] != "")
            #expect(abs(population + affluence + intensity - change) <= 1e-9 * abs(base), "\(row)")
        }
        // Under slow growth the population effect is smaller than under BAU, year by year.
        let water2040 = rows.filter { $0["indicator"] == "water" && $0["year"] == "2040" }
        let effect = { (scenario: String) in Double(water2040.first { $0["scenario"] == scenario }?["population_effect"] ?? "") ?? .nan }
        #expect(effect("slow_growth") < effect("bau"))
    }

    @Test func lmdiOnKnownFactors() {
        let doubled = LMDI.effects(base: [2, 3], current: [4, 3])
        #expect(abs(doubled[0] - 6) < 1e-14 && doubled[1] == 0)
        var generator = SeededGenerator(seed: 11)
        for _ in 0..<200 {
            let base = (0..<3).map { _ in exp(generator.nextNormal()) }
            let current = base.map { $0 * exp(0.3 * generator.nextNormal()) }
            let effects = LMDI.effects(base: base, current: current)
            let change = current.reduce(1, *) - base.reduce(1, *)
            expectClose(effects.reduce(0, +), change, .relativeWithFloor(1e-12, floor: 1))
        }
        #expect(LMDI.logarithmicMean(5, 5) == 5)
        expectClose(LMDI.logarithmicMean(1, exp(1)), (exp(1) - 1), .absolute(1e-15))
        expectClose(LMDI.logarithmicMean(1, 1 + 1e-9), (1 + 0.5e-9), .absolute(1e-15))
        #expect(LMDI.logarithmicMean(-1, 2).isNaN)
    }

    /// Zeros (Ang & Liu 2007): the closed-form limit of the small-value strategy, by hand and as
    /// the limit the plain formula approaches when each zero is replaced by a shrinking δ.
    @Test func lmdiWithZeros() {
        #expect(LMDI.effects(base: [0, 3], current: [2, 3]) == [6, 0])
        #expect(LMDI.effects(base: [2, 3], current: [0, 3]) == [-6, 0])
        #expect(LMDI.effects(base: [0, 3], current: [2, 0]) == [0, 0], "zero in both years")
        #expect(LMDI.effects(base: [0, 0, 5], current: [1, 2, 1]) == [1, 1, 0], "two zeros share the change")
        #expect(LMDI.effects(base: [1, 0], current: [1, 0]) == [0, 0])
        #expect(LMDI.effects(base: [-1, 2], current: [1, 2]).allSatisfy { $0.isNaN })
        #expect(LMDI.effects(base: [.infinity, 2], current: [1, 2]).allSatisfy { $0.isNaN })

        func withSmallValue(_ delta: Double, base: [Double], current: [Double]) -> [Double] {
            let b = base.map { $0 == 0 ? delta : $0 }, c = current.map { $0 == 0 ? delta : $0 }
            let weight = LMDI.logarithmicMean(c.reduce(1, *), b.reduce(1, *))
            return zip(b, c).map { weight * log($1 / $0) }
        }
        for (base, current) in [([0.0, 3, 1.5], [2.0, 4, 1.2]), ([2.0, 3, 1.5], [2.5, 0, 1.2])] {
            let limit = LMDI.effects(base: base, current: current)
            let gaps = [1e-10, 1e-40, 1e-150].map { delta in
                zip(withSmallValue(delta, base: base, current: current), limit).map { abs($0 - $1) }.max() ?? .nan
            }
            #expect(gaps[0] > gaps[1] && gaps[1] > gaps[2] && gaps[2] < 0.02, "converges to the limit: \(gaps)")
            expectClose(limit.reduce(0, +), current.reduce(1, *) - base.reduce(1, *), .absolute(1e-12))
        }
    }

    /// savings.csv holds BAU − alternative exactly, from the numbers forecast.csv prints.
    @Test(arguments: [0, 200])
    func savingsAreBAUMinusAlternative(draws: Int) async throws {
        let city = try SyntheticCity()
        let run = try await ScenarioRun(try city.spec(), options: .init(draws: draws, seed: 5))
        var mean: [String: Double] = [:]
        for row in csvRows(run.forecastCSV) {
            mean["\(row["scenario"]!)/\(row["indicator"]!)/\(row["year"]!)"] = Double(row["mean"] ?? "")
        }
        var cumulative: [String: Double] = [:]
        let rows = csvRows(run.savingsCSV)
        #expect(rows.count == 2 * 3 * 18)
        for row in rows {
            let key = "\(row["indicator"]!)/\(row["year"]!)"
            let bau = try #require(mean["bau/" + key]), alternative = try #require(mean["\(row["scenario"]!)/" + key])
            let savings = try #require(Double(row["savings"] ?? ""))
            #expect(savings == bau - alternative)
            let runningKey = "\(row["scenario"]!)/\(row["indicator"]!)"
            cumulative[runningKey, default: 0] += savings
            #expect(Double(row["cumulative_savings"] ?? "") == cumulative[runningKey])
            if row["indicator"] == "water" {
                #expect(Double(row["money"] ?? "") == savings * 3 && row["currency"] == "EUR")
            } else {
                #expect(row["money"] == "")
            }
            if draws == 0 { #expect(row["lo95"] == row["savings"] && row["hi95"] == row["savings"]) }
        }
    }

    /// The same seed gives the same bytes with 1 and 2 threads; another seed gives other numbers.
    @Test func sameSeedSameBytesForAnyThreadCount() async throws {
        let city = try SyntheticCity()
        let spec = try city.spec()
        let one = try await ScenarioRun(spec, options: .init(draws: 150, seed: 42, threads: 1))
        let two = try await ScenarioRun(spec, options: .init(draws: 150, seed: 42, threads: 2))
        let other = try await ScenarioRun(spec, options: .init(draws: 150, seed: 43, threads: 2))
        #expect(one.forecastCSV == two.forecastCSV)
        #expect(one.savingsCSV == two.savingsCSV)
        #expect(one.decompositionCSV == two.decompositionCSV)
        #expect(one.summaryJSON.serialized() == two.summaryJSON.serialized())
        #expect(one.forecastCSV != other.forecastCSV)
    }

    /// Monte Carlo bands are ordered, target probabilities are shares of draws, and the variance
    /// split has no driver part for a model that uses no driver.
    @Test func monteCarloBandsAndVarianceSplit() async throws {
        let city = try SyntheticCity()
        let run = try await ScenarioRun(try city.spec(), options: .init(draws: 400, seed: 9))
        for projection in run.results.indicators {
            let (i80, i95) = (try #require(projection.interval(level: 80)), try #require(projection.interval(level: 95)))
            for h in projection.years.indices {
                #expect(i95.lower[h] <= i80.lower[h] && i80.lower[h] <= projection.median[h]
                    && projection.median[h] <= i80.upper[h] && i80.upper[h] <= i95.upper[h])
            }
        }
        // homes is a pure time-series model: only model uncertainty.
        let homes = try #require(run[scenario: "bau", indicator: "homes"]?.varianceSplit)
        #expect(homes.drivers[17] == 0 && homes.model[17] > 0 && homes.total[17] == homes.model[17])
        // water depends on population and GDP: both sources contribute.
        let water = try #require(run[scenario: "bau", indicator: "water"]?.varianceSplit)
        #expect(water.drivers[17] > 0 && water.model[17] > 0 && water.total[17] > max(water.drivers[17], water.model[17]) * 0.5)
        for outcome in run.targets {
            #expect(outcome.probability >= 0 && outcome.probability <= 1)
            #expect((outcome.probability * 400).rounded() == outcome.probability * 400)
        }
        // Uncertainty widens with the horizon.
        let band = try #require(run[scenario: "bau", indicator: "water"]?.interval(level: 95))
        #expect(band.upper[17] - band.lower[17] > band.upper[0] - band.lower[0])
    }

    /// The engine's model-only variance of a regression with ARIMA errors adds the two sources
    /// it draws, each once: the simulated errors' path (σ² a year for white-noise errors) and the
    /// regression coefficients (intercept and slope) on the year's central driver,
    /// `σ² + cₕᵀ Σ_β cₕ`, `cₕ = (1, xₕ)`, within the sampling error of 2,000 draws (the variance
    /// ratio's standard error is √(2/1999) ≈ 3.2 %, so 16 % is 5 of them). The series is
    /// `load = 5 + 10 x + N(0, 2²)` on an index `x = A / 10⁴` of GDP per capita, of order 1 (on
    /// A itself, of order 10⁴, the fit's numerical Hessian — like R's `arima` `var.coef` —
    /// overstates the slope's variance about sevenfold, and the coefficients swamp σ²). The
    /// index's projection runs beyond the record, so in 2040 each source is more than a quarter
    /// of the total (asserted): a run that dropped either, or drew one twice, is off by more than
    /// the tolerance. (Whether the coefficients are drawn jointly rather than independently is
    /// checked in `ARIMAProjectionTests`, on a regressor where the two differ clearly.)
    @Test func arimaRegressionVarianceIsErrorsPlusCoefficients() async throws {
        let city = try SyntheticCity()
        var series: [String: [Double]] = [:]
        for line in try String(contentsOfFile: city.csvPath, encoding: .utf8).split(separator: "\n").dropFirst() {
            let fields = line.split(separator: ",")
            series[String(fields[1]), default: []].append(Double(fields[3]) ?? .nan)
        }
        let index = try #require(series["gdp"]).map { $0 / 10_000 }
        var generator = SeededGenerator(seed: 4)
        let load = index.map { 5 + 10 * $0 + 2 * generator.nextNormal() }
        var rows = ""
        for (k, year) in SyntheticCity.years.enumerated() {
            rows += "Synth,index,\(year),\(index[k])\nSynth,load,\(year),\(load[k])\n"
        }
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: city.csvPath))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(rows.utf8))
        try handle.close()
        var text = SyntheticCity.specification.replacingOccurrences(
            of: "energy: {series: energy, unit: GWh, model: regression, on: [population, gdp], population: population}",
            with: "energy: {series: load, unit: GWh, model: regression, on: [index], errors: \"arima(0,0,0)+mean\"}")
        text = text.replacingOccurrences(
            of: "  households: {series: households, model: \"arima(0,1,0)+drift\"}\n",
            with: "  households: {series: households, model: \"arima(0,1,0)+drift\"}\n  index: {series: index, growth: {percent: 2.0, sd: 1.0}}\n")
        #expect(text.contains("on: [index]") && text.contains("  index: {series: index"))
        let run = try await ScenarioRun(try city.spec(text), options: .init(draws: 2000, seed: 21))
        let fit = try #require((try jsonObject(run.summaryJSON)["indicators"] as? [[String: Any]])?[1])
        let sigma2 = try #require(fit["sigma2"] as? Double)
        // The same fit through the library, for the covariance block the summary does not report.
        let model = try ARIMAModel.fit(load, specification: ARIMASpecification(),
                                       regressors: [ARIMARegressor(name: "index", values: index)])
        expectClose(model.sigma2 / sigma2, 1, .absolute(1e-12))
        let block = model.regressionCovariance
        #expect(block.names == ["intercept", "index"])
        let driver = try #require(run[scenario: "bau", driver: "index"])
        let energy = try #require(run[scenario: "bau", indicator: "energy"])
        for h in [0, 17] {
            let c = [1, driver.central[h]]
            var coefficients = 0.0
            for i in 0..<2 { for j in 0..<2 { coefficients += c[i] * c[j] * block.covariance[i + 2 * j] } }
            let expected = sigma2 + coefficients
            if h == 17 {
                #expect(sigma2 > expected / 4 && coefficients > expected / 4, "σ² \(sigma2), coefficients \(coefficients)")
            }
            let drawn = energy.varianceSplit.model[h]
            expectClose(drawn / expected, 1, .absolute(0.16), "year \(run.years[h]): \(drawn) vs \(expected) (σ² \(sigma2))")
        }
    }

    /// A combination has no sample paths to draw, so a spec that names one is refused with the
    /// key path and the reason.
    @Test func combinationModelsAreRefused() async throws {
        let city = try SyntheticCity()
        let text = SyntheticCity.specification.replacingOccurrences(
            of: "homes: {series: households, model: \"arima(0,1,0)+drift\"}",
            with: "homes: {series: households, model: \"combo(naive,drift)\"}")
        #expect(text != SyntheticCity.specification)
        let spec = try city.spec(text)
        do throws(ScenarioError) {
            _ = try await ScenarioRun(spec, options: .init(draws: 10))
            Issue.record("a combination was accepted")
        } catch {
            #expect(error.description.contains("indicators.homes.model"), "\(error)")
            #expect(error.description.contains("combination"), "\(error)")
        }
    }

    /// A quadratic (Kuznets) elasticity on data generated from `ln I = −60 + 11.8 ln A − 0.6 (ln A)²`
    /// recovers the curvature within 3 standard errors, and reports the turning point
    /// `exp(−b / 2c)` of the fitted curve.
    @Test func kuznetsCurveIsRecovered() async throws {
        let city = try SyntheticCity()
        var lines = try String(contentsOfFile: city.csvPath, encoding: .utf8).split(separator: "\n").map(String.init)
        var generator = SeededGenerator(seed: 5)
        for year in SyntheticCity.years {
            let t = Double(year - 1985)
            let population = 500_000 * pow(1.012, t)
            let x = log(15_000 * exp(0.02 * t + 0.05 * sin(t)))
            let value = population * exp(-60 + 11.8 * x - 0.6 * x * x + 0.005 * generator.nextNormal())
            lines.append("Synth,kuznets,\(year),\(value)")
        }
        try (lines.joined(separator: "\n") + "\n").write(toFile: city.csvPath, atomically: true, encoding: .utf8)
        let curve = "  curve: {series: kuznets, model: intensity, population: population, affluence: gdp, "
            + "elasticity: {affluence: gdp, quadratic: true}}\n"
        let text = SyntheticCity.specification.replacingOccurrences(of: "\nscenarios:", with: "\n" + curve + "scenarios:")
        #expect(text.contains("curve:"))
        let run = try await ScenarioRun(try city.spec(text), options: .init(draws: 0))
        let fit = try #require((try jsonObject(run.summaryJSON)["indicators"] as? [[String: Any]])?[3])
        let coefficients = try #require(fit["coefficients"] as? [[String: Any]])
        let b = try #require(coefficients[1]["estimate"] as? Double), c = try #require(coefficients[2]["estimate"] as? Double)
        let se = try #require(coefficients[2]["stdError"] as? Double)
        #expect(abs(c - -0.6) < 3 * se && se < 0.2, "\(coefficients)")
        let turning = try #require(fit["turningPoint"] as? Double)
        expectClose(turning / exp(-b / (2 * c)), 1, .absolute(1e-12))
        // The fitted curve peaks inside the data, near the true exp(11.8 / 1.2).
        expectClose(log(turning), 11.8 / 1.2, .absolute(0.2), "\(turning)")
    }

    /// The fitted models recover the parameters the city was generated from, within 3 standard errors.
    @Test func recoversKnownElasticitiesAndGrowth() async throws {
        let city = try SyntheticCity()
        let run = try await ScenarioRun(try city.spec(), options: .init(draws: 0))
        let summary = try jsonObject(run.summaryJSON)
        let indicators = try #require(summary["indicators"] as? [[String: Any]])
        func coefficients(_ k: Int) throws -> [(estimate: Double, se: Double)] {
            let list = try #require(indicators[k]["coefficients"] as? [[String: Any]])
            return try list.map { (try #require($0["estimate"] as? Double), try #require($0["stdError"] as? Double)) }
        }
        let water = try coefficients(0)
        expectClose(water[1].estimate, SyntheticCity.elasticity, .absolute(3 * water[1].se), "\(water)")
        expectClose(water[0].estimate, SyntheticCity.intercept, .absolute(3 * water[0].se), "\(water)")
        #expect(water[1].se < 0.1)
        let energy = try coefficients(1)
        for (fit, truth) in zip(energy, SyntheticCity.energyCoefficients) {
            expectClose(fit.estimate, truth, .absolute(3 * fit.se), "\(energy)")
        }
        let homes = try #require(indicators[2]["parameters"] as? [String: Double])
        let drift = try #require(homes["drift"])
        let driftSE = SyntheticCity.driftNoise / Double(SyntheticCity.years.count - 1).squareRoot()
        #expect(abs(drift - SyntheticCity.drift) < 3 * driftSE, "\(homes)")
    }

    /// The hindcast refits without the last five years and scores them: the elasticity model
    /// with 3% noise is within a few percent.
    @Test func hindcastScoresHeldOutYears() async throws {
        let city = try SyntheticCity()
        let run = try await ScenarioRun(try city.spec(), options: .init(draws: 0))
        let water = try #require(run.hindcasts.first { $0.name == "indicators.water" })
        #expect(water.years == 2018...2022 && water.error == nil)
        let mape = try #require(water.mape)
        #expect(mape > 0 && mape < 8, "\(mape)")
        #expect(run.hindcasts.contains { $0.name == "drivers.households" && $0.mase != nil })
    }

    /// Data problems name the key path that referred to the data.
    @Test func missingSeriesIsNamedByKeyPath() async throws {
        let city = try SyntheticCity()
        let text = SyntheticCity.specification.replacingOccurrences(of: "series: energy", with: "series: electricity")
        let spec = try city.spec(text)
        #expect(throws: ScenarioError.self) { try spec.checkData() }
        do {
            try spec.checkData()
        } catch {
            #expect(error.description.contains("spec.yaml: indicators.energy.series: no series 'electricity' in synth.csv"),
                    "\(error)")
            #expect(error.description.contains("; the series are: '"), "the message lists what the file has: \(error)")
        }
        let late = try city.spec(SyntheticCity.specification.replacingOccurrences(of: "base_year: 2022", with: "base_year: 2025")
            .replacingOccurrences(of: "from: 2025", with: "from: 2026"))
        do {
            try late.checkData()
            Issue.record("a base year after the data must be refused")
        } catch {
            #expect(error.description.contains("indicators.water.series: 'water' has no value for base_year 2025 (its last year is 2022)"),
                    "\(error)")
        }
    }

    @Test func badHistoryFileIsReportedByLineAndColumn() async throws {
        let city = try SyntheticCity()
        try "city,indicator,date,value\nSynth,population,1990,many\n".write(toFile: city.csvPath, atomically: true, encoding: .utf8)
        do {
            try city.spec().checkData()
            Issue.record("a non-numeric value must be refused")
        } catch let error as ScenarioError {
            #expect(error.description.contains("synth.csv:2:4:"), "\(error)")
        }
    }
}

import Foundation

extension MitigationPlan {
    /// Reads a mitigation plan from a YAML (or JSON) file.
    ///
    /// ```yaml
    /// pollutant: PM2.5
    /// unit: µg/m³
    /// baseline: {year: 2016, concentration: 73.0, trendPerYear: -3.0, trendSD: 1.0}
    /// horizon: 2030
    /// sectors:
    ///   - {name: transport, share: 0.3, sd: 0.05, growth: 0.01}
    ///   - ...
    /// measures:
    ///   - {name: diesel retrofit, sector: transport, reduction: 0.3, start: 2018, ramp: 3, annualCost: 40}
    /// costUnit: million USD
    /// health: {population: 21.5e6, baselineMortality: 0.0057, relativeRisk: {central: 1.08, lower: 1.06, upper: 1.09}}
    /// target: {concentration: 35, year: 2025}
    /// scenarios: [{name: transport first, measures: [diesel retrofit]}]
    /// draws: 1000
    /// seed: 1
    /// ```
    ///
    /// `sd`, `growth`, `trendSD`, `relativeRisk`, `target`, `scenarios`, `draws` and `seed` are
    /// optional (0, 0, 0, Chen & Hoek 2020, none, none, 1000, 1).
    ///
    /// - Parameter path: The file.
    /// - Throws: ``AirQualityError/spec(_:)`` with every problem named by its key path (a syntax
    ///   error by line and column), and ``AirQualityError/invalidSetting(_:)`` for a plan that is
    ///   well formed but inconsistent (shares not summing to 1 ± 0.01, a measure on an unknown
    ///   sector, …).
    public init(contentsOf path: String) throws(AirQualityError) {
        let text: String
        do { text = try String(contentsOfFile: path, encoding: .utf8) } catch {
            throw .data(.unreadableFile(path: path, reason: error.localizedDescription))
        }
        let root: SpecNode
        do { root = try SpecNode.parse(text, file: path) } catch {
            if case .spec(let diagnostics) = error { throw .spec(diagnostics) }
            throw .invalidSetting(error.description)
        }
        var reader = SpecReader(file: path)
        let keys = ["pollutant", "unit", "baseline", "horizon", "sectors", "measures", "costUnit", "health", "target",
                    "scenarios", "draws", "seed"]
        guard let top = reader.mapping(root, "", allowed: keys) else { throw .spec(reader.diagnostics) }
        func required(_ key: String, in pairs: [(key: String, value: SpecNode)], _ path: String) -> SpecNode? {
            guard let node = pairs[key] else {
                reader.fail(SpecReader.join(path, key), "missing; it is required")
                return nil
            }
            return node
        }
        var pollutant: Pollutant?
        if let node = required("pollutant", in: top, ""), let name = reader.string(node, "pollutant") {
            pollutant = Pollutant(name: name)
            if pollutant == nil { reader.fail("pollutant", AirQualityError.unknownPollutant(name).description) }
        }
        var unit = ConcentrationUnit.microgramsPerCubicMetre
        if let node = top["unit"], let name = reader.string(node, "unit") {
            if let parsed = ConcentrationUnit(parsing: name) { unit = parsed } else {
                reader.fail("unit", AirQualityError.unknownUnit(name).description)
            }
        }
        var baseYear: Int?, concentration: Double?, trend = 0.0, trendSD = 0.0
        if let node = required("baseline", in: top, ""),
            let pairs = reader.mapping(node, "baseline", allowed: ["year", "concentration", "trendPerYear", "trendSD"]) {
            baseYear = required("year", in: pairs, "baseline").flatMap { reader.integer($0, "baseline.year") }
            concentration = required("concentration", in: pairs, "baseline").flatMap { reader.number($0, "baseline.concentration") }
            trend = pairs["trendPerYear"].flatMap { reader.number($0, "baseline.trendPerYear") } ?? 0
            trendSD = pairs["trendSD"].flatMap { reader.number($0, "baseline.trendSD") } ?? 0
        }
        let horizon = required("horizon", in: top, "").flatMap { reader.integer($0, "horizon") }
        var sectors: [Sector] = []
        if let node = required("sectors", in: top, ""), let items = reader.sequence(node, "sectors") {
            for (k, item) in items.enumerated() {
                let path = "sectors[\(k)]"
                guard let pairs = reader.mapping(item, path, allowed: ["name", "share", "sd", "growth"]) else { continue }
                let name = required("name", in: pairs, path).flatMap { reader.string($0, "\(path).name") }
                let share = required("share", in: pairs, path).flatMap { reader.number($0, "\(path).share") }
                let sd = pairs["sd"].flatMap { reader.number($0, "\(path).sd") } ?? 0
                let growth = pairs["growth"].flatMap { reader.number($0, "\(path).growth") } ?? 0
                if let name, let share { sectors.append(Sector(name: name, share: share, shareSD: sd, growth: growth)) }
            }
        }
        var measures: [Measure] = []
        if let node = required("measures", in: top, ""), let items = reader.sequence(node, "measures") {
            for (k, item) in items.enumerated() {
                let path = "measures[\(k)]"
                guard let pairs = reader.mapping(item, path, allowed: ["name", "sector", "reduction", "start", "ramp", "annualCost"])
                else { continue }
                let name = required("name", in: pairs, path).flatMap { reader.string($0, "\(path).name") }
                let sector = required("sector", in: pairs, path).flatMap { reader.string($0, "\(path).sector") }
                let reduction = required("reduction", in: pairs, path).flatMap { reader.number($0, "\(path).reduction") }
                let start = required("start", in: pairs, path).flatMap { reader.integer($0, "\(path).start") }
                let ramp = pairs["ramp"].flatMap { reader.integer($0, "\(path).ramp") } ?? 1
                let cost = required("annualCost", in: pairs, path).flatMap { reader.number($0, "\(path).annualCost") }
                if let name, let sector, let reduction, let start, let cost {
                    measures.append(Measure(name: name, sector: sector, reduction: reduction, start: start, ramp: ramp, annualCost: cost))
                }
            }
        }
        let costUnit = top["costUnit"].flatMap { reader.string($0, "costUnit") } ?? ""
        var population: Double?, mortality: Double?
        var risk = (central: 1.08, lower: 1.06, upper: 1.09)
        if let node = required("health", in: top, ""),
            let pairs = reader.mapping(node, "health", allowed: ["population", "baselineMortality", "relativeRisk"]) {
            population = required("population", in: pairs, "health").flatMap { reader.number($0, "health.population") }
            mortality = required("baselineMortality", in: pairs, "health").flatMap { reader.number($0, "health.baselineMortality") }
            if let node = pairs["relativeRisk"],
                let rr = reader.mapping(node, "health.relativeRisk", allowed: ["central", "lower", "upper"]) {
                risk.central = required("central", in: rr, "health.relativeRisk").flatMap { reader.number($0, "health.relativeRisk.central") } ?? risk.central
                risk.lower = required("lower", in: rr, "health.relativeRisk").flatMap { reader.number($0, "health.relativeRisk.lower") } ?? risk.lower
                risk.upper = required("upper", in: rr, "health.relativeRisk").flatMap { reader.number($0, "health.relativeRisk.upper") } ?? risk.upper
            }
        }
        var target: (concentration: Double, year: Int)?
        if let node = top["target"], let pairs = reader.mapping(node, "target", allowed: ["concentration", "year"]) {
            if let value = required("concentration", in: pairs, "target").flatMap({ reader.number($0, "target.concentration") }),
                let year = required("year", in: pairs, "target").flatMap({ reader.integer($0, "target.year") }) {
                target = (value, year)
            }
        }
        var scenarios: [(name: String, measures: [String])] = []
        if let node = top["scenarios"], let items = reader.sequence(node, "scenarios") {
            for (k, item) in items.enumerated() {
                let path = "scenarios[\(k)]"
                guard let pairs = reader.mapping(item, path, allowed: ["name", "measures"]) else { continue }
                if let name = required("name", in: pairs, path).flatMap({ reader.string($0, "\(path).name") }),
                    let names = required("measures", in: pairs, path).flatMap({ reader.strings($0, "\(path).measures") }) {
                    scenarios.append((name, names))
                }
            }
        }
        let draws = top["draws"].flatMap { reader.integer($0, "draws") } ?? 1000
        let seed = top["seed"].flatMap { reader.integer($0, "seed") } ?? 1
        if seed < 0 { reader.fail("seed", "expected a whole number ≥ 0") }
        guard reader.diagnostics.isEmpty, let pollutant, let baseYear, let concentration, let horizon, let population, let mortality
        else { throw .spec(reader.diagnostics) }
        let health = try HealthImpact(population: population, baselineMortality: mortality, relativeRisk: risk)
        try self.init(
            pollutant: pollutant, unit: unit, baseYear: baseYear, baseConcentration: concentration, trendPerYear: trend,
            trendSD: trendSD, horizon: horizon, sectors: sectors, measures: measures, costUnit: costUnit, health: health,
            target: target, scenarios: scenarios, draws: draws, seed: UInt64(max(seed, 0)))
    }
}

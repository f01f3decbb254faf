import Foundation

extension MitigationPlan {
    /// A plan's `health` block as read, before the checks that need every key.
    struct HealthSpec {
        /// The concentration–response function (named by `function`, else the pollutant's default).
        var function: ConcentrationResponse
        /// The factor from the plan's unit to the function's, `nil` when there is none.
        var factor: Double?
        /// The age groups, or the one group of `population` and `baselineMortality`.
        var groups: [HealthImpact.AgeGroup] = []
        /// Whether the block gave `population` and `baselineMortality` instead of `ageGroups`.
        var isOneGroup = false
        var risk: (central: Double, lower: Double, upper: Double)?
        var increment: Double?
        var growth = 0.0, rateChange = 0.0
        /// The counterfactual in the plan's unit.
        var counterfactual: Double?
        var lifeTable: LifeTable?
        var valuation: HealthImpact.Valuation?

        /// Every problem of the values, keyed as the spec writes them.
        func problems() -> [Problem] {
            let oneGroup = groups.first.map { HealthImpact.legacyProblems(population: $0.population, baselineMortality: $0.baselineRate) }
            return (oneGroup ?? []) + HealthImpact.problems(
                function: function, ageGroups: groups, relativeRisk: risk ?? function.relativeRisk,
                increment: increment ?? function.increment, populationGrowth: growth, rateChange: rateChange,
                counterfactual: counterfactual, valuation: valuation
            ).filter { !(isOneGroup && $0.path.hasPrefix("health.ageGroups")) }
        }

        /// The health parameters, once ``problems()`` is empty.
        func impact() throws(AirQualityError) -> HealthImpact {
            try HealthImpact(function: function, ageGroups: groups, relativeRisk: risk, increment: increment,
                             populationGrowth: growth, rateChange: rateChange,
                             counterfactual: counterfactual.map { $0 * (factor ?? 1) }, lifeTable: lifeTable, valuation: valuation)
        }
    }

    /// The keys of a plan's `health` block.
    static let healthKeys = ["function", "population", "baselineMortality", "ageGroups", "populationGrowth", "rateChange",
                             "relativeRisk", "counterfactual", "lifeTable", "valuation"]

    /// Reads the `health` block of a plan for `pollutant` in `unit`, reporting problems of form
    /// and of the pollutant, function and unit to `reader`; `nil` when the block cannot be used.
    ///
    /// A relative risk describes one pollutant, in one unit: deaths are estimated only when the
    /// plan's pollutant has a concentration–response function and the plan's unit converts to
    /// its unit, before any data file is read.
    static func readHealth(_ node: SpecNode, pollutant: Pollutant?, unit: ConcentrationUnit,
                           reader: inout SpecReader) -> HealthSpec? {
        guard let pairs = reader.mapping(node, "health", allowed: healthKeys) else { return nil }
        var function = pollutant.flatMap(ConcentrationResponse.function(for:))
        if let id = pairs["function"].flatMap({ reader.string($0, "health.function") }) {
            if let named = ConcentrationResponse.function(id: id) {
                if let pollutant, named.pollutant != pollutant {
                    reader.fail("health.function", "the function '\(id)' is for \(named.pollutant.name), but the plan is for \(pollutant.name)")
                }
                function = named
            } else {
                reader.fail("health.function", "unknown function '\(id)'; the functions are "
                    + ConcentrationResponse.all.map(\.id).joined(separator: ", "))
            }
        } else if let pollutant, function == nil {
            reader.fail("health", ConcentrationResponse.missing(pollutant))
        }
        var spec = function.map { HealthSpec(function: $0) }
        if let function, let pollutant {
            spec?.factor = try? unit.factor(to: function.unit, pollutant: pollutant, at: .usEPA)
            if spec?.factor == nil { reader.fail("health", function.unitMismatch(unit)) }
        }
        let population = pairs["population"].flatMap { reader.number($0, "health.population") }
        let mortality = pairs["baselineMortality"].flatMap { reader.number($0, "health.baselineMortality") }
        if let groupsNode = pairs["ageGroups"] {
            if pairs["population"] != nil || pairs["baselineMortality"] != nil {
                reader.fail("health.ageGroups", "give ageGroups, or population and baselineMortality, not both")
            }
            spec?.groups = readAgeGroups(groupsNode, reader: &reader)
        } else {
            for (key, value) in [("population", population), ("baselineMortality", mortality)] where pairs[key] == nil && value == nil {
                reader.fail("health.\(key)", "missing; it is required (or give ageGroups)")
            }
            if let population, let mortality, let function {
                spec?.groups = [HealthImpact.AgeGroup(lowerAge: function.minimumAge, upperAge: function.maximumAge,
                                                      population: population, baselineRate: mortality)]
                spec?.isOneGroup = true
            }
        }
        if let node = pairs["relativeRisk"] {
            let risk = readRelativeRisk(node, pollutant: pollutant, function: function, reader: &reader)
            spec?.risk = risk.risk
            spec?.increment = risk.increment
        }
        spec?.growth = pairs["populationGrowth"].flatMap { reader.number($0, "health.populationGrowth") } ?? 0
        spec?.rateChange = pairs["rateChange"].flatMap { reader.number($0, "health.rateChange") } ?? 0
        spec?.counterfactual = pairs["counterfactual"].flatMap { reader.number($0, "health.counterfactual") }
        if let node = pairs["lifeTable"] { spec?.lifeTable = readLifeTable(node, reader: &reader) }
        if let node = pairs["valuation"] { spec?.valuation = readValuation(node, reader: &reader) }
        return spec
    }

    /// `ageGroups: [{ages: 30-34, population: 1.2e6, baselineRate: 0.0011}, ...]`.
    static func readAgeGroups(_ node: SpecNode, reader: inout SpecReader) -> [HealthImpact.AgeGroup] {
        guard let items = reader.sequence(node, "health.ageGroups") else { return [] }
        var groups: [HealthImpact.AgeGroup] = []
        for (k, item) in items.enumerated() {
            let path = "health.ageGroups[\(k)]"
            guard let pairs = reader.mapping(item, path, allowed: ["ages", "population", "baselineRate"]) else { continue }
            var fields: [String: SpecNode] = [:]
            for key in ["ages", "population", "baselineRate"] {
                if let value = pairs[key] { fields[key] = value } else { reader.fail("\(path).\(key)", "missing; it is required") }
            }
            let ages = fields["ages"].flatMap { reader.string($0, "\(path).ages") }
            let range = ages.flatMap(HealthImpact.AgeGroup.parse)
            if let ages, range == nil { reader.fail("\(path).ages", "expected an age range such as 30-34 or 85+, got '\(ages)'") }
            let population = fields["population"].flatMap { reader.number($0, "\(path).population") }
            let rate = fields["baselineRate"].flatMap { reader.number($0, "\(path).baselineRate") }
            if let range, let population, let rate {
                groups.append(.init(lowerAge: range.0, upperAge: range.1, population: population, baselineRate: rate))
            }
        }
        return groups
    }

    /// `relativeRisk: {pollutant, unit, per, central, lower, upper}`, checked against the plan's
    /// pollutant and the function's unit.
    static func readRelativeRisk(_ node: SpecNode, pollutant: Pollutant?, function: ConcentrationResponse?,
                                 reader: inout SpecReader) -> (risk: (central: Double, lower: Double, upper: Double)?, increment: Double?) {
        let path = "health.relativeRisk"
        guard let rr = reader.mapping(node, path, allowed: ["pollutant", "unit", "per", "central", "lower", "upper"]) else { return (nil, nil) }
        if let name = rr["pollutant"].flatMap({ reader.string($0, "\(path).pollutant") }) {
            if let named = Pollutant(name: name) {
                if let pollutant, named != pollutant {
                    reader.fail("\(path).pollutant", ConcentrationResponse.function(for: named) == nil
                        ? ConcentrationResponse.missing(named) : "the relative risk is for \(named.name), but the plan is for \(pollutant.name)")
                }
            } else {
                reader.fail("\(path).pollutant", AirQualityError.unknownPollutant(name).description)
            }
        }
        if let name = rr["unit"].flatMap({ reader.string($0, "\(path).unit") }) {
            if let riskUnit = ConcentrationUnit(parsing: name) {
                if let function, let pollutant, riskUnit != function.unit {
                    reader.fail("\(path).unit", "the relative risk of \(pollutant.name) is per \(function.unit.symbol), not \(riskUnit.symbol)")
                }
            } else {
                reader.fail("\(path).unit", AirQualityError.unknownUnit(name).description)
            }
        }
        var increment: Double?
        if let per = rr["per"].flatMap({ reader.number($0, "\(path).per") }) {
            if per > 0, per.isFinite { increment = per } else {
                reader.fail("\(path).per", "expected an increment above 0, the concentration the relative risk is per")
            }
        }
        var values: [Double] = []
        for key in ["central", "lower", "upper"] {
            guard let value = rr[key] else {
                reader.fail("\(path).\(key)", "missing; it is required")
                continue
            }
            if let number = reader.number(value, "\(path).\(key)") { values.append(number) }
        }
        return (values.count == 3 ? (values[0], values[1], values[2]) : nil, increment)
    }

    /// `lifeTable: {source, ages: [0, 1, 5, ...], remainingLifeExpectancy: [...]}`.
    static func readLifeTable(_ node: SpecNode, reader: inout SpecReader) -> LifeTable? {
        let path = "health.lifeTable"
        guard let pairs = reader.mapping(node, path, allowed: ["source", "ages", "remainingLifeExpectancy"]) else { return nil }
        func numbers(_ key: String) -> [Double]? {
            guard let node = pairs[key] else {
                reader.fail("\(path).\(key)", "missing; it is required")
                return nil
            }
            guard let items = reader.sequence(node, "\(path).\(key)") else { return nil }
            let values = items.enumerated().compactMap { reader.number($1, "\(path).\(key)[\($0)]") }
            return values.count == items.count ? values : nil
        }
        let source = pairs["source"].flatMap { reader.string($0, "\(path).source") } ?? ""
        guard let ages = numbers("ages"), let expectancy = numbers("remainingLifeExpectancy") else { return nil }
        do { return try LifeTable(ages: ages, remainingLifeExpectancy: expectancy, source: source) } catch {
            reader.fail(path, error.description)
            return nil
        }
    }

    /// `valuation: {vsl, unit, baseIncome, income, elasticity}`.
    static func readValuation(_ node: SpecNode, reader: inout SpecReader) -> HealthImpact.Valuation? {
        let path = "health.valuation"
        let keys = ["vsl", "unit", "baseIncome", "income", "elasticity"]
        guard let pairs = reader.mapping(node, path, allowed: keys) else { return nil }
        var numbers: [String: Double] = [:]
        for key in ["vsl", "baseIncome", "income"] {
            guard let value = pairs[key] else {
                reader.fail("\(path).\(key)", "missing; it is required")
                continue
            }
            numbers[key] = reader.number(value, "\(path).\(key)")
        }
        let elasticity = pairs["elasticity"].flatMap { reader.number($0, "\(path).elasticity") } ?? 0.8
        let unit = pairs["unit"].flatMap { reader.string($0, "\(path).unit") } ?? ""
        guard let vsl = numbers["vsl"], let base = numbers["baseIncome"], let income = numbers["income"] else { return nil }
        return .init(baseValue: vsl, baseIncome: base, income: income, elasticity: elasticity, unit: unit)
    }
}

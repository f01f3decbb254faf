extension ScenarioSpecification {
    /// Check a specification built in Swift with exactly the checks a parsed one gets, reporting
    /// each problem by the key path it would have in a specification file
    /// (`scenarios.conservation.measures[0].from: 2019 is before base_year 2022`).
    ///
    /// The specification is written out as the tree a YAML file would give and read back by the
    /// same reader. A built specification may have no history files (its history then comes from
    /// a ``ScenarioData`` panel); besides, names must differ within drivers, indicators, scenarios
    /// and costs (a file's mappings cannot repeat a key), and business as usual (`bau`) must come first.
    ///
    /// ``ScenarioRun`` calls it before it runs; a parsed specification always passes.
    ///
    /// - Throws: ``ScenarioError/spec(_:)`` with every problem found.
    /// - Complexity: O(size of the specification).
    public func validate() throws(ScenarioError) {
        var reader = SpecReader(file: file)
        _ = Self.read(specificationNode, reader: &reader, folder: "", requiresHistory: false)
        let problems = reader.diagnostics + builtProblems + infrastructureProblems
        guard problems.isEmpty else { throw .spec(problems) }
    }

    /// The problems a tree cannot show: a name used twice (a mapping holds each key once) and
    /// scenarios that do not start with business as usual (the reader moves it first).
    private var builtProblems: [SpecDiagnostic] {
        var problems: [SpecDiagnostic] = []
        func unique(_ names: [String], _ section: String) {
            var seen = Set<String>()
            for name in names where !seen.insert(name).inserted {
                problems.append(SpecDiagnostic(file: file, path: "\(section).\(name)", message: "is defined twice; names must differ"))
            }
        }
        unique(drivers.map(\.name), "drivers")
        unique(indicators.map(\.name), "indicators")
        unique(scenarios.map(\.name), "scenarios")
        unique(costs.map(\.indicator), "costs")
        unique(sectorTotals.map(\.name), "sectors")
        for total in sectorTotals { unique(total.sectors.map(\.name), "sectors.\(total.name)") }
        if scenarios.first?.name != "bau" {
            problems.append(SpecDiagnostic(file: file, path: "scenarios", message: "business as usual (bau) must come first"))
        }
        return problems
    }

    /// The specification as the tree its YAML file would parse to.
    var specificationNode: SpecNode {
        var top: [(key: String, value: SpecNode)] = [
            ("city", .text(city)), ("base_year", .integer(baseYear)), ("horizon", .integer(horizon)),
        ]
        if !history.isEmpty { top.append(("history", .list(history.map { $0.node() }))) }
        top.append(("hindcast", .integer(hindcastYears)))
        top.append(("drivers", .map(drivers.map { driver in
            (driver.name, .map(Self.optional([("series", driver.series), ("unit", driver.unit)]) + driver.projection.fields))
        })))
        top.append(("indicators", .map(indicators.map { ($0.name, $0.node) })))
        top.append(("scenarios", .map(scenarios.map { scenario in
            (scenario.name, .map(Self.optional([("description", scenario.description)])
                + [("measures", .list(scenario.measures.map(\.node)))]))
        })))
        top.append(("targets", .list(targets.map { target in
            let bound: (key: String, value: SpecNode) = switch target.bound {
            case .atMost(let value): ("at_most", .number(value))
            case .atLeast(let value): ("at_least", .number(value))
            }
            return .map([("name", .text(target.name)), ("indicator", .text(target.indicator)), ("year", .integer(target.year)), bound])
        })))
        top.append(("costs", .map(costs.map { cost in
            (cost.indicator, .map([("per_unit", .number(cost.perUnit)), ("currency", .text(cost.currency))]))
        })))
        if !sectorTotals.isEmpty {
            top.append(("sectors", .map(sectorTotals.map { total in
                (total.name, .map(total.sectors.map { ($0.name, .map([("indicator", .text($0.indicator)), ("activity", .text($0.activity))])) }))
            })))
        }
        return .map(top)
    }

    fileprivate static func optional(_ pairs: [(String, String?)]) -> [(key: String, value: SpecNode)] {
        pairs.compactMap { key, value in value.map { (key, .text($0)) } }
    }
}

extension SpecNode {
    fileprivate static func text(_ value: String) -> SpecNode { SpecNode(kind: .scalar(value, quoted: true), line: 1) }
    fileprivate static func integer(_ value: Int) -> SpecNode { SpecNode(kind: .scalar(String(value), quoted: false), line: 1) }
    fileprivate static func number(_ value: Double) -> SpecNode { SpecNode(kind: .scalar(String(value), quoted: false), line: 1) }
    fileprivate static func bool(_ value: Bool) -> SpecNode { SpecNode(kind: .scalar(value ? "true" : "false", quoted: false), line: 1) }
    fileprivate static func map(_ pairs: [(key: String, value: SpecNode)]) -> SpecNode { SpecNode(kind: .mapping(pairs), line: 1) }
    fileprivate static func list(_ items: [SpecNode]) -> SpecNode { SpecNode(kind: .sequence(items), line: 1) }
}

extension ScenarioSpecification.HistorySource {
    fileprivate func node(extra: [(key: String, value: SpecNode)] = []) -> SpecNode {
        var pairs: [(key: String, value: SpecNode)] = [("file", .text(path)), ("format", .text(format.rawValue))]
        if let dateColumn { pairs.append(("date_column", .text(dateColumn))) }
        if let year { pairs.append(("year", .integer(year))) }
        if !filters.isEmpty { pairs.append(("where", .map(filters.map { ($0.column, .text($0.value)) }))) }
        return .map(pairs + extra)
    }
}

extension ScenarioSpecification.Projection {
    fileprivate var fields: [(key: String, value: SpecNode)] {
        switch self {
        case let .growth(percent, standardDeviation):
            [("growth", .map([("percent", .number(percent)), ("sd", .number(standardDeviation))]))]
        case .model(let model):
            [("model", .text(model.description))]
        case .path(let points):
            [("path", .map(points.map { (String($0.year), .number($0.value)) }))]
        case let .pathFile(source, series, relative):
            [("path", source.node(extra: [("series", .text(series)), ("relative", .bool(relative))]))]
        }
    }
}

extension ScenarioSpecification.Indicator {
    fileprivate var node: SpecNode {
        var pairs: [(key: String, value: SpecNode)] = [("series", .text(series))]
        for (key, value) in [("unit", unit), ("population", population), ("affluence", affluence)] {
            if let value { pairs.append((key, .text(value))) }
        }
        switch model {
        case .intensity(let intensity):
            pairs.append(("model", .text("intensity")))
            switch intensity {
            case .timeSeries(let model):
                pairs.append(("intensity", .text(model.description)))
            case let .elasticity(affluence, quadratic):
                pairs.append(("elasticity", .map([("affluence", .text(affluence)), ("quadratic", .bool(quadratic))])))
            case let .elasticityPrior(driver, prior):
                var fields: [(key: String, value: SpecNode)] = [("response", .text(prior.response)), ("size", .text(prior.size))]
                if let groups = prior.groups { fields.append(("groups", .text(groups))) }
                pairs.append(("elasticity", .map([("on", .text(driver)), ("prior", prior.source.node(extra: fields))])))
            }
        case let .regression(on, errors):
            pairs += [("model", .text("regression")), ("on", .list(on.map { .text($0) })),
                      ("errors", .text(errors?.description ?? "none"))]
        case .timeSeries(let model):
            pairs.append(("model", .text(model.description)))
        case let .hourlyLoad(temperature, warming, output):
            pairs += [("model", .text("hourly_load")), ("temperature", .text(temperature)), ("output", .text(output.rawValue))]
            if let warming { pairs.append(("warming", .text(warming))) }
        }
        return .map(pairs)
    }
}

extension ScenarioSpecification.Measure {
    fileprivate var node: SpecNode {
        switch self {
        case let .driver(name, projection):
            return .map([("driver", .text(name))] + projection.fields)
        case let .indicator(name, action):
            let fields: [(key: String, value: SpecNode)] = switch action {
            case let .change(percent, from, to): [("change", .number(percent)), ("from", .integer(from)), ("to", .integer(to))]
            case let .step(percent, from): [("step", .number(percent)), ("from", .integer(from))]
            case let .cap(value, from): [("cap", .number(value)), ("from", .integer(from))]
            case .path(let points): [("path", .map(points.map { (String($0.year), .number($0.value)) }))]
            }
            return .map([("indicator", .text(name))] + fields)
        }
    }
}

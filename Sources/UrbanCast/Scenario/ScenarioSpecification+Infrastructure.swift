import Foundation

extension ScenarioSpecification {
    /// A facility whose capacity a forecast indicator uses up: a water supply system against
    /// daily demand, a substation against the annual peak load, a landfill against cumulative
    /// waste (`infrastructure:` in a file).
    ///
    /// ```yaml
    /// infrastructure:
    ///   - name: water_supply
    ///     indicator: water          # an indicator, or cumulative(waste)
    ///     capacity: 1100            # today's capacity, in the indicator's unit
    ///     reliability: 0.95         # wanted P(demand ≤ capacity) in every year
    ///     currency: USD million     # for reports
    ///     expansions:
    ///       - {name: reservoir, add: 150, capital: 800, operating: 10, lifetime: 50, lead_years: 4, earliest: 2028}
    /// ```
    ///
    /// The annual peak of an hourly load is an indicator of its own: an `hourly_load` indicator
    /// with `output: peak`.
    public struct Facility: Sendable, Equatable {
        /// What the facility's capacity is measured against.
        public enum Demand: Sendable, Equatable, CustomStringConvertible {
            /// The indicator's value in each year (`indicator: water`).
            case indicator(String)
            /// The indicator summed over the projected years, from the first one (`cumulative(waste)`):
            /// the capacity is what is left at the end of the base year (a landfill's remaining space).
            case cumulative(String)

            /// The indicator's name.
            public var indicator: String {
                switch self { case .indicator(let name), .cumulative(let name): name }
            }

            /// Whether the demand is a running total.
            public var isCumulative: Bool {
                if case .cumulative = self { return true } else { return false }
            }

            /// As written in a file: `water` or `cumulative(waste)`.
            public var description: String {
                switch self {
                case .indicator(let name): name
                case .cumulative(let name): "cumulative(\(name))"
                }
            }

            /// Parses `NAME` or `cumulative(NAME)`; `nil` for an empty name.
            init?(parsing text: String) {
                let trimmed = text.trimmingCharacters(in: .whitespaces)
                if trimmed.hasPrefix("cumulative("), trimmed.hasSuffix(")") {
                    let name = String(trimmed.dropFirst("cumulative(".count).dropLast()).trimmingCharacters(in: .whitespaces)
                    guard !name.isEmpty else { return nil }
                    self = .cumulative(name)
                } else {
                    guard !trimmed.isEmpty, !trimmed.contains("(") else { return nil }
                    self = .indicator(trimmed)
                }
            }
        }

        /// The facility's name, unique in the specification.
        public var name: String
        /// The quantity its capacity serves.
        public var demand: Demand
        /// Today's capacity (at the end of the base year), in the indicator's unit (indicator
        /// unit × years for a cumulative demand), ≥ 0.
        public var capacity: Double
        /// The wanted probability that demand does not exceed capacity, in every year; in (0, 1).
        public var reliability: Double
        /// The options to add capacity, at most ``maximumExpansions``.
        public var expansions: [Expansion]
        /// The currency of the expansions' costs, for reports.
        public var currency: String

        /// The most expansion options a facility takes (the exact plan search grows as 3^options).
        public static let maximumExpansions = 10
        /// The reliability when none is given.
        public static let defaultReliability = 0.95

        /// A facility.
        ///
        /// - Parameters:
        ///   - name: The name.
        ///   - demand: The indicator (or its cumulative sum) the capacity serves.
        ///   - capacity: Today's capacity, ≥ 0.
        ///   - reliability: Wanted P(demand ≤ capacity) in every year, in (0, 1).
        ///   - expansions: The options to add capacity.
        ///   - currency: The currency of the costs, for reports.
        public init(name: String, demand: Demand, capacity: Double, reliability: Double = Self.defaultReliability,
                    expansions: [Expansion] = [], currency: String = "") {
            self.name = name
            self.demand = demand
            self.capacity = capacity
            self.reliability = reliability
            self.expansions = expansions
            self.currency = currency
        }
    }

    /// One way to add capacity to a facility: built at most once, at an ``Economics/Investment``'s
    /// cost (capital over the lead years before service, operating cost each year of service,
    /// renewal at the end of each lifetime, residual value credited at the horizon), adding
    /// ``add`` from its first year of service to the horizon.
    public struct Expansion: Sendable, Equatable {
        /// The option's name, unique in its facility.
        public var name: String
        /// The capacity it adds, > 0, in the facility's unit.
        public var add: Double
        /// Its costs, lifetime and lead time.
        public var investment: Economics.Investment
        /// The earliest first year of service (`earliest:`), when a permit, a land purchase or a
        /// funding cycle rules out earlier service. Whatever it says, service can start no
        /// earlier than `base_year + 1 + lead_years` (construction starts after the base year).
        public var earliest: Int?

        /// An expansion option.
        ///
        /// - Parameters:
        ///   - name: The name.
        ///   - add: The capacity added, > 0.
        ///   - investment: Capital, operating cost, lifetime and lead time.
        ///   - earliest: The earliest first year of service, if restricted.
        public init(name: String, add: Double, investment: Economics.Investment, earliest: Int? = nil) {
            self.name = name
            self.add = add
            self.investment = investment
            self.earliest = earliest
        }

        /// The first year the option can serve: max(``earliest``, base year + 1 + lead years).
        ///
        /// - Parameter baseYear: The specification's base year.
        /// - Complexity: O(1).
        public func firstServiceYear(baseYear: Int) -> Int {
            max(earliest ?? Int.min, baseYear + 1 + investment.leadYears)
        }
    }

    /// Reads the `infrastructure:` list. The checks against the rest of the specification (known
    /// indicators, ranges, unique names) are ``infrastructureProblems``, shared with
    /// specifications built in Swift.
    ///
    /// - Returns: The facilities that could be read, and each one's position in the file's list.
    static func readInfrastructure(_ node: SpecNode, reader: inout SpecReader) -> (facilities: [Facility], positions: [Int]) {
        guard let items = reader.sequence(node, "infrastructure") else { return ([], []) }
        var facilities: [Facility] = []
        var positions: [Int] = []
        for (k, item) in items.enumerated() {
            let path = "infrastructure[\(k)]"
            guard let fields = reader.mapping(item, path, allowed: [
                "name", "indicator", "capacity", "reliability", "expansions", "currency",
            ]) else { continue }
            func required(_ key: String, _ hint: String) -> SpecNode? {
                if let node = fields[key] { return node }
                reader.fail("\(path).\(key)", "is required (\(hint))")
                return nil
            }
            let name = required("name", "the facility's name").flatMap { reader.string($0, "\(path).name") }
            var demand: Facility.Demand?
            if let node = required("indicator", "an indicator's name, or cumulative(NAME) for its running total"),
               let text = reader.string(node, "\(path).indicator") {
                demand = Facility.Demand(parsing: text)
                if demand == nil {
                    reader.fail("\(path).indicator", "expected an indicator's name or cumulative(NAME), got '\(text)'")
                }
            }
            let capacity = required("capacity", "today's capacity, in the indicator's unit").flatMap {
                reader.number($0, "\(path).capacity")
            }
            let reliability = fields["reliability"].map { reader.number($0, "\(path).reliability") } ?? Facility.defaultReliability
            let currency = fields["currency"].flatMap { reader.string($0, "\(path).currency") } ?? ""
            var expansions: [Expansion] = []
            var expansionsRead = true
            if let node = fields["expansions"], let list = reader.sequence(node, "\(path).expansions") {
                for (e, entry) in list.enumerated() {
                    if let expansion = readExpansion(entry, "\(path).expansions[\(e)]", reader: &reader) {
                        expansions.append(expansion)
                    } else {
                        expansionsRead = false
                    }
                }
            }
            guard let name, let demand, let capacity, let reliability, expansionsRead else { continue }
            facilities.append(Facility(name: name, demand: demand, capacity: capacity, reliability: reliability,
                                       expansions: expansions, currency: currency))
            positions.append(k)
        }
        return (facilities, positions)
    }

    private static func readExpansion(_ node: SpecNode, _ path: String, reader: inout SpecReader) -> Expansion? {
        guard let fields = reader.mapping(node, path, allowed: [
            "name", "add", "capital", "operating", "lifetime", "lead_years", "earliest",
        ]) else { return nil }
        guard let nameNode = fields["name"] else { reader.fail("\(path).name", "is required"); return nil }
        let name = reader.string(nameNode, "\(path).name")
        guard let addNode = fields["add"] else {
            reader.fail("\(path).add", "is required (the capacity the option adds, in the facility's unit)")
            return nil
        }
        let add = reader.number(addNode, "\(path).add")
        let capital = fields["capital"].map { reader.number($0, "\(path).capital") } ?? 0
        let operating = fields["operating"].map { reader.number($0, "\(path).operating") } ?? 0
        let lifetime: Int?? = fields["lifetime"].map { reader.integer($0, "\(path).lifetime") }
        let lead = fields["lead_years"].map { reader.integer($0, "\(path).lead_years") } ?? 0
        let earliest: Int?? = fields["earliest"].map { reader.year($0, "\(path).earliest") }
        guard let name, let add, let capital, let operating, let lead else { return nil }
        if case .some(.none) = lifetime { return nil }
        if case .some(.none) = earliest { return nil }
        do {
            let investment = try Economics.Investment(capital: capital, operating: operating, lifetime: lifetime ?? nil,
                                                      leadYears: lead)
            return Expansion(name: name, add: add, investment: investment, earliest: earliest ?? nil)
        } catch {
            reader.fail("\(path).\(error.key)", error.description)
            return nil
        }
    }

    /// The problems of ``infrastructure`` against the rest of the specification, by key path:
    /// an unknown indicator, a name used twice, a capacity that is negative or not finite, a
    /// reliability outside (0, 1), an expansion adding nothing, more than
    /// ``Facility/maximumExpansions`` options, or an earliest year after the horizon.
    ///
    /// - Complexity: O(facilities × (indicators + expansions)).
    var infrastructureProblems: [SpecDiagnostic] { infrastructureProblems(positions: nil) }

    /// ``infrastructureProblems`` with each facility named by `positions[k]`, its place in the
    /// file's list (which differs from its index when an earlier entry could not be read), and
    /// indicator names checked against `declared` (every name under `indicators:`, also one whose
    /// own entry failed to read and is reported there) when given.
    func infrastructureProblems(positions: [Int]?, declared: [String]? = nil) -> [SpecDiagnostic] {
        var problems: [SpecDiagnostic] = []
        func fail(_ path: String, _ message: String) { problems.append(SpecDiagnostic(file: file, path: path, message: message)) }
        var names: [String: Int] = [:]
        let indicatorNames = declared ?? indicators.map(\.name)
        for (index, facility) in infrastructure.enumerated() {
            let k = positions?[index] ?? index
            let path = "infrastructure[\(k)]"
            if facility.name.isEmpty { fail("\(path).name", "must not be empty") }
            if let first = names.updateValue(k, forKey: facility.name) {
                fail("\(path).name", "'\(facility.name)' is the name of infrastructure[\(first)] too; give each facility its own name")
            }
            if !indicatorNames.contains(facility.demand.indicator) {
                fail("\(path).indicator",
                     "unknown indicator '\(facility.demand.indicator)'; the indicators are: \(indicatorNames.joined(separator: ", "))")
            }
            if !facility.capacity.isFinite || facility.capacity < 0 {
                fail("\(path).capacity", "must be a finite number ≥ 0, got \(facility.capacity)")
            }
            if !(facility.reliability > 0 && facility.reliability < 1) {
                fail("\(path).reliability", "must be a probability strictly between 0 and 1 (0.95 for 95 %), got \(facility.reliability)")
            }
            if facility.expansions.count > Facility.maximumExpansions {
                fail("\(path).expansions", "has \(facility.expansions.count) options; at most \(Facility.maximumExpansions) are allowed "
                    + "(the exact least-cost search grows as 3^options)")
            }
            var optionNames: [String: Int] = [:]
            for (e, expansion) in facility.expansions.enumerated() {
                let itemPath = "\(path).expansions[\(e)]"
                if let first = optionNames.updateValue(e, forKey: expansion.name) {
                    fail("\(itemPath).name", "'\(expansion.name)' is the name of expansions[\(first)] too; give each option its own name")
                }
                if !expansion.add.isFinite || expansion.add <= 0 {
                    fail("\(itemPath).add", "must be a finite number > 0 (the capacity added), got \(expansion.add)")
                }
                if let earliest = expansion.earliest, earliest > horizon {
                    fail("\(itemPath).earliest", "\(earliest) is after the horizon \(horizon)")
                }
                if (expansion.earliest ?? horizon) <= horizon, expansion.firstServiceYear(baseYear: baseYear) > horizon {
                    fail("\(itemPath).lead_years", "\(expansion.investment.leadYears) lead years put the first possible service year "
                        + "\(expansion.firstServiceYear(baseYear: baseYear)) after the horizon \(horizon)")
                }
            }
        }
        return problems
    }
}

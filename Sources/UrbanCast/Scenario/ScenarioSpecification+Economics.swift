extension ScenarioSpecification {
    /// The cost of a programme that a scenario pays for (a metering campaign, a retrofit
    /// programme): an ``Economics/Investment`` entering service in a year.
    ///
    /// In a file, under a scenario:
    /// ```yaml
    /// costs:
    ///   - {name: smart metering, capital: 120e6, operating: 8e6, lifetime: 15, from: 2025}
    /// ```
    public struct ProgrammeCost: Sendable, Equatable {
        /// The programme's name, for reports.
        public var name: String
        /// Its capital, operating cost, lifetime and lead time.
        public var investment: Economics.Investment
        /// The first year of service (operating cost, and capital when there is no lead time).
        public var from: Int
        /// The currency, for reports (that of the indicator's unit cost, when given).
        public var currency: String

        /// A programme's cost.
        ///
        /// - Parameters:
        ///   - name: The name.
        ///   - investment: Capital, operating cost, lifetime and lead time.
        ///   - from: The first year of service.
        ///   - currency: The currency, for reports.
        public init(name: String, investment: Economics.Investment, from: Int, currency: String = "") {
            self.name = name
            self.investment = investment
            self.from = from
            self.currency = currency
        }
    }

    /// The discounting convention of the run: ``discountRate`` to the end of the base year.
    public var discounting: Economics.Discounting {
        (try? Economics.Discounting(rate: discountRate, baseYear: baseYear))
            ?? Economics.Discounting.unchecked(rate: Economics.Discounting.defaultRate, baseYear: baseYear)
    }

    /// Reads `economics: {discount_rate: 0.03}`.
    static func readEconomics(_ node: SpecNode, reader: inout SpecReader) -> Double? {
        guard let fields = reader.mapping(node, "economics", allowed: ["discount_rate"]) else { return nil }
        guard let rateNode = fields["discount_rate"] else {
            reader.fail("economics.discount_rate", "is required (0.03 for 3 % a year, real)")
            return nil
        }
        guard let rate = reader.number(rateNode, "economics.discount_rate") else { return nil }
        do {
            _ = try Economics.Discounting(rate: rate, baseYear: 0)
        } catch {
            reader.fail("economics.discount_rate", error.description)
            return nil
        }
        return rate
    }

    /// Reads a scenario's `costs:` list; `years` bounds `from`.
    static func readProgrammeCosts(_ node: SpecNode, _ path: String, years: ClosedRange<Int>,
                                   reader: inout SpecReader) -> [ProgrammeCost] {
        guard let items = reader.sequence(node, path) else { return [] }
        var costs: [ProgrammeCost] = []
        for (k, item) in items.enumerated() {
            let itemPath = "\(path)[\(k)]"
            guard let fields = reader.mapping(item, itemPath, allowed: [
                "name", "capital", "operating", "lifetime", "lead_years", "from", "currency",
            ]) else { continue }
            let name = fields["name"].flatMap { reader.string($0, "\(itemPath).name") } ?? "programme \(k + 1)"
            let capital = fields["capital"].map { reader.number($0, "\(itemPath).capital") } ?? 0
            let operating = fields["operating"].map { reader.number($0, "\(itemPath).operating") } ?? 0
            var lifetime: Int?
            if let node = fields["lifetime"] {
                guard let years = reader.integer(node, "\(itemPath).lifetime") else { continue }
                lifetime = years
            }
            let lead = fields["lead_years"].map { reader.integer($0, "\(itemPath).lead_years") } ?? 0
            guard let fromNode = fields["from"] else { reader.fail("\(itemPath).from", "is required (the first year of service)"); continue }
            guard let from = reader.year(fromNode, "\(itemPath).from") else { continue }
            if !years.contains(from) {
                reader.fail("\(itemPath).from", from < years.lowerBound ? "\(from) is before base_year \(years.lowerBound)"
                    : "\(from) is after the horizon \(years.upperBound)")
                continue
            }
            let currency = fields["currency"].flatMap { reader.string($0, "\(itemPath).currency") } ?? ""
            guard let capital, let operating, let lead else { continue }
            do {
                let investment = try Economics.Investment(capital: capital, operating: operating, lifetime: lifetime, leadYears: lead)
                costs.append(ProgrammeCost(name: name, investment: investment, from: from, currency: currency))
            } catch {
                reader.fail("\(itemPath).\(error.key)", error.description)
            }
        }
        return costs
    }
}

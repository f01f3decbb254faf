extension ScenarioSpecification {
    /// A total over sectors — residential, commercial, industrial energy, say — whose change the
    /// run splits into activity, structure and intensity effects
    /// (``LMDI/sectorEffects(baseActivity:baseValues:activity:values:)``).
    ///
    /// Each sector is an indicator (modelled as any other, typically `activity × intensity`) with
    /// an activity driver; the activities must share a unit (value added, floor area, …) so that
    /// their shares of the total activity are the economy's structure. In a file:
    ///
    /// ```yaml
    /// sectors:
    ///   energy:
    ///     residential: {indicator: energy_residential, activity: floor_residential}
    ///     commercial: {indicator: energy_commercial, activity: floor_commercial}
    /// ```
    ///
    /// `activity:` may be left out when the indicator names a `population:` driver, which is then
    /// the activity.
    public struct SectorTotal: Sendable, Equatable {
        /// One sector of a total.
        public struct Sector: Sendable, Equatable {
            /// The sector's name (`residential`).
            public var name: String
            /// The indicator holding the sector's use.
            public var indicator: String
            /// The driver holding the sector's activity.
            public var activity: String

            /// A sector whose use is `indicator` and whose activity is the driver `activity`.
            public init(name: String, indicator: String, activity: String) {
                self.name = name
                self.indicator = indicator
                self.activity = activity
            }
        }

        /// The total's name (`energy`).
        public var name: String
        /// The sectors, at least two, in the order written.
        public var sectors: [Sector]

        /// A total named `name` over `sectors`.
        public init(name: String, sectors: [Sector]) {
            self.name = name
            self.sectors = sectors
        }
    }

    /// Read `sectors:`, a mapping from each total's name to its sectors, each
    /// `{indicator, activity}`; the activity defaults to the indicator's population driver.
    static func readSectorTotals(_ node: SpecNode, drivers: [Driver], driverNames: [String], indicators: [Indicator],
                                 declaredIndicators: [String], reader: inout SpecReader) -> [SectorTotal] {
        guard let totals = reader.mapping(node, "sectors") else { return [] }
        var out: [SectorTotal] = []
        for (name, value) in totals {
            let path = "sectors.\(name)"
            guard let pairs = reader.mapping(value, path) else { continue }
            if pairs.count < 2 { reader.fail(path, "needs at least two sectors, got \(pairs.count)") }
            var sectors: [SectorTotal.Sector] = []
            for (sectorName, sectorNode) in pairs {
                let sectorPath = "\(path).\(sectorName)"
                guard let fields = reader.mapping(sectorNode, sectorPath, allowed: ["indicator", "activity"]) else { continue }
                guard let indicatorNode = fields["indicator"] else { reader.fail("\(sectorPath).indicator", "is required"); continue }
                guard let indicatorName = reader.string(indicatorNode, "\(sectorPath).indicator") else { continue }
                guard let indicator = indicators.first(where: { $0.name == indicatorName }) else {
                    // An indicator whose own entry failed is reported there, not again as unknown.
                    if declaredIndicators.contains(indicatorName) { continue }
                    reader.fail("\(sectorPath).indicator", "unknown indicator '\(indicatorName)'; the indicators are: "
                        + declaredIndicators.joined(separator: ", "))
                    continue
                }
                if let first = sectors.first(where: { $0.indicator == indicatorName }) {
                    reader.fail("\(sectorPath).indicator", "'\(indicatorName)' is sector \(first.name)'s indicator too; "
                        + "a sector's use is counted once")
                }
                let activity: String
                if let activityNode = fields["activity"] {
                    guard let text = reader.string(activityNode, "\(sectorPath).activity") else { continue }
                    activity = text
                } else if let population = indicator.population {
                    activity = population
                } else {
                    reader.fail("\(sectorPath).activity", "is required: indicator '\(indicatorName)' names no population driver to use")
                    continue
                }
                guard driverNames.contains(activity) else {
                    reader.fail("\(sectorPath).activity", "unknown driver '\(activity)'; the drivers are: "
                        + driverNames.joined(separator: ", "))
                    continue
                }
                sectors.append(SectorTotal.Sector(name: sectorName, indicator: indicatorName, activity: activity))
            }
            checkUnits(sectors.map { s in (s, indicators.first { $0.name == s.indicator }?.unit) }, "indicator", path,
                       reader: &reader)
            checkUnits(sectors.map { s in (s, drivers.first { $0.name == s.activity }?.unit) }, "activity", path, reader: &reader)
            out.append(SectorTotal(name: name, sectors: sectors))
        }
        return out
    }

    /// The stated units of one field of a total's sectors must agree: a total adds one unit, and
    /// shares divide one.
    private static func checkUnits(_ units: [(SectorTotal.Sector, String?)], _ field: String, _ path: String,
                                   reader: inout SpecReader) {
        guard let (first, unit) = units.first(where: { $0.1 != nil }) else { return }
        for (sector, other) in units where other != nil && other != unit {
            reader.fail("\(path).\(sector.name).\(field)", "is in \(other ?? "") but sector \(first.name)'s in \(unit ?? ""); "
                + "the sectors of a total need one unit")
        }
    }
}

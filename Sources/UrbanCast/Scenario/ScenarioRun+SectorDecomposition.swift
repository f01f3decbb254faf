extension ScenarioRun {
    /// The LMDI-I decomposition of a total over sectors (``ScenarioSpecification/SectorTotal``)
    /// on one scenario's central path: its change from the base year, year by year, split into
    /// the activity, structure and intensity effects of Ang (2005), overall and by sector.
    ///
    /// With sector activities `Qᵢ` (the activity drivers), `Q = Σ Qᵢ`, shares `Sᵢ = Qᵢ/Q` and
    /// intensities `Iᵢ = Vᵢ/Qᵢ` (the sector indicators `Vᵢ`), the total is `V = Σ Q Sᵢ Iᵢ`; the
    /// three effects sum to `value − baseValue` in every year
    /// (``LMDI/sectorEffects(baseActivity:baseValues:activity:values:)``).
    public struct SectorDecomposition: Codable, Sendable, Equatable {
        /// One sector's part of the total and of its effects.
        public struct Sector: Codable, Sendable, Equatable {
            /// The sector's name.
            public var name: String
            /// The indicator holding its use.
            public var indicator: String
            /// The driver holding its activity.
            public var activity: String
            /// Its observed use in the base year.
            public var baseValue: Double
            /// Its observed activity in the base year.
            public var baseActivity: Double
            /// Its central use, one value per projected year.
            public var values: [Double]
            /// Its central activity, one value per projected year.
            public var activities: [Double]
            /// Its `activity`, `structure` and `intensity` effects, in the total's unit.
            public var factors: [Decomposition.Factor]
        }

        /// The scenario.
        public var scenario: String
        /// The total's name.
        public var total: String
        /// The unit of the sector indicators.
        public var unit: String?
        /// The base year.
        public var baseYear: Int
        /// The observed total in the base year.
        public var baseValue: Double
        /// The projected years.
        public var years: [Int]
        /// The central total, one value per projected year.
        public var values: [Double]
        /// The `activity`, `structure` and `intensity` effects summed over the sectors.
        public var factors: [Decomposition.Factor]
        /// The sectors, in the order written.
        public var sectors: [Sector]
    }

    /// Every sector total's decomposition in every scenario, scenario by scenario; a total with a
    /// sector whose indicator or activity has no base-year value has none.
    ///
    /// ```swift
    /// let d = run.sectorDecompositions[0]
    /// d.factors.map { $0.effects.last! }   // activity, structure, intensity effects in the horizon year
    /// ```
    ///
    /// - Complexity: O(scenarios × sectors × years).
    public var sectorDecompositions: [SectorDecomposition] {
        let names = ["activity", "structure", "intensity"]
        let indicators = specification.indicators.map(\.name), drivers = specification.drivers.map(\.name)
        var out: [SectorDecomposition] = []
        for (s, scenario) in specification.scenarios.enumerated() {
            for total in specification.sectorTotals {
                let columns = total.sectors.compactMap { sector -> (i: Int, q: Int, v0: Double, q0: Double)? in
                    guard let i = indicators.firstIndex(of: sector.indicator), let q = drivers.firstIndex(of: sector.activity),
                          let v0 = baseIndicator[i], let q0 = baseDriver[q] else { return nil }
                    return (i, q, v0, q0)
                }
                guard columns.count == total.sectors.count else { continue }
                var effects = [[[Double]]](repeating: [[Double]](repeating: [], count: names.count), count: columns.count)
                for h in years.indices {
                    let rows = LMDI.sectorEffects(baseActivity: columns.map(\.q0), baseValues: columns.map(\.v0),
                                                  activity: columns.map { centralDrivers[s][$0.q][h] },
                                                  values: columns.map { central[s][$0.i][h] })
                    for (k, row) in rows.enumerated() {
                        for (j, effect) in row.all.enumerated() { effects[k][j].append(effect) }
                    }
                }
                let sectors = zip(total.sectors, columns).enumerated().map { k, pair in
                    SectorDecomposition.Sector(
                        name: pair.0.name, indicator: pair.0.indicator, activity: pair.0.activity, baseValue: pair.1.v0,
                        baseActivity: pair.1.q0, values: central[s][pair.1.i], activities: centralDrivers[s][pair.1.q],
                        factors: zip(names, effects[k]).map { Decomposition.Factor(name: $0, effects: $1) })
                }
                let sums = names.indices.map { j in
                    Decomposition.Factor(name: names[j], effects: years.indices.map { h in
                        effects.reduce(0) { $0 + $1[j][h] }
                    })
                }
                out.append(SectorDecomposition(
                    scenario: scenario.name, total: total.name, unit: indicatorUnits[columns[0].i], baseYear: specification.baseYear,
                    baseValue: columns.reduce(0) { $0 + $1.v0 }, years: years,
                    values: years.indices.map { h in columns.reduce(0) { $0 + central[s][$1.i][h] } },
                    factors: sums, sectors: sectors))
            }
        }
        return out
    }

    /// `sector_decomposition.csv`: each sector total's change from the base year split by LMDI-I
    /// into activity, structure and intensity effects:
    /// `scenario,total,sector,year,base_value,value,change,activity_effect,structure_effect,intensity_effect,unit`.
    ///
    /// For every scenario, total and year, one row per sector and then the total's row, whose
    /// `sector` is empty; in each row the three effects sum to `change` (see
    /// ``sectorDecompositions``). Only the header when the specification has no sector totals.
    public var sectorDecompositionCSV: String {
        var lines = ["scenario,total,sector,year,base_value,value,change,activity_effect,structure_effect,intensity_effect,unit"]
        for d in sectorDecompositions {
            for (h, year) in d.years.enumerated() {
                let parts = d.sectors.map { ($0.name, $0.baseValue, $0.values[h], $0.factors) } + [("", d.baseValue, d.values[h], d.factors)]
                for (sector, base, value, factors) in parts {
                    let numbers = [base, value, value - base] + factors.map { $0.effects[h] }
                    lines.append(Self.row([d.scenario, d.total, sector, String(year)] + numbers.map(Self.number) + [d.unit ?? ""]))
                }
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

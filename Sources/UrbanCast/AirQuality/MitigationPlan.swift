import Foundation

/// A city's PM2.5 (or other pollutant) mitigation plan: a baseline path, source shares by sector
/// with uncertainty, driver growth per sector, a catalogue of measures, and health parameters
/// (which need a ``ConcentrationResponse`` for the pollutant, in a unit the plan's converts to).
///
/// The concentration in year y under a set of measures M is
///
/// C(y; M) = B(y) · Σ_s w_s(y) · Π_{m ∈ M, sector(m) = s} (1 − r_m · ramp_m(y)),
///
/// with the baseline B(y) = max(0, C₀ + trend · (y − y₀)) (the city's path with existing policy,
/// for example from `urbancast air trend --normalized`; typed, or derived from data as
/// ``DerivedBaseline``), or a model's forecast path B(y) = max(0, mean_y) (``ForecastBaseline``),
/// sector weights
/// w_s(y) ∝ share_s · (1 + g_s)^(y − y₀) normalised to sum to one (driver growth changes the mix,
/// not the baseline level), and ramp_m(y) = 0 before the measure's start year, then rising
/// linearly to 1 over its ramp years: min(1, (y − start + 1)/ramp). Two measures on one sector
/// act on what the other leaves. A measure costs its annual (operating) cost in every year from
/// its start, plus its capital cost in its start year, renewed when its lifetime ends before the
/// horizon, less the residual value of its last build at the horizon (``Economics/Investment``);
/// costs are compared by their net present cost at ``discountRate`` to the end of the base year
/// (``Economics/Discounting``).
public struct MitigationPlan: Sendable {
    /// A source sector's share of the base-year concentration.
    public struct Sector: Sendable, Equatable {
        /// The sector's name.
        public let name: String
        /// Its share of the base-year concentration, in [0, 1].
        public let share: Double
        /// The standard deviation of the share (for the uncertainty draws), ≥ 0.
        public let shareSD: Double
        /// The growth of the sector's activity per year (0.02 = 2 % a year), > −1.
        public let growth: Double

        /// Creates a sector (checked by ``MitigationPlan/init(pollutant:unit:baseYear:baseConcentration:trendPerYear:trendSD:horizon:sectors:measures:costUnit:health:target:scenarios:draws:seed:)``).
        ///
        /// - Parameters:
        ///   - name: The sector's name.
        ///   - share: Its share of the base-year concentration.
        ///   - shareSD: The share's standard deviation.
        ///   - growth: Activity growth per year.
        public init(name: String, share: Double, shareSD: Double = 0, growth: Double = 0) {
            self.name = name
            self.share = share
            self.shareSD = shareSD
            self.growth = growth
        }
    }

    /// A measure of the catalogue.
    public struct Measure: Sendable, Equatable {
        /// The measure's name.
        public let name: String
        /// The sector it acts on.
        public let sector: String
        /// The fraction of the sector's contribution it removes at full effect, in [0, 1].
        public let reduction: Double
        /// The first year of effect (and cost).
        public let start: Int
        /// The years to full effect, ≥ 1.
        public let ramp: Int
        /// The operating cost per year from the start year, ≥ 0, in ``MitigationPlan/costUnit``.
        public let annualCost: Double
        /// The capital cost, paid in the start year (and again at each renewal), ≥ 0.
        public let capital: Double
        /// The years one build lasts, ≥ 1; `nil` without capital (the measure lasts the plan).
        public let lifetime: Int?

        /// The measure's costs in the shared convention: capital, operating (``annualCost``),
        /// lifetime, no lead time (the measure's effect starts in its start year, ramping).
        public var investment: Economics.Investment? {
            try? Economics.Investment(capital: capital, operating: annualCost, lifetime: lifetime)
        }

        /// Creates a measure (checked by the plan).
        ///
        /// - Parameters:
        ///   - name: The measure's name.
        ///   - sector: The sector it acts on.
        ///   - reduction: The fraction of the sector's contribution removed at full effect.
        ///   - start: The first year of effect and cost.
        ///   - ramp: The years to full effect.
        ///   - annualCost: The operating cost per year.
        ///   - capital: The capital cost, paid in the start year (0: none).
        ///   - lifetime: The years one build lasts (required with capital).
        public init(name: String, sector: String, reduction: Double, start: Int, ramp: Int = 1, annualCost: Double,
                    capital: Double = 0, lifetime: Int? = nil) {
            self.name = name
            self.sector = sector
            self.reduction = reduction
            self.start = start
            self.ramp = ramp
            self.annualCost = annualCost
            self.capital = capital
            self.lifetime = lifetime
        }
    }

    /// The pollutant.
    public let pollutant: Pollutant
    /// The unit of the concentrations.
    public let unit: ConcentrationUnit
    /// The base year y₀.
    public let baseYear: Int
    /// The base-year concentration C₀.
    public let baseConcentration: Double
    /// The baseline trend per year.
    public let trendPerYear: Double
    /// The standard deviation of the trend per year (for the uncertainty draws).
    public let trendSD: Double
    /// The last year of the projection.
    public let horizon: Int
    /// The sectors; their shares sum to 1 within 0.01.
    public let sectors: [Sector]
    /// The measures.
    public let measures: [Measure]
    /// The unit of costs (text, for example `million USD`).
    public let costUnit: String
    /// The health parameters, of the plan's pollutant.
    public let health: HealthImpact
    /// The factor from the plan's unit to the concentration–response function's: 1 for the same
    /// unit, 1.8804 from ppb of NO2 to µg/m³ (gases at 25 °C and 1013.25 hPa,
    /// ``ReferenceConditions/usEPA``, as the WHO 2021 guidelines state them).
    public let healthConversionFactor: Double
    /// The portfolio target (concentration) and year, if the plan asks for a least-cost portfolio.
    public let target: (concentration: Double, year: Int)?
    /// Named scenarios: lists of measure names (the baseline and all-measures scenarios are added).
    public let scenarios: [(name: String, measures: [String])]
    /// The number of uncertainty draws.
    public let draws: Int
    /// The seed of the draws.
    public let seed: UInt64
    /// The real discount rate of the costs and the valued health benefits (`discountRate:` in a
    /// file; 3 % a year by default, ``Economics/Discounting/defaultRate``).
    public let discountRate: Double
    /// Where the baseline came from when the spec derived it from data (`baseline: {from:
    /// trend, ...}`); `nil` for a typed baseline.
    public internal(set) var derivedBaseline: DerivedBaseline?
    /// A baseline forecast year by year (`baseline: {from: forecast, ...}`), which replaces the
    /// linear path: B(y) = max(0, mean_y + z · sd_y) for a standard-normal deviate z per draw;
    /// `nil` for the linear path.
    public internal(set) var forecastBaseline: ForecastBaseline?

    /// Creates a plan, checking it.
    ///
    /// - Throws: ``AirQualityError/invalidSetting(_:)`` naming the first problem: shares that do
    ///   not sum to 1 ± 0.01, a measure on an unknown sector, a reduction outside [0, 1], a ramp
    ///   below 1, a negative cost, a measure start, base year or horizon outside the years
    ///   1…9999, a horizon before the base year, a scenario naming an unknown measure, fewer than
    ///   10 draws, a negative capital cost or one without a lifetime, a discount rate outside
    ///   [0, 1], or health parameters whose relative risk is for another pollutant than the plan's,
    ///   or in a unit the plan's cannot be converted to (PM2.5 in ppb).
    public init(pollutant: Pollutant, unit: ConcentrationUnit, baseYear: Int, baseConcentration: Double, trendPerYear: Double,
                trendSD: Double = 0, horizon: Int, sectors: [Sector], measures: [Measure], costUnit: String = "",
                health: HealthImpact, target: (concentration: Double, year: Int)? = nil,
                scenarios: [(name: String, measures: [String])] = [], draws: Int = 1000, seed: UInt64 = 1,
                discountRate: Double = Economics.Discounting.defaultRate) throws(AirQualityError) {
        let problems = Self.problems(
            baseYear: baseYear, baseConcentration: baseConcentration, trendPerYear: trendPerYear, trendSD: trendSD,
            horizon: horizon, sectors: sectors, measures: measures, target: target, scenarios: scenarios, draws: draws,
            discountRate: discountRate)
        if let first = problems.first { throw .invalidSetting(first.message) }
        if health.pollutant != pollutant {
            throw .invalidSetting("health: " + (ConcentrationResponse.function(for: pollutant) == nil
                ? ConcentrationResponse.missing(pollutant)
                : "the relative risk is for \(health.pollutant.name), but the plan is for \(pollutant.name)"))
        }
        guard let factor = try? unit.factor(to: health.unit, pollutant: pollutant, at: .usEPA) else {
            throw .invalidSetting("health: " + health.function.unitMismatch(unit))
        }
        healthConversionFactor = factor
        self.pollutant = pollutant
        self.unit = unit
        self.baseYear = baseYear
        self.baseConcentration = baseConcentration
        self.trendPerYear = trendPerYear
        self.trendSD = trendSD
        self.horizon = horizon
        self.sectors = sectors
        self.measures = measures
        self.costUnit = costUnit
        self.health = health
        self.target = target
        self.scenarios = scenarios
        self.draws = draws
        self.seed = seed
        self.discountRate = discountRate
    }

    /// One inconsistency in a plan's values: the key path of the spec that sets the value, and
    /// what is wrong, so that the spec reader can name the key and the initialiser the problem.
    struct Problem: Equatable, Sendable {
        /// The key path in a plan spec, e.g. `measures[2].reduction`.
        let path: String
        /// What is wrong.
        let message: String
    }

    /// Every inconsistency among a plan's values, in the order the initialiser reports them
    /// (the first is the one it throws).
    ///
    /// - Complexity: O(sectors + measures + measures named by scenarios).
    static func problems(baseYear: Int, baseConcentration: Double, trendPerYear: Double, trendSD: Double, horizon: Int,
                         sectors: [Sector], measures: [Measure], target: (concentration: Double, year: Int)?,
                         scenarios: [(name: String, measures: [String])], draws: Int,
                         discountRate: Double = Economics.Discounting.defaultRate) -> [Problem] {
        var problems: [Problem] = []
        func fail(_ path: String, _ message: String) { problems.append(Problem(path: path, message: message)) }
        let total = sectors.reduce(0) { $0 + $1.share }
        if !(abs(total - 1) <= 0.01) {
            fail("sectors", "sector shares sum to \(total), not 1 ± 0.01; shares are fractions of the base-year concentration")
        }
        for (k, sector) in sectors.enumerated() {
            let key: String? = !(sector.share >= 0 && sector.share <= 1) ? "share" : !(sector.shareSD >= 0) ? "sd"
                : !(sector.growth > -1) ? "growth" : nil
            if let key {
                fail("sectors[\(k)].\(key)", "sector '\(sector.name)': share must be in [0, 1], its sd ≥ 0 and growth above −1")
            }
        }
        var sectorNames = Set<String>()
        for (k, sector) in sectors.enumerated() {
            if !sectorNames.insert(sector.name).inserted { fail("sectors[\(k)].name", "a sector is named twice ('\(sector.name)')") }
        }
        for (k, measure) in measures.enumerated() {
            let path = "measures[\(k)]"
            if !sectorNames.contains(measure.sector) {
                fail("\(path).sector", "measure '\(measure.name)' acts on the unknown sector '\(measure.sector)'; the sectors are \(sectors.map(\.name).joined(separator: ", "))")
            }
            if !(measure.reduction >= 0 && measure.reduction <= 1) {
                fail("\(path).reduction", "measure '\(measure.name)': reduction \(measure.reduction) is not a fraction in [0, 1]")
            }
            if measure.ramp < 1 { fail("\(path).ramp", "measure '\(measure.name)': ramp must be at least 1 year") }
            if !Self.years.contains(measure.start) {
                fail("\(path).start", "measure '\(measure.name)': start \(measure.start) is not a year between 1 and 9999")
            }
            if !(measure.annualCost >= 0 && measure.annualCost.isFinite) {
                fail("\(path).annualCost", "measure '\(measure.name)': annual cost must be finite and ≥ 0")
            } else {
                do {
                    _ = try Economics.Investment(capital: measure.capital, operating: measure.annualCost, lifetime: measure.lifetime)
                } catch {
                    fail("\(path).\(error.key)", "measure '\(measure.name)': \(error.description)")
                }
            }
        }
        var measureNames = Set<String>()
        for (k, measure) in measures.enumerated() where !measureNames.insert(measure.name).inserted {
            fail("measures[\(k)].name", "a measure is named twice ('\(measure.name)')")
        }
        let yearsMessage = "the base year \(baseYear) and the horizon \(horizon) must be years between 1 and 9999"
        if !Self.years.contains(baseYear) { fail("baseline.year", yearsMessage) }
        if !Self.years.contains(horizon) { fail("horizon", yearsMessage) }
        if Self.years.contains(baseYear), Self.years.contains(horizon), horizon < baseYear {
            fail("horizon", "horizon \(horizon) is before the base year \(baseYear)")
        }
        let baselineKey: String? = !(baseConcentration >= 0 && baseConcentration.isFinite) ? "concentration"
            : !trendPerYear.isFinite ? "trendPerYear" : !(trendSD >= 0) ? "trendSD" : nil
        if let baselineKey {
            fail("baseline.\(baselineKey)", "the base concentration must be ≥ 0 and the trend and its sd finite (sd ≥ 0)")
        }
        for (k, scenario) in scenarios.enumerated() {
            for unknown in scenario.measures where !measureNames.contains(unknown) {
                fail("scenarios[\(k)].measures", "scenario '\(scenario.name)' names the unknown measure '\(unknown)'")
            }
        }
        if let target, !(target.concentration > 0 && target.year >= baseYear && target.year <= horizon) {
            fail(target.concentration > 0 ? "target.year" : "target.concentration",
                 "the portfolio target needs a positive concentration and a year from \(baseYear) to \(horizon)")
        }
        if draws < 10 { fail("draws", "draws must be at least 10, got \(draws)") }
        do {
            _ = try Economics.Discounting(rate: discountRate, baseYear: baseYear)
        } catch {
            fail("discountRate", error.description)
        }
        return problems
    }

    /// The years a plan may name, those a series date can hold: outside them `year − start` and
    /// the list of years from the base year to the horizon could overflow or exhaust memory.
    static let years = 1...9999

    /// The effect of measure `m` in `year`: r_m · ramp_m(year).
    func effect(_ measure: Measure, year: Int) -> Double {
        guard year >= measure.start else { return 0 }
        return measure.reduction * min(1, Double(year - measure.start + 1) / Double(measure.ramp))
    }

    /// The baseline B(year) for a standard-normal deviate of its uncertainty (0: the central path).
    ///
    /// Linear: max(0, C₀ + (trend + trendSD · deviation) · (year − y₀)); forecast
    /// (``forecastBaseline``): max(0, mean_year + sd_year · deviation), the last forecast year
    /// held beyond the path.
    ///
    /// - Parameters:
    ///   - year: The year.
    ///   - deviation: The draw's standard-normal deviate.
    /// - Returns: The baseline concentration, ≥ 0.
    /// - Complexity: O(1) linear, O(years) forecast.
    public func baseline(year: Int, deviation: Double = 0) -> Double {
        if let path = forecastBaseline?.path, let entry = path.last(where: { $0.year <= year }) ?? path.first {
            return max(0, entry.mean + entry.sd * deviation)
        }
        return max(0, baseConcentration + (trendPerYear + trendSD * deviation) * Double(year - baseYear))
    }

    /// C(year; measures) with given shares and baseline deviation (the central values unless drawn).
    ///
    /// - Parameters:
    ///   - year: The year.
    ///   - selected: Indices into ``measures``.
    ///   - shares: The sector shares (default the central shares).
    ///   - deviation: The standard-normal deviate of the baseline (``baseline(year:deviation:)``;
    ///     default 0, the central path).
    /// - Returns: The concentration.
    /// - Complexity: O(sectors + measures).
    public func concentration(year: Int, measures selected: [Int], shares: [Double]? = nil, deviation: Double = 0) -> Double {
        let baseline = baseline(year: year, deviation: deviation)
        let weights = sectors.enumerated().map { s, sector in
            (shares?[s] ?? sector.share) * pow(1 + sector.growth, Double(year - baseYear))
        }
        let total = weights.reduce(0, +)
        guard total > 0 else { return baseline }
        var remaining = weights
        for index in selected {
            let measure = measures[index]
            guard let s = sectors.firstIndex(where: { $0.name == measure.sector }) else { continue }
            remaining[s] *= 1 - effect(measure, year: year)
        }
        return baseline * remaining.reduce(0, +) / total
    }

    /// The costs' discounting: ``discountRate`` to the end of the base year.
    public var discounting: Economics.Discounting {
        (try? Economics.Discounting(rate: discountRate, baseYear: baseYear))
            ?? .unchecked(rate: Economics.Discounting.defaultRate, baseYear: baseYear)
    }

    /// The undiscounted cost of a set of measures in `year`: operating costs from each start,
    /// capital in the start year and at renewals, less residual values in the horizon year
    /// (``Economics/Investment/cashFlows(firstServiceYear:horizon:countedFrom:)``; flows before
    /// the base year are sunk).
    ///
    /// - Complexity: O(measures × years).
    public func cost(year: Int, measures selected: [Int]) -> Double {
        selected.reduce(0) { total, index in
            let measure = measures[index]
            guard let investment = measure.investment else { return total }
            return total + investment.cost(year: year, firstServiceYear: measure.start, horizon: horizon, countedFrom: baseYear)
        }
    }

    /// The net present cost of one measure from the base year to the horizon:
    /// Σ_y cost_y · (1 + r)^−(y − y₀) (``Economics/Investment/netPresentCost(firstServiceYear:horizon:discounting:)``).
    ///
    /// - Complexity: O(years).
    public func netPresentCost(of index: Int) -> Double {
        let measure = measures[index]
        return measure.investment?.netPresentCost(firstServiceYear: measure.start, horizon: horizon, discounting: discounting) ?? 0
    }

    /// The net present cost of a set of measures (the sum of theirs: costs do not interact).
    ///
    /// - Complexity: O(measures × years).
    public func netPresentCost(measures selected: [Int]) -> Double {
        selected.reduce(0) { $0 + netPresentCost(of: $1) }
    }
}

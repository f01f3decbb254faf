import Foundation

/// A city's PM2.5 (or other pollutant) mitigation plan: a baseline path, source shares by sector
/// with uncertainty, driver growth per sector, a catalogue of measures, and health parameters
/// (which need a ``ConcentrationResponse`` for the pollutant in the plan's unit: today PM2.5 in
/// µg/m³ only).
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
/// act on what the other leaves. A measure costs its annual cost in every year from its start.
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
        /// The cost per year from the start year, ≥ 0, in ``MitigationPlan/costUnit``.
        public let annualCost: Double

        /// Creates a measure (checked by the plan).
        ///
        /// - Parameters:
        ///   - name: The measure's name.
        ///   - sector: The sector it acts on.
        ///   - reduction: The fraction of the sector's contribution removed at full effect.
        ///   - start: The first year of effect and cost.
        ///   - ramp: The years to full effect.
        ///   - annualCost: The cost per year.
        public init(name: String, sector: String, reduction: Double, start: Int, ramp: Int = 1, annualCost: Double) {
            self.name = name
            self.sector = sector
            self.reduction = reduction
            self.start = start
            self.ramp = ramp
            self.annualCost = annualCost
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
    /// The health parameters, of the plan's pollutant and in its unit.
    public let health: HealthImpact
    /// The portfolio target (concentration) and year, if the plan asks for a least-cost portfolio.
    public let target: (concentration: Double, year: Int)?
    /// Named scenarios: lists of measure names (the baseline and all-measures scenarios are added).
    public let scenarios: [(name: String, measures: [String])]
    /// The number of uncertainty draws.
    public let draws: Int
    /// The seed of the draws.
    public let seed: UInt64
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
    ///   10 draws, or health parameters whose relative risk is for another pollutant or unit than
    ///   the plan's (the deaths would be for a reduction the relative risk does not describe).
    public init(pollutant: Pollutant, unit: ConcentrationUnit, baseYear: Int, baseConcentration: Double, trendPerYear: Double,
                trendSD: Double = 0, horizon: Int, sectors: [Sector], measures: [Measure], costUnit: String = "",
                health: HealthImpact, target: (concentration: Double, year: Int)? = nil,
                scenarios: [(name: String, measures: [String])] = [], draws: Int = 1000, seed: UInt64 = 1) throws(AirQualityError) {
        let problems = Self.problems(
            baseYear: baseYear, baseConcentration: baseConcentration, trendPerYear: trendPerYear, trendSD: trendSD,
            horizon: horizon, sectors: sectors, measures: measures, target: target, scenarios: scenarios, draws: draws)
        if let first = problems.first { throw .invalidSetting(first.message) }
        if health.pollutant != pollutant {
            throw .invalidSetting("health: " + (ConcentrationResponse.function(for: pollutant) == nil
                ? ConcentrationResponse.missing(pollutant)
                : "the relative risk is for \(health.pollutant.name), but the plan is for \(pollutant.name)"))
        }
        guard health.unit == unit else { throw .invalidSetting("health: " + health.function.unitMismatch(unit)) }
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
                         scenarios: [(name: String, measures: [String])], draws: Int) -> [Problem] {
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

    /// The annual cost of a set of measures in `year`.
    public func cost(year: Int, measures selected: [Int]) -> Double {
        selected.reduce(0) { $0 + (year >= measures[$1].start ? measures[$1].annualCost : 0) }
    }
}

/// A concentration–response function: the relative risk of one health outcome per increment of
/// long-term exposure to one pollutant, in one unit, from one source.
///
/// Avoided deaths are computed only for a pollutant that has one, and only from reductions in its
/// unit: a relative risk estimated per 10 µg/m³ of PM2.5 says nothing about NO2, and nothing about
/// a reduction written in ppb. There is one today, ``chenHoek2020``; ``function(for:)`` finds it.
public struct ConcentrationResponse: Sendable, Equatable {
    /// The pollutant the relative risk was estimated for.
    public let pollutant: Pollutant
    /// The unit of ``increment``, and the unit a plan's concentrations must be in.
    public let unit: ConcentrationUnit
    /// The exposure increment the relative risk is per, in ``unit`` (10 for "per 10 µg/m³").
    public let increment: Double
    /// The published relative risk per ``increment``: central and its 95 % interval.
    public let relativeRisk: (central: Double, lower: Double, upper: Double)
    /// The outcome counted, e.g. `natural-cause mortality`; the plan's baseline rate must be of it.
    public let outcome: String
    /// Who the outcome is counted in, e.g. `adults`; the plan's population must be that group.
    public let ages: String
    /// The source, short, as printed after the relative risk.
    public let source: String

    /// Long-term PM2.5 and natural-cause mortality in adults: RR 1.08 (95 % CI 1.06–1.09) per
    /// 10 µg/m³, from Chen & Hoek (2020), *Environment International* 143, 105974, the systematic
    /// review behind the WHO 2021 guideline. Its cohorts are of adults and its outcome is death
    /// from natural causes (all causes less external ones such as accidents), not all-cause
    /// mortality; the baseline rate and population it is applied to should be the same.
    public static let chenHoek2020 = ConcentrationResponse(
        pollutant: .pm25, unit: .microgramsPerCubicMetre, increment: 10, relativeRisk: (1.08, 1.06, 1.09),
        outcome: "natural-cause mortality", ages: "adults", source: "Chen & Hoek 2020")

    /// Every function there is, at most one per pollutant.
    public static let all = [chenHoek2020]

    /// The function for `pollutant`, or `nil` when there is none (every pollutant but PM2.5).
    ///
    /// - Parameter pollutant: The plan's pollutant.
    /// - Complexity: O(1).
    public static func function(for pollutant: Pollutant) -> ConcentrationResponse? {
        all.first { $0.pollutant == pollutant }
    }

    /// Equality of all stored fields.
    public static func == (lhs: ConcentrationResponse, rhs: ConcentrationResponse) -> Bool {
        lhs.pollutant == rhs.pollutant && lhs.unit == rhs.unit && lhs.increment == rhs.increment
            && lhs.relativeRisk == rhs.relativeRisk && lhs.outcome == rhs.outcome && lhs.ages == rhs.ages
            && lhs.source == rhs.source
    }

    /// Why `pollutant` has no function, for messages: names the one there is.
    static func missing(_ pollutant: Pollutant) -> String {
        let known = all.map { "long-term \($0.pollutant.name) in \($0.unit.symbol) (\($0.outcome) in \($0.ages), \($0.source))" }
        return "no concentration–response function for \(pollutant.name); avoided deaths are computed only for "
            + known.joined(separator: ", ") + ", and a relative risk for one pollutant does not apply to another"
    }

    /// Why a plan in `unit` cannot use this function, for messages.
    func unitMismatch(_ unit: ConcentrationUnit) -> String {
        "the relative risk of \(pollutant.name) is per \(increment.asWritten) \(self.unit.symbol), but the plan is in "
            + "\(unit.symbol); write the plan's concentrations in \(self.unit.symbol)"
            + (pollutant.molarMass == nil ? " (particulate matter is measured by mass)" : "")
    }
}

/// Avoided premature deaths from a reduction of long-term exposure, with the log-linear
/// concentration–response function behind the WHO 2021 guideline:
///
/// deaths avoided = population × baseline mortality × (1 − exp(−β ΔC)),  β = ln(RR)/increment,
///
/// with ΔC in the function's unit. The only function is ``ConcentrationResponse/chenHoek2020``:
/// long-term PM2.5 and natural-cause mortality in adults, RR 1.08 (95 % CI 1.06–1.09) per
/// 10 µg/m³, so `population` is meant to be the adults exposed and `baselineMortality` their
/// natural-cause death rate.
public struct HealthImpact: Sendable, Equatable {
    /// The exposed population (adults, for Chen & Hoek's function).
    public let population: Double
    /// The baseline rate of the function's outcome (natural-cause mortality for Chen & Hoek's),
    /// deaths per person per year.
    public let baselineMortality: Double
    /// RR per ``increment`` of ``function``'s pollutant, in its unit: central, lower and upper.
    public let relativeRisk: (central: Double, lower: Double, upper: Double)
    /// The exposure increment the relative risk is per, in ``function``'s unit.
    public let increment: Double
    /// The concentration–response function: the pollutant, unit and outcome the relative risk is for.
    public let function: ConcentrationResponse

    /// The pollutant the relative risk is for; a plan must be of it.
    public var pollutant: Pollutant { function.pollutant }
    /// The unit of ``increment``; a plan's concentrations must be in it.
    public var unit: ConcentrationUnit { function.unit }
    /// Whether the relative risk and its increment are the function's published ones, so that its
    /// source may be cited.
    public var isPublished: Bool { relativeRisk == function.relativeRisk && increment == function.increment }

    /// Creates health parameters.
    ///
    /// - Parameters:
    ///   - population: Persons, ≥ 0.
    ///   - baselineMortality: Deaths per person per year, in [0, 1].
    ///   - relativeRisk: RR per `increment` with its interval, each ≥ 1 and lower ≤ central ≤
    ///     upper; `nil` for the function's published RR.
    ///   - increment: The increment the RR is per, in `unit`, > 0; `nil` for the function's.
    ///   - pollutant: The pollutant the RR is for (default PM2.5).
    ///   - unit: The unit of the increment (default µg/m³).
    /// - Throws: ``AirQualityError/invalidSetting(_:)`` for values out of range, a pollutant with
    ///   no ``ConcentrationResponse``, or a unit other than its function's.
    public init(population: Double, baselineMortality: Double,
                relativeRisk: (central: Double, lower: Double, upper: Double)? = nil, increment: Double? = nil,
                pollutant: Pollutant = .pm25, unit: ConcentrationUnit = .microgramsPerCubicMetre) throws(AirQualityError) {
        guard let function = ConcentrationResponse.function(for: pollutant) else {
            throw .invalidSetting("health: " + ConcentrationResponse.missing(pollutant))
        }
        guard unit == function.unit else { throw .invalidSetting("health: " + function.unitMismatch(unit)) }
        let relativeRisk = relativeRisk ?? function.relativeRisk
        if let first = Self.problems(population: population, baselineMortality: baselineMortality,
                                     relativeRisk: relativeRisk).first {
            throw .invalidSetting(first.message)
        }
        let increment = increment ?? function.increment
        guard increment > 0, increment.isFinite else {
            throw .invalidSetting("health: the relative risk's increment must be above 0, got \(increment)")
        }
        self.population = population
        self.baselineMortality = baselineMortality
        self.relativeRisk = relativeRisk
        self.increment = increment
        self.function = function
    }

    /// Every problem of the health parameters, with the key path of a plan spec that sets each.
    static func problems(population: Double, baselineMortality: Double,
                         relativeRisk: (central: Double, lower: Double, upper: Double)) -> [MitigationPlan.Problem] {
        var problems: [MitigationPlan.Problem] = []
        let message = "health: population must be ≥ 0 and baseline mortality a rate in [0, 1]"
        if !(population >= 0 && population.isFinite) {
            problems.append(.init(path: "health.population", message: message))
        }
        if !(baselineMortality >= 0 && baselineMortality <= 1) {
            problems.append(.init(path: "health.baselineMortality", message: message))
        }
        if !(relativeRisk.lower >= 1 && relativeRisk.lower <= relativeRisk.central && relativeRisk.central <= relativeRisk.upper
            && relativeRisk.upper.isFinite) {
            problems.append(.init(path: "health.relativeRisk",
                                  message: "health: the relative risk needs 1 ≤ lower ≤ central ≤ upper, got \(relativeRisk)"))
        }
        return problems
    }

    /// Equality of all stored fields.
    public static func == (lhs: HealthImpact, rhs: HealthImpact) -> Bool {
        lhs.population == rhs.population && lhs.baselineMortality == rhs.baselineMortality
            && lhs.relativeRisk == rhs.relativeRisk && lhs.increment == rhs.increment && lhs.function == rhs.function
    }

    /// What the deaths are and where the relative risk comes from, for output: `natural-cause
    /// mortality in adults from long-term PM2.5; RR 1.08 (1.06–1.09) per 10 µg/m³ (Chen & Hoek 2020)`.
    public var summary: String {
        String(format: "%@ in %@ from long-term %@; RR %.2f (%.2f–%.2f) per %@ %@ %@, %@",
               function.outcome, function.ages, pollutant.name, relativeRisk.central, relativeRisk.lower, relativeRisk.upper,
               increment.asWritten, unit.symbol, pollutant.name, isPublished ? function.source : "from the plan")
    }

    /// Avoided deaths per year for a reduction ΔC in ``unit``: central, lower and upper (from the
    /// RR interval). A negative ΔC (an increase) gives negative values (added deaths).
    ///
    /// - Parameter reduction: ΔC, in ``unit`` (µg/m³ for PM2.5).
    /// - Returns: Deaths of ``ConcentrationResponse/outcome`` avoided per year.
    /// - Complexity: O(1).
    public func avoidedDeaths(reduction: Double) -> (central: Double, lower: Double, upper: Double) {
        let deaths = { (rr: Double) in
            self.population * self.baselineMortality * (1 - exp(-log(rr) / self.increment * reduction))
        }
        let values = [deaths(relativeRisk.lower), deaths(relativeRisk.upper)]
        return (deaths(relativeRisk.central), values.min() ?? 0, values.max() ?? 0)
    }
}

extension Double {
    /// `10` for 10.0, `2.5` for 2.5: an increment as written.
    fileprivate var asWritten: String { self == rounded() && abs(self) < 1e15 ? String(Int64(self)) : String(self) }
}

import Foundation

/// Deaths attributable to a pollutant and deaths avoided by lowering it, by the log-linear
/// health impact function of WHO's AirQ+ and US EPA's BenMAP:
///
/// cases = y₀ · Pop · (1 − exp(−β Δc)),  β = ln(RR)/increment,
///
/// with y₀ · Pop = Σ_a rate_a · Pop_a summed over the age groups inside the function's age range,
/// and Δc in the function's unit: for the burden, the concentration less the counterfactual (no
/// less than 0; by default the WHO 2021 guideline level of the function's statistic); for
/// deaths avoided, the reduction against business as usual.
///
/// In year y, t = y − y₀ years after the base year, every group's population is
/// Pop_a · (1 + populationGrowth)^t and its rate rate_a · (1 + rateChange)^t; with the default
/// rateChange 0 the baseline rates are frozen at the base year. Years of life lost (with a
/// ``LifeTable``) are deaths × Σ_a y_a · e(a) / Σ_a y_a, y_a = rate_a · Pop_a and e(a) the
/// remaining life expectancy at the group's mid-age, since every group shares one attributable
/// fraction. Uncertainty (``MitigationRun``) draws β from a normal distribution on the log scale,
/// mean ln(RR)/increment and sd (ln RR_upper − ln RR_lower)/(2 · 1.96 · increment), as BenMAP fits
/// a published 95 % interval.
///
/// ```swift
/// let health = try HealthImpact(
///     function: .chenHoek2020,
///     ageGroups: [.init(lowerAge: 30, upperAge: 64, population: 1e6, baselineRate: 0.004),
///                 .init(lowerAge: 65, upperAge: nil, population: 2e5, baselineRate: 0.04)])
/// health.avoided(reduction: 10, yearsAfterBase: 0)     // 12,000 × (1 − 1.08⁻¹) = 888.9
/// ```
public struct HealthImpact: Sendable, Equatable {
    /// One age group of the exposed population, with its baseline rate of the function's outcome.
    public struct AgeGroup: Sendable, Equatable {
        /// The youngest age in the group, whole years, ≥ 0.
        public let lowerAge: Int
        /// The oldest age (inclusive), `nil` for an open group (`85+`).
        public let upperAge: Int?
        /// The persons in the group in the base year, ≥ 0.
        public let population: Double
        /// The group's baseline rate of the outcome, cases per person per year, in [0, 1].
        public let baselineRate: Double

        /// Creates an age group.
        ///
        /// - Parameters:
        ///   - lowerAge: The youngest age.
        ///   - upperAge: The oldest age, or `nil` for an open group.
        ///   - population: Persons in the base year.
        ///   - baselineRate: Cases per person per year.
        public init(lowerAge: Int, upperAge: Int?, population: Double, baselineRate: Double) {
            self.lowerAge = lowerAge
            self.upperAge = upperAge
            self.population = population
            self.baselineRate = baselineRate
        }

        /// The group as written in a plan: `30-34`, `85+`.
        public var label: String { upperAge.map { "\(lowerAge)-\($0)" } ?? "\(lowerAge)+" }

        /// The age at which a death in the group loses the life table's remaining years: the
        /// middle of a closed group (32.5 for 30–34), the lower age of an open one.
        public var representativeAge: Double { upperAge.map { Double(lowerAge + $0 + 1) / 2 } ?? Double(lowerAge) }

        /// Parses `30-34`, `30–34`, `85+` or a single age `5`.
        static func parse(_ text: String) -> (Int, Int?)? {
            let trimmed = text.trimmingSpaces()
            if trimmed.hasSuffix("+"), let lower = Int(trimmed.dropLast()) { return (lower, nil) }
            let parts = trimmed.split(whereSeparator: { $0 == "-" || $0 == "–" }).map { String($0).trimmingSpaces() }
            if parts.count == 2, let lower = Int(parts[0]), let upper = Int(parts[1]) { return (lower, upper) }
            if parts.count == 1, let age = Int(parts[0]) { return (age, age) }
            return nil
        }
    }

    /// A value of a statistical life transferred to the city by income, as the OECD (2012),
    /// *Mortality Risk Valuation in Environment, Health and Transport Policies*, recommends:
    ///
    /// VSL_city = VSL_base · (Y_city / Y_base)^ε,
    ///
    /// with ε the income elasticity of the VSL (the OECD recommends 0.8 for transfers between
    /// countries, with 0.4 and 1.2 as sensitivity values).
    public struct Valuation: Sendable, Equatable {
        /// The VSL of the base country or study, in ``unit``.
        public let baseValue: Double
        /// The base country's income per person (GDP per capita at PPP, say).
        public let baseIncome: Double
        /// The city's income per person, in the same unit as ``baseIncome``.
        public let income: Double
        /// The income elasticity ε.
        public let elasticity: Double
        /// The unit of the values, e.g. `million USD`; a benefit–cost ratio is given when it is
        /// the plan's cost unit.
        public let unit: String

        /// Creates a valuation.
        ///
        /// - Parameters:
        ///   - baseValue: The base VSL, ≥ 0.
        ///   - baseIncome: The base income per person, > 0.
        ///   - income: The city's income per person, > 0, in the unit of `baseIncome`.
        ///   - elasticity: The income elasticity (default 0.8, the OECD's for transfers).
        ///   - unit: The unit of `baseValue`.
        public init(baseValue: Double, baseIncome: Double, income: Double, elasticity: Double = 0.8, unit: String) {
            self.baseValue = baseValue
            self.baseIncome = baseIncome
            self.income = income
            self.elasticity = elasticity
            self.unit = unit
        }

        /// The city's VSL: baseValue · (income / baseIncome)^elasticity, in ``unit``.
        public var valuePerDeath: Double { baseValue * pow(income / baseIncome, elasticity) }
    }

    /// The concentration–response function: pollutant, unit, outcome and ages.
    public let function: ConcentrationResponse
    /// RR per ``increment`` in the function's unit: central, lower and upper.
    public let relativeRisk: (central: Double, lower: Double, upper: Double)
    /// The exposure increment the relative risk is per, in the function's unit.
    public let increment: Double
    /// The age groups as given; those inside the function's age range are counted (``counted``).
    public let ageGroups: [AgeGroup]
    /// The growth of every group's population per year (0.01 = 1 % a year), > −1.
    public let populationGrowth: Double
    /// The change of every baseline rate per year, > −1; 0 freezes the rates at the base year.
    public let rateChange: Double
    /// The counterfactual concentration of the burden, in the function's unit, ≥ 0.
    public let counterfactual: Double
    /// Where the counterfactual comes from, as printed (`WHO 2021 AQG, annual mean`).
    public let counterfactualSource: String
    /// The life table of years of life lost; `nil` for none.
    public let lifeTable: LifeTable?
    /// The valuation of deaths avoided; `nil` for none.
    public let valuation: Valuation?

    /// The pollutant the relative risk is for; a plan must be of it.
    public var pollutant: Pollutant { function.pollutant }
    /// The unit of ``increment``; a plan's concentrations are converted to it.
    public var unit: ConcentrationUnit { function.unit }
    /// Whether the relative risk and its increment are the function's published ones, so that its
    /// source may be cited.
    public var isPublished: Bool { relativeRisk == function.relativeRisk && increment == function.increment }
    /// The age groups inside the function's age range, whose cases are counted.
    public var counted: [AgeGroup] { ageGroups.filter { function.covers($0.lowerAge) } }
    /// The exposed population in the base year: Σ Pop_a over ``counted``.
    public var population: Double { counted.reduce(0) { $0 + $1.population } }
    /// The base year's expected cases of the outcome, y₀ · Pop = Σ rate_a · Pop_a over ``counted``.
    public var expectedCases: Double { counted.reduce(0) { $0 + $1.population * $1.baselineRate } }
    /// The population-weighted baseline rate of ``counted``, cases per person per year.
    public var baselineMortality: Double { population > 0 ? expectedCases / population : 0 }
    /// β = ln(RR)/increment, per unit of the function's concentration.
    public var beta: Double { log(relativeRisk.central) / increment }
    /// The sd of β fitted to the RR's 95 % interval, (ln RR_upper − ln RR_lower)/(2 · 1.96 · increment).
    public var betaSD: Double { (log(relativeRisk.upper) - log(relativeRisk.lower)) / (2 * 1.96 * increment) }

    /// Health parameters with one group, the population of the function's ages, as plans gave
    /// them before age groups: the default function of `pollutant`, frozen rates, no growth,
    /// the WHO counterfactual, no life table or valuation.
    ///
    /// - Parameters:
    ///   - population: Persons of the function's ages, ≥ 0.
    ///   - baselineMortality: Their rate of the function's outcome, per person per year, in [0, 1].
    ///   - relativeRisk: RR per `increment` with its interval, each ≥ 1 and lower ≤ central ≤
    ///     upper; `nil` for the function's published RR.
    ///   - increment: The increment the RR is per, in `unit`, > 0; `nil` for the function's.
    ///   - pollutant: The pollutant (default PM2.5).
    ///   - unit: The unit of the increment, the function's (default µg/m³).
    /// - Throws: ``AirQualityError/invalidSetting(_:)`` for values out of range, a pollutant with
    ///   no ``ConcentrationResponse``, or a unit other than its function's.
    public init(population: Double, baselineMortality: Double,
                relativeRisk: (central: Double, lower: Double, upper: Double)? = nil, increment: Double? = nil,
                pollutant: Pollutant = .pm25, unit: ConcentrationUnit = .microgramsPerCubicMetre) throws(AirQualityError) {
        guard let function = ConcentrationResponse.function(for: pollutant) else {
            throw .invalidSetting("health: " + ConcentrationResponse.missing(pollutant))
        }
        guard unit == function.unit else { throw .invalidSetting("health: " + function.unitMismatch(unit)) }
        let group = AgeGroup(lowerAge: function.minimumAge, upperAge: function.maximumAge, population: population,
                             baselineRate: baselineMortality)
        if let first = Self.legacyProblems(population: population, baselineMortality: baselineMortality).first {
            throw .invalidSetting(first.message)
        }
        try self.init(function: function, ageGroups: [group], relativeRisk: relativeRisk, increment: increment)
    }

    /// Health parameters by age group.
    ///
    /// - Parameters:
    ///   - function: The concentration–response function.
    ///   - ageGroups: The population and baseline rate by age group; groups outside the function's
    ///     ages are ignored, a group across its youngest or oldest age is refused.
    ///   - relativeRisk: RR per `increment` in the function's unit; `nil` for the published one.
    ///   - increment: The increment of `relativeRisk`; `nil` for the function's.
    ///   - populationGrowth: Growth of the population per year (default 0).
    ///   - rateChange: Change of the baseline rates per year (default 0, frozen).
    ///   - counterfactual: The burden's counterfactual in the function's unit; `nil` for the WHO
    ///     2021 guideline level (AQG) of the function's statistic.
    ///   - lifeTable: The life table of years of life lost, if any.
    ///   - valuation: The value of a statistical life, if any.
    /// - Throws: ``AirQualityError/invalidSetting(_:)`` naming the first problem (as
    ///   ``problems(function:ageGroups:relativeRisk:increment:populationGrowth:rateChange:counterfactual:valuation:)``).
    public init(function: ConcentrationResponse, ageGroups: [AgeGroup],
                relativeRisk: (central: Double, lower: Double, upper: Double)? = nil, increment: Double? = nil,
                populationGrowth: Double = 0, rateChange: Double = 0, counterfactual: Double? = nil,
                lifeTable: LifeTable? = nil, valuation: Valuation? = nil) throws(AirQualityError) {
        let relativeRisk = relativeRisk ?? function.relativeRisk
        let increment = increment ?? function.increment
        if let first = Self.problems(function: function, ageGroups: ageGroups, relativeRisk: relativeRisk, increment: increment,
                                     populationGrowth: populationGrowth, rateChange: rateChange,
                                     counterfactual: counterfactual, valuation: valuation).first {
            throw .invalidSetting(first.message)
        }
        self.function = function
        self.relativeRisk = relativeRisk
        self.increment = increment
        self.ageGroups = ageGroups
        self.populationGrowth = populationGrowth
        self.rateChange = rateChange
        if let counterfactual {
            self.counterfactual = counterfactual
            counterfactualSource = "from the plan"
        } else {
            let guideline = Self.guideline(for: function)
            self.counterfactual = guideline?.value ?? 0
            counterfactualSource = guideline.map { "WHO 2021 AQG, \($0.statistic)" } ?? "zero (no WHO guideline level)"
        }
        self.lifeTable = lifeTable
        self.valuation = valuation
    }

    /// The WHO 2021 guideline level (AQG) of the function's statistic, in its unit.
    static func guideline(for function: ConcentrationResponse) -> (value: Double, statistic: String)? {
        guard let entry = AirQualityStandards.builtIn.guidelines.entries(for: function.pollutant)
            .first(where: { $0.statistic == function.guidelineStatistic && $0.level == .guideline }),
            let value = try? entry.unit.convert(entry.value, to: function.unit, pollutant: function.pollutant,
                                                at: WHOGuidelines.conditions)
        else { return nil }
        let statistic = entry.statistic == .peakSeasonMean ? "peak-season mean" : entry.averaging + " mean"
        return (value, statistic)
    }

    /// The problems of the one-group form, keyed as a plan spec writes it.
    static func legacyProblems(population: Double, baselineMortality: Double) -> [MitigationPlan.Problem] {
        var problems: [MitigationPlan.Problem] = []
        let message = "health: population must be ≥ 0 and baseline mortality a rate in [0, 1]"
        if !(population >= 0 && population.isFinite) { problems.append(.init(path: "health.population", message: message)) }
        if !(baselineMortality >= 0 && baselineMortality <= 1) {
            problems.append(.init(path: "health.baselineMortality", message: message))
        }
        return problems
    }

    /// Every problem of health parameters, with the key path of a plan spec that sets each.
    ///
    /// - Complexity: O(groups log groups).
    static func problems(function: ConcentrationResponse, ageGroups: [AgeGroup],
                         relativeRisk: (central: Double, lower: Double, upper: Double), increment: Double,
                         populationGrowth: Double, rateChange: Double, counterfactual: Double?,
                         valuation: Valuation?) -> [MitigationPlan.Problem] {
        var problems: [MitigationPlan.Problem] = []
        func fail(_ path: String, _ message: String) { problems.append(.init(path: path, message: message)) }
        for (k, group) in ageGroups.enumerated() {
            let path = "health.ageGroups[\(k)]"
            if !(group.lowerAge >= 0 && (group.upperAge.map { $0 >= group.lowerAge } ?? true)) {
                fail("\(path).ages", "health: ages \(group.label) are not an age range such as 30-34 or 85+")
            } else if function.covers(group.lowerAge) != (group.upperAge.map(function.covers) ?? (function.maximumAge == nil)) {
                fail("\(path).ages", "health: the group \(group.label) lies across the limit of the function's ages (\(function.ages)); "
                     + "split it at \(function.minimumAge)" + (function.maximumAge.map { " and \($0 + 1)" } ?? ""))
            }
            if !(group.population >= 0 && group.population.isFinite) {
                fail("\(path).population", "health: a group's population must be ≥ 0")
            }
            if !(group.baselineRate >= 0 && group.baselineRate <= 1) {
                fail("\(path).baselineRate", "health: a baseline rate is cases per person per year, in [0, 1]")
            }
        }
        let counted = ageGroups.filter { function.covers($0.lowerAge) }.sorted { $0.lowerAge < $1.lowerAge }
        for (a, b) in zip(counted, counted.dropFirst()) where (a.upperAge ?? Int.max) >= b.lowerAge {
            fail("health.ageGroups", "health: the age groups \(a.label) and \(b.label) overlap")
        }
        if counted.isEmpty {
            fail("health.ageGroups", "health: no age group is in the function's ages (\(function.ages))")
        }
        if !(relativeRisk.lower >= 1 && relativeRisk.lower <= relativeRisk.central && relativeRisk.central <= relativeRisk.upper
            && relativeRisk.upper.isFinite) {
            fail("health.relativeRisk", "health: the relative risk needs 1 ≤ lower ≤ central ≤ upper, got \(relativeRisk)")
        }
        if !(increment > 0 && increment.isFinite) {
            fail("health.relativeRisk.per", "health: the relative risk's increment must be above 0, got \(increment)")
        }
        if !(populationGrowth > -1 && populationGrowth.isFinite) {
            fail("health.populationGrowth", "health: population growth per year must be above −1")
        }
        if !(rateChange > -1 && rateChange.isFinite) { fail("health.rateChange", "health: the rate change per year must be above −1") }
        if let counterfactual, !(counterfactual >= 0 && counterfactual.isFinite) {
            fail("health.counterfactual", "health: the counterfactual must be a concentration ≥ 0")
        }
        if let valuation {
            if !(valuation.baseValue >= 0 && valuation.baseValue.isFinite) {
                fail("health.valuation.vsl", "health: the value of a statistical life must be ≥ 0")
            }
            if !(valuation.baseIncome > 0 && valuation.baseIncome.isFinite) {
                fail("health.valuation.baseIncome", "health: incomes must be above 0")
            }
            if !(valuation.income > 0 && valuation.income.isFinite) { fail("health.valuation.income", "health: incomes must be above 0") }
            if !valuation.elasticity.isFinite { fail("health.valuation.elasticity", "health: the elasticity must be finite") }
        }
        return problems
    }

    /// Equality of all stored fields.
    public static func == (lhs: HealthImpact, rhs: HealthImpact) -> Bool {
        lhs.function == rhs.function && lhs.relativeRisk == rhs.relativeRisk && lhs.increment == rhs.increment
            && lhs.ageGroups == rhs.ageGroups && lhs.populationGrowth == rhs.populationGrowth && lhs.rateChange == rhs.rateChange
            && lhs.counterfactual == rhs.counterfactual && lhs.counterfactualSource == rhs.counterfactualSource
            && lhs.lifeTable == rhs.lifeTable && lhs.valuation == rhs.valuation
    }

    /// What the deaths are and where the relative risk comes from, for output: `natural-cause
    /// mortality in adults 30+ from long-term PM2.5; RR 1.08 (1.06–1.09) per 10 µg/m³ PM2.5, Chen &
    /// Hoek 2020`.
    public var summary: String {
        String(format: "%@ in %@ from %@ %@; RR %.2f (%.2f–%.2f) per %@ %@ %@, %@",
               function.outcome, function.ages, function.averaging.rawValue, pollutant.name, relativeRisk.central,
               relativeRisk.lower, relativeRisk.upper, increment.asWritten, unit.symbol, pollutant.name,
               isPublished ? function.source : "from the plan")
    }

    /// The expected cases of the outcome t years after the base year:
    /// Σ rate_a · Pop_a · (1 + populationGrowth)^t · (1 + rateChange)^t.
    ///
    /// - Parameter yearsAfterBase: t (negative before the base year).
    /// - Complexity: O(groups).
    public func expectedCases(yearsAfterBase: Int) -> Double {
        expectedCases * pow(1 + populationGrowth, Double(yearsAfterBase)) * pow(1 + rateChange, Double(yearsAfterBase))
    }

    /// Cases avoided t years after the base year by a reduction Δc in the function's unit:
    /// y₀Pop(t) · (1 − exp(−β Δc)); a negative Δc (an increase) gives negative values.
    ///
    /// - Parameters:
    ///   - reduction: Δc, in the function's unit.
    ///   - yearsAfterBase: t.
    ///   - beta: β (default ``beta``, the central one).
    /// - Complexity: O(groups).
    public func avoided(reduction: Double, yearsAfterBase: Int, beta: Double? = nil) -> Double {
        expectedCases(yearsAfterBase: yearsAfterBase) * (1 - exp(-(beta ?? self.beta) * reduction))
    }

    /// Cases attributable t years after the base year to a concentration c in the function's
    /// unit against the ``counterfactual``: y₀Pop(t) · (1 − exp(−β · max(0, c − counterfactual))).
    ///
    /// - Parameters:
    ///   - concentration: c, in the function's unit.
    ///   - yearsAfterBase: t.
    ///   - beta: β (default ``beta``).
    /// - Complexity: O(groups).
    public func attributable(concentration: Double, yearsAfterBase: Int, beta: Double? = nil) -> Double {
        avoided(reduction: max(0, concentration - counterfactual), yearsAfterBase: yearsAfterBase, beta: beta)
    }

    /// Years of life lost per death: Σ_a y_a · e(a) / Σ_a y_a over ``counted``, y_a = rate_a · Pop_a
    /// and e(a) the life table's remaining life expectancy at the group's
    /// ``AgeGroup/representativeAge``; `nil` without a life table or expected cases.
    public var yearsOfLifeLostPerDeath: Double? {
        guard let lifeTable, expectedCases > 0 else { return nil }
        let weighted = counted.reduce(0.0) {
            $0 + $1.population * $1.baselineRate * lifeTable.remainingLifeExpectancy(atAge: $1.representativeAge)
        }
        return weighted / expectedCases
    }

    /// Avoided deaths per year in the base year for a reduction ΔC in ``unit``: central, lower and
    /// upper (from the RR interval only). A negative ΔC (an increase) gives negative values.
    ///
    /// - Parameter reduction: ΔC, in ``unit`` (µg/m³ for PM2.5).
    /// - Returns: Deaths of ``ConcentrationResponse/outcome`` avoided per year.
    /// - Complexity: O(groups).
    public func avoidedDeaths(reduction: Double) -> (central: Double, lower: Double, upper: Double) {
        let deaths = { (rr: Double) in self.expectedCases * (1 - exp(-log(rr) / self.increment * reduction)) }
        let values = [deaths(relativeRisk.lower), deaths(relativeRisk.upper)]
        return (deaths(relativeRisk.central), values.min() ?? 0, values.max() ?? 0)
    }
}

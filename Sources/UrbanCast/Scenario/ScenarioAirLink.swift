import Foundation

extension ScenarioSpecification {
    /// The link from a resource scenario to air quality and health (`emissions:`, `air_quality:`
    /// and `health:` in a file): energy indicators drive emissions through emission factors,
    /// emissions drive the sectors' contributions to one pollutant's concentration, and the
    /// concentration drives deaths through ``HealthImpact``.
    ///
    /// In year y, scenario s:
    /// - an activity a (an indicator i times a stated ``Activity/conversion``) emits
    ///   E_{a,p} = X_i · conversion_a · f_{a,p} tonnes of pollutant p, f in tonnes per activity unit;
    /// - a sector k emits E_k = Σ_{a in k} E_{a,p_k} of the pollutant ``SectorContribution/emission``
    ///   that drives its contribution, and E_k⁰ in the base year (from the observed base-year
    ///   indicator values);
    /// - the concentration is
    ///   C = C₀ · (1 − Σ_k share_k) + Σ_k share_k · C₀ · E_k / E_k⁰ + Σ_k coefficient_k · (E_k − E_k⁰),
    ///   so a share sector's contribution scales with its emissions against the base year, a
    ///   coefficient sector adds a source–receptor coefficient (concentration unit per tonne) times its
    ///   change in emissions, and the rest of the base concentration (background and other
    ///   sources, ``AirQuality/otherSourcesShare``) is held at its base-year level;
    /// - deaths avoided against business as usual are ``HealthImpact/avoided(reduction:yearsAfterBase:beta:)``
    ///   of C_bau − C_s, and attributable deaths ``HealthImpact/attributable(concentration:yearsAfterBase:beta:)``
    ///   of C_s, both in the function's unit.
    public struct AirLink: Sendable, Equatable {
        /// One emission factor: tonnes of a pollutant per unit of an activity.
        public struct Factor: Sendable, Equatable {
            /// The pollutant emitted, as written (`CO2`, `PM2.5`, `NOx`, `SOx`).
            public var pollutant: String
            /// The factor as written, in ``unit``.
            public var value: Double
            /// The unit as written: a mass (`g`, `kg`, `t`, `kt`, `Mt`) per an activity unit
            /// (`g/GJ`, `kg/TJ`, `t/GWh`).
            public var unit: String
            /// Where the factor comes from, for reports.
            public var source: String
            /// The factor in tonnes per unit of the activity it is applied to (after converting
            /// energy units, e.g. g/GJ applied to TJ is value × 10⁻⁶ × 10³).
            public var tonnesPerActivityUnit: Double
            /// The 95 % interval the source gives, in ``unit``, if any.
            public var interval: (lower: Double, upper: Double)?

            /// The sd of ln(factor) fitted to ``interval`` as a lognormal with its median at
            /// ``value``: (ln upper − ln lower) / (2 · 1.96); 0 without an interval.
            public var logSD: Double { interval.map { (log($0.upper) - log($0.lower)) / (2 * 1.96) } ?? 0 }

            /// A factor.
            ///
            /// - Parameters:
            ///   - pollutant: The pollutant emitted.
            ///   - value: The factor in `unit`, ≥ 0.
            ///   - unit: `MASS/ACTIVITY`.
            ///   - source: Where it comes from.
            ///   - activityUnit: The unit of the activity it multiplies.
            ///   - interval: The source's 95 % interval in `unit`, 0 < lower ≤ value ≤ upper, if any.
            /// - Throws: ``ScenarioError/spec(_:)`` when `unit` is not a mass per `activityUnit`
            ///   (or per an energy unit when `activityUnit` is one), `value` is negative, or the
            ///   interval does not hold `value`.
            /// - Complexity: O(1).
            public init(pollutant: String, value: Double, unit: String, source: String, activityUnit: String,
                        interval: (lower: Double, upper: Double)? = nil) throws(ScenarioError) {
                guard value >= 0, value.isFinite else {
                    throw .spec([SpecDiagnostic(file: "emission factor", path: nil, message: "a factor must be ≥ 0, got \(value)")])
                }
                if let interval, !(interval.lower > 0 && interval.lower <= value && value <= interval.upper && interval.upper.isFinite) {
                    throw .spec([SpecDiagnostic(file: "emission factor", path: nil,
                                                message: "the interval \(interval.lower)–\(interval.upper) must be above 0 and hold the factor \(value)")])
                }
                self.interval = interval
                guard let scale = EmissionUnits.tonnesPerActivityUnit(factorUnit: unit, activityUnit: activityUnit) else {
                    throw .spec([SpecDiagnostic(file: "emission factor", path: nil,
                                                message: EmissionUnits.mismatch(factorUnit: unit, activityUnit: activityUnit))])
                }
                self.pollutant = pollutant
                self.value = value
                self.unit = unit
                self.source = source
                tonnesPerActivityUnit = value * scale
            }

            /// Equality of all stored fields.
            public static func == (lhs: Factor, rhs: Factor) -> Bool {
                lhs.pollutant == rhs.pollutant && lhs.value == rhs.value && lhs.unit == rhs.unit && lhs.source == rhs.source
                    && lhs.tonnesPerActivityUnit == rhs.tonnesPerActivityUnit && lhs.interval?.lower == rhs.interval?.lower
                    && lhs.interval?.upper == rhs.interval?.upper
            }
        }

        /// An energy use that emits: an indicator converted to an activity unit, with its factors.
        public struct Activity: Sendable, Equatable {
            /// The activity's name (`coal power`).
            public var name: String
            /// The indicator whose values are the activity.
            public var indicator: String
            /// Activity units per indicator unit (e.g. TJ of coal burned per kWh delivered).
            public var conversion: Double
            /// The activity unit (`TJ`, `GWh`, …), what the factors are per.
            public var unit: String
            /// The emitting sector, as the air-quality block names it (`power`).
            public var sector: String
            /// The fuel, for reports and for looking factors up in a file.
            public var fuel: String
            /// The factors, one per pollutant.
            public var factors: [Factor]

            /// An activity.
            ///
            /// - Parameters:
            ///   - name: Its name.
            ///   - indicator: The indicator it takes its values from.
            ///   - conversion: Activity units per indicator unit, > 0.
            ///   - unit: The activity unit.
            ///   - sector: The emitting sector.
            ///   - fuel: The fuel.
            ///   - factors: One factor per pollutant.
            public init(name: String, indicator: String, conversion: Double, unit: String, sector: String, fuel: String = "",
                        factors: [Factor]) {
                self.name = name
                self.indicator = indicator
                self.conversion = conversion
                self.unit = unit
                self.sector = sector
                self.fuel = fuel
                self.factors = factors
            }
        }

        /// How one emitting sector contributes to the concentration.
        public enum Contribution: Sendable, Equatable {
            /// A share of the base-year concentration (in [0, 1]) scaled by the sector's emissions
            /// against the base year; `sd` ≥ 0 is drawn normally per draw, truncated to [0, 1].
            case share(Double, sd: Double)
            /// A source–receptor coefficient: concentration unit per tonne of the sector's
            /// emissions (≥ 0), times the change against the base year; `sd` ≥ 0 is drawn normally
            /// per draw, truncated at 0.
            case coefficient(Double, sd: Double)
        }

        /// One sector's contribution to the concentration.
        public struct SectorContribution: Sendable, Equatable {
            /// The contribution's name (its key under `air_quality.sectors`).
            public var name: String
            /// The sector, as the activities name it.
            public var sector: String
            /// The emitted pollutant whose tonnes drive the contribution (`PM2.5` for primary
            /// particles).
            public var emission: String
            /// Its share or source–receptor coefficient.
            public var contribution: Contribution

            /// A sector's contribution.
            ///
            /// - Parameters:
            ///   - name: The contribution's name; the sector's by default (one sector may have
            ///     several, e.g. its primary PM2.5 and its SO2 as a precursor of sulfate).
            ///   - sector: The sector.
            ///   - emission: The emitted pollutant that drives it.
            ///   - contribution: Share or coefficient.
            public init(name: String? = nil, sector: String, emission: String, contribution: Contribution) {
                self.name = name ?? sector
                self.sector = sector
                self.emission = emission
                self.contribution = contribution
            }
        }

        /// The concentration the emissions drive.
        public struct AirQuality: Sendable, Equatable {
            /// The pollutant of the concentration (and of the health function).
            public var pollutant: Pollutant
            /// Its unit.
            public var unit: ConcentrationUnit
            /// The base year's annual mean concentration C₀, in ``unit``.
            public var baseConcentration: Double
            /// The standard deviation of C₀ drawn per draw (normal, truncated at 0), in ``unit``.
            public var baseConcentrationSD: Double
            /// The sectors' contributions.
            public var sectors: [SectorContribution]

            /// The air-quality block.
            ///
            /// - Parameters:
            ///   - pollutant: The pollutant.
            ///   - unit: Its unit.
            ///   - baseConcentration: C₀, ≥ 0.
            ///   - baseConcentrationSD: Its sd, ≥ 0 (default 0).
            ///   - sectors: The sectors' contributions.
            public init(pollutant: Pollutant, unit: ConcentrationUnit, baseConcentration: Double, baseConcentrationSD: Double = 0,
                        sectors: [SectorContribution]) {
                self.pollutant = pollutant
                self.unit = unit
                self.baseConcentration = baseConcentration
                self.baseConcentrationSD = baseConcentrationSD
                self.sectors = sectors
            }

            /// The share of C₀ held at its base-year level: 1 − Σ shares of the share sectors.
            public var otherSourcesShare: Double {
                1 - sectors.reduce(0) { total, sector in
                    if case .share(let share, _) = sector.contribution { return total + share }
                    return total
                }
            }
        }

        /// The activities.
        public var activities: [Activity]
        /// The concentration block.
        public var airQuality: AirQuality
        /// The health parameters, in the function's unit.
        public var health: HealthImpact
        /// The factor from ``AirQuality/unit`` to the health function's unit (1 when they are the same).
        public var healthConversionFactor: Double
        /// The emission-factor file the factors were looked up in (resolved), if any.
        public var factorFile: String?
        /// Whether each draw takes its own emission factors (`factor_uncertainty: true`): every
        /// factor with an ``Factor/interval`` is multiplied by exp(``Factor/logSD`` · z), a
        /// lognormal with its median at the factor; false by default (the central factors in
        /// every draw).
        public var drawsFactors = false

        /// The link.
        ///
        /// - Parameters:
        ///   - activities: The activities, at least one.
        ///   - airQuality: The concentration block; its sectors must be activities' sectors.
        ///   - health: The health parameters, for ``AirQuality/pollutant``.
        /// - Throws: ``ScenarioError/spec(_:)`` with every problem, keyed as a file writes it.
        /// - Complexity: O(sectors × activities × factors).
        public init(activities: [Activity], airQuality: AirQuality, health: HealthImpact) throws(ScenarioError) {
            self.activities = activities
            self.airQuality = airQuality
            self.health = health
            healthConversionFactor = (try? airQuality.unit.factor(to: health.unit, pollutant: airQuality.pollutant, at: .usEPA)) ?? .nan
            let problems = self.problems()
            if !problems.isEmpty {
                throw .spec(problems.map { SpecDiagnostic(file: "specification", path: $0.path, message: $0.message) })
            }
        }

        /// Every inconsistency, keyed as a file writes it.
        func problems() -> [(path: String, message: String)] {
            var out: [(path: String, message: String)] = []
            if activities.isEmpty { out.append(("emissions.activities", "needs at least one activity")) }
            for activity in activities {
                let path = "emissions.activities.\(activity.name)"
                if !(activity.conversion > 0 && activity.conversion.isFinite) {
                    out.append(("\(path).conversion", "must be above 0 (activity units per indicator unit), got \(activity.conversion)"))
                }
                if activity.factors.isEmpty { out.append(("\(path).factors", "the activity has no emission factor")) }
            }
            let aq = airQuality
            if !(aq.baseConcentration >= 0 && aq.baseConcentration.isFinite) {
                out.append(("air_quality.base_concentration", "must be a concentration ≥ 0"))
            }
            if !(aq.baseConcentrationSD >= 0 && aq.baseConcentrationSD.isFinite) {
                out.append(("air_quality.base_concentration_sd", "must be ≥ 0"))
            }
            if aq.sectors.isEmpty { out.append(("air_quality.sectors", "needs at least one emitting sector")) }
            for sector in aq.sectors {
                let path = "air_quality.sectors.\(sector.name)"
                let members = activities.filter { $0.sector == sector.sector }
                if members.isEmpty {
                    let names = Array(Set(activities.map(\.sector))).sorted()
                    out.append((sector.name == sector.sector ? path : "\(path).sector", "no activity is in sector '\(sector.sector)'; the activities' sectors are: \(names.joined(separator: ", "))"))
                } else if !members.contains(where: { $0.factors.contains { $0.pollutant == sector.emission } }) {
                    out.append(("\(path).emission", "no activity of sector '\(sector.sector)' has a factor for \(sector.emission)"))
                }
                switch sector.contribution {
                case let .share(share, sd):
                    if !(share >= 0 && share <= 1) { out.append(("\(path).share", "a share of the base concentration is in [0, 1], got \(share)")) }
                    if !(sd >= 0 && sd.isFinite) { out.append(("\(path).share_sd", "must be ≥ 0")) }
                case let .coefficient(value, sd):
                    if !(value >= 0 && value.isFinite) {
                        out.append(("\(path).coefficient", "a source–receptor coefficient is ≥ 0 (concentration per tonne), got \(value)"))
                    }
                    if !(sd >= 0 && sd.isFinite) { out.append(("\(path).coefficient_sd", "must be ≥ 0")) }
                }
            }
            if aq.otherSourcesShare < -1e-12 {
                out.append(("air_quality.sectors", String(format: "the sectors' shares add up to %.4g, more than 1", 1 - aq.otherSourcesShare)))
            }
            if health.pollutant != aq.pollutant {
                out.append(("health", "the health function is for \(health.pollutant.name), but air_quality is \(aq.pollutant.name)"))
            } else if !healthConversionFactor.isFinite {
                out.append(("air_quality.unit", health.function.unitMismatch(aq.unit)))
            }
            return out
        }

        /// The pollutants emitted, in the order the activities' factors first name them.
        public var pollutants: [String] {
            var seen: [String] = []
            for factor in activities.flatMap(\.factors) where !seen.contains(factor.pollutant) { seen.append(factor.pollutant) }
            return seen
        }
    }
}

/// Mass and energy units of emission factors.
enum EmissionUnits {
    /// Tonnes per unit of each mass.
    static let mass: [String: Double] = ["g": 1e-6, "kg": 1e-3, "t": 1, "tonne": 1, "kt": 1e3, "Gg": 1e3, "Mt": 1e6]
    /// TJ per unit of each energy unit.
    static let energy: [String: Double] = [
        "kWh": 3.6e-6, "MWh": 3.6e-3, "GWh": 3.6, "TWh": 3600, "MJ": 1e-6, "GJ": 1e-3, "TJ": 1, "PJ": 1e3,
    ]

    /// Tonnes per activity unit for a factor of 1 in `factorUnit` (`MASS/ACTIVITY`): the mass in
    /// tonnes, and the per-unit converted when both it and `activityUnit` are energy units;
    /// `nil` when the units do not fit.
    static func tonnesPerActivityUnit(factorUnit: String, activityUnit: String) -> Double? {
        let parts = factorUnit.split(separator: "/", maxSplits: 1).map { String($0).trimmingSpaces() }
        guard parts.count == 2, let mass = mass[parts[0]] else { return nil }
        let per = parts[1], activity = activityUnit.trimmingSpaces()
        if per == activity { return mass }
        guard let perTJ = energy[per], let activityTJ = energy[activity] else { return nil }
        return mass * activityTJ / perTJ
    }

    /// Why a factor's unit does not fit its activity.
    static func mismatch(factorUnit: String, activityUnit: String) -> String {
        "the unit '\(factorUnit)' is not a mass (\(mass.keys.sorted().joined(separator: ", "))) per the activity's unit '\(activityUnit)'"
            + " or per an energy unit (\(energy.keys.sorted().joined(separator: ", "))) when the activity is in one"
    }
}

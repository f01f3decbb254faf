import Foundation

/// The cost conventions shared by both engines — the resource scenarios, the air-quality
/// mitigation plans and the infrastructure plans — so that a net present cost means one thing
/// everywhere.
///
/// Conventions (stated in every output that uses them):
/// - Money is in constant prices (real terms); the discount rate is real.
/// - A year's flows fall at the end of that year; the present is the end of the base year, so
///   the flows of year y are multiplied by the discount factor d(y) = (1 + r)^−(y − y₀).
/// - Flows before the base year are sunk and not counted; so is the share of a build's residual
///   value that its sunk capital paid for (a build whose capital was all paid before the base year
///   earns no residual credit), so that a net present cost is never negative.
/// - An investment pays its capital evenly over its lead years before it enters service (in its
///   first service year when it has no lead time), pays its operating cost in every year of
///   service, is renewed at its capital cost (without a new lead time) when its lifetime ends
///   within the horizon, and is credited at the horizon with the straight-line residual value of
///   its last build: capital × (years of that build's life after the horizon) / lifetime.
public enum Economics {
    /// A real discount rate and the year values are discounted to.
    public struct Discounting: Sendable, Equatable, Codable {
        /// The real discount rate per year (0.03 = 3 %), in [0, 1].
        public let rate: Double
        /// The year y₀ whose end is the present.
        public let baseYear: Int

        /// The default rate, 3 % a year real: the European Commission's Better Regulation
        /// guidance recommends 3 %, and US OMB Circular A-4 used 3 % (with 7 %) until its 2023
        /// revision lowered it to 2 %. State your own when your ministry prescribes one.
        public static let defaultRate = 0.03

        /// Creates a discounting convention.
        ///
        /// - Parameters:
        ///   - rate: The real rate per year; [0, 1].
        ///   - baseYear: The year whose end is the present.
        /// - Throws: ``EconomicsError/invalid(_:_:)`` with key `rate` when the rate is not finite
        ///   or outside [0, 1] (a negative real rate would value a residual credit above the
        ///   capital that paid for it).
        public init(rate: Double = Self.defaultRate, baseYear: Int) throws(EconomicsError) {
            guard rate.isFinite, rate >= 0, rate <= 1 else {
                throw .invalid("rate", "the discount rate must be a fraction in [0, 1] (0.03 for 3 % a year), got \(rate)")
            }
            self.rate = rate
            self.baseYear = baseYear
        }

        /// A convention whose rate is known to be valid (for defaults).
        static func unchecked(rate: Double, baseYear: Int) -> Discounting { Discounting(validRate: rate, baseYear: baseYear) }

        private init(validRate rate: Double, baseYear: Int) {
            self.rate = rate
            self.baseYear = baseYear
        }

        /// The discount factor of year `year`: (1 + r)^−(year − y₀); 0 before the base year
        /// (sunk).
        ///
        /// - Complexity: O(1).
        public func factor(_ year: Int) -> Double {
            guard year >= baseYear else { return 0 }
            return pow(1 + rate, -Double(year - baseYear))
        }

        /// The present value Σ_y amount_y · d(y) of flows by year.
        ///
        /// - Parameter flows: Amounts by year; years before the base year count nothing.
        /// - Returns: The present value at the end of the base year.
        /// - Complexity: O(flows).
        public func presentValue(_ flows: [(year: Int, amount: Double)]) -> Double {
            flows.reduce(0) { $0 + $1.amount * factor($1.year) }
        }
    }

    /// An investment's costs: capital, operating cost, lifetime and lead time.
    public struct Investment: Sendable, Equatable, Codable {
        /// The capital cost of one build, ≥ 0.
        public let capital: Double
        /// The operating cost per year of service, ≥ 0.
        public let operating: Double
        /// The years one build serves, ≥ 1; `nil` when it outlasts any horizon (only allowed
        /// without capital, since a residual value needs a lifetime).
        public let lifetime: Int?
        /// The years of construction before service, ≥ 0, over which the capital is paid evenly.
        public let leadYears: Int

        /// Creates an investment.
        ///
        /// - Parameters:
        ///   - capital: Capital cost per build, ≥ 0.
        ///   - operating: Operating cost per year of service, ≥ 0.
        ///   - lifetime: Years one build serves (≥ 1); required when `capital` > 0.
        ///   - leadYears: Construction years before service (≥ 0).
        /// - Throws: ``EconomicsError/invalid(_:_:)`` naming the key (`capital`, `operating`,
        ///   `lifetime`, `lead_years`) of the first value out of range.
        public init(capital: Double = 0, operating: Double = 0, lifetime: Int? = nil, leadYears: Int = 0) throws(EconomicsError) {
            guard capital.isFinite, capital >= 0 else { throw .invalid("capital", "the capital cost must be finite and ≥ 0, got \(capital)") }
            guard operating.isFinite, operating >= 0 else {
                throw .invalid("operating", "the operating cost must be finite and ≥ 0, got \(operating)")
            }
            if let lifetime, !(1...1000).contains(lifetime) {
                throw .invalid("lifetime", "the lifetime must be 1 to 1000 years, got \(lifetime)")
            }
            if capital > 0, lifetime == nil {
                throw .invalid("lifetime", "a capital cost needs a lifetime (years), for renewals and the residual value")
            }
            guard (0...100).contains(leadYears) else { throw .invalid("lead_years", "the lead time must be 0 to 100 years, got \(leadYears)") }
            self.capital = capital
            self.operating = operating
            self.lifetime = lifetime
            self.leadYears = leadYears
        }

        /// The investment's yearly cash flows when it enters service in `firstServiceYear` and
        /// the plan ends at `horizon`: capital over the lead years (and renewals), operating cost
        /// in each service year, and the residual value as a negative flow in the horizon year.
        /// Only years from `countedFrom` to the horizon; nothing when service starts after it, or
        /// more than 100,000 years before it.
        ///
        /// The residual value of the last build is capital × (its service years after the
        /// horizon) / lifetime, times the share of that build's capital paid from `countedFrom`
        /// on (capital paid before it is sunk, and so is what it bought).
        ///
        /// - Parameters:
        ///   - firstServiceYear: The first year of service (of effect).
        ///   - horizon: The last year of the plan.
        ///   - countedFrom: The first year counted (the base year); earlier flows are sunk.
        /// - Returns: Flows by year, ascending, one entry per year with a non-zero flow.
        /// - Complexity: O(horizon − firstServiceYear + leadYears).
        public func cashFlows(firstServiceYear: Int, horizon: Int, countedFrom: Int = .min) -> [(year: Int, amount: Double)] {
            // Years are calendar years (1…9999 wherever the readers check them); a span the
            // arithmetic or memory could not hold gives no flows rather than a trap.
            guard horizon < Int.max / 4, horizon > Int.min / 4, firstServiceYear <= horizon, firstServiceYear >= horizon - 100_000 else {
                return []
            }
            let first = firstServiceYear - leadYears
            var flows = [Double](repeating: 0, count: horizon - first + 1)
            func add(_ year: Int, _ amount: Double) { flows[year - first] += amount }
            var lastBuildCountedShare = 1.0
            if capital > 0 {
                if leadYears == 0 {
                    add(firstServiceYear, capital)
                    lastBuildCountedShare = firstServiceYear >= countedFrom ? 1 : 0
                } else {
                    for year in first..<firstServiceYear { add(year, capital / Double(leadYears)) }
                    let counted = (first..<firstServiceYear).filter { $0 >= countedFrom }.count
                    lastBuildCountedShare = Double(counted) / Double(leadYears)
                }
            }
            var lastBuild = firstServiceYear
            if let lifetime, capital > 0 {
                var renewal = firstServiceYear + lifetime
                while renewal <= horizon {
                    add(renewal, capital)
                    lastBuild = renewal
                    lastBuildCountedShare = renewal >= countedFrom ? 1 : 0
                    renewal += lifetime
                }
                let unused = max(0, lastBuild + lifetime - 1 - horizon)
                if unused > 0 { add(horizon, -capital * Double(unused) / Double(lifetime) * lastBuildCountedShare) }
            }
            for year in firstServiceYear...horizon { add(year, operating) }
            return flows.enumerated().compactMap { offset, amount in
                amount == 0 || first + offset < countedFrom ? nil : (first + offset, amount)
            }
        }

        /// The net present cost of the investment entering service in `firstServiceYear`:
        /// Σ_y flow_y · d(y) over ``cashFlows(firstServiceYear:horizon:)`` (flows before the base
        /// year are sunk).
        ///
        /// - Complexity: O(horizon − firstServiceYear + leadYears).
        public func netPresentCost(firstServiceYear: Int, horizon: Int, discounting: Discounting) -> Double {
            discounting.presentValue(cashFlows(firstServiceYear: firstServiceYear, horizon: horizon, countedFrom: discounting.baseYear))
        }

        /// The undiscounted cash flow of one year (capital, operating, renewal, residual credit
        /// in the horizon year), 0 before `countedFrom`.
        ///
        /// - Complexity: O(horizon − firstServiceYear + leadYears).
        public func cost(year: Int, firstServiceYear: Int, horizon: Int, countedFrom: Int = .min) -> Double {
            cashFlows(firstServiceYear: firstServiceYear, horizon: horizon, countedFrom: countedFrom).first { $0.year == year }?.amount ?? 0
        }
    }

    /// The levelised cost per unit: net present cost / Σ_y quantity_y · d(y), the constant price
    /// per unit (of concentration removed, of resource saved, of emissions avoided) whose present
    /// value equals the cost; `nil` when the discounted quantity is not positive.
    ///
    /// - Parameters:
    ///   - cost: The net present cost.
    ///   - quantities: The quantity removed or saved in each year.
    ///   - discounting: The convention.
    /// - Complexity: O(quantities).
    public static func levelisedCost(cost: Double, quantities: [(year: Int, amount: Double)], discounting: Discounting) -> Double? {
        let discounted = discounting.presentValue(quantities)
        return discounted > 1e-12 ? cost / discounted : nil
    }
}

/// A value of the economics out of range; the key is that of the spec (`capital`, `lifetime`,
/// `rate`, …), for the readers to prefix with their path.
public enum EconomicsError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The key and what is wrong with its value.
    case invalid(String, String)

    /// The key.
    public var key: String { switch self { case .invalid(let key, _): key } }

    /// What is wrong.
    public var description: String { switch self { case .invalid(_, let message): message } }
}

import Statistics

/// UrbanCast's default model, `auto`: a combination of four automatic models chosen on M3.
///
/// **Members.** R's `ets` (``AutoETS``), R's `auto.arima` (``AutoARIMA``) and the dynamic theta
/// models DOTM and DSTM of Fiorucci et al. (2016) (``OptimisedTheta``), each fitted to the series
/// on its own. The choice follows SCUM (Petropoulos & Svetunkov 2020: the median of ETS, CES,
/// ARIMA and DOTM) with DSTM in CES's place: on all 3,003 M3 series CES alone scores sMAPE 13.83,
/// DSTM 12.74, and every set containing CES scored worse than the same set with DSTM
/// (Benchmarks/RESULTS.md, "The default model").
///
/// **Point forecast.** With a season (`seasonLength > 1`) the mean of the members' point
/// forecasts; without one the median (for four members the mean of the middle two). Short annual
/// series are where one member's trend runs away, and the median ignores it: on M3's yearly and
/// "other" series the median scores sMAPE 15.66 / 4.35 against the mean's 15.76 / 4.33, and MASE
/// 2.579 / 1.792 against 2.619 / 1.810.
///
/// **Intervals.** The quantiles of the members' pooled sample paths: ``pathsPerMember`` paths of
/// each member (``FittedForecaster/pathSimulator(horizon:)``), drawn from the generator in member
/// order, so the predictive distribution is the equal-weight mixture of the members'. A mixture is
/// wider than any average of the members' quantiles where the members disagree, which is what the
/// averaged quantiles miss: on M3 monthly the mixture covers about 80 % / 94 % at the nominal 80 % /
/// 95 %, averaged bounds 78 % / 92 %. Quantiles are of type 7 over all pooled paths.
///
/// **Fallbacks, reported.** A member that cannot be fitted (too short a series for ARIMA, say) is
/// left out and named in ``failures`` and in the summary's name; with one member left the model is
/// that member. A member that has no sample paths (``ForecastingError/numerical(_:)`` from its
/// simulator) is left out of the interval mixture and named in ``unsimulated``. Only when no
/// member can be fitted does the fit fail, with the first member's error.
public struct AutoEnsemble: FittedForecaster {
    /// How the members' point forecasts are combined.
    public enum Rule: String, Sendable, Hashable {
        /// The arithmetic mean (seasonal series).
        case mean
        /// The median: for an even count, the mean of the middle two (non-seasonal series).
        case median
    }

    /// The members, in the order they are fitted and simulated.
    public static let memberSpecifications: [ModelSpecification] =
        [.autoETS, .autoARIMA, .optimisedTheta(.dotm), .optimisedTheta(.dstm)]

    /// Sample paths drawn from each member for the intervals.
    public static let pathsPerMember = 1_000

    /// The fitted members.
    public let members: [any FittedForecaster]
    /// The specification of each fitted member, in the order of ``members``.
    public let memberSpecifications: [ModelSpecification]
    /// Members that could not be fitted, with their errors.
    public let failures: [(specification: ModelSpecification, error: ForecastingError)]
    /// Members left out of the interval mixture because they have no sample paths, with the reason.
    public let unsimulated: [(specification: ModelSpecification, error: ForecastingError)]
    /// How the point forecasts are combined.
    public let rule: Rule
    /// The combined one-step fitted values (by ``rule``; NaN where any member's is undefined).
    public let fittedValues: [Double]
    /// Training residuals `y − ŷ` (NaN where undefined).
    public let residuals: [Double]
    /// The members that have sample paths, in member order.
    private let simulating: [any FittedForecaster]

    /// Fit every member to `values`.
    ///
    /// - Parameters:
    ///   - values: the observations, oldest first.
    ///   - seasonLength: observations per season; above 1 the point forecast is the members' mean,
    ///     otherwise their median.
    /// - Throws: the first member's `ForecastingError` when no member can be fitted.
    /// - Complexity: the sum of the members' fits (AutoARIMA's dominates).
    public init(_ values: [Double], seasonLength: Int) throws(ForecastingError) {
        var fitted: [any FittedForecaster] = []
        var specifications: [ModelSpecification] = []
        var failed: [(specification: ModelSpecification, error: ForecastingError)] = []
        for specification in Self.memberSpecifications {
            do {
                fitted.append(try specification.fit(values, seasonLength: seasonLength))
                specifications.append(specification)
            } catch {
                failed.append((specification, error))
            }
        }
        guard !fitted.isEmpty else { throw failed[0].error }
        members = fitted
        memberSpecifications = specifications
        failures = failed
        rule = seasonLength > 1 ? .mean : .median
        let n = values.count
        let rule = self.rule
        var combined = [Double](repeating: .nan, count: n)
        var column = [Double](repeating: 0, count: fitted.count)
        for t in 0..<n {
            var complete = true
            for (i, member) in fitted.enumerated() {
                let v = t < member.fittedValues.count ? member.fittedValues[t] : .nan
                if !v.isFinite { complete = false; break }
                column[i] = v
            }
            if complete { combined[t] = Self.combine(column, rule: rule) }
        }
        fittedValues = combined
        residuals = (0..<n).map { values[$0] - combined[$0] }
        var unsimulatable: [(specification: ModelSpecification, error: ForecastingError)] = []
        // Which members simulate does not depend on the horizon; find out once with one step.
        for (member, specification) in zip(fitted, specifications) {
            do { _ = try member.pathSimulator(horizon: 1) } catch { unsimulatable.append((specification, error)) }
        }
        unsimulated = unsimulatable
        let excluded = Set(unsimulatable.map(\.specification))
        simulating = zip(fitted, specifications).filter { !excluded.contains($0.1) }.map(\.0)
    }

    /// The simulators of the members that have sample paths.
    private func simulators(_ horizon: Int) throws(ForecastingError) -> [FuturePathSimulator] {
        var result: [FuturePathSimulator] = []
        for member in simulating { result.append(try member.pathSimulator(horizon: horizon)) }
        return result
    }

    /// The mean or the median (``Descriptive/median(_:)``) of `values`: not empty, all finite
    /// (the callers check), NaN otherwise.
    static func combine(_ values: [Double], rule: Rule) -> Double {
        switch rule {
        case .mean:
            return values.reduce(0, +) / Double(values.count)
        case .median:
            return (try? Descriptive.median(values)) ?? .nan
        }
    }

    /// `Auto(mean: ETS(A,A,N), ARIMA(0,1,1), DOTM, DSTM)`, with any member left out named.
    public var summary: ModelSummary {
        var name = "Auto(\(rule.rawValue): " + members.map { $0.summary.name }.joined(separator: ", ")
        if !failures.isEmpty { name += "; not fitted: " + failures.map { $0.specification.description }.joined(separator: ", ") }
        if !unsimulated.isEmpty {
            name += "; no paths: " + unsimulated.map { $0.specification.description }.joined(separator: ", ")
        }
        return ModelSummary(name: name + ")")
    }

    /// Forecast with the generator seeded 1 (the intervals are simulated).
    ///
    /// - Throws: as ``forecast(horizon:levels:generator:)``.
    public func forecast(horizon: Int, levels: [Double]) throws(ForecastingError) -> Forecast {
        var generator = SeededGenerator(seed: 1)
        return try forecast(horizon: horizon, levels: levels, generator: &generator)
    }

    /// The combined point forecast and the pooled paths' quantiles.
    ///
    /// Lower bound at level `L` (percent): the type-7 quantile `p = (1 − L/100)/2` of the pooled
    /// paths at each step; upper bound `1 − p`.
    ///
    /// - Parameters:
    ///   - horizon: steps ahead, at least 1.
    ///   - levels: interval levels in percent, each in (0, 100).
    ///   - generator: advanced by every path drawn (member by member, ``pathsPerMember`` each).
    /// - Throws: `ForecastingError.invalidSpecification` for a bad horizon or level; a member's
    ///   forecast error; `.numerical` when a member's point forecast is not a finite number, when
    ///   intervals are asked and no member has sample paths, or when a path is not a number.
    /// - Complexity: the members' forecasts plus `members × pathsPerMember` paths and one sort of
    ///   the pooled paths per step: O(horizon · k log k) for `k` pooled paths.
    public func forecast(horizon: Int, levels: [Double], generator: inout SeededGenerator) throws(ForecastingError) -> Forecast {
        try Forecast.validate(horizon: horizon, levels: levels)
        var points: [[Double]] = []
        for (member, specification) in zip(members, memberSpecifications) {
            let point = try member.forecast(horizon: horizon, levels: []).mean
            // A member's non-number would pass silently through a mean or a sort: refuse it.
            if let step = point.firstIndex(where: { !$0.isFinite }) {
                throw .numerical("auto's member \(specification) forecast \(point[step]) at step \(step + 1)")
            }
            points.append(point)
        }
        var column = [Double](repeating: 0, count: points.count)
        let mean = (0..<horizon).map { h -> Double in
            for i in points.indices { column[i] = points[i][h] }
            return Self.combine(column, rule: rule)
        }
        guard !levels.isEmpty else { return Forecast(mean: mean) }
        let simulators = try self.simulators(horizon)
        guard !simulators.isEmpty else {
            throw .numerical("no member of auto has sample paths for its intervals: "
                + unsimulated.map { "\($0.specification): \($0.error)" }.joined(separator: "; "))
        }
        let perMember = Self.pathsPerMember
        let count = simulators.count * perMember
        // Step-major storage: the paths' values at step h are pooled[h*count ..< (h+1)*count].
        var pooled = [Double](repeating: 0, count: horizon * count)
        var path: [Double] = []
        var workspace = FuturePathSimulator.Workspace()
        var k = 0
        for simulator in simulators {
            for _ in 0..<perMember {
                simulator.path(into: &path, workspace: &workspace, generator: &generator)
                for h in 0..<horizon { pooled[h * count + k] = path[h] }
                k += 1
            }
        }
        var lower = [[Double]](repeating: [Double](repeating: 0, count: horizon), count: levels.count)
        var upper = lower
        var probabilities: [Double] = []
        for level in levels {
            let tail: Double = (1 - level / 100) / 2
            probabilities.append(tail)
            probabilities.append(1 - tail)
        }
        for h in 0..<horizon {
            let values = pooled[(h * count)..<((h + 1) * count)]
            let q: [Double]
            do {
                q = try Descriptive.quantiles(values, probabilities: probabilities)
            } catch {
                throw .numerical("auto's simulated paths at step \(h + 1) are not all numbers (\(error))")
            }
            for l in levels.indices {
                lower[l][h] = q[2 * l]
                upper[l][h] = q[2 * l + 1]
            }
        }
        return Forecast(mean: mean, levels: levels, lower: lower, upper: upper)
    }

    /// A simulator of the mixture: each path is one member's path, the member chosen uniformly
    /// at random from the generator (``FuturePathSimulator``'s `mixture`).
    ///
    /// - Parameter horizon: steps per path, at least 1.
    /// - Throws: `.numerical` when no member has sample paths; the members' simulator errors.
    /// - Complexity: the members' simulators.
    func mixtureSimulator(horizon: Int) throws(ForecastingError) -> FuturePathSimulator {
        let simulators = try self.simulators(horizon)
        guard !simulators.isEmpty else { throw .numerical("no member of auto has sample paths") }
        return FuturePathSimulator(horizon: horizon, kind: .mixture(simulators))
    }
}

import Foundation
import LinearAlgebra

/// Automatic ARIMA order selection as R forecast 8.20's `auto.arima` (Hyndman & Khandakar 2008).
///
/// `D` comes from the seasonal-strength rule (``ARIMADifferencing/nsdiffs(_:seasonLength:)``),
/// `d` from repeated KPSS tests (``ARIMADifferencing/ndiffs(_:alpha:maximum:)``). Then either the
/// stepwise search — start at ARIMA(2,d,2)(1,D,1) (at most (1,d,1)(0,D,0) for fewer than 10
/// observations), also fit (0,d,0)(0,D,0), (1,d,0)(1,D,0), (0,d,1)(0,D,1) and the model without
/// constant, then move to the best neighbour (±1 on each of p, q, P, Q and on the pairs, toggling
/// the constant) until none improves — or the exhaustive search over `p + q + P + Q ≤ maxOrder`.
/// Models are compared by AICc; a model whose AR or MA roots lie within 1.01 of the unit circle,
/// or whose Hessian gives a negative variance, is rejected. When `approximation` holds (by default
/// for more than 150 observations or seasons longer than 12) the search uses CSS with R's offset
/// and the best models are then refitted by CSS-ML, the first that fits being chosen.
/// A constant is a drift when `d + D = 1` and a mean when `d + D = 0`.
///
/// ```swift
/// let model = try AutoARIMA(seasonLength: 12).fit(monthlyDemand)
/// model.name   // "ARIMA(0,1,1)(0,1,1)[12]"
/// ```
public struct AutoARIMA: Sendable, Equatable {
    /// Which information criterion ranks the candidate models.
    public enum Criterion: String, Sendable, Equatable {
        /// Corrected AIC (R's default).
        case aicc
        /// AIC.
        case aic
        /// BIC.
        case bic
    }

    /// Season length `m` (1 = non-seasonal).
    public var seasonLength: Int
    /// Largest `p` (R `max.p`, 5), `q` (5), `P` (2), `Q` (2) and `p + q + P + Q` (5, exhaustive search only).
    public var maxP = 5, maxQ = 5, maxSeasonalP = 2, maxSeasonalQ = 2, maxOrder = 5
    /// Largest `d` (2) and `D` (1) the tests may choose.
    public var maxD = 2, maxSeasonalD = 1
    /// Starting orders of the stepwise search (2, 2, 1, 1).
    public var startP = 2, startQ = 2, startSeasonalP = 1, startSeasonalQ = 1
    /// Fixed `d` or `D`; `nil` lets the tests choose.
    public var d: Int?, seasonalD: Int?
    /// Restrict to stationary models (`d = D = 0`).
    public var stationary = false
    /// Consider seasonal models (when `false`, `m` is treated as 1).
    public var seasonal = true
    /// Stepwise search (R's default) rather than the exhaustive one.
    public var stepwise = true
    /// Use CSS during the search; `nil` selects R's rule `n > 150 || m > 12`.
    public var approximation: Bool?
    /// Allow a drift when `d + D = 1`, and a mean when `d + D = 0`.
    public var allowDrift = true, allowMean = true
    /// The model-count limit of the stepwise search (R's `nmodels`, 94).
    public var maxModels = 94
    /// The selection criterion, default AICc.
    public var criterion: Criterion = .aicc

    /// A search with R's defaults for season length `seasonLength`.
    ///
    /// - Parameter seasonLength: `m ≥ 1`.
    public init(seasonLength: Int = 1) {
        self.seasonLength = seasonLength
    }

    /// One candidate of the search.
    struct Candidate {
        var p: Int, q: Int, seasonalP: Int, seasonalQ: Int, constant: Bool
        var ic: Double
        var model: ARIMAModel?
    }

    /// Choose and fit a model.
    ///
    /// - Parameters:
    ///   - series: the observations, NaN for missing values (leading missing values are dropped).
    ///   - regressors: exogenous regressors (regression with ARIMA errors).
    /// - Returns: the selected model, fitted by CSS-ML.
    /// - Throws: `ForecastingError.tooShort` for an empty series, `.invalidSpecification` for bad
    ///   options or rank-deficient regressors, `.notConverged` when no candidate model can be fitted.
    /// - Complexity: about 10–40 ARIMA fits for the stepwise search; up to 2 · 126 for the exhaustive one.
    public func fit(_ series: [Double], regressors: [ARIMARegressor] = []) throws(ForecastingError) -> ARIMAModel {
        guard let first = series.firstIndex(where: { !$0.isNaN }), let last = series.lastIndex(where: { !$0.isNaN }) else {
            throw .tooShort(model: "AutoARIMA", count: 0, minimum: 1)
        }
        guard seasonLength >= 1 else { throw .invalidSpecification("seasonLength must be at least 1, got \(seasonLength)") }
        let serieslength = (first...last).filter { !series[$0].isNaN }.count
        let x = Array(series[first...])
        let xreg = regressors.map { ARIMARegressor(name: $0.name, values: Array($0.values[first...])) }
        for r in regressors where r.values.count != series.count {
            throw .invalidSpecification("regressor \(r.name) has \(r.values.count) values; the series has \(series.count)")
        }
        if ARIMADifferencing.isConstant(x) {
            let mean = x.filter { !$0.isNaN }.reduce(0, +) / Double(x.filter { !$0.isNaN }.count)
            if allowMean {
                return try ARIMAModel.fit(x, specification: ARIMASpecification(), regressors: [], fixed: [mean])
            }
            return try ARIMAModel.fit(x, specification: ARIMASpecification(includeMean: false))
        }
        var ic = criterion
        let m = seasonal ? max(1, seasonLength) : 1
        var maxP = min(self.maxP, serieslength / 3)
        var maxQ = min(self.maxQ, serieslength / 3)
        var maxSP = min(maxSeasonalP, serieslength / 3 / m)
        var maxSQ = min(maxSeasonalQ, serieslength / 3 / m)
        if serieslength <= 3 { ic = .aic }

        var xx = x
        var xregg: [[Double]] = []
        if !xreg.isEmpty {
            xregg = xreg.map(\.values).filter { !ARIMADifferencing.isConstant($0) }
            if !xregg.isEmpty {
                let columns = [[Double](repeating: 1, count: x.count)] + xregg
                // R: stop when the smallest singular value of na.omit(cbind(1, xreg)) is below ε times
                // their sum, then xx[j] <- residuals(lm(x ~ xreg)) on the complete rows j.
                let complete = x.indices.filter { i in !columns.contains { $0[i].isNaN } }
                var design = Matrix(rows: complete.count, columns: columns.count)
                for (j, c) in columns.enumerated() { for (r, i) in complete.enumerated() { design[r, j] = c[i] } }
                guard complete.count >= columns.count, let svd = try? SingularValueDecomposition(design),
                      let smallest = svd.singularValues.min(),
                      smallest / svd.singularValues.reduce(0, +) >= Double.ulpOfOne else {
                    throw .invalidSpecification("the regressors are rank deficient; remove the collinear columns")
                }
                let rows = complete.filter { !x[$0].isNaN }
                guard let fit = try? LINPACKLeastSquares(design: columns.map { c in rows.map { c[$0] } },
                                                         response: rows.map { x[$0] }) else {
                    throw .invalidSpecification("the regressors must be finite")
                }
                for (r, i) in rows.enumerated() { xx[i] = fit.residuals[r] }
            }
        }
        func diff(_ v: [Double], lag: Int) -> [Double] {
            v.count > lag ? (lag..<v.count).map { v[$0] - v[$0 - lag] } : []
        }
        var D: Int
        if stationary {
            D = 0
        } else if m == 1 {
            D = 0
        } else if let fixedD = seasonalD {
            D = fixedD
        } else if xx.count <= 2 * m {
            D = 0
        } else {
            D = min(ARIMADifferencing.nsdiffs(xx, seasonLength: m), maxSeasonalD)
            if D > 0 && xregg.contains(where: { ARIMADifferencing.isConstant(diff($0, lag: m)) }) { D -= 1 }
            if D > 0 && diff(xx, lag: m).allSatisfy(\.isNaN) { D -= 1 }
        }
        if m == 1 { maxSP = 0; maxSQ = 0 }
        var dx = D > 0 ? diff(xx, lag: m) : xx
        let diffxreg = D > 0 ? xregg.map { diff($0, lag: m) } : xregg
        var d: Int
        if stationary {
            d = 0
        } else if let fixedd = self.d {
            d = fixedd
        } else {
            d = ARIMADifferencing.ndiffs(dx, maximum: maxD)
            if d > 0 && diffxreg.contains(where: { var v = $0; for _ in 0..<d { v = diff(v, lag: 1) }; return ARIMADifferencing.isConstant(v) }) {
                d -= 1
            }
            if d > 0 {
                var v = dx
                for _ in 0..<d { v = diff(v, lag: 1) }
                if v.allSatisfy(\.isNaN) { d -= 1 }
            }
        }
        for _ in 0..<d { dx = diff(dx, lag: 1) }
        if dx.isEmpty { throw .tooShort(model: "AutoARIMA", count: serieslength, minimum: d + D * m + 1) }
        if ARIMADifferencing.isConstant(dx) {
            let present = dx.filter { !$0.isNaN }
            let mean = present.reduce(0, +) / Double(max(present.count, 1))
            if xreg.isEmpty {
                if D > 0 && d == 0 {
                    let spec = ARIMASpecification(seasonalD: D, seasonLength: m, includeMean: true, includeDrift: true)
                    return try ARIMAModel.fit(x, specification: spec, regressors: [], fixed: [mean / Double(m)])
                } else if D > 0 && d > 0 {
                    return try ARIMAModel.fit(x, specification: ARIMASpecification(d: d, seasonalD: D, seasonLength: m))
                } else if d == 2 {
                    return try ARIMAModel.fit(x, specification: ARIMASpecification(d: d))
                } else {
                    let spec = ARIMASpecification(d: d, includeMean: true, includeDrift: d == 1)
                    return try ARIMAModel.fit(x, specification: spec, regressors: [], fixed: [mean])
                }
            }
            return try ARIMAModel.fit(x, specification: ARIMASpecification(d: d, seasonalD: D, seasonLength: D > 0 ? m : 1),
                                      regressors: xreg)
        }
        if m > 1 {
            if maxSP > 0 { maxP = min(maxP, m - 1) }
            if maxSQ > 0 { maxQ = min(maxQ, m - 1) }
        }
        let approximate = approximation ?? (x.count > 150 || m > 12)
        var offset = 0.0
        if approximate {
            let spec = ARIMASpecification(d: d, seasonalD: D, seasonLength: D > 0 ? m : 1)
            if let fit = try? ARIMAModel.fit(x, specification: spec, regressors: xreg) {
                offset = -2 * fit.logLikelihood - Double(serieslength) * Foundation.log(fit.statsSigma2)
            }
        }
        let allowDrift = self.allowDrift && d + D == 1
        let allowMean = self.allowMean && d + D == 0
        var constant = allowDrift || allowMean

        let context = SearchContext(x: x, regressors: xreg, d: d, D: D, m: m, criterion: ic,
                                    spanLength: serieslength, offset: offset)
        if !stepwise {
            return try exhaustiveSearch(context, maxP: maxP, maxQ: maxQ, maxSP: maxSP, maxSQ: maxSQ,
                                        allowConstant: allowDrift || allowMean, approximate: approximate)
        }
        var startP = self.startP, startQ = self.startQ, startSP = self.startSeasonalP, startSQ = self.startSeasonalQ
        if x.count < 10 {
            startP = min(startP, 1); startQ = min(startQ, 1); startSP = 0; startSQ = 0
        }
        var p = min(startP, maxP), q = min(startQ, maxQ)
        var P = min(startSP, maxSP), Q = min(startSQ, maxSQ)
        var results: [Candidate] = []
        func tried(_ p: Int, _ q: Int, _ P: Int, _ Q: Int, _ c: Bool) -> Bool {
            results.contains { $0.p == p && $0.q == q && $0.seasonalP == P && $0.seasonalQ == Q && $0.constant == c }
        }
        func run(_ p: Int, _ q: Int, _ P: Int, _ Q: Int, _ c: Bool) -> Candidate {
            let candidate = context.fit(p: p, q: q, P: P, Q: Q, constant: c, approximate: approximate)
            results.append(candidate)
            return candidate
        }
        var best = run(p, q, P, Q, constant)
        var fit = run(0, 0, 0, 0, constant)
        if fit.ic < best.ic { best = fit; p = 0; q = 0; P = 0; Q = 0 }
        if maxP > 0 || maxSP > 0 {
            let np = maxP > 0 ? 1 : 0, nP = (m > 1 && maxSP > 0) ? 1 : 0
            fit = run(np, 0, nP, 0, constant)
            if fit.ic < best.ic { best = fit; p = np; P = nP; q = 0; Q = 0 }
        }
        if maxQ > 0 || maxSQ > 0 {
            let nq = maxQ > 0 ? 1 : 0, nQ = (m > 1 && maxSQ > 0) ? 1 : 0
            fit = run(0, nq, 0, nQ, constant)
            if fit.ic < best.ic { best = fit; p = 0; P = 0; Q = nQ; q = nq }
        }
        if constant {
            fit = run(0, 0, 0, 0, false)
            if fit.ic < best.ic { best = fit; p = 0; q = 0; P = 0; Q = 0 }
        }
        var k = results.count
        var startk = 0
        search: while startk < k && k < maxModels {
            startk = k
            // R's neighbourhood, in R's order; the first improvement restarts the scan.
            let moves: [(dp: Int, dq: Int, dP: Int, dQ: Int, allowed: Bool)] = [
                (0, 0, -1, 0, P > 0), (0, 0, 0, -1, Q > 0), (0, 0, 1, 0, P < maxSP), (0, 0, 0, 1, Q < maxSQ),
                (0, 0, -1, -1, Q > 0 && P > 0), (0, 0, -1, 1, Q < maxSQ && P > 0),
                (0, 0, 1, -1, Q > 0 && P < maxSP), (0, 0, 1, 1, Q < maxSQ && P < maxSP),
                (-1, 0, 0, 0, p > 0), (0, -1, 0, 0, q > 0), (1, 0, 0, 0, p < maxP), (0, 1, 0, 0, q < maxQ),
                (-1, -1, 0, 0, q > 0 && p > 0), (-1, 1, 0, 0, q < maxQ && p > 0),
                (1, -1, 0, 0, q > 0 && p < maxP), (1, 1, 0, 0, q < maxQ && p < maxP),
            ]
            for move in moves where move.allowed {
                let np = p + move.dp, nq = q + move.dq, nP = P + move.dP, nQ = Q + move.dQ
                if tried(np, nq, nP, nQ, constant) { continue }
                k += 1
                if k > maxModels { continue search }
                fit = run(np, nq, nP, nQ, constant)
                if fit.ic < best.ic {
                    best = fit
                    p = np; q = nq; P = nP; Q = nQ
                    continue search
                }
            }
            if allowDrift || allowMean {
                if !tried(p, q, P, Q, !constant) {
                    k += 1
                    if k > maxModels { continue search }
                    fit = run(p, q, P, Q, !constant)
                    if fit.ic < best.ic {
                        best = fit
                        constant.toggle()
                    }
                }
            }
        }
        if approximate {
            // R orders all tried models by their approximate criterion (stable) and keeps the
            // first that refits by CSS-ML with a finite criterion.
            let order = results.indices.sorted { results[$0].ic < results[$1].ic || (results[$0].ic == results[$1].ic && $0 < $1) }
            for i in order {
                let c = results[i]
                let refit = context.fit(p: c.p, q: c.q, P: c.seasonalP, Q: c.seasonalQ, constant: c.constant, approximate: false)
                if refit.ic < .infinity {
                    best = refit
                    break
                }
            }
        }
        guard best.ic < .infinity, let model = best.model else {
            throw .notConverged(model: "AutoARIMA", detail: "no suitable ARIMA model could be fitted")
        }
        return model
    }

    private func exhaustiveSearch(_ context: SearchContext, maxP: Int, maxQ: Int, maxSP: Int, maxSQ: Int,
                                  allowConstant: Bool, approximate: Bool) throws(ForecastingError) -> ARIMAModel {
        var best: Candidate? = nil
        for i in 0...maxP {
            for j in 0...maxQ {
                for I in 0...maxSP {
                    for J in 0...maxSQ where i + j + I + J <= maxOrder {
                        for K in 0...(allowConstant ? 1 : 0) {
                            let fit = context.fit(p: i, q: j, P: I, Q: J, constant: K == 1, approximate: approximate)
                            if fit.ic < (best?.ic ?? .infinity) { best = fit }
                        }
                    }
                }
            }
        }
        guard let found = best else {
            throw .notConverged(model: "AutoARIMA", detail: "no ARIMA model could be estimated")
        }
        if approximate {
            let refit = context.fit(p: found.p, q: found.q, P: found.seasonalP, Q: found.seasonalQ,
                                    constant: found.constant, approximate: false)
            if refit.ic < .infinity, let model = refit.model { return model }
            var exact = self
            exact.approximation = false
            return try exact.exhaustiveSearch(context, maxP: maxP, maxQ: maxQ, maxSP: maxSP, maxSQ: maxSQ,
                                              allowConstant: allowConstant, approximate: false)
        }
        guard let model = found.model else {
            throw .notConverged(model: "AutoARIMA", detail: "no ARIMA model could be estimated")
        }
        return model
    }

    /// forecast's `myarima`: one candidate fit and its criterion (`+∞` when it fails or is rejected).
    struct SearchContext {
        let x: [Double]
        let regressors: [ARIMARegressor]
        let d: Int, D: Int, m: Int
        let criterion: Criterion
        let spanLength: Int
        let offset: Double

        func fit(p: Int, q: Int, P: Int, Q: Int, constant: Bool, approximate: Bool) -> Candidate {
            var candidate = Candidate(p: p, q: q, seasonalP: P, seasonalQ: Q, constant: constant, ic: .infinity, model: nil)
            let useSeason = P + D + Q > 0 && m > 1
            let spec = ARIMASpecification(p: p, d: d, q: q, seasonalP: useSeason ? P : 0, seasonalD: useSeason ? D : 0,
                                          seasonalQ: useSeason ? Q : 0, seasonLength: useSeason ? m : 1,
                                          includeMean: constant, includeDrift: constant && d + D == 1,
                                          method: approximate ? .conditionalSumOfSquares : .cssThenMaximumLikelihood)
            guard let model = try? ARIMAModel.fit(x, specification: spec, regressors: regressors, fixed: nil) else {
                return candidate
            }
            let npar = Double(model.estimatedCount + 1)
            let nstar = Double(spanLength - d - D * m)
            let aic: Double
            if approximate {
                aic = offset + nstar * Foundation.log(model.statsSigma2) + 2 * npar
            } else if let a = model.aic {
                aic = a
            } else {
                return candidate
            }
            guard !aic.isNaN else { return candidate }
            let bic = aic + npar * (Foundation.log(nstar) - 2)
            let aicc = aic + 2 * npar * (npar + 1) / (nstar - npar - 1)
            var ic: Double
            switch criterion {
            case .aicc: ic = aicc
            case .aic: ic = aic
            case .bic: ic = bic
            }
            if ic.isNaN { ic = .infinity }
            var minRoot = 2.0
            if p + P > 0 {
                minRoot = min(minRoot, ARIMAPolynomial.minimumRootModulus(ar: model.expandedAR, tolerance: 1e-8))
            }
            if q + Q > 0 && ic < .infinity {
                minRoot = min(minRoot, ARIMAPolynomial.minimumRootModulus(ma: model.expandedMA, tolerance: 1e-8))
            }
            let negativeVariance = model.standardErrors.contains(where: \.isNaN)
            if minRoot < 1.01 || negativeVariance { ic = .infinity }
            candidate.ic = ic
            candidate.model = model
            return candidate
        }
    }
}

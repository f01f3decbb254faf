import Foundation
import LinearAlgebra
import Statistics

/// What R's `stats::arima` returns, before `forecast::Arima` adds its criteria.
struct ARIMAEstimate: Sendable {
    var orders: ARMAOrders
    /// All coefficients (ARMA then regression), fixed ones included.
    var coefficients: [Double]
    var names: [String]
    /// `true` for estimated (not fixed) coefficients.
    var mask: [Bool]
    /// Covariance of the estimated coefficients, column-major `k × k`, `k = #mask`.
    var covariance: [Double]
    /// R's `sigma2` of `stats::arima` (`Σv²/F / n.used` for ML, the CSS mean square for CSS).
    var sigma2: Double
    var logLikelihood: Double
    /// `nil` for CSS, as R's `NA`.
    var aic: Double?
    var residuals: [Double]
    var model: ARIMAStateSpace
    var usedObservations: Int
    var converged: Bool
    var method: ARIMAEstimationMethod
    /// Regression columns as used in the fit (intercept first when present), unrotated.
    var regressors: [[Double]]
    var regressorNames: [String]
}

/// The estimation of R's `stats::arima`: CSS and/or exact maximum likelihood through the Kalman
/// filter, optimised by ``BFGSMinimizer`` with R's parameter scaling.
enum ARIMAEstimator {
    /// Fit an ARIMA model with regression errors.
    ///
    /// - Parameters:
    ///   - x: the series, NaN for missing values.
    ///   - orders: the ARIMA orders (`period` 1 for non-seasonal models).
    ///   - regressors: regression columns (drift and user regressors), each of length `x.count`.
    ///   - regressorNames: their names.
    ///   - includeMean: add an intercept when `d + D = 0`.
    ///   - method: CSS-ML (R's default), ML or CSS.
    ///   - fixed: optional fixed values (NaN = estimated), over ARMA then intercept then regressors.
    static func estimate(_ x: [Double], orders: ARMAOrders, regressors userColumns: [[Double]] = [],
                         regressorNames userNames: [String] = [], includeMean: Bool,
                         method requestedMethod: ARIMAEstimationMethod,
                         fixed fixedValues: [Double]? = nil, kappa: Double = 1e6) throws(ForecastingError) -> ARIMAEstimate {
        let n = x.count
        let narma = orders.armaCount
        let deltaCoefficients = differencingCoefficients(orders)
        let nd = orders.d + orders.seasonalD

        var columns = userColumns
        var names = userNames
        if includeMean && nd == 0 {
            columns.insert([Double](repeating: 1, count: n), at: 0)
            names.insert("intercept", at: 0)
        }
        let ncxreg = columns.count
        for column in columns { precondition(column.count == n, "Each regressor needs one value per observation") }

        var method = requestedMethod
        let anyMissing = x.contains(where: \.isNaN) || columns.contains { $0.contains(where: \.isNaN) }
        if method == .cssThenMaximumLikelihood && anyMissing { method = .maximumLikelihood }
        var ncond = 0
        if method != .maximumLikelihood {
            ncond = orders.d + orders.seasonalD * orders.period + orders.p + orders.period * orders.seasonalP
        }
        let fixed = fixedValues ?? [Double](repeating: .nan, count: narma + ncxreg)
        guard fixed.count == narma + ncxreg else {
            throw .invalidSpecification("fixed needs \(narma + ncxreg) values (ARMA, intercept, regressors), got \(fixed.count)")
        }
        let mask = fixed.map(\.isNaN)
        let noOptim = !mask.contains(true)
        var transform = !noOptim
        if transform {
            let seasonalAR = (orders.p + orders.q)..<(orders.p + orders.q + orders.seasonalP)
            if mask[0..<orders.p].contains(false) || mask[seasonalAR].contains(false) { transform = false }
        }

        var init0 = [Double](repeating: 0, count: narma)
        var parscale = [Double](repeating: 1, count: narma)
        var xreg = columns
        var rotation: [Double]? = nil  // column-major ncxreg × ncxreg (R's S$v)
        var usedObservations = x.filter { !$0.isNaN }.count - deltaCoefficients.count
        if ncxreg > 0 {
            let originalRegressors = ncxreg == 1 || mask[narma...].contains(false)
            if !originalRegressors {
                let rows = (0..<n).filter { i in !columns.contains { $0[i].isNaN } }
                var m = Matrix(rows: rows.count, columns: ncxreg)
                for j in 0..<ncxreg { for (k, i) in rows.enumerated() { m[k, j] = columns[j][i] } }
                guard rows.count >= ncxreg, let svd = try? SingularValueDecomposition(m) else {
                    throw .numerical("the regressors could not be decomposed (too few complete rows or non-finite values)")
                }
                var v = [Double](repeating: 0, count: ncxreg * ncxreg)
                for i in 0..<ncxreg { for j in 0..<ncxreg { v[i + ncxreg * j] = svd.vTransposed[j, i] } }
                rotation = v
                xreg = (0..<ncxreg).map { j in
                    (0..<n).map { i in
                        var s = 0.0
                        for k in 0..<ncxreg { s += columns[k][i] * v[k + ncxreg * j] }
                        return s
                    }
                }
            }
            func difference(_ v: [Double], lag: Int, times: Int) -> [Double] {
                var out = v
                for _ in 0..<times {
                    guard out.count > lag else { return [] }
                    out = (lag..<out.count).map { out[$0] - out[$0 - lag] }
                }
                return out
            }
            var dx = difference(x, lag: 1, times: orders.d)
            var dxreg = xreg.map { difference($0, lag: 1, times: orders.d) }
            if orders.period > 1 && orders.seasonalD > 0 {
                dx = difference(dx, lag: orders.period, times: orders.seasonalD)
                dxreg = dxreg.map { difference($0, lag: orders.period, times: orders.seasonalD) }
            }
            var fit = dx.count > ncxreg ? leastSquares(dx, dxreg) : nil
            if fit == nil { fit = leastSquares(x, xreg) }
            guard let regression = fit else {
                throw .numerical("the regressors are collinear or constant after differencing; remove the redundant ones")
            }
            usedObservations = (0..<n).filter { i in !x[i].isNaN && !xreg.contains { $0[i].isNaN } }.count
                - deltaCoefficients.count
            init0 += regression.coefficients
            parscale += regression.standardErrors.map { 10 * $0 }
        }
        guard usedObservations > 0 else {
            throw .tooShort(model: "ARIMA", count: x.filter { !$0.isNaN }.count, minimum: deltaCoefficients.count + 1)
        }
        var initial = init0
        var coefficients = fixed

        // Buffers shared by every objective evaluation, in a class whose properties skip the
        // runtime exclusivity checks that captured local variables would pay on every access.
        let freeIndices = mask.indices.filter { mask[$0] }
        let regressorStart = narma
        let ws = ARIMAObjectiveWorkspace(orders: orders, series: x, fixed: fixed,
                                         delta: deltaCoefficients, kappa: kappa,
                                         differencedLikelihood: !anyMissing && kappa == 1e6
                                             && max(orders.expandedAR, orders.expandedMA + 1) + deltaCoefficients.count > 8)
        let regressionColumns = xreg
        let workspace = ARIMAFilterWorkspace(stateDimension: ws.model.rd)

        func fill(_ free: [Double]) {
            ws.par.withUnsafeMutableBufferPointer { par in
                // Entries that are not free always hold their fixed values.
                for i in 0..<par.count { par[i] = fixed[i] }
                for (k, i) in freeIndices.enumerated() { par[i] = free[k] }
                if ncxreg > 0 {
                    ws.adjusted.withUnsafeMutableBufferPointer { adjusted in
                        x.withUnsafeBufferPointer { x in
                            for t in 0..<n {
                                var s = x[t]
                                for j in 0..<ncxreg { s -= regressionColumns[j][t] * par[regressorStart + j] }
                                adjusted[t] = s
                            }
                        }
                    }
                }
            }
        }
        func expandInto(transform: Bool) {
            ws.par.withUnsafeBufferPointer { pb in
                ws.phi.withUnsafeMutableBufferPointer { phb in
                    ws.theta.withUnsafeMutableBufferPointer { thb in
                        ws.scratch.withUnsafeMutableBufferPointer { sb in
                            var dummy = 0.0
                            withUnsafeMutablePointer(to: &dummy) { dp in
                                ARIMAParameters.expand(pb.baseAddress ?? UnsafePointer(dp), orders, transform: transform,
                                                       phi: phb.baseAddress ?? dp, theta: thb.baseAddress ?? dp,
                                                       scratch: sb.baseAddress ?? dp)
                            }
                        }
                    }
                }
            }
        }
        func cssObjective(_ free: [Double]) -> Double {
            fill(free)
            expandInto(transform: false)
            let value = ws.adjusted.withUnsafeBufferPointer { y in
                ws.phi.withUnsafeBufferPointer { ph in
                    ws.theta.withUnsafeBufferPointer { th in
                        ws.differenced.withUnsafeMutableBufferPointer { w in
                            ws.cssResiduals.withUnsafeMutableBufferPointer { e in
                                arimaConditionalSumOfSquares(y, orders: orders, phi: ph, theta: th, conditioning: ncond,
                                                             differenced: w, residuals: e)
                            }
                        }
                    }
                }
            }
            return 0.5 * Foundation.log(value)
        }

        func likelihoodObjective(_ free: [Double], transform: Bool) -> Double {
            fill(free)
            expandInto(transform: transform)
            ws.phi.withUnsafeBufferPointer { ph in
                ws.theta.withUnsafeBufferPointer { th in
                    var dummy = 0.0
                    withUnsafePointer(to: &dummy) { dp in
                        ws.model.update(phi: ph.baseAddress ?? dp, theta: th.baseAddress ?? dp)
                    }
                }
            }
            let sums: ARIMALikelihoodSums
            if ws.usesARMAModel {
                // A complete series and a large state: R's filter for the first d + mD steps, then
                // the ARMA part alone. See `ARIMAObjectiveWorkspace.armaModel`.
                sums = ws.adjusted.withUnsafeBufferPointer { y in
                    ws.differenced.withUnsafeMutableBufferPointer { w in
                        let start = arimaDifference(y, orders: orders, into: w)
                        ws.armaModel.takeStationaryStart(from: ws.model)
                        if start == 0 {
                            return ws.armaModel.chandrasekharSums(y, head: nil, differencingSteps: 0, workspace: workspace)
                        }
                        let head = ws.model.filter(UnsafeBufferPointer(rebasing: y[0..<start]), workspace: workspace,
                                                   standardizedResiduals: nil)
                        let tail: ARIMALikelihoodSums
                        if 2 * start + 1 <= ws.model.r / 3 {
                            tail = ws.armaModel.chandrasekharSums(UnsafeBufferPointer(rebasing: w[start...]), head: ws.model,
                                                                   differencingSteps: start, workspace: workspace)
                        } else {
                            ws.armaModel.continueFrom(ws.model)
                            tail = ws.armaModel.filter(UnsafeBufferPointer(rebasing: w[start...]), workspace: workspace,
                                                        standardizedResiduals: nil)
                        }
                        return ARIMALikelihoodSums(sumOfSquares: head.sumOfSquares + tail.sumOfSquares,
                                                   sumOfLogs: head.sumOfLogs + tail.sumOfLogs, count: head.count + tail.count)
                    }
                }
            } else {
                sums = ws.adjusted.withUnsafeBufferPointer { ws.model.filter($0, workspace: workspace, standardizedResiduals: nil) }
            }
            let s2 = sums.sumOfSquares / Double(sums.count)
            return 0.5 * (Foundation.log(s2) + sums.sumOfLogs / Double(sums.count))
        }
        let freeScale = freeIndices.map { parscale[$0] }
        let options = BFGSOptions(parameterScale: freeScale)
        func optimize(_ start: [Double], maximumIterations: Int = 100, _ f: ([Double]) -> Double) throws(ForecastingError) -> (BFGSResult, [Double]) {
            var opts = options
            opts.maximumIterations = maximumIterations
            do {
                let result = try BFGSMinimizer.minimize(start: start, options: opts, objective: f)
                let hessian = try BFGSMinimizer.hessian(at: result.parameters, parameterScale: freeScale, objective: f)
                return (result, hessian)
            } catch {
                throw .numerical("ARIMA optimisation failed: \(error)")
            }
        }
        func invert(_ hessian: [Double], k: Int, rightHandSide: [Double]? = nil) throws(ForecastingError) -> [Double] {
            guard k > 0 else { return [] }
            let scaled = Matrix(rows: k, columns: k, columnMajor: hessian.map { $0 * Double(usedObservations) })
            let rhs = rightHandSide.map { Matrix(rows: k, columns: k, columnMajor: $0) } ?? Matrix.identity(k)
            do {
                return try solveLinearSystem(scaled, rhs).storage
            } catch {
                throw .numerical("the Hessian of the ARIMA likelihood is singular; the model is over-parameterised")
            }
        }
        let k = freeIndices.count
        var sigma2: Double
        var residuals: [Double]
        var covariance: [Double]
        var objectiveValue: Double
        var converged = true
        switch method {
        case .conditionalSumOfSquares:
            if noOptim {
                objectiveValue = cssObjective([])
                covariance = []
            } else {
                let (result, hessian) = try optimize(freeIndices.map { initial[$0] }, cssObjective)
                objectiveValue = result.value
                converged = result.converged
                for (j, i) in freeIndices.enumerated() { coefficients[i] = result.parameters[j] }
                covariance = try invert(hessian, k: k)
            }
            let expanded = ARIMAParameters.expand(coefficients, orders, transform: false)
            ws.model = ARIMAStateSpace(phi: expanded.phi, theta: expanded.theta, delta: deltaCoefficients, kappa: kappa)
            fill(freeIndices.map { coefficients[$0] })
            _ = ws.adjusted.withUnsafeBufferPointer { ws.model.filter($0, workspace: workspace, standardizedResiduals: nil) }
            let value = cssObjective(freeIndices.map { coefficients[$0] })
            sigma2 = Foundation.exp(2 * value)
            residuals = ws.cssResiduals
        case .maximumLikelihood, .cssThenMaximumLikelihood:
            if method == .cssThenMaximumLikelihood {
                if !noOptim {
                    var opts = options
                    opts.maximumIterations = 100
                    let result: BFGSResult
                    do {
                        result = try BFGSMinimizer.minimize(start: freeIndices.map { initial[$0] }, options: opts, objective: cssObjective)
                    } catch {
                        throw .numerical("ARIMA CSS optimisation failed: \(error)")
                    }
                    if result.converged { for (j, i) in freeIndices.enumerated() { initial[i] = result.parameters[j] } }
                }
                if orders.p > 0 && !ARIMAPolynomial.isStationary(Array(initial[0..<orders.p])) {
                    throw .numerical("non-stationary AR part from CSS")
                }
                let sp = orders.p + orders.q
                if orders.seasonalP > 0 && !ARIMAPolynomial.isStationary(Array(initial[sp..<(sp + orders.seasonalP)])) {
                    throw .numerical("non-stationary seasonal AR part from CSS")
                }
            }
            if transform {
                initial = ARIMAParameters.inverseTransform(initial, orders)
                if orders.q > 0 {
                    let range = orders.p..<(orders.p + orders.q)
                    let inverted = ARIMAPolynomial.invertMA(Array(initial[range]))
                    for (j, i) in range.enumerated() { initial[i] = inverted[j] }
                }
                if orders.seasonalQ > 0 {
                    let start = orders.p + orders.q + orders.seasonalP
                    let range = start..<(start + orders.seasonalQ)
                    let inverted = ARIMAPolynomial.invertMA(Array(initial[range]))
                    for (j, i) in range.enumerated() { initial[i] = inverted[j] }
                }
            }
            var hessian: [Double] = []
            if noOptim {
                objectiveValue = likelihoodObjective([], transform: transform)
            } else {
                let (result, h) = try optimize(freeIndices.map { initial[$0] }) { likelihoodObjective($0, transform: transform) }
                objectiveValue = result.value
                hessian = h
                converged = result.converged
                for (j, i) in freeIndices.enumerated() { coefficients[i] = result.parameters[j] }
                if transform {
                    var changed = false
                    for (block, start) in [(orders.q, orders.p), (orders.seasonalQ, orders.p + orders.q + orders.seasonalP)] where block > 0 {
                        let range = start..<(start + block)
                        if mask[range].allSatisfy({ $0 }) {
                            let inverted = ARIMAPolynomial.invertMA(Array(coefficients[range]))
                            for (j, i) in range.enumerated() where coefficients[i] != inverted[j] {
                                coefficients[i] = inverted[j]
                                changed = true
                            }
                        }
                    }
                    if changed {
                        let (again, h2) = try optimize(freeIndices.map { coefficients[$0] }, maximumIterations: 0) {
                            likelihoodObjective($0, transform: true)
                        }
                        objectiveValue = again.value
                        hessian = h2
                    }
                }
            }
            if noOptim {
                covariance = []
            } else if transform {
                let jacobian = ARIMAParameters.transformJacobian(coefficients, orders)
                let total = coefficients.count
                var a = [Double](repeating: 0, count: k * k)
                for (cj, j) in freeIndices.enumerated() {
                    for (ci, i) in freeIndices.enumerated() { a[ci + k * cj] = jacobian[i + total * j] }
                }
                let solved = try invert(hessian, k: k, rightHandSide: a)
                // Aᵀ (H n)⁻¹ A
                covariance = [Double](repeating: 0, count: k * k)
                for j in 0..<k {
                    for i in 0..<k {
                        var s = 0.0
                        for l in 0..<k { s += a[l + k * i] * solved[l + k * j] }
                        covariance[i + k * j] = s
                    }
                }
                coefficients = ARIMAParameters.undoTransform(coefficients, orders)
            } else {
                covariance = try invert(hessian, k: k)
            }
            let expanded = ARIMAParameters.expand(coefficients, orders, transform: false)
            ws.model = ARIMAStateSpace(phi: expanded.phi, theta: expanded.theta, delta: deltaCoefficients, kappa: kappa)
            fill(freeIndices.map { coefficients[$0] })
            var standardized = [Double](repeating: .nan, count: n)
            let sums = ws.adjusted.withUnsafeBufferPointer { y in
                standardized.withUnsafeMutableBufferPointer { ws.model.filter(y, workspace: workspace, standardizedResiduals: $0) }
            }
            sigma2 = sums.sumOfSquares / Double(usedObservations)
            residuals = standardized
        }
        let nUsed = Double(usedObservations)
        let value = 2 * nUsed * objectiveValue + nUsed + nUsed * Foundation.log(2 * Double.pi)
        let aic: Double? = method == .conditionalSumOfSquares ? nil : value + 2 * Double(k) + 2
        if let v = rotation {
            let range = narma..<(narma + ncxreg)
            let rotated = range.map { i in
                (0..<ncxreg).reduce(0.0) { $0 + v[(i - narma) + ncxreg * $1] * coefficients[narma + $1] }
            }
            for (j, i) in range.enumerated() { coefficients[i] = rotated[j] }
            // var ← A var Aᵀ with A the identity except for V on the regression block.
            let total = narma + ncxreg
            var full = [Double](repeating: 0, count: total * total)
            for i in 0..<total { full[i + total * i] = 1 }
            for i in 0..<ncxreg { for j in 0..<ncxreg { full[(narma + i) + total * (narma + j)] = v[i + ncxreg * j] } }
            var a = [Double](repeating: 0, count: k * k)
            for (cj, j) in freeIndices.enumerated() { for (ci, i) in freeIndices.enumerated() { a[ci + k * cj] = full[i + total * j] } }
            var tmp = [Double](repeating: 0, count: k * k)
            for j in 0..<k { for i in 0..<k { var s = 0.0; for l in 0..<k { s += a[i + k * l] * covariance[l + k * j] }; tmp[i + k * j] = s } }
            var out = [Double](repeating: 0, count: k * k)
            for j in 0..<k { for i in 0..<k { var s = 0.0; for l in 0..<k { s += tmp[i + k * l] * a[j + k * l] }; out[i + k * j] = s } }
            covariance = out
        }
        var allNames: [String] = []
        allNames += (0..<orders.p).map { "ar\($0 + 1)" }
        allNames += (0..<orders.q).map { "ma\($0 + 1)" }
        allNames += (0..<orders.seasonalP).map { "sar\($0 + 1)" }
        allNames += (0..<orders.seasonalQ).map { "sma\($0 + 1)" }
        allNames += names
        return ARIMAEstimate(orders: orders, coefficients: coefficients, names: allNames, mask: mask,
                             covariance: covariance, sigma2: sigma2, logLikelihood: -0.5 * value, aic: aic,
                             residuals: residuals, model: ws.model, usedObservations: usedObservations,
                             converged: converged, method: method, regressors: columns, regressorNames: names)
    }

    /// The coefficients δ of `y_t = Σ δᵢ y_{t−i} + w_t` for `w = (1 − B)^d (1 − B^m)^D y`, i.e.
    /// `−(Δ(B) − 1)` (R's `Delta` in `stats::arima`); `d + mD` values.
    static func differencingCoefficients(_ orders: ARMAOrders) -> [Double] {
        var delta = [1.0]
        func convolve(_ a: [Double], _ b: [Double]) -> [Double] {
            var out = [Double](repeating: 0, count: a.count + b.count - 1)
            for i in a.indices { for j in b.indices { out[i + j] += a[i] * b[j] } }
            return out
        }
        for _ in 0..<orders.d { delta = convolve(delta, [1, -1]) }
        for _ in 0..<orders.seasonalD {
            var s = [Double](repeating: 0, count: orders.period + 1)
            s[0] = 1
            s[orders.period] = -1
            delta = convolve(delta, s)
        }
        return delta.dropFirst().map { -$0 }
    }

    /// `lm(y ~ X − 1, na.action = na.omit)`: coefficients, their standard errors and the residuals
    /// (NaN on the omitted rows), or `nil` when the design has rank 0 or is rank deficient.
    ///
    /// Computed as R computes it (``LINPACKLeastSquares``, R's arithmetic with the reference
    /// BLAS), not by the more accurate solver: these are the optimiser's starting values and the
    /// parameter scales of its numerical gradient, and on flat likelihoods the optimum reached can
    /// depend on their last bit (M3 series N2864 in `Benchmarks/RESULTS.md`).
    static func leastSquares(_ y: [Double], _ columns: [[Double]])
        -> (coefficients: [Double], standardErrors: [Double], residuals: [Double])?
    {
        let k = columns.count
        let rows = y.indices.filter { i in !y[i].isNaN && !columns.contains { $0[i].isNaN } }
        guard rows.count > k else { return nil }
        guard let fit = try? LINPACKLeastSquares(design: columns.map { c in rows.map { c[$0] } },
                                                 response: rows.map { y[$0] }),
              fit.rank == k, let standardErrors = fit.standardErrors else { return nil }
        var residuals = [Double](repeating: .nan, count: y.count)
        for (r, i) in rows.enumerated() { residuals[i] = fit.residuals[r] }
        return (fit.coefficients, standardErrors, residuals)
    }
}

/// The buffers of one ARIMA fit that every objective evaluation reuses. Its properties are
/// reached from the optimiser's closures on every evaluation, so runtime exclusivity checks are
/// switched off for them: the fit is single-threaded and never overlaps accesses.
final class ARIMAObjectiveWorkspace {
    @exclusivity(unchecked) var par: [Double]
    @exclusivity(unchecked) var phi: [Double]
    @exclusivity(unchecked) var theta: [Double]
    @exclusivity(unchecked) var scratch: [Double]
    @exclusivity(unchecked) var adjusted: [Double]
    @exclusivity(unchecked) var differenced: [Double]
    @exclusivity(unchecked) var cssResiduals: [Double]
    @exclusivity(unchecked) var model: ARIMAStateSpace
    /// The ARMA part alone (no differencing states), which evaluates the likelihood for the
    /// optimiser on complete series whose state is longer than 8 (seasonal models) when
    /// ``usesARMAModel``; otherwise R's filter runs as in R, operation for operation.
    ///
    /// R's state carries the last `d + mD` values of the series beside the ARMA states. Once the
    /// first `d + mD` observations have been filtered (by R's filter, `model`), those
    /// differencing states hold observed values exactly (there is no observation noise, so
    /// `Z P_{t|t} Zᵀ = 0`): their variances and covariances are zero, and every later innovation
    /// is `wₜ − â₀` with `w` the differenced series. From then on R's filter is the ARMA filter on
    /// `w`, started from the ARMA block of R's filtered state and covariance — the same
    /// likelihood, κ = 10⁶ and all, up to rounding. That ARMA filter runs as Chandrasekhar
    /// recursions (O(r) per step, ``ARIMAStateSpace/chandrasekharSums(_:head:differencingSteps:workspace:)``)
    /// when `2(d + mD) + 1 ≤ r/3`, otherwise as the Kalman filter on the `r` ARMA states instead
    /// of `r + d + mD`. The reported log-likelihood, residuals and final state come from R's full
    /// filter at the optimum. ARIMAChandrasekharTests checks the sums against R's filter.
    @exclusivity(unchecked) var armaModel: ARIMAStateSpace
    /// Whether the likelihood goes through ``armaModel`` (see there).
    let usesARMAModel: Bool

    init(orders: ARMAOrders, series: [Double], fixed: [Double], delta: [Double], kappa: Double,
         differencedLikelihood: Bool = false) {
        par = fixed
        phi = [Double](repeating: 0, count: orders.expandedAR)
        theta = [Double](repeating: 0, count: orders.expandedMA)
        scratch = [Double](repeating: 0, count: max(orders.armaCount, 1))
        adjusted = series
        differenced = [Double](repeating: 0, count: series.count)
        cssResiduals = [Double](repeating: 0, count: series.count)
        model = ARIMAStateSpace(phi: phi, theta: theta, delta: delta, kappa: kappa)
        usesARMAModel = differencedLikelihood
        armaModel = ARIMAStateSpace(phi: phi, theta: theta, delta: [], kappa: kappa)
    }
}

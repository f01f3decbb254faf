import Foundation

/// The orders of a seasonal ARIMA model in R's `arma` layout: `p, q, P, Q, m, d, D`.
struct ARMAOrders: Sendable, Equatable {
    var p: Int
    var q: Int
    var seasonalP: Int
    var seasonalQ: Int
    var period: Int
    var d: Int
    var seasonalD: Int

    /// Number of ARMA coefficients `p + q + P + Q`.
    var armaCount: Int { p + q + seasonalP + seasonalQ }
    /// Length of the expanded AR polynomial `p + m P`.
    var expandedAR: Int { p + period * seasonalP }
    /// Length of the expanded MA polynomial `q + m Q`.
    var expandedMA: Int { q + period * seasonalQ }
}

/// Parameter transformations of R's `arima` (Jones 1980): unconstrained values map through
/// `tanh` to partial autocorrelations in (−1, 1) and then, by the Durbin–Levinson recursion,
/// to the coefficients of a stationary AR polynomial.
enum ARIMAParameters {
    /// `tanh` then Durbin–Levinson: `raw[0..<count]` (unconstrained) → AR coefficients.
    static func stationaryAR(_ raw: UnsafePointer<Double>, count p: Int, into out: UnsafeMutablePointer<Double>) {
        guard p > 0 else { return }
        // The recursion needs the previous stage intact while the new one is formed.
        withUnsafeTemporaryAllocation(of: Double.self, capacity: p) { work in
            for j in 0..<p {
                out[j] = Foundation.tanh(raw[j])
                work[j] = out[j]
            }
            for j in 1..<max(p, 1) {
                let a = out[j]
                for k in 0..<j { work[k] -= a * out[j - k - 1] }
                for k in 0..<j { out[k] = work[k] }
            }
        }
    }

    /// The inverse of ``stationaryAR(_:count:into:)``: AR coefficients → partial
    /// autocorrelations (backward Durbin–Levinson) → `atanh`.
    static func unconstrainedAR(_ phi: [Double]) -> [Double] {
        let p = phi.count
        var out = phi
        var work = phi
        var j = p - 1
        while j > 0 {
            let a = out[j]
            for k in 0..<j { work[k] = (out[k] + a * out[j - k - 1]) / (1 - a * a) }
            for k in 0..<j { out[k] = work[k] }
            j -= 1
        }
        return out.map { Foundation.atanh($0) }
    }

    /// R's `ARIMA_undoPars`: apply the stationarity transform to the AR and seasonal AR blocks.
    static func undoTransform(_ coefficients: [Double], _ orders: ARMAOrders) -> [Double] {
        var out = coefficients
        coefficients.withUnsafeBufferPointer { input in
            out.withUnsafeMutableBufferPointer { output in
                guard let inBase = input.baseAddress, let outBase = output.baseAddress else { return }
                if orders.p > 0 { stationaryAR(inBase, count: orders.p, into: outBase) }
                let v = orders.p + orders.q
                if orders.seasonalP > 0 { stationaryAR(inBase + v, count: orders.seasonalP, into: outBase + v) }
            }
        }
        return out
    }

    /// R's `ARIMA_Invtrans`: AR blocks to the unconstrained scale; other entries unchanged.
    static func inverseTransform(_ coefficients: [Double], _ orders: ARMAOrders) -> [Double] {
        var out = coefficients
        if orders.p > 0 {
            let u = unconstrainedAR(Array(coefficients[0..<orders.p]))
            for i in 0..<orders.p { out[i] = u[i] }
        }
        let v = orders.p + orders.q
        if orders.seasonalP > 0 {
            let u = unconstrainedAR(Array(coefficients[v..<(v + orders.seasonalP)]))
            for i in 0..<orders.seasonalP { out[v + i] = u[i] }
        }
        return out
    }

    /// R's `ARIMA_Gradtrans`: the forward-difference Jacobian (step 1e-3) of
    /// ``undoTransform(_:_:)``, `A[i, j] = ∂ newⱼ / ∂ rawᵢ`, column-major `n × n`.
    static func transformJacobian(_ coefficients: [Double], _ orders: ARMAOrders) -> [Double] {
        let n = coefficients.count
        var a = [Double](repeating: 0, count: n * n)
        for i in 0..<n { a[i + i * n] = 1 }
        let eps = 1e-3
        func block(offset v: Int, count m: Int) {
            guard m > 0 else { return }
            var w1 = Array(coefficients[v..<(v + m)])
            var w2 = [Double](repeating: 0, count: m), w3 = [Double](repeating: 0, count: m)
            w1.withUnsafeBufferPointer { stationaryAR($0.baseAddress!, count: m, into: &w2) }
            for i in 0..<m {
                w1[i] += eps
                w1.withUnsafeBufferPointer { stationaryAR($0.baseAddress!, count: m, into: &w3) }
                for j in 0..<m { a[(i + v) + (j + v) * n] = (w3[j] - w2[j]) / eps }
                w1[i] -= eps
            }
        }
        block(offset: 0, count: orders.p)
        block(offset: orders.p + orders.q, count: orders.seasonalP)
        return a
    }

    /// R's `ARIMA_transPars`: the expanded `φ` (length `p + mP`) and `θ` (length `q + mQ`) of
    /// `(1 − Σφᵢ Bⁱ)(1 − ΣΦⱼ B^{mj})` and `(1 + Σθᵢ Bⁱ)(1 + ΣΘⱼ B^{mj})`, written into `phi`
    /// and `theta`, after the stationarity transform when `transform` is set.
    static func expand(_ parameters: UnsafePointer<Double>, _ orders: ARMAOrders, transform: Bool,
                       phi: UnsafeMutablePointer<Double>, theta: UnsafeMutablePointer<Double>,
                       scratch: UnsafeMutablePointer<Double>) {
        let mp = orders.p, mq = orders.q, msp = orders.seasonalP, msq = orders.seasonalQ, ns = orders.period
        let count = orders.armaCount
        for i in 0..<count { scratch[i] = parameters[i] }
        if transform {
            if mp > 0 { stationaryAR(parameters, count: mp, into: scratch) }
            if msp > 0 { stationaryAR(parameters + mp + mq, count: msp, into: scratch + mp + mq) }
        }
        let pLength = orders.expandedAR, qLength = orders.expandedMA
        for i in 0..<pLength { phi[i] = i < mp ? scratch[i] : 0 }
        for i in 0..<qLength { theta[i] = i < mq ? scratch[mp + i] : 0 }
        for j in 0..<msp {
            let s = scratch[mp + mq + j]
            phi[(j + 1) * ns - 1] += s
            for i in 0..<mp { phi[(j + 1) * ns + i] -= scratch[i] * s }
        }
        for j in 0..<msq {
            let s = scratch[mp + mq + msp + j]
            theta[(j + 1) * ns - 1] += s
            for i in 0..<mq { theta[(j + 1) * ns + i] += scratch[mp + i] * s }
        }
    }

    /// Array convenience for ``expand(_:_:transform:phi:theta:scratch:)``.
    static func expand(_ parameters: [Double], _ orders: ARMAOrders, transform: Bool) -> (phi: [Double], theta: [Double]) {
        var phi = [Double](repeating: 0, count: orders.expandedAR)
        var theta = [Double](repeating: 0, count: orders.expandedMA)
        var scratch = [Double](repeating: 0, count: max(orders.armaCount, 1))
        parameters.withUnsafeBufferPointer { pb in
            phi.withUnsafeMutableBufferPointer { phb in
                theta.withUnsafeMutableBufferPointer { thb in
                    scratch.withUnsafeMutableBufferPointer { sb in
                        var dummy = 0.0
                        withUnsafeMutablePointer(to: &dummy) { d in
                            expand(pb.baseAddress ?? UnsafePointer(d), orders, transform: transform,
                                   phi: phb.baseAddress ?? d, theta: thb.baseAddress ?? d, scratch: sb.baseAddress ?? d)
                        }
                    }
                }
            }
        }
        return (phi, theta)
    }
}

import Foundation

/// R `forecast::tbats`'s automatic choice of a TBATS model (forecast 8.20, `use.parallel = FALSE`).
///
/// 1. Box–Cox is tried (both with and without) unless the data have a value ≤ 0; the starting λ
///    is Guerrero's on [0, 1] with the largest period as the season.
/// 2. The harmonics are chosen period by period with the fullest model (Box–Cox, trend and
///    damping wherever they are tried), by AIC, as R: for period i, `max k = ⌊(mᵢ − 1)/2⌋`, lowered
///    so that no harmonic of mᵢ repeats a harmonic of an earlier period (the first `k ≥ 2`
///    dividing mᵢ with `mᵢ/k` dividing an earlier period caps it at `k − 1`); with `max k ≤ 6`
///    the search steps down from max k while AIC does not rise; otherwise it compares 5, 6 and
///    7 and walks down from 5 or up from 7. R's quirks are kept: stepping down to 1 keeps the
///    model of the step before as the best model while the harmonics read 1.
/// 3. Every combination of Box–Cox, trend and damping (damping only with a trend; the fullest
///    one reuses the model of step 2) is fitted; with `useARMAErrors`, auto-ARIMA with `d = 0`
///    on its transformed-scale errors proposes ARMA(p, q) orders, and the model refitted with
///    them replaces it when its AIC is lower. The lowest AIC wins (ties keep the earlier).
///
/// 4. Before step 3, R's non-seasonal `bats` candidate (``TBATSModel`` without periods, chosen
///    over Box–Cox, trend, damping and ARMA errors the same way) replaces the model of step 2
///    when its AIC is lower; the candidates of step 3 must then beat it.
public enum TBATS {
    /// Choose and fit a TBATS model as R's `tbats(y, seasonal.periods = periods)`.
    ///
    /// - Parameters:
    ///   - values: the series, finite.
    ///   - periods: seasonal periods above 1 (sorted and deduplicated here); periods of 1 are dropped.
    ///   - useBoxCox: `nil` tries both (R's default), else as given (off for data with values ≤ 0).
    ///   - useTrend: `nil` tries both.
    ///   - useDamping: `nil` tries both (with a trend).
    ///   - useARMAErrors: try ARMA errors proposed by auto-ARIMA.
    /// - Returns: the chosen model.
    /// - Throws: `ForecastingError.missingValues`, `.invalidSpecification` without a period above 1,
    ///   `.tooShort`, `.notConverged` when no candidate could be fitted.
    /// - Complexity: tens of ``TBATSModel/fit(_:configuration:initialLambda:)`` calls.
    public static func fit(_ values: [Double], periods: [Double], useBoxCox: Bool? = nil, useTrend: Bool? = nil,
                           useDamping: Bool? = nil, useARMAErrors: Bool = true) throws(ForecastingError) -> TBATSModel {
        guard values.allSatisfy(\.isFinite) else { throw .missingValues(model: "TBATS") }
        let seasonal = Array(Set(periods.filter { $0 > 1 })).sorted()
        guard !seasonal.isEmpty else {
            throw .invalidSpecification("TBATS needs a seasonal period above 1 (non-seasonal BATS is not offered)")
        }
        guard let first = values.first, values.contains(where: { $0 != first }) else {
            throw .invalidSpecification("TBATS needs a series that is not constant")
        }
        var boxCoxChoices: [Bool] = useBoxCox.map { [$0] } ?? [false, true]
        if values.contains(where: { $0 <= 0 }) { boxCoxChoices = [false] }
        let trendChoices: [Bool] = useTrend.map { [$0] } ?? [false, true]
        var dampingChoices: [Bool] = useDamping.map { [$0] } ?? [false, true]
        if useTrend == false { dampingChoices = [false] }
        let fullBoxCox = boxCoxChoices.contains(true)
        let fullTrend = trendChoices.contains(true)
        let fullDamping = dampingChoices.contains(true)
        let initialLambda: Double? = fullBoxCox
            ? BoxCox.guerreroLambda(values, seasonLength: Int(seasonal.last ?? 1), lower: 0, upper: 1) : nil

        var k = [Int](repeating: 1, count: seasonal.count)
        func attempt(_ harmonics: [Int]) -> TBATSModel? {
            let configuration = TBATSConfiguration(
                useBoxCox: fullBoxCox, useTrend: fullTrend, useDamping: fullDamping, periods: seasonal,
                harmonics: harmonics)
            return try? TBATSModel.fit(values, configuration: configuration, initialLambda: initialLambda)
        }
        func aic(_ model: TBATSModel?) -> Double { model?.aic ?? .infinity }
        var best: TBATSModel? = attempt(k)
        var bestAIC = aic(best)
        for i in seasonal.indices {
            let m = seasonal[i]
            if m == 2 { continue }
            var maxK = Int(((m - 1) / 2).rounded(.down))
            if i != 0 {
                var current = 2
                while current <= maxK {
                    if m.truncatingRemainder(dividingBy: Double(current)) != 0 { current += 1; continue }
                    let latter = m / Double(current)
                    if seasonal[0..<i].contains(where: { $0.truncatingRemainder(dividingBy: latter) == 0 }) {
                        maxK = current - 1
                        break
                    }
                    current += 1
                }
            }
            if maxK == 1 { continue }
            if maxK <= 6 {
                k[i] = maxK
                bestAIC = .infinity
                while true {
                    let candidate = attempt(k)
                    if aic(candidate) > bestAIC { k[i] += 1; break }
                    if k[i] == 1 { break }
                    k[i] -= 1
                    best = candidate
                    bestAIC = aic(candidate)
                }
                continue
            }
            var up = k, down = k
            up[i] = 7
            down[i] = 5
            k[i] = 6
            let upModel = attempt(up), levelModel = attempt(k), downModel = attempt(down)
            let aics = [aic(upModel), aic(levelModel), aic(downModel)]
            let minimum = aics.min() ?? .infinity
            if minimum == aics[2] {
                best = downModel
                bestAIC = aics[2]
                k[i] = 5
                while true {
                    k[i] -= 1
                    let candidate = attempt(k)
                    if aic(candidate) > bestAIC { k[i] += 1; break }
                    best = candidate
                    bestAIC = aic(candidate)
                    if k[i] == 1 { break }
                }
            } else if minimum == aics[1] {
                best = levelModel
                bestAIC = aics[1]
            } else {
                best = upModel
                bestAIC = aics[0]
                k[i] = 7
                while true {
                    k[i] += 1
                    let candidate = attempt(k)
                    if aic(candidate) > bestAIC { k[i] -= 1; break }
                    best = candidate
                    bestAIC = aic(candidate)
                    if k[i] == maxK { break }
                }
            }
        }
        let auxiliary = best
        var chosen: TBATSModel? = best
        var chosenAIC = bestAIC
        if let nonSeasonal = nonSeasonalBATS(
            values, useBoxCox: useBoxCox, useTrend: useTrend, useDamping: useDamping, useARMAErrors: useARMAErrors),
            nonSeasonal.aic < chosenAIC {
            chosen = nonSeasonal
            chosenAIC = nonSeasonal.aic
        }
        for boxCox in boxCoxChoices {
            for trend in trendChoices {
                for damping in dampingChoices {
                    let isFull = boxCox == fullBoxCox && trend == fullTrend && damping == fullDamping
                    guard isFull || trend || !damping else { continue }
                    let configuration = TBATSConfiguration(
                        useBoxCox: boxCox, useTrend: trend, useDamping: damping, periods: seasonal, harmonics: k)
                    let firstModel: TBATSModel? = isFull
                        ? auxiliary
                        : try? TBATSModel.fit(values, configuration: configuration, initialLambda: initialLambda)
                    var candidate = firstModel
                    if useARMAErrors, let firstModel,
                       let orders = try? armaOrders(of: firstModel.innovations), orders.p + orders.q > 0 {
                        var withARMA = configuration
                        withARMA.p = orders.p
                        withARMA.q = orders.q
                        let second = try? TBATSModel.fit(values, configuration: withARMA, initialLambda: initialLambda)
                        if aic(second) < aic(firstModel) { candidate = second }
                    }
                    if aic(candidate) < chosenAIC {
                        chosen = candidate
                        chosenAIC = aic(candidate)
                    }
                }
            }
        }
        guard let chosen else {
            throw .notConverged(model: "TBATS", detail: "no TBATS configuration could be fitted to the series")
        }
        return chosen
    }

    /// R's `bats(as.numeric(y))` as `tbats` calls it: the non-seasonal BATS models over Box–Cox,
    /// trend and damping, each with the ARMA errors auto-ARIMA proposes when they lower the AIC;
    /// the lowest AIC, or `nil` when none could be fitted.
    static func nonSeasonalBATS(_ values: [Double], useBoxCox: Bool?, useTrend: Bool?, useDamping: Bool?,
                                useARMAErrors: Bool) -> TBATSModel? {
        var boxCoxChoices: [Bool] = useBoxCox.map { [$0] } ?? [false, true]
        if values.contains(where: { $0 <= 0 }) { boxCoxChoices = [false] }
        let trendChoices: [Bool] = useTrend.map { [$0] } ?? [false, true]
        var dampingChoices: [Bool] = useDamping.map { [$0] } ?? [false, true]
        if useTrend == false { dampingChoices = [false] }
        // bats() sees a plain vector: frequency 1, so Guerrero's subseries have length 2.
        let initialLambda: Double? = boxCoxChoices.contains(true)
            ? BoxCox.guerreroLambda(values, seasonLength: 1, lower: 0, upper: 1) : nil
        var best: TBATSModel?
        for boxCox in boxCoxChoices {
            for trend in trendChoices {
                for damping in dampingChoices where trend || !damping {
                    let configuration = TBATSConfiguration(
                        useBoxCox: boxCox, useTrend: trend, useDamping: damping, periods: [], harmonics: [])
                    // R's filterSpecifics is one try(): any failure drops the combination.
                    guard var model = try? TBATSModel.fitNonSeasonalBATS(
                        values, configuration: configuration, initialLambda: initialLambda) else { continue }
                    if useARMAErrors {
                        guard let orders = try? armaOrders(of: model.innovations) else { continue }
                        if orders.p + orders.q > 0 {
                            var withARMA = configuration
                            withARMA.p = orders.p
                            withARMA.q = orders.q
                            guard let second = try? TBATSModel.fitNonSeasonalBATS(
                                values, configuration: withARMA, initialLambda: initialLambda) else { continue }
                            if second.aic < model.aic { model = second }
                        }
                    }
                    if model.aic < (best?.aic ?? .infinity) { best = model }
                }
            }
        }
        return best
    }

    /// R's `auto.arima(errors, d = 0)` orders (non-seasonal: the errors are a plain vector).
    static func armaOrders(of errors: [Double]) throws(ForecastingError) -> (p: Int, q: Int) {
        var search = AutoARIMA(seasonLength: 1)
        search.d = 0
        let model = try search.fit(errors)
        return (model.specification.p, model.specification.q)
    }
}

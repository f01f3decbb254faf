/// A forecasting model as the command line and the JSON contract name it.
///
/// The grammar, with R `forecast`'s vocabulary: `auto` (the default, ``AutoEnsemble``),
/// `auto-arima`, `auto-ets`, `arima(p,d,q)`, `arima(p,d,q)(P,D,Q)[m]` optionally followed by
/// `+drift`, `+mean` or (undifferenced) `+mean+drift`, `ets(XYZ)` or `ets(XYdZ)` with R's letters (`ets(MAdM)`, `ets(ANN)`),
/// `theta`, `naive`, `snaive`, `drift`, `mean`, `stl-ets`, `mstl` or `mstl[24,168]` for several
/// seasonal periods, and `combo(a,b,...)` for the mean of several models' forecasts; the intermittent-demand methods `croston`, `croston-sba`,
/// `croston-opt`, `tsb[αd,αp]`, `adida` and `imapa` (``IntermittentDemand``);
/// `conformal(MODEL)`, `conformal[W](MODEL)` or `conformal[W,error](MODEL)` for a model with
/// conformal prediction intervals (``ConformalSettings``); the optimised theta models
/// `auto-theta`, `stm`, `otm`, `dstm` and `dotm` (``OptimisedTheta``); and `auto-ces` and `ces(n)`,
/// `ces(s)`, `ces(p)`, `ces(f)` for complex exponential smoothing (``AutoCES``). Spaces are ignored and letters are
/// case-insensitive.
public indirect enum ModelSpecification: Sendable, Hashable, CustomStringConvertible {
    /// R's `auto.arima`.
    case autoARIMA
    /// R's `ets` with automatic model selection.
    case autoETS
    /// A fixed-order ARIMA with an optional constant (`arima(p,d,q)(P,D,Q)[m]+mean`).
    case arima(ARIMASpecification)
    /// A fixed ETS model (`ets(MAdM)` in the grammar).
    case ets(ETSSpecification)
    /// R's `thetaf`.
    case theta
    /// The last value.
    case naive
    /// The value one season ago.
    case seasonalNaive
    /// Random walk with drift.
    case drift
    /// The historical mean.
    case mean
    /// STL decomposition, ETS on the seasonally adjusted series, seasonal naive on the seasonal part (R's `stlf`).
    case stlETS
    /// The mean of several models' forecasts.
    case combination([ModelSpecification])
    /// MSTL with ETS on the seasonally adjusted series for several seasonal periods (R's `stlf` on
    /// an `msts`): `mstl[24,168]`; `mstl` alone takes the season length and the cycle above it
    /// (``defaultSeasonalPeriods(seasonLength:)``). Periods with fewer than two cycles in the data
    /// are dropped, as R drops them.
    case mstl([Int])
    /// R's `tbats` (``TBATS``): Box–Cox, trend, damping, trigonometric seasons and ARMA errors
    /// chosen by AIC, `tbats[24,168]` or `tbats[7,365.25]` (periods may be fractional); `tbats`
    /// alone takes ``defaultTBATSPeriods(seasonLength:)``.
    case tbats([Double])
    /// An intermittent-demand method (``IntermittentDemand``); its intervals are conformal with
    /// the default ``ConformalSettings``, since the method has no stochastic model.
    case intermittent(IntermittentDemand.Method)
    /// A model with conformal prediction intervals.
    case conformal(ModelSpecification, ConformalSettings)
    /// statsforecast's `AutoTheta`: the best of STM, OTM, DSTM and DOTM (``OptimisedTheta``).
    case autoTheta
    /// One of the theta models of Fiorucci et al. (2016): `stm`, `otm`, `dstm` or `dotm`.
    case optimisedTheta(OptimisedTheta.Variant)
    /// statsforecast's `AutoCES`: complex exponential smoothing with the form chosen by AICc (``AutoCES``).
    case autoCES
    /// One complex exponential smoothing form, `ces(n)`, `ces(s)`, `ces(p)` or `ces(f)` with
    /// statsforecast's letters (``ComplexExponentialSmoothing``).
    case ces(ComplexExponentialSmoothing.Seasonality)
    /// UrbanCast's default: the mean (seasonal) or median (non-seasonal) of auto-ets, auto-arima,
    /// dotm and dstm, with intervals from their pooled sample paths (``AutoEnsemble``). Declared
    /// last so that the cases before it keep their order.
    case auto

    /// Parse a specification.
    ///
    /// - Parameter text: e.g. `arima(2,1,1)(0,1,0)[12]+drift`, `ets(MAdM)`, `combo(theta,auto-ets)`.
    /// - Throws: `ForecastingError.invalidSpecification` with the accepted forms.
    /// - Complexity: O(length of text).
    public init(parsing text: String) throws(ForecastingError) {
        let compact = text.filter { !$0.isWhitespace }
        let lower = compact.lowercased()
        switch lower {
        case "auto": self = .auto; return
        case "auto-arima", "autoarima": self = .autoARIMA; return
        case "auto-ets", "autoets": self = .autoETS; return
        case "theta": self = .theta; return
        case "naive": self = .naive; return
        case "snaive": self = .seasonalNaive; return
        case "drift", "rwf": self = .drift; return
        case "mean": self = .mean; return
        case "stl-ets", "stlf": self = .stlETS; return
        case "mstl": self = .mstl([]); return
        case "tbats": self = .tbats([]); return
        case "croston": self = .intermittent(.croston); return
        case "croston-sba": self = .intermittent(.crostonSBA); return
        case "croston-opt": self = .intermittent(.crostonOptimized); return
        case "adida": self = .intermittent(.adida); return
        case "imapa": self = .intermittent(.imapa); return
        case "auto-ces", "autoces": self = .autoCES; return
        case "ces(n)": self = .ces(.none); return
        case "ces(s)": self = .ces(.simple); return
        case "ces(p)": self = .ces(.partial); return
        case "ces(f)": self = .ces(.full); return
        default: break
        }
        if let theta = Self.parseOptimisedTheta(lower) { self = theta; return }
        if lower.hasPrefix("mstl[") && lower.hasSuffix("]") {
            let fields = lower.dropFirst(5).dropLast().split(separator: ",", omittingEmptySubsequences: false)
            let periods = fields.compactMap { Int($0) }
            guard !fields.isEmpty, periods.count == fields.count, periods.allSatisfy({ (2...100_000).contains($0) }),
                  Set(periods).count == periods.count else {
                throw .invalidSpecification(
                    "mstl takes distinct seasonal periods from 2 to 100000 in brackets, e.g. mstl[24,168] for hourly data")
            }
            self = .mstl(periods.sorted())
            return
        }
        if lower.hasPrefix("tbats[") && lower.hasSuffix("]") {
            let fields = lower.dropFirst(6).dropLast().split(separator: ",", omittingEmptySubsequences: false)
            let periods = fields.compactMap { Double($0) }
            guard !fields.isEmpty, periods.count == fields.count, periods.allSatisfy({ $0 > 1 && $0 <= 100_000 }),
                  Set(periods).count == periods.count else {
                throw .invalidSpecification(
                    "tbats takes distinct seasonal periods above 1 and up to 100000 in brackets, e.g. tbats[24,168] "
                        + "for hourly data or tbats[7,365.25] for daily data")
            }
            self = .tbats(periods.sorted())
            return
        }
        if lower.hasPrefix("tsb[") && lower.hasSuffix("]") {
            let fields = lower.dropFirst(4).dropLast().split(separator: ",", omittingEmptySubsequences: false)
            guard fields.count == 2, let demand = Double(fields[0]), let probability = Double(fields[1]),
                  demand > 0, demand <= 1, probability > 0, probability <= 1 else {
                throw .invalidSpecification(
                    "tsb needs its two smoothing parameters in (0, 1], of demand sizes and of occurrence, e.g. tsb[0.1,0.05]")
            }
            self = .intermittent(.tsb(demandAlpha: demand, probabilityAlpha: probability))
            return
        }
        if lower.hasPrefix("conformal") {
            self = try Self.parseConformal(compact, original: text)
            return
        }
        if lower.hasPrefix("combo(") && lower.hasSuffix(")") {
            let inner = String(compact.dropFirst(6).dropLast())
            let parts = try Self.splitTopLevel(inner)
            guard parts.count >= 2 else {
                throw .invalidSpecification("combo(...) needs at least two models, e.g. combo(theta,auto-ets)")
            }
            self = .combination(try parts.map { (part) throws(ForecastingError) in try ModelSpecification(parsing: part) })
            return
        }
        if lower.hasPrefix("ets(") && lower.hasSuffix(")") {
            let letters = String(compact.dropFirst(4).dropLast())
            // R's letters are ASCII; uppercasing other letters can change their count (ß → SS),
            // and the printed model would then no longer parse.
            guard (3...4).contains(letters.count), letters.allSatisfy(\.isASCII) else { throw Self.invalid(text) }
            self = .ets(try ETSSpecification(parsing: letters.uppercased().replacingOccurrences(of: "D", with: "d")))
            return
        }
        if lower.hasPrefix("arima(") {
            self = .arima(try Self.parseARIMA(lower, original: text))
            return
        }
        throw Self.invalid(text)
    }

    private static func invalid(_ text: String) -> ForecastingError {
        .invalidSpecification("unknown model '\(text)'; use auto, auto-arima, auto-ets, arima(p,d,q), arima(p,d,q)(P,D,Q)[m] "
            + "with optional +drift or +mean, ets(XYZ) such as ets(MAdM), theta, naive, snaive, drift, mean, stl-ets, "
            + "mstl[24,168], tbats[24,168], croston, croston-sba, croston-opt, tsb[0.1,0.05], adida, imapa, auto-theta, stm, otm, dstm, dotm, "
            + "auto-ces, ces(n|s|p|f), combo(a,b,...) or conformal[5](MODEL)")
    }

    /// `conformal(MODEL)`, `conformal[W](MODEL)`, `conformal[W,error](MODEL)`.
    private static func parseConformal(_ compact: String, original: String) throws(ForecastingError) -> ModelSpecification {
        let usage = "conformal intervals are written conformal(MODEL), conformal[W](MODEL) or conformal[W,error](MODEL), "
            + "with W windows from 2 to 1000, e.g. conformal[5](theta)"
        var rest = Substring(compact.dropFirst("conformal".count))
        var settings = ConformalSettings.default
        if rest.hasPrefix("[") {
            guard let close = rest.firstIndex(of: "]") else { throw .invalidSpecification(usage) }
            let fields = rest[rest.index(after: rest.startIndex)..<close].lowercased()
                .split(separator: ",", omittingEmptySubsequences: false)
            guard (1...2).contains(fields.count), let windows = Int(fields[0]) else { throw .invalidSpecification(usage) }
            var method = ConformalSettings.Method.distribution
            if fields.count == 2 {
                guard let named = ConformalSettings.Method(rawValue: String(fields[1])) else { throw .invalidSpecification(usage) }
                method = named
            }
            settings = try ConformalSettings(windows: windows, method: method)
            rest = rest[rest.index(after: close)...]
        }
        guard rest.hasPrefix("("), rest.hasSuffix(")"), rest.count > 2 else { throw .invalidSpecification(usage) }
        let base = try ModelSpecification(parsing: String(rest.dropFirst().dropLast()))
        switch base {
        case .conformal:
            throw .invalidSpecification("conformal(...) takes a model without conformal intervals, not \(base)")
        case .combination:
            throw .invalidSpecification("conformal(...) of a combination is not offered; put conformal around each member")
        default:
            return .conformal(base, settings)
        }
    }

    private static func splitTopLevel(_ text: String) throws(ForecastingError) -> [String] {
        var parts: [String] = [], current = "", depth = 0
        for c in text {
            switch c {
            case "(", "[": depth += 1; current.append(c)
            case ")", "]": depth -= 1; current.append(c)
            case "," where depth == 0: parts.append(current); current = ""
            default: current.append(c)
            }
            if depth < 0 { throw .invalidSpecification("unbalanced parentheses in '\(text)'") }
        }
        parts.append(current)
        return parts
    }

    private static func parseARIMA(_ lower: String, original: String) throws(ForecastingError) -> ARIMASpecification {
        var body = lower
        var mean = false, drift = false
        while true {
            if body.hasSuffix("+drift"), !drift { drift = true; body.removeLast(6) }
            else if body.hasSuffix("+mean"), !mean { mean = true; body.removeLast(5) }
            else { break }
        }
        func numbers(_ s: Substring) -> [Int]? {
            let fields = s.split(separator: ",", omittingEmptySubsequences: false)
            let values = fields.compactMap { Int($0) }
            guard values.count == fields.count, values.allSatisfy({ $0 >= 0 }) else { return nil }
            return values
        }
        // arima(p,d,q) [ (P,D,Q)[m] ]
        guard let firstClose = body.firstIndex(of: ")") else { throw invalid(original) }
        let first = body[body.index(body.startIndex, offsetBy: 6)..<firstClose]
        guard let order = numbers(first), order.count == 3 else { throw invalid(original) }
        var result = ARIMASpecification(p: order[0], d: order[1], q: order[2], includeMean: mean, includeDrift: drift)
        let rest = body[body.index(after: firstClose)...]
        if !rest.isEmpty {
            guard rest.hasPrefix("("), let close = rest.firstIndex(of: ")"),
                  let seasonal = numbers(rest[rest.index(after: rest.startIndex)..<close]), seasonal.count == 3 else {
                throw invalid(original)
            }
            let periodPart = rest[rest.index(after: close)...]
            guard periodPart.hasPrefix("["), periodPart.hasSuffix("]"),
                  let m = Int(periodPart.dropFirst().dropLast()), m >= 1 else {
                throw .invalidSpecification("a seasonal ARIMA needs its period, e.g. arima(0,1,1)(0,1,1)[12]")
            }
            guard m > 1 || seasonal.allSatisfy({ $0 == 0 }) else {
                throw .invalidSpecification("seasonal orders need a period above 1, e.g. arima(0,1,1)(0,1,1)[12]")
            }
            result.seasonalP = seasonal[0]; result.seasonalD = seasonal[1]; result.seasonalQ = seasonal[2]
            result.seasonLength = m
        }
        // The orders are any non-negative Int the text holds, so d + D is compared without adding.
        if drift && result.d > 1 - result.seasonalD {
            throw .invalidSpecification("drift needs at most one difference in total (d + D ≤ 1), as in R")
        }
        if mean && (result.d > 0 || result.seasonalD > 0) {
            throw .invalidSpecification("a mean is only for undifferenced models (d = D = 0); use +drift")
        }
        return result
    }

    /// The specification in the CLI's grammar, e.g. `arima(2,1,1)(0,1,0)[12]+drift`.
    public var description: String {
        switch self {
        case .autoARIMA: return "auto-arima"
        case .autoETS: return "auto-ets"
        case .auto: return "auto"
        case .arima(let o):
            var s = "arima(\(o.p),\(o.d),\(o.q))"
            if o.seasonLength > 1 { s += "(\(o.seasonalP),\(o.seasonalD),\(o.seasonalQ))[\(o.seasonLength)]" }
            if o.estimatesMean { s += "+mean" }
            if o.estimatesDrift { s += "+drift" }
            return s
        case .ets(let specification): return "ets(\(specification.code))"
        case .theta: return "theta"
        case .naive: return "naive"
        case .seasonalNaive: return "snaive"
        case .drift: return "drift"
        case .mean: return "mean"
        case .stlETS: return "stl-ets"
        case .combination(let parts): return "combo(" + parts.map(\.description).joined(separator: ",") + ")"
        case .autoTheta: return "auto-theta"
        case .optimisedTheta(let variant): return variant.rawValue
        case .mstl(let periods): return periods.isEmpty ? "mstl" : "mstl[" + periods.map(String.init).joined(separator: ",") + "]"
        case .tbats(let periods):
            return periods.isEmpty ? "tbats" : "tbats[" + periods.map(TBATSModel.format(period:)).joined(separator: ",") + "]"
        case .intermittent(let method): return method.description
        case let .conformal(base, settings):
            return settings == .default ? "conformal(\(base))" : "conformal[\(settings)](\(base))"
        case .autoCES: return "auto-ces"
        case .ces(let form): return "ces(\(form.rawValue.lowercased()))"
        }
    }
}

extension ModelSpecification {
    /// The seasonal periods `mstl` takes without brackets: the season length and the cycle above
    /// it for the usual sub-daily and daily data — 24 and 168 (hourly: day and week), 48 and 336
    /// (half-hourly), 96 and 672 (quarter-hourly), 7 and 365 (daily: week and year; R's 365.25
    /// enters STL as 365) — and the season length alone otherwise.
    ///
    /// - Parameter seasonLength: the series' season length.
    /// - Returns: the periods, ascending.
    public static func defaultSeasonalPeriods(seasonLength: Int) -> [Int] {
        switch seasonLength {
        case 24: [24, 168]
        case 48: [48, 336]
        case 96: [96, 672]
        case 7: [7, 365]
        default: [seasonLength]
        }
    }
}

extension ModelSpecification {
    /// The seasonal periods `tbats` takes without brackets: as ``defaultSeasonalPeriods(seasonLength:)``
    /// but with the year of daily data at R's 365.25 days (TBATS takes fractional periods).
    ///
    /// - Parameter seasonLength: the series' season length.
    /// - Returns: the periods, ascending.
    public static func defaultTBATSPeriods(seasonLength: Int) -> [Double] {
        seasonLength == 7 ? [7, 365.25] : defaultSeasonalPeriods(seasonLength: seasonLength).map(Double.init)
    }

    /// This model with `periods` as the seasonal periods of every `mstl` or `tbats` given without brackets
    /// (also inside a combination or a conformal model); other models are unchanged.
    ///
    /// - Parameter periods: the seasonal periods, e.g. `[24, 168]`.
    /// - Returns: the model.
    public func fillingSeasonalPeriods(_ periods: [Int]) -> ModelSpecification {
        switch self {
        case .mstl(let given) where given.isEmpty: .mstl(periods)
        case .tbats(let given) where given.isEmpty: .tbats(periods.map(Double.init))
        case .combination(let parts): .combination(parts.map { $0.fillingSeasonalPeriods(periods) })
        case let .conformal(base, settings): .conformal(base.fillingSeasonalPeriods(periods), settings)
        default: self
        }
    }
}

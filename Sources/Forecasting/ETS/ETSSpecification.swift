/// How the innovation enters an ETS model: added to the one-step forecast, or as a proportion of it.
public enum ETSErrorType: String, Sendable, Hashable, CaseIterable {
    /// `y[t] = μ[t] + ε[t]` (R's letter `A`).
    case additive = "A"
    /// `y[t] = μ[t]·(1 + ε[t])` (R's letter `M`); needs strictly positive data.
    case multiplicative = "M"
}

/// The trend component of an ETS model, with R's letters.
public enum ETSTrendType: String, Sendable, Hashable, CaseIterable {
    /// No trend (`N`).
    case none = "N"
    /// Additive trend `ℓ + h·b` (`A`).
    case additive = "A"
    /// Additive damped trend `ℓ + (φ + … + φʰ)·b`, 0.8 ≤ φ ≤ 0.98 by default (`Ad`).
    case additiveDamped = "Ad"
    /// Multiplicative trend `ℓ·bʰ` (`M`).
    case multiplicative = "M"
    /// Multiplicative damped trend `ℓ·b^(φ + … + φʰ)` (`Md`).
    case multiplicativeDamped = "Md"

    /// Whether the trend is damped by φ.
    public var isDamped: Bool { self == .additiveDamped || self == .multiplicativeDamped }

    /// The kernel's code for the trend shape: 0 none, 1 additive, 2 multiplicative (as R's C code).
    var code: Int {
        switch self {
        case .none: return 0
        case .additive, .additiveDamped: return 1
        case .multiplicative, .multiplicativeDamped: return 2
        }
    }
}

/// The seasonal component of an ETS model, with R's letters.
public enum ETSSeasonType: String, Sendable, Hashable, CaseIterable {
    /// No season (`N`).
    case none = "N"
    /// Additive season `μ + s` (`A`).
    case additive = "A"
    /// Multiplicative season `μ·s` (`M`); needs strictly positive data.
    case multiplicative = "M"

    /// The kernel's code: 0 none, 1 additive, 2 multiplicative (as R's C code).
    var code: Int {
        switch self {
        case .none: return 0
        case .additive: return 1
        case .multiplicative: return 2
        }
    }
}

/// An ETS(error, trend, season) model form in the taxonomy of Hyndman et al. (2008), named with
/// R's letters: `ETSSpecification(parsing: "MAdM")` is ETS(M,Ad,M).
///
/// Of the 30 forms, R's `ets(restrict = TRUE)` refuses 11 as numerically unstable: additive error
/// with a multiplicative trend or season, and multiplicative error with a multiplicative trend and
/// an additive season. ``validate(seasonLength:)`` applies those rules and the season-length rules.
public struct ETSSpecification: Sendable, Hashable, CustomStringConvertible {
    /// The error type.
    public var error: ETSErrorType
    /// The trend type (damped or not).
    public var trend: ETSTrendType
    /// The season type.
    public var season: ETSSeasonType

    /// A specification from its components.
    ///
    /// - Parameters:
    ///   - error: additive or multiplicative error.
    ///   - trend: none, additive, additive damped, multiplicative or multiplicative damped.
    ///   - season: none, additive or multiplicative.
    public init(error: ETSErrorType, trend: ETSTrendType, season: ETSSeasonType) {
        self.error = error
        self.trend = trend
        self.season = season
    }

    /// Parses R's letter code: `ANN`, `AAdN`, `MAdM`, `MMdN`; also the printed form `ETS(M,Ad,M)`.
    ///
    /// - Parameter text: three letters (error, trend, season) with an optional `d` after the trend
    ///   letter; case-sensitive as in R.
    /// - Throws: `ForecastingError.invalidSpecification` naming the text when it is not such a code.
    ///   (Whether the form is *allowed* is checked by ``validate(seasonLength:)``.)
    public init(parsing text: String) throws(ForecastingError) {
        var code = text.filter { !$0.isWhitespace }
        if code.hasPrefix("ETS(") && code.hasSuffix(")") {
            code = String(code.dropFirst(4).dropLast()).replacingOccurrences(of: ",", with: "")
        }
        let letters = Array(code)
        let malformed = ForecastingError.invalidSpecification(
            "'\(text)' is not an ETS specification; write error, trend and season letters such as ANN, AAdN or MAdM")
        guard letters.count == 3 || letters.count == 4,
            let error = ETSErrorType(rawValue: String(letters[0])),
            let season = ETSSeasonType(rawValue: String(letters[letters.count - 1])),
            let trend = ETSTrendType(rawValue: String(letters[1..<(letters.count - 1)]))
        else { throw malformed }
        self.init(error: error, trend: trend, season: season)
    }

    /// R's compact code, e.g. `MAdM`.
    public var code: String { error.rawValue + trend.rawValue + season.rawValue }

    /// R's printed name, e.g. `ETS(M,Ad,M)`.
    public var name: String { "ETS(\(error.rawValue),\(trend.rawValue),\(season.rawValue))" }

    /// The printed name, `ETS(M,Ad,M)`.
    public var description: String { name }

    /// All 30 error × trend × season forms, allowed or not.
    public static var allCombinations: [ETSSpecification] {
        ETSErrorType.allCases.flatMap { e in
            ETSTrendType.allCases.flatMap { t in
                ETSSeasonType.allCases.map { s in ETSSpecification(error: e, trend: t, season: s) }
            }
        }
    }

    /// Whether R's `restrict = TRUE` refuses this form, independent of the data.
    public var isRestricted: Bool { restrictionReason != nil }

    var restrictionReason: String? {
        let multiplicativeTrend = trend.code == 2
        if error == .additive && multiplicativeTrend {
            return "\(name) is not allowed: additive errors with a multiplicative trend are numerically unstable "
                + "(R's ets refuses it); use multiplicative errors"
        }
        if error == .additive && season == .multiplicative {
            return "\(name) is not allowed: additive errors with a multiplicative season are numerically unstable "
                + "(R's ets refuses it); use multiplicative errors"
        }
        if error == .multiplicative && multiplicativeTrend && season == .additive {
            return "\(name) is not allowed: a multiplicative trend with an additive season is numerically unstable "
                + "(R's ets refuses it); use a multiplicative season or an additive trend"
        }
        return nil
    }

    /// Checks R's restrictions on the form and on the season length.
    ///
    /// - Parameter seasonLength: observations per seasonal cycle (1 for none).
    /// - Throws: `ForecastingError.invalidSpecification` when the form is one of R's forbidden
    ///   combinations, when a seasonal form is asked of non-seasonal data (`seasonLength` ≤ 1), or
    ///   when the season is longer than 24 (R's limit for ETS seasons).
    public func validate(seasonLength: Int) throws(ForecastingError) {
        if let reason = restrictionReason { throw .invalidSpecification(reason) }
        if season != .none && seasonLength <= 1 {
            throw .invalidSpecification(
                "\(name) has a season but the season length is \(seasonLength); use a non-seasonal form (…N) "
                    + "or set a season length of 2 to 24")
        }
        if season != .none && seasonLength > 24 {
            throw .invalidSpecification(
                "\(name) has a season of length \(seasonLength), but ETS seasons are limited to 24 (as R's ets); "
                    + "use a non-seasonal form or STL + ETS for long seasons")
        }
    }

    /// The number of quantities R's `ets` counts before fitting (`2 + 2·trend + m·season + damped`);
    /// R fits the model only when the series is longer than this plus 4.
    func roughParameterCount(seasonLength: Int) -> Int {
        2 + (trend == .none ? 0 : 2) + (season == .none ? 0 : seasonLength) + (trend.isDamped ? 1 : 0)
    }
}

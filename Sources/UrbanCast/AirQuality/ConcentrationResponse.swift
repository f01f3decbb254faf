import Foundation

/// A concentration–response function: the relative risk of one health outcome per increment of
/// exposure to one pollutant, for one averaging time and age range, from one source.
///
/// Deaths are computed only for a pollutant that has one. A plan in another unit than the
/// function's is converted to it first (gases between ppb and µg/m³ at 25 °C and 1013.25 hPa,
/// ``ReferenceConditions/usEPA``, the conditions of the WHO 2021 guidelines); particulate matter
/// has no mixing ratio, so a PM2.5 plan in ppb is refused. The functions are those of
/// `Models/air-quality/concentration-response.csv` (``all``), whose README names each source.
///
/// ```swift
/// let no2 = ConcentrationResponse.function(for: .no2)       // Huangfu & Atkinson 2020
/// no2?.relativeRisk.central                                  // 1.02 per 10 µg/m³
/// ConcentrationResponse.function(id: "orellano-2020-pm25-short-term")?.averaging   // .shortTerm
/// ```
public struct ConcentrationResponse: Sendable, Equatable {
    /// Whether the relative risk is for long-term (cohort) or short-term (time-series) exposure.
    public enum Averaging: String, Sendable, Equatable {
        /// Years of exposure, from cohort studies: applied to annual (or peak-season) means.
        case longTerm = "long-term"
        /// Day-to-day exposure, from time-series studies: applied to the annual mean of daily
        /// means, which for a log-linear function is the usual approximation of the sum over days.
        case shortTerm = "short-term"
    }

    /// The function's identifier, as a plan's `health.function` names it.
    public let id: String
    /// The pollutant the relative risk was estimated for.
    public let pollutant: Pollutant
    /// Long-term or short-term exposure.
    public let averaging: Averaging
    /// The exposure metric, e.g. `annual mean`.
    public let exposure: String
    /// The WHO 2021 statistic whose guideline level (AQG) is the default counterfactual.
    public let guidelineStatistic: WHOGuidelines.Statistic
    /// The unit of ``increment``; a plan's concentrations are converted to it.
    public let unit: ConcentrationUnit
    /// The exposure increment the relative risk is per, in ``unit`` (10 for "per 10 µg/m³").
    public let increment: Double
    /// The published relative risk per ``increment``: central and its 95 % interval.
    public let relativeRisk: (central: Double, lower: Double, upper: Double)
    /// The outcome counted, e.g. `natural-cause mortality`; a plan's baseline rates must be of it.
    public let outcome: String
    /// Who the outcome is counted in, as printed, e.g. `adults 30+`.
    public let ages: String
    /// The youngest age the function applies to, in whole years.
    public let minimumAge: Int
    /// The oldest age it applies to (inclusive), `nil` for no upper limit.
    public let maximumAge: Int?
    /// The source, short, as printed after the relative risk.
    public let source: String

    /// Creates a function.
    ///
    /// - Parameters:
    ///   - id: The identifier a plan names it by.
    ///   - pollutant: The pollutant.
    ///   - averaging: Long-term or short-term exposure.
    ///   - exposure: The exposure metric, as printed.
    ///   - guidelineStatistic: The WHO statistic of the default counterfactual.
    ///   - unit: The unit of the increment.
    ///   - increment: The increment the relative risk is per, > 0.
    ///   - relativeRisk: RR per increment with its 95 % interval.
    ///   - outcome: The outcome counted.
    ///   - ages: Who it is counted in, as printed.
    ///   - minimumAge: The youngest age, ≥ 0.
    ///   - maximumAge: The oldest age, or `nil`.
    ///   - source: The source, short.
    public init(id: String, pollutant: Pollutant, averaging: Averaging, exposure: String,
                guidelineStatistic: WHOGuidelines.Statistic, unit: ConcentrationUnit, increment: Double,
                relativeRisk: (central: Double, lower: Double, upper: Double), outcome: String, ages: String,
                minimumAge: Int, maximumAge: Int? = nil, source: String) {
        self.id = id
        self.pollutant = pollutant
        self.averaging = averaging
        self.exposure = exposure
        self.guidelineStatistic = guidelineStatistic
        self.unit = unit
        self.increment = increment
        self.relativeRisk = relativeRisk
        self.outcome = outcome
        self.ages = ages
        self.minimumAge = minimumAge
        self.maximumAge = maximumAge
        self.source = source
    }

    /// Long-term PM2.5 and natural-cause mortality in adults 30+: RR 1.08 (95 % CI 1.06–1.09) per
    /// 10 µg/m³ of the annual mean, from Chen & Hoek (2020), *Environment International* 143,
    /// 105974, the systematic review behind the WHO 2021 guideline. Its outcome is death from
    /// natural causes (all causes less external ones such as accidents), not all-cause mortality.
    public static let chenHoek2020 = ConcentrationResponse(
        id: "chen-hoek-2020-pm25", pollutant: .pm25, averaging: .longTerm, exposure: "annual mean",
        guidelineStatistic: .annualMean, unit: .microgramsPerCubicMetre, increment: 10, relativeRisk: (1.08, 1.06, 1.09),
        outcome: "natural-cause mortality", ages: "adults 30+", minimumAge: 30, source: "Chen & Hoek 2020")

    /// Long-term NO2 and natural-cause mortality in adults 30+: RR 1.02 (1.01–1.04) per 10 µg/m³
    /// of the annual mean, from Huangfu & Atkinson (2020), *Environment International* 144,
    /// 105998, the review behind the WHO 2021 NO2 guideline.
    public static let huangfuAtkinson2020NO2 = ConcentrationResponse(
        id: "huangfu-atkinson-2020-no2", pollutant: .no2, averaging: .longTerm, exposure: "annual mean",
        guidelineStatistic: .annualMean, unit: .microgramsPerCubicMetre, increment: 10, relativeRisk: (1.02, 1.01, 1.04),
        outcome: "natural-cause mortality", ages: "adults 30+", minimumAge: 30, source: "Huangfu & Atkinson 2020")

    /// Long-term O3 and respiratory mortality in adults 30+: RR 1.06 (1.02–1.10) per 10 µg/m³ of
    /// the peak-season mean of the daily maximum 8-hour mean, from Huangfu & Atkinson (2020), the
    /// review behind the WHO 2021 peak-season guideline (60 µg/m³).
    public static let huangfuAtkinson2020O3 = ConcentrationResponse(
        id: "huangfu-atkinson-2020-o3", pollutant: .o3, averaging: .longTerm,
        exposure: "peak-season mean of the daily maximum 8-hour mean", guidelineStatistic: .peakSeasonMean,
        unit: .microgramsPerCubicMetre, increment: 10, relativeRisk: (1.06, 1.02, 1.10),
        outcome: "respiratory mortality", ages: "adults 30+", minimumAge: 30, source: "Huangfu & Atkinson 2020")

    /// Short-term PM2.5 and all-cause mortality at all ages: RR 1.0065 (1.0044–1.0086) per
    /// 10 µg/m³ of the 24-hour mean, from Orellano et al. (2020), *Environment International*
    /// 142, 105876, applied to the annual mean of daily means.
    public static let orellano2020PM25 = ConcentrationResponse(
        id: "orellano-2020-pm25-short-term", pollutant: .pm25, averaging: .shortTerm, exposure: "24-hour mean",
        guidelineStatistic: .annualMean, unit: .microgramsPerCubicMetre, increment: 10, relativeRisk: (1.0065, 1.0044, 1.0086),
        outcome: "all-cause mortality", ages: "all ages", minimumAge: 0, source: "Orellano et al. 2020")

    /// Every function there is, as in `Models/air-quality/concentration-response.csv`; the
    /// first of a pollutant is its default (``function(for:)``).
    public static let all = [chenHoek2020, huangfuAtkinson2020NO2, huangfuAtkinson2020O3, orellano2020PM25]

    /// The default function for `pollutant`, its first long-term function; `nil` when there is
    /// none (PM10, SO2, CO, NH3, Pb).
    ///
    /// - Parameter pollutant: The plan's pollutant.
    /// - Complexity: O(functions).
    public static func function(for pollutant: Pollutant) -> ConcentrationResponse? {
        all.first { $0.pollutant == pollutant && $0.averaging == .longTerm } ?? all.first { $0.pollutant == pollutant }
    }

    /// The function with identifier `id`, or `nil`.
    ///
    /// - Parameter id: The identifier, e.g. `huangfu-atkinson-2020-no2`.
    /// - Complexity: O(functions).
    public static func function(id: String) -> ConcentrationResponse? {
        all.first { $0.id == id }
    }

    /// Whether `age` (whole years) is in the function's age range.
    func covers(_ age: Int) -> Bool { age >= minimumAge && maximumAge.map { age <= $0 } ?? true }

    /// Equality of all stored fields.
    public static func == (lhs: ConcentrationResponse, rhs: ConcentrationResponse) -> Bool {
        lhs.id == rhs.id && lhs.pollutant == rhs.pollutant && lhs.averaging == rhs.averaging && lhs.exposure == rhs.exposure
            && lhs.guidelineStatistic == rhs.guidelineStatistic && lhs.unit == rhs.unit && lhs.increment == rhs.increment
            && lhs.relativeRisk == rhs.relativeRisk && lhs.outcome == rhs.outcome && lhs.ages == rhs.ages
            && lhs.minimumAge == rhs.minimumAge && lhs.maximumAge == rhs.maximumAge && lhs.source == rhs.source
    }

    /// Why `pollutant` has no function, for messages: names the pollutants that have one.
    static func missing(_ pollutant: Pollutant) -> String {
        var seen: [Pollutant] = []
        for function in all where !seen.contains(function.pollutant) { seen.append(function.pollutant) }
        let known = seen.compactMap { Self.function(for: $0) }.map {
            "\($0.averaging.rawValue) \($0.pollutant.name) (\($0.outcome) in \($0.ages), \($0.source))"
        }
        return "no concentration–response function for \(pollutant.name); deaths are computed only for "
            + known.joined(separator: ", ") + ", and a relative risk for one pollutant does not apply to another"
    }

    /// Why a plan in `unit` cannot use this function, for messages.
    func unitMismatch(_ unit: ConcentrationUnit) -> String {
        "the relative risk of \(pollutant.name) is per \(increment.asWritten) \(self.unit.symbol), but the plan is in "
            + "\(unit.symbol); write the plan's concentrations in \(self.unit.symbol)"
            + (pollutant.molarMass == nil ? " (particulate matter is measured by mass)" : "")
    }
}

extension Double {
    /// `10` for 10.0, `2.5` for 2.5: an increment as written.
    var asWritten: String { self == rounded() && abs(self) < 1e15 ? String(Int64(self)) : String(self) }
}

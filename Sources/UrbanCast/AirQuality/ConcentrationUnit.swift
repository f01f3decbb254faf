import Foundation

/// A unit of air-pollutant concentration: mass per volume (µg/m³, mg/m³) or mixing ratio (ppb, ppm).
///
/// Mass and mixing ratio convert through the molar volume of an ideal gas at stated reference
/// conditions (``ReferenceConditions``):
///
/// c[µg/m³] = x[ppb] × M / V_m,  V_m = R·T / P  (L/mol),
///
/// with M the molar mass in g/mol, R = 8.314462618 J/(mol·K), T in kelvin and P in pascal.
/// At 25 °C and 1013.25 hPa, V_m = 24.4654 L/mol, so 1 ppb of NO2 is 1.8804 µg/m³.
///
/// ```swift
/// let conditions = ReferenceConditions.usEPA                 // 25 °C, 1013.25 hPa
/// try ConcentrationUnit.ppb.convert(40, to: .microgramsPerCubicMetre, pollutant: .no2,
///                                   at: conditions)           // 75.22
/// ```
public enum ConcentrationUnit: String, CaseIterable, Sendable, Hashable {
    /// Micrograms per cubic metre.
    case microgramsPerCubicMetre = "µg/m³"
    /// Milligrams per cubic metre.
    case milligramsPerCubicMetre = "mg/m³"
    /// Parts per billion by volume (nmol/mol).
    case ppb
    /// Parts per million by volume (µmol/mol).
    case ppm

    /// The unit named `text`, or `nil` if it is none of the four.
    ///
    /// Accepts the micro sign (U+00B5) and the Greek mu (U+03BC), `u` for micro, `3` or `³`, and
    /// any letter case of ppb/ppm: `µg/m³`, `μg/m3`, `ug/m3`, `mg/m3`, `ppb`, `PPM`.
    ///
    /// - Parameter text: The unit as written in a file or on the command line.
    /// - Complexity: O(*n*) in the length of `text`.
    public init?(parsing text: some StringProtocol) {
        let folded = String(text).trimmingSpaces().lowercased()
            .replacingOccurrences(of: "μ", with: "u").replacingOccurrences(of: "µ", with: "u")
            .replacingOccurrences(of: "³", with: "3").replacingOccurrences(of: " ", with: "")
        switch folded {
        case "ug/m3", "ugm-3", "ug m-3": self = .microgramsPerCubicMetre
        case "mg/m3", "mgm-3": self = .milligramsPerCubicMetre
        case "ppb", "nmol/mol": self = .ppb
        case "ppm", "umol/mol": self = .ppm
        default: return nil
        }
    }

    /// The unit as printed: `µg/m³`, `mg/m³`, `ppb`, `ppm`.
    public var symbol: String { rawValue }

    /// The accepted unit names, for messages.
    public static let acceptedNames = "µg/m³ (also ug/m3), mg/m³, ppb, ppm"

    /// Whether the unit is a mixing ratio (ppb, ppm) rather than a mass concentration.
    public var isMixingRatio: Bool { self == .ppb || self == .ppm }

    /// The factor to µg/m³ for mass units, or to ppb for mixing ratios.
    private var scaleToBase: Double {
        switch self {
        case .microgramsPerCubicMetre, .ppb: 1
        case .milligramsPerCubicMetre, .ppm: 1000
        }
    }

    /// The factor f with value[target] = f × value[self] for `pollutant` at `conditions`.
    ///
    /// - Parameters:
    ///   - target: The unit to convert to.
    ///   - pollutant: The pollutant; its molar mass is needed between mass and mixing ratio.
    ///   - conditions: The temperature and pressure of the conversion.
    /// - Returns: The multiplicative factor (1 when the units are the same).
    /// - Throws: ``AirQualityError/unconvertibleUnit(pollutant:from:to:)`` between a mass unit and
    ///   a mixing ratio for particulate matter, which has no molar mass.
    /// - Complexity: O(1).
    public func factor(to target: ConcentrationUnit, pollutant: Pollutant, at conditions: ReferenceConditions)
        throws(AirQualityError) -> Double
    {
        var factor = scaleToBase / target.scaleToBase
        if isMixingRatio != target.isMixingRatio {
            guard let molarMass = pollutant.molarMass else {
                throw .unconvertibleUnit(pollutant: pollutant, from: self, to: target)
            }
            let massPerPPB = molarMass / conditions.molarVolumeLitres
            factor *= isMixingRatio ? massPerPPB : 1 / massPerPPB
        }
        return factor
    }

    /// Converts a concentration of `pollutant` from this unit to `target` (see ``factor(to:pollutant:at:)``).
    ///
    /// - Parameters:
    ///   - value: The concentration in this unit; `NaN` stays `NaN`.
    ///   - target: The unit to convert to.
    ///   - pollutant: The pollutant.
    ///   - conditions: The temperature and pressure of the conversion.
    /// - Returns: The concentration in `target`.
    /// - Throws: ``AirQualityError/unconvertibleUnit(pollutant:from:to:)`` for particulate matter
    ///   between mass and mixing ratio.
    /// - Complexity: O(1).
    public func convert(
        _ value: Double, to target: ConcentrationUnit, pollutant: Pollutant, at conditions: ReferenceConditions
    ) throws(AirQualityError) -> Double {
        value * (try factor(to: target, pollutant: pollutant, at: conditions))
    }
}

/// The temperature and pressure at which mixing ratios and mass concentrations are converted.
///
/// Standards state their own: the US EPA and the WHO 2021 guidelines use 25 °C and 1013.25 hPa
/// (``usEPA``); the EU air quality directive uses 20 °C and 1013.25 hPa for gases (``europeanUnion``).
public struct ReferenceConditions: Sendable, Hashable {
    /// The temperature in degrees Celsius, above absolute zero.
    public let temperatureCelsius: Double
    /// The pressure in hectopascal, positive.
    public let pressureHectopascal: Double

    /// Conditions at `temperatureCelsius` and `pressureHectopascal`.
    ///
    /// - Parameters:
    ///   - temperatureCelsius: The temperature, °C, greater than −273.15.
    ///   - pressureHectopascal: The pressure, hPa, greater than 0.
    /// - Throws: ``AirQualityError/invalidReferenceConditions(temperatureCelsius:pressureHectopascal:)``
    ///   for a temperature at or below absolute zero, a pressure ≤ 0 or a non-finite value.
    public init(temperatureCelsius: Double, pressureHectopascal: Double) throws(AirQualityError) {
        guard temperatureCelsius.isFinite, temperatureCelsius > -273.15,
            pressureHectopascal.isFinite, pressureHectopascal > 0
        else {
            throw .invalidReferenceConditions(
                temperatureCelsius: temperatureCelsius, pressureHectopascal: pressureHectopascal)
        }
        self.temperatureCelsius = temperatureCelsius
        self.pressureHectopascal = pressureHectopascal
    }

    /// Conditions known to be valid (the constants below and the compiled-in standards).
    init(validTemperature: Double, pressure: Double) {
        temperatureCelsius = validTemperature
        pressureHectopascal = pressure
    }

    /// 25 °C and 1013.25 hPa: US EPA and WHO 2021 (V_m = 24.4654 L/mol).
    public static let usEPA = ReferenceConditions(validTemperature: 25, pressure: 1013.25)

    /// 20 °C and 1013.25 hPa: EU Directive 2008/50/EC for gases (V_m = 24.0551 L/mol).
    public static let europeanUnion = ReferenceConditions(validTemperature: 20, pressure: 1013.25)

    /// The molar gas constant, J/(mol·K) (CODATA 2018, exact).
    public static let gasConstant = 8.314462618

    /// The molar volume of an ideal gas, V_m = R·T/P, in litres per mole.
    public var molarVolumeLitres: Double {
        Self.gasConstant * (temperatureCelsius + 273.15) / (pressureHectopascal * 100) * 1000
    }
}

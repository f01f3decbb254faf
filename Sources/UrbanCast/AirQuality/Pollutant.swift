/// An air pollutant that the air-quality standards and indices cover.
///
/// Names are those of the WHO 2021 guidelines and of monitoring networks: `PM2.5`, `PM10`, `NO2`,
/// `SO2`, `O3`, `CO`, and the two more that India's National Air Quality Index covers, `NH3`
/// (ammonia) and `Pb` (lead in particulate matter). Parsing ignores letter case, spaces, dots and underscores, so `pm25`,
/// `PM 2.5` and `pm2_5` all name PM2.5.
///
/// ```swift
/// Pollutant(name: "pm25")            // .pm25
/// Pollutant.no2.name                 // "NO2"
/// Pollutant.no2.molarMass            // 46.0055 (g/mol)
/// ```
public enum Pollutant: String, CaseIterable, Sendable, Hashable, Comparable {
    /// Fine particulate matter, aerodynamic diameter ≤ 2.5 µm.
    case pm25 = "PM2.5"
    /// Particulate matter, aerodynamic diameter ≤ 10 µm.
    case pm10 = "PM10"
    /// Nitrogen dioxide.
    case no2 = "NO2"
    /// Sulphur dioxide.
    case so2 = "SO2"
    /// Ozone.
    case o3 = "O3"
    /// Carbon monoxide.
    case co = "CO"
    /// Ammonia (India NAQI).
    case nh3 = "NH3"
    /// Lead in particulate matter (India NAQI), a mass concentration only.
    case pb = "Pb"

    /// The pollutant named `name`, or `nil` for a name that is not one of the eight.
    ///
    /// - Parameter name: A pollutant name in any letter case, with or without spaces, dots,
    ///   underscores and hyphens (`PM2.5`, `pm25`, `PM 2.5`, `no2`).
    /// - Complexity: O(*n*) in the length of `name`.
    public init?(name: some StringProtocol) {
        let folded = String(name.lowercased().filter { !" ._-".contains($0) })
        guard let match = Self.allCases.first(where: { $0.foldedName == folded }) else { return nil }
        self = match
    }

    /// The name as written in standards and output: `PM2.5`, `PM10`, `NO2`, `SO2`, `O3`, `CO`,
    /// `NH3`, `Pb`.
    public var name: String { rawValue }

    /// The accepted names, for messages and help texts.
    public static let acceptedNames = allCases.map(\.name).joined(separator: ", ")

    /// The molar mass in g/mol (IUPAC 2021 standard atomic weights) of the gases, used to convert
    /// between mixing ratios (ppb) and mass concentrations (µg/m³); `nil` for particulate matter
    /// and the lead in it, which have no molar mass.
    public var molarMass: Double? {
        switch self {
        case .pm25, .pm10, .pb: nil
        case .no2: 46.0055
        case .so2: 64.066
        case .o3: 47.9982
        case .co: 28.0101
        case .nh3: 17.031
        }
    }

    /// Orders pollutants as the WHO guidelines list them: PM2.5, PM10, NO2, SO2, O3, CO, then NH3
    /// and Pb.
    public static func < (lhs: Pollutant, rhs: Pollutant) -> Bool {
        lhs.rank < rhs.rank
    }

    private var rank: Int {
        switch self {
        case .pm25: 0
        case .pm10: 1
        case .no2: 2
        case .so2: 3
        case .o3: 4
        case .co: 5
        case .nh3: 6
        case .pb: 7
        }
    }

    private var foldedName: String { name.lowercased().filter { $0 != "." } }
}

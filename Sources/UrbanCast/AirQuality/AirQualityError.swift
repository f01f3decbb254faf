/// Why an air-quality analysis could not be run: the typed error of the `AirQuality` area.
///
/// Each message says what to change. Problems located in a file are ``data(_:)`` with
/// `FILE:LINE:COLUMN` diagnostics.
public enum AirQualityError: Error, Equatable, Sendable {
    /// Problems in an input file, each located at its cell.
    case data(DataError)
    /// A pollutant name that is not one of the ``Pollutant`` cases.
    case unknownPollutant(String)
    /// A unit name that is not one of the ``ConcentrationUnit`` cases.
    case unknownUnit(String)
    /// A conversion between mass concentration and mixing ratio for particulate matter.
    case unconvertibleUnit(pollutant: Pollutant, from: ConcentrationUnit, to: ConcentrationUnit)
    /// Reference conditions at or below absolute zero, at a non-positive pressure, or not finite.
    case invalidReferenceConditions(temperatureCelsius: Double, pressureHectopascal: Double)
    /// A data-capture rule, weight or flag setting outside its range; the message names it.
    case invalidSetting(String)
    /// A series whose time step the analysis cannot use (for example weekly data).
    case unsupportedFrequency(series: String, frequency: String, supported: String)
    /// Station weights that do not cover a station, or weights that are negative or all zero.
    case invalidWeights(String)
    /// A standard or index file that is inconsistent (overlapping or unordered breakpoints, an
    /// unknown level); the message names the file, line and problem.
    case invalidStandard(String)
    /// The analysis selected nothing (no series for the requested pollutants).
    case noData(String)
    /// A record too short for STL deseasonalisation (which needs more than 24 months from the
    /// first to the last valid month); analyse it with ``TrendAnalysis/Deseasonalization/none``.
    case recordTooShortToDeseasonalize(series: String, months: Int)
    /// A column the analysis needs (the pollutant, a meteorological variable, the date) is not in
    /// the file.
    case missingColumn(String, available: [String])
    /// Problems in a YAML or JSON specification, each named by its key path.
    case spec([SpecDiagnostic])
    /// A problem with one series of an in-memory panel: its key, and what is wrong
    /// (``missingColumn(_:available:)`` for a key without `pollutant`, ``unknownPollutant(_:)``,
    /// ``unknownUnit(_:)``).
    indirect case series(SeriesKey, AirQualityError)
}

extension AirQualityError: CustomStringConvertible {
    /// A sentence, or one `FILE:LINE:COLUMN: message` line per problem for ``data(_:)``.
    public var description: String {
        switch self {
        case .data(let error):
            error.description
        case .unknownPollutant(let name):
            "unknown pollutant '\(name)'; the known pollutants are \(Pollutant.acceptedNames)"
        case .unknownUnit(let name):
            "unknown concentration unit '\(name)'; write one of \(ConcentrationUnit.acceptedNames)"
        case .unconvertibleUnit(let pollutant, let from, let to):
            "cannot convert \(pollutant.name) from \(from.symbol) to \(to.symbol): particulate matter has no molar mass, so it is measured by mass only"
        case .invalidReferenceConditions(let temperature, let pressure):
            "reference conditions \(temperature) °C and \(pressure) hPa are not physical; give a temperature above −273.15 °C and a pressure above 0 hPa"
        case .invalidSetting(let message), .invalidWeights(let message), .invalidStandard(let message),
            .noData(let message):
            message
        case .recordTooShortToDeseasonalize(let series, let months):
            "\(series): STL deseasonalisation needs more than 24 months from the first to the last valid month, "
                + "the record has \(months); analyse it without deseasonalisation"
        case .series(let key, .missingColumn(let name, let available)):
            "series \(key.isEmpty ? "without a key" : key.description): the key has no '\(name)' column; "
                + "it has \(available.isEmpty ? "none" : InputLimits.list(available)); key each series by pollutant"
        case .series(let key, let problem):
            "series \(key.isEmpty ? "without a key" : key.description): \(problem.description)"
        case .spec(let diagnostics):
            diagnostics.map(\.description).joined(separator: "\n")
        case .missingColumn(let name, let available):
            "missing column '\(name)'; the file has: \(InputLimits.list(available))"
        case .unsupportedFrequency(let series, let frequency, let supported):
            "\(series) is \(frequency); air-quality statistics need \(supported) data"
        }
    }
}

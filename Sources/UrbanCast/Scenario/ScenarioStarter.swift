import Foundation

/// A commented starter scenario specification written from a city's own data: one driver (e.g.
/// population) growing at its recent rate, one indicator as driver × intensity with an automatic
/// ETS model of the intensity, business as usual and an example efficiency scenario to edit.
///
/// The text is what `urbancast scenario init` writes. Its comments show the history it found
/// (years, recent growth) and the base-year intensity in readable units, e.g. `7.8e-05 GWh per
/// person` is also given as `78 GWh per million persons`.
///
/// ```swift
/// let source = ScenarioSpecification.HistorySource(path: "hanoi.csv", format: .wide, dateColumn: "year")
/// let starter = try ScenarioStarter(history: source, driver: "population", indicator: "electricity")
/// print(starter.text)   // YAML that `ScenarioSpecification(text:file:folder:)` reads
/// ```
public struct ScenarioStarter: Sendable {
    /// The specification's YAML text, with comments.
    public let text: String
    /// The last year in which both series are observed.
    public let baseYear: Int
    /// The last projected year.
    public let horizon: Int
    /// The driver's mean yearly growth over the recent years, in percent.
    public let driverGrowthPercent: Double
    /// The indicator divided by the driver in the base year, in indicator units per driver unit.
    public let baseIntensity: Double

    /// Write a starter specification for two series of a history file.
    ///
    /// The driver's growth is the compound mean over the last (up to) 10 years,
    /// `g = (d_T / d_{T−k})^{1/k} − 1`, with the standard deviation of the yearly growth rates
    /// over those years as its uncertainty (0.5 points when fewer than 3 years are observed).
    /// The hindcast holds out 8 years when at least 24 years are observed, fewer otherwise.
    ///
    /// - Parameters:
    ///   - history: The file, its layout and filters, as a specification's `history:` entry; its
    ///     `path` is written into the text as given.
    ///   - driver: The driver's series name (a key value of a long file or a wide file's column).
    ///   - indicator: The indicator's series name.
    ///   - city: The city's name; by default a key value the two series share, else `My city`.
    ///   - horizon: The last projected year; by default 2050, or 25 years after a base year after 2040.
    /// - Throws: ``ScenarioError/data(_:)`` when the file cannot be read, ``ScenarioError/spec(_:)``
    ///   naming `driver` or `indicator` when a series is missing, not yearly, or the two have fewer
    ///   than 4 common observed years or non-positive driver values there.
    /// - Complexity: O(size of the file).
    public init(history: ScenarioSpecification.HistorySource, driver: String, indicator: String,
                city: String? = nil, horizon: Int? = nil) throws(ScenarioError) {
        let file = ScenarioHistory.starterFile
        let source = try ScenarioHistory([history])
        let (driverSeries, driverUnit) = try source.series(driver, specFile: file, path: "driver")
        let (indicatorSeries, indicatorUnit) = try source.series(indicator, specFile: file, path: "indicator")
        func fail(_ path: String, _ message: String) -> ScenarioError {
            .spec([SpecDiagnostic(file: file, path: path, message: message)])
        }
        let first = max(driverSeries.firstYear, indicatorSeries.firstYear)
        let last = min(driverSeries.lastYear, indicatorSeries.lastYear)
        let common = first <= last ? (first...last).filter {
            driverSeries.value(in: $0) != nil && indicatorSeries.value(in: $0) != nil
        } : []
        guard let base = common.last, common.count >= 4 else {
            throw fail("indicator", "'\(driver)' and '\(indicator)' are both observed in \(common.count) years; "
                + "a scenario needs at least 4")
        }
        guard let baseDriver = driverSeries.value(in: base), baseDriver > 0,
              let baseValue = indicatorSeries.value(in: base) else {
            throw fail("driver", "'\(driver)' must be positive in the base year \(base) to divide '\(indicator)' by it")
        }
        baseYear = base
        self.horizon = horizon ?? (base < 2040 ? 2050 : base + 25)
        baseIntensity = baseValue / baseDriver

        let window = (max(driverSeries.firstYear, base - 10)...base).filter { driverSeries.value(in: $0) != nil }
        let growth = Self.growth(window.compactMap { year in driverSeries.value(in: year).map { (year, $0) } })
        driverGrowthPercent = growth.percent
        let observed = common.count
        let hindcast = observed >= 24 ? 8 : max(0, observed / 4)
        let name = city ?? Self.sharedKeyValue(source, driver: driver, indicator: indicator) ?? "My city"

        let change = -1.0
        // The example measure starts three years out, or at once when the horizon is nearer.
        let from = min(base + 3, self.horizon), to = min(base + 13, self.horizon)
        var lines: [String] = []
        // No command line here: the library writes the specification, the caller says what to run.
        lines.append("# Starter scenario written by UrbanCast from \(history.path).")
        lines.append("# Edit the assumptions marked EDIT; the keys are described in Models/scenarios/README.md")
        lines.append("# in the UrbanCast repository.")
        lines.append("city: \(Self.quoted(name))")
        lines.append("base_year: \(base)                 # the last year with both \(driver) and \(indicator)")
        lines.append("horizon: \(self.horizon)")
        lines.append("history:")
        lines.append("  - file: \(Self.quoted(history.path))")
        if history.format == .wide {
            lines.append("    format: wide")
            if let column = history.dateColumn { lines.append("    date_column: \(Self.quoted(column))") }
        }
        let dialect = history.dialect
        if let delimiter = dialect.delimiter {
            lines.append("    delimiter: \(delimiter == "\t" ? "tab" : Self.quoted(String(delimiter)))")
        }
        if dialect.decimalSeparator != "." { lines.append("    decimal: \(Self.quoted(String(dialect.decimalSeparator)))") }
        if let thousands = dialect.thousandsSeparator { lines.append("    thousands: \(Self.quoted(String(thousands)))") }
        if dialect.encoding != .utf8 { lines.append("    encoding: \(dialect.encoding.rawValue)") }
        if let sheet = dialect.sheet { lines.append("    sheet: \(Self.quoted(sheet))") }
        if !history.filters.isEmpty {
            let pairs = history.filters.map { "\(Self.quoted($0.column)): \(Self.quoted($0.value))" }.joined(separator: ", ")
            lines.append("    where: {\(pairs)}")
        }
        lines.append("hindcast: \(hindcast)                    # years held out to check the models against the history")
        lines.append("drivers:")
        lines.append("  \(Self.key(driver)):")
        lines.append("    series: \(Self.quoted(driver))")
        if let driverUnit { lines.append("    unit: \(Self.quoted(driverUnit))") }
        lines.append("    # History \(driverSeries.firstYear)–\(driverSeries.lastYear); over \(growth.years) years to \(base) it grew "
            + "\(Self.points(growth.percent))% a year on average (yearly rates spread \(Self.points(growth.sd)) points).")
        lines.append("    # EDIT: a projection of your own (e.g. the national statistics office's) is better than the trend.")
        lines.append("    growth: {percent: \(Self.points(growth.percent)), sd: \(Self.points(growth.sd))}")
        lines.append("indicators:")
        lines.append("  \(Self.key(indicator)):")
        lines.append("    series: \(Self.quoted(indicator))")
        if let indicatorUnit { lines.append("    unit: \(Self.quoted(indicatorUnit))") }
        lines.append("    model: intensity                # \(indicator) = \(driver) × intensity")
        lines.append("    population: \(Self.key(driver))")
        let unitText = Self.intensityText(baseIntensity, indicatorUnit: indicatorUnit ?? indicator, driverUnit: driverUnit ?? driver)
        lines.append("    # Intensity in \(base): \(unitText).")
        lines.append("    intensity: auto-ets             # EDIT: any model of the grammar, e.g. theta or arima(1,1,0)")
        lines.append("scenarios:")
        lines.append("  bau:")
        lines.append("    description: \(Self.quoted("intensity follows its own trend"))")
        lines.append("  efficiency:")
        lines.append("    description: \(Self.quoted("EDIT: an example: intensity falls a further 1% a year from \(from) to \(to)"))")
        lines.append("    measures:")
        lines.append("      - indicator: \(Self.key(indicator))")
        lines.append("        change: \(Self.number(change))")
        lines.append("        from: \(from)")
        lines.append("        to: \(to)")
        lines.append("# EDIT: targets give the probability of meeting them, year by year, e.g.")
        lines.append("# targets:")
        lines.append("#   - indicator: \(Self.key(indicator))")
        lines.append("#     year: \(self.horizon)")
        lines.append("#     at_most: \(Self.number(baseValue))         # today's level")
        text = lines.joined(separator: "\n") + "\n"
    }

    /// Compound mean growth over the observations (year, value) and the spread of the yearly rates.
    static func growth(_ points: [(year: Int, value: Double)]) -> (percent: Double, sd: Double, years: Int) {
        guard let first = points.first, let last = points.last, last.year > first.year, first.value > 0, last.value > 0 else {
            return (0, 0.5, 0)
        }
        let years = last.year - first.year
        let percent = (pow(last.value / first.value, 1 / Double(years)) - 1) * 100
        var rates: [Double] = []
        for (a, b) in zip(points, points.dropFirst()) where a.value > 0 && b.value > 0 {
            rates.append((pow(b.value / a.value, 1 / Double(b.year - a.year)) - 1) * 100)
        }
        guard rates.count >= 2 else { return (percent, 0.5, years) }
        let mean = rates.reduce(0, +) / Double(rates.count)
        let sd = (rates.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(rates.count - 1)).squareRoot()
        return (percent, sd, years)
    }

    /// `7.8e-05 GWh per person (78 GWh per million persons)`: the intensity, and when it is
    /// below 0.1 the same per 1,000, million or billion driver units, where it reads as a number
    /// of at least 1.
    static func intensityText(_ value: Double, indicatorUnit: String?, driverUnit: String?) -> String {
        let unit = indicatorUnit.map { " \($0)" } ?? ""
        let per = driverUnit ?? "unit"
        var text = "\(number(value))\(unit) per \(singular(per))"
        if value > 0, value < 0.1 {
            for (scale, name) in [(1e3, "1,000"), (1e6, "million"), (1e9, "billion")] where value * scale >= 1 {
                text += " (\(number(value * scale))\(unit) per \(name) \(per))"
                break
            }
        }
        return text
    }

    private static func singular(_ unit: String) -> String {
        switch unit {
        case "persons", "people": "person"
        case "households": "household"
        default: unit
        }
    }

    /// A key value the two series' keys share (a long file's city column), if any.
    private static func sharedKeyValue(_ source: ScenarioHistory, driver: String, indicator: String) -> String? {
        let keys = source.keys(of: [driver, indicator])
        guard keys.count == 2 else { return nil }
        return zip(keys[0].columns, keys[0].values).first { column, value in
            keys[1][column] == value && value != driver && value != indicator
        }?.1
    }

    /// A percentage or percentage points to two decimals, trailing zeros dropped (`1.5`, `-0.15`, `2`).
    static func points(_ value: Double) -> String {
        guard value.isFinite else { return "0" }
        let text = fixed(value, decimals: 2)
        return text == "-0" ? "0" : text
    }

    /// Four significant digits, without exponent where the number reads well without one.
    static func number(_ value: Double) -> String {
        guard value.isFinite, value != 0 else { return "0" }
        let magnitude = abs(value)
        guard magnitude >= 1e-3 && magnitude < 1e7 else { return String(format: "%.3e", value) }
        return fixed(value, decimals: max(0, 3 - Int(floor(log10(magnitude)))))
    }

    /// `value` with `decimals` decimals, trailing zeros and a bare point dropped.
    private static func fixed(_ value: Double, decimals: Int) -> String {
        var text = String(format: "%.\(decimals)f", value)
        if text.contains(".") {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        return text
    }

    /// A YAML mapping key: the name itself when it is a plain word, else quoted.
    private static func key(_ name: String) -> String { quoted(name) }

    /// The text as a YAML scalar: plain when safe, else double-quoted (a JSON string is a valid
    /// YAML double-quoted scalar, so JSON's escapes serve).
    static func quoted(_ text: String) -> String {
        let plain = text.range(of: #"^[A-Za-z_][A-Za-z0-9_ ./()-]*$"#, options: .regularExpression) != nil
            && !text.hasSuffix(" ") && !["true", "false", "yes", "no", "null", "on", "off"].contains(text.lowercased())
        return plain ? text : JSONValue.string(text).serialized(indent: nil)
    }
}

import Forecasting
import Foundation

extension ScenarioSpecification {
    /// The keys allowed at the top level of a specification.
    static let topLevelKeys = ["city", "description", "base_year", "horizon", "history", "hindcast", "drivers",
                               "indicators", "scenarios", "targets", "costs", "missing", "sectors",
                               "economics", "infrastructure", "emissions", "air_quality", "health"]

    /// Read a specification file (YAML, or JSON with the same structure).
    ///
    /// Paths inside the specification are resolved against the specification's folder.
    ///
    /// - Parameter path: The file.
    /// - Throws: ``ScenarioError/spec(_:)`` with every problem found, each naming its key path
    ///   (`scenarios.efficient.measures[1].from: 2019 is before base_year 2022`), or its line and
    ///   column for a syntax error, a byte that is not UTF-8, or nesting or aliases beyond the
    ///   reader's bounds; ``ScenarioError/data(_:)`` when the file cannot be read.
    /// - Complexity: O(size of the file).
    public init(contentsOf path: String) throws(ScenarioError) {
        let text: String
        do {
            text = try SpecNode.text(contentsOf: path)
        } catch {
            switch error {
            case .unreadable(let reason): throw .data("\(path): cannot read the file: \(reason)")
            case .notUTF8(let diagnostic): throw .spec([diagnostic])
            }
        }
        let folder = (path as NSString).deletingLastPathComponent
        try self.init(text: text, file: path, folder: folder)
    }

    /// Read a specification from text.
    ///
    /// - Parameters:
    ///   - text: YAML or JSON.
    ///   - file: The name used in messages (a `.json` suffix selects JSON whitespace rules).
    ///   - folder: The folder that relative file paths are resolved against.
    /// - Throws: ``ScenarioError/spec(_:)`` with every problem found.
    /// - Complexity: O(size of the text).
    public init(text: String, file: String, folder: String = ".") throws(ScenarioError) {
        let root = try SpecNode.parse(text, file: file)
        var reader = SpecReader(file: file)
        let parsed = Self.read(root, reader: &reader, folder: folder, requiresHistory: true)
        guard reader.diagnostics.isEmpty, let parsed else {
            throw .spec(reader.diagnostics.isEmpty
                ? [SpecDiagnostic(file: file, path: nil, message: "not a valid specification")] : reader.diagnostics)
        }
        self = parsed
    }

    // swiftlint:disable:next function_body_length
    /// Read a specification tree; `requiresHistory` is `false` for a specification built in Swift,
    /// whose history may be a panel in memory.
    static func read(_ root: SpecNode, reader: inout SpecReader, folder: String,
                     requiresHistory: Bool) -> ScenarioSpecification? {
        guard let top = reader.mapping(root, "", allowed: topLevelKeys) else { return nil }
        func required(_ key: String) -> SpecNode? {
            if let node = top[key] { return node }
            reader.fail(key, "is required")
            return nil
        }
        let city = required("city").flatMap { reader.string($0, "city") }
        let baseYear = required("base_year").flatMap { reader.year($0, "base_year") }
        var horizon = required("horizon").flatMap { reader.year($0, "horizon") }
        if let baseYear, let h = horizon {
            if h <= baseYear {
                reader.fail("horizon", "\(h) is not after base_year \(baseYear)")
                horizon = nil
            } else if h - baseYear > 200 {
                reader.fail("horizon", "\(h) is \(h - baseYear) years after base_year \(baseYear); at most 200 are allowed")
                horizon = nil
            }
        }
        var hindcast = 5
        if let node = top["hindcast"], let years = reader.integer(node, "hindcast") {
            if !(0...100).contains(years) { reader.fail("hindcast", "expected 0 to 100 years, got \(years)") } else { hindcast = years }
        }
        var history: [HistorySource] = []
        if let node = requiresHistory ? required("history") : top["history"] {
            let items: [SpecNode]
            if case .sequence(let list) = node.kind { items = list } else { items = [node] }
            let isList: Bool = { if case .sequence = node.kind { return true } else { return false } }()
            for (k, item) in items.enumerated() {
                let path = isList ? "history[\(k)]" : "history"
                if let source = readSource(item, path, reader: &reader, folder: folder) { history.append(source) }
            }
            if items.isEmpty { reader.fail("history", "needs at least one file") }
        }
        guard let baseYear, let horizon else {
            // Without the years nothing else can be checked meaningfully; report what we have.
            return nil
        }
        var context = Context(baseYear: baseYear, horizon: horizon, folder: folder)

        var drivers: [Driver] = []
        if let node = top["drivers"], let pairs = reader.mapping(node, "drivers") {
            context.declaredDrivers = pairs.map(\.0)
            for (name, value) in pairs {
                if let driver = readDriver(name, value, "drivers.\(name)", context, reader: &reader) { drivers.append(driver) }
            }
        }
        // Names are checked against every driver the file declares, also one whose own entry
        // failed to read: that failure is reported at its own key, and a reference to it is not
        // a second, misleading "unknown driver".
        let driverNames = context.declaredDrivers
        var indicators: [Indicator] = []
        var declaredIndicators: [String] = []
        if let node = required("indicators"), let pairs = reader.mapping(node, "indicators") {
            declaredIndicators = pairs.map(\.0)
            if pairs.isEmpty { reader.fail("indicators", "needs at least one indicator") }
            for (name, value) in pairs {
                if let indicator = readIndicator(name, value, "indicators.\(name)", driverNames, folder: folder,
                                                   reader: &reader) {
                    indicators.append(indicator)
                }
            }
        }
        let indicatorNames = indicators.map(\.name)
        var scenarios: [Scenario] = []
        if let node = top["scenarios"], let pairs = reader.mapping(node, "scenarios") {
            for (name, value) in pairs {
                let path = "scenarios.\(name)"
                guard let scenario = readScenario(name, value, path, context, indicatorNames, drivers, reader: &reader) else {
                    continue
                }
                if name == "bau" && !scenario.measures.isEmpty {
                    reader.fail("\(path).measures", "business as usual takes no measures; put them in an alternative scenario")
                }
                scenarios.append(scenario)
            }
        }
        var targets: [Target] = []
        if let node = top["targets"], let items = reader.sequence(node, "targets") {
            var names: [String: Int] = [:]
            for (k, item) in items.enumerated() {
                guard let target = readTarget(item, "targets[\(k)]", context, indicatorNames, reader: &reader) else { continue }
                if let first = names.updateValue(k, forKey: target.name) {
                    reader.fail("targets[\(k)].name", "'\(target.name)' is the name of targets[\(first)] too; give each target its own name:")
                }
                targets.append(target)
            }
        }
        var costs: [UnitCost] = []
        if let node = top["costs"], let pairs = reader.mapping(node, "costs") {
            for (name, value) in pairs {
                let path = "costs.\(name)"
                if !indicatorNames.contains(name) {
                    reader.fail(path, "unknown indicator '\(name)'; the indicators are: \(indicatorNames.joined(separator: ", "))")
                }
                guard let fields = reader.mapping(value, path, allowed: ["per_unit", "currency"]) else { continue }
                guard let perUnitNode = fields["per_unit"] else { reader.fail("\(path).per_unit", "is required"); continue }
                let perUnit = reader.number(perUnitNode, "\(path).per_unit")
                let currency = fields["currency"].flatMap { reader.string($0, "\(path).currency") } ?? ""
                if let perUnit { costs.append(UnitCost(indicator: name, perUnit: perUnit, currency: currency)) }
            }
        }
        var specification = ScenarioSpecification(
            city: city ?? "", baseYear: baseYear, horizon: horizon, history: history, hindcastYears: hindcast,
            drivers: drivers, indicators: indicators, scenarios: scenarios, targets: targets, costs: costs, file: reader.file)
        if let node = top["sectors"] {
            specification.sectorTotals = readSectorTotals(node, drivers: drivers, driverNames: driverNames,
                                                          indicators: indicators, declaredIndicators: declaredIndicators,
                                                          reader: &reader)
        }
        if let node = top["economics"], let rate = readEconomics(node, reader: &reader) {
            specification.discountRate = rate
        }
        if let node = top["infrastructure"] {
            let (facilities, positions) = readInfrastructure(node, reader: &reader)
            specification.infrastructure = facilities
            for problem in specification.infrastructureProblems(positions: positions, declared: declaredIndicators) {
                reader.fail(problem.path ?? "infrastructure", problem.message)
            }
        }
        specification.airLink = readAirLink(emissions: top["emissions"], airQuality: top["air_quality"], health: top["health"],
                                            indicators: declaredIndicators, folder: folder, reader: &reader)
        if let node = top["missing"], let text = reader.string(node, "missing") {
            if let policy = MissingValuePolicy(rawValue: text) {
                specification.missingValues = policy
            } else {
                let choices = MissingValuePolicy.allCases.map(\.rawValue).joined(separator: ", ")
                reader.fail("missing", "expected one of \(choices), got '\(text)'")
            }
        }
        return specification
    }

    private struct Context {
        var baseYear: Int
        var horizon: Int
        var folder: String
        /// The names under `drivers:`, whether or not each entry could be read.
        var declaredDrivers: [String] = []
    }

    private static func readSource(_ node: SpecNode, _ path: String, reader: inout SpecReader, folder: String,
                                   extraKeys: [String] = []) -> HistorySource? {
        if case .scalar = node.kind {
            guard let file = reader.string(node, path) else { return nil }
            return HistorySource(path: file, resolvedPath: resolve(file, folder), format: .long, dateColumn: nil, filters: [],
                                 year: nil)
        }
        guard let fields = reader.mapping(
            node, path, allowed: ["file", "format", "date_column", "year", "where", "delimiter", "decimal", "thousands", "encoding", "sheet"]
                + extraKeys) else {
            return nil
        }
        guard let fileNode = fields["file"] else {
            reader.fail("\(path).file", "is required")
            return nil
        }
        guard let file = reader.string(fileNode, "\(path).file") else { return nil }
        var format = HistorySource.Format.long
        if let node = fields["format"], let text = reader.string(node, "\(path).format") {
            if let value = HistorySource.Format(rawValue: text) {
                format = value
            } else {
                reader.fail("\(path).format", "expected long or wide, got '\(text)'")
            }
        }
        let dateColumn = fields["date_column"].flatMap { reader.string($0, "\(path).date_column") }
        if dateColumn != nil && format == .long {
            reader.fail("\(path).date_column", "applies to wide files only; add format: wide")
        }
        let year = fields["year"].flatMap { reader.year($0, "\(path).year") }
        if year != nil && (format == .long || dateColumn != nil) {
            reader.fail("\(path).year", "applies to wide files without a date column (a record of one year)")
        }
        var filters: [Filter] = []
        if let node = fields["where"], let pairs = reader.mapping(node, "\(path).where") {
            for (column, value) in pairs {
                if let text = reader.string(value, "\(path).where.\(column)") { filters.append(Filter(column: column, value: text)) }
            }
        }
        let dialect = readDialect(fields, path, reader: &reader)
        return HistorySource(path: file, resolvedPath: resolve(file, folder), format: format, dateColumn: dateColumn,
                             filters: filters, year: year, dialect: dialect)
    }

    /// A history file's `delimiter:` (`,`, `;` or `tab`), `decimal:` (`.` or `,`), `thousands:`
    /// (one character), `encoding:` (`utf-8` or `windows-1252`) and, for an `.xlsx` workbook,
    /// `sheet:` (a sheet's name).
    private static func readDialect(_ fields: [(key: String, value: SpecNode)], _ path: String, reader: inout SpecReader) -> InputFormat {
        var dialect = InputFormat()
        func character(_ key: String, _ allowed: [String: Character]) -> Character? {
            guard let node = fields[key], let text = reader.string(node, "\(path).\(key)") else { return nil }
            if let value = allowed[text] { return value }
            reader.fail("\(path).\(key)", "expected one of \(allowed.keys.sorted().map { "'\($0)'" }.joined(separator: ", ")), got '\(text)'")
            return nil
        }
        dialect.delimiter = character("delimiter", [",": ",", ";": ";", "tab": "\t"])
        if let decimal = character("decimal", [".": ".", ",": ","]) { dialect.decimalSeparator = decimal }
        dialect.thousandsSeparator = character("thousands", [",": ",", ".": ".", "'": "'", "_": "_", " ": " "])
        if let node = fields["encoding"], let text = reader.string(node, "\(path).encoding") {
            if let encoding = InputFormat.Encoding(rawValue: text.lowercased()) {
                dialect.encoding = encoding
            } else {
                reader.fail("\(path).encoding", "expected utf-8 or windows-1252, got '\(text)'")
            }
        }
        dialect.sheet = fields["sheet"].flatMap { reader.string($0, "\(path).sheet") }
        if dialect.thousandsSeparator != nil && dialect.thousandsSeparator == dialect.decimalSeparator {
            reader.fail("\(path).thousands", "is the decimal separator too; give them different characters")
        }
        return dialect
    }

    private static func resolve(_ file: String, _ folder: String) -> String {
        file.hasPrefix("/") || folder.isEmpty ? file : (folder as NSString).appendingPathComponent(file)
    }

    private static func readProjection(_ fields: [(key: String, value: SpecNode)], _ path: String, _ context: Context,
                                       hasSeries: Bool, reader: inout SpecReader) -> Projection? {
        let given = ["growth", "model", "path"].filter { fields[$0] != nil }
        guard given.count == 1 else {
            reader.fail(path, given.isEmpty ? "needs a projection: one of growth, model or path"
                : "has \(given.joined(separator: " and ")); give exactly one of growth, model or path")
            return nil
        }
        switch given[0] {
        case "growth":
            let p = "\(path).growth"
            guard let node = fields["growth"], let growth = reader.mapping(node, p, allowed: ["percent", "sd"]) else { return nil }
            guard let percentNode = growth["percent"] else { reader.fail("\(p).percent", "is required"); return nil }
            guard let percent = reader.number(percentNode, "\(p).percent") else { return nil }
            var sd = 0.0
            if let node = growth["sd"], let value = reader.number(node, "\(p).sd") {
                if value < 0 { reader.fail("\(p).sd", "a standard deviation cannot be negative, got \(value)") } else { sd = value }
            }
            if percent <= -100 { reader.fail("\(p).percent", "\(percent)% a year would make the driver vanish") }
            if !hasSeries { reader.fail("\(path).series", "is required with growth: the base-year value comes from history") }
            return .growth(percent: percent, standardDeviation: sd)
        case "model":
            let p = "\(path).model"
            guard let node = fields["model"], let text = reader.string(node, p) else { return nil }
            if !hasSeries { reader.fail("\(path).series", "is required with model: the model is fitted to history") }
            return parseModel(text, p, reader: &reader).map(Projection.model)
        default:
            let p = "\(path).path"
            guard let node = fields["path"], let pairs = reader.mapping(node, p) else { return nil }
            if pairs["file"] != nil {
                guard let source = readSource(node, p, reader: &reader, folder: context.folder,
                                              extraKeys: ["series", "relative"]) else { return nil }
                guard let seriesNode = pairs["series"] else { reader.fail("\(p).series", "is required with file"); return nil }
                guard let series = reader.string(seriesNode, "\(p).series") else { return nil }
                let relative = pairs["relative"].flatMap { reader.bool($0, "\(p).relative") } ?? false
                if relative && !hasSeries {
                    reader.fail("\(path).series", "is required with a relative path: the path's growth applies to the base-year value")
                }
                return .pathFile(source, series: series, relative: relative)
            }
            guard let points = readYearValues(pairs, p, reader: &reader) else { return nil }
            if let last = points.last?.year, last < context.horizon {
                reader.fail(p, "the path ends in \(last); it must reach the horizon \(context.horizon)")
            }
            if let first = points.first?.year, first > context.baseYear + 1, !hasSeries {
                reader.fail(p, "no value for \(context.baseYear + 1)…\(first - 1): start the path at \(context.baseYear + 1) "
                    + "or give series: so the base-year value anchors it")
            }
            return .path(points)
        }
    }

    private static func readYearValues(_ pairs: [(key: String, value: SpecNode)], _ path: String,
                                       reader: inout SpecReader) -> [YearValue]? {
        var points: [YearValue] = []
        var valid = true
        for (key, value) in pairs {
            guard let year = Int(key), (1...9999).contains(year) else {
                reader.fail("\(path).\(key)", "expected a year between 1 and 9999 as the key")
                valid = false
                continue
            }
            guard let number = reader.number(value, "\(path).\(key)") else { valid = false; continue }
            points.append(YearValue(year: year, value: number))
        }
        guard valid else { return nil }
        guard !points.isEmpty else { reader.fail(path, "needs at least one year: value pair"); return nil }
        points.sort { $0.year < $1.year }
        return points
    }

    private static func parseModel(_ text: String, _ path: String, reader: inout SpecReader) -> ModelSpecification? {
        do {
            return try ModelSpecification(parsing: text)
        } catch {
            reader.fail(path, error.description)
            return nil
        }
    }

    private static func readDriver(_ name: String, _ node: SpecNode, _ path: String, _ context: Context,
                                   reader: inout SpecReader) -> Driver? {
        guard let fields = reader.mapping(node, path, allowed: ["series", "unit", "growth", "model", "path"]) else { return nil }
        let series = fields["series"].flatMap { reader.string($0, "\(path).series") }
        let unit = fields["unit"].flatMap { reader.string($0, "\(path).unit") }
        guard let projection = readProjection(fields, path, context, hasSeries: series != nil, reader: &reader) else { return nil }
        return Driver(name: name, series: series, unit: unit, projection: projection)
    }

    private static func checkDriver(_ name: String, _ path: String, _ drivers: [String], reader: inout SpecReader) -> Bool {
        if drivers.contains(name) { return true }
        reader.fail(path, "unknown driver '\(name)'; "
            + (drivers.isEmpty ? "the specification declares no drivers under 'drivers:'"
                : "the drivers are: \(drivers.joined(separator: ", "))"))
        return false
    }

    private static func readIndicator(_ name: String, _ node: SpecNode, _ path: String, _ drivers: [String],
                                      folder: String, reader: inout SpecReader) -> Indicator? {
        guard let fields = reader.mapping(node, path, allowed: [
            "series", "unit", "model", "population", "affluence", "intensity", "elasticity", "on", "errors",
            "temperature", "warming", "output",
        ]) else { return nil }
        guard let seriesNode = fields["series"] else { reader.fail("\(path).series", "is required"); return nil }
        guard let series = reader.string(seriesNode, "\(path).series") else { return nil }
        let unit = fields["unit"].flatMap { reader.string($0, "\(path).unit") }
        let population = fields["population"].flatMap { reader.string($0, "\(path).population") }
        let affluence = fields["affluence"].flatMap { reader.string($0, "\(path).affluence") }
        if let population { _ = checkDriver(population, "\(path).population", drivers, reader: &reader) }
        if let affluence { _ = checkDriver(affluence, "\(path).affluence", drivers, reader: &reader) }
        guard let modelNode = fields["model"] else { reader.fail("\(path).model", "is required"); return nil }
        guard let modelText = reader.string(modelNode, "\(path).model") else { return nil }
        func unexpected(_ keys: [String], _ reason: String) {
            for key in keys where fields[key] != nil { reader.fail("\(path).\(key)", reason) }
        }
        let model: Model
        if modelText != "hourly_load" {
            unexpected(["temperature", "warming", "output"], "applies to model: hourly_load only")
        }
        switch modelText {
        case "hourly_load":
            unexpected(["intensity", "elasticity"], "applies to model: intensity only")
            unexpected(["on", "errors"], "applies to model: regression only")
            guard let node = fields["temperature"] else { reader.fail("\(path).temperature", "is required by model: hourly_load"); return nil }
            guard let temperature = reader.string(node, "\(path).temperature") else { return nil }
            let warming = fields["warming"].flatMap { reader.string($0, "\(path).warming") }
            if let warming, !checkDriver(warming, "\(path).warming", drivers, reader: &reader) { return nil }
            var output = LoadOutput.energy
            if let node = fields["output"], let text = reader.string(node, "\(path).output") {
                guard let value = LoadOutput(rawValue: text) else {
                    reader.fail("\(path).output", "expected energy or peak, got '\(text)'")
                    return nil
                }
                output = value
            }
            model = .hourlyLoad(temperature: temperature, warming: warming, output: output)
        case "intensity":
            unexpected(["on", "errors"], "applies to model: regression only")
            if population == nil { reader.fail("\(path).population", "is required by model: intensity (total = population × intensity)") }
            let given = ["intensity", "elasticity"].filter { fields[$0] != nil }
            guard given.count == 1 else {
                reader.fail(path, "model: intensity needs exactly one of intensity (a time-series model) or elasticity")
                return nil
            }
            if let node = fields["intensity"] {
                guard let text = reader.string(node, "\(path).intensity"),
                      let spec = parseModel(text, "\(path).intensity", reader: &reader) else { return nil }
                model = .intensity(.timeSeries(spec))
            } else {
                let p = "\(path).elasticity"
                guard let node = fields["elasticity"],
                      let e = reader.mapping(node, p, allowed: ["affluence", "on", "quadratic", "prior"]) else {
                    return nil
                }
                if e["affluence"] != nil && e["on"] != nil { reader.fail(p, "give the driver as on: or affluence:, not both") }
                let driver = (e["on"] ?? e["affluence"]).flatMap { reader.string($0, "\(p).\(e["on"] != nil ? "on" : "affluence")") }
                    ?? affluence
                guard let driver else { reader.fail("\(p).affluence", "is required (or give the indicator an affluence driver)"); return nil }
                guard checkDriver(driver, "\(p).affluence", drivers, reader: &reader) else { return nil }
                let quadratic = e["quadratic"].flatMap { reader.bool($0, "\(p).quadratic") } ?? false
                if let priorNode = e["prior"] {
                    if quadratic { reader.fail("\(p).quadratic", "a cross-section prior gives a log-linear elasticity only") }
                    guard let prior = readPrior(priorNode, "\(p).prior", folder: folder, reader: &reader) else { return nil }
                    model = .intensity(.elasticityPrior(driver: driver, prior: prior))
                } else {
                    model = .intensity(.elasticity(affluence: driver, quadratic: quadratic))
                }
            }
        case "regression":
            unexpected(["intensity", "elasticity"], "applies to model: intensity only")
            guard let onNode = fields["on"] else { reader.fail("\(path).on", "is required by model: regression"); return nil }
            guard let on = reader.strings(onNode, "\(path).on") else { return nil }
            if on.isEmpty { reader.fail("\(path).on", "needs at least one driver") }
            for (k, driver) in on.enumerated() { _ = checkDriver(driver, "\(path).on[\(k)]", drivers, reader: &reader) }
            var errors: ModelSpecification?
            if let node = fields["errors"], let text = reader.string(node, "\(path).errors"), text != "none" {
                errors = parseModel(text, "\(path).errors", reader: &reader)
                if let spec = errors {
                    switch spec {
                    case .autoARIMA, .arima: break
                    default: reader.fail("\(path).errors", "regression errors need auto-arima or arima(p,d,q), not \(spec)")
                    }
                }
            }
            model = .regression(on: on, errors: errors)
        default:
            unexpected(["intensity", "elasticity"], "applies to model: intensity only")
            unexpected(["on", "errors"], "applies to model: regression only")
            do {
                model = .timeSeries(try ModelSpecification(parsing: modelText))
            } catch {
                reader.fail("\(path).model", "expected intensity, regression, hourly_load or a time-series model; \(error.description)")
                return nil
            }
        }
        return Indicator(name: name, series: series, unit: unit, model: model, population: population, affluence: affluence)
    }

    private static func readPrior(_ node: SpecNode, _ path: String, folder: String, reader: inout SpecReader) -> CrossSectionPrior? {
        guard case .mapping(let fields) = node.kind else { reader.fail(path, "expected a mapping, got \(node.shortDescription)"); return nil }
        guard let source = readSource(node, path, reader: &reader, folder: folder, extraKeys: ["response", "size", "groups"]) else {
            return nil
        }
        func column(_ key: String) -> String? {
            guard let value = fields[key] else { reader.fail("\(path).\(key)", "is required"); return nil }
            return reader.string(value, "\(path).\(key)")
        }
        let response = column("response"), size = column("size")
        let groups = fields["groups"].flatMap { reader.string($0, "\(path).groups") }
        guard let response, let size else { return nil }
        var wide = source
        wide.format = .wide
        return CrossSectionPrior(source: wide, response: response, size: size, groups: groups)
    }

    private static func readScenario(_ name: String, _ node: SpecNode, _ path: String, _ context: Context,
                                     _ indicators: [String], _ drivers: [Driver], reader: inout SpecReader) -> Scenario? {
        if case .null = node.kind { return Scenario(name: name, description: nil, measures: []) }
        guard let fields = reader.mapping(node, path, allowed: ["description", "measures", "costs"]) else { return nil }
        let description = fields["description"].flatMap { reader.string($0, "\(path).description") }
        let costs = fields["costs"].map {
            readProgrammeCosts($0, "\(path).costs", years: context.baseYear...context.horizon, reader: &reader)
        } ?? []
        var measures: [Measure] = []
        if let node = fields["measures"], let items = reader.sequence(node, "\(path).measures") {
            for (k, item) in items.enumerated() {
                if let measure = readMeasure(item, "\(path).measures[\(k)]", context, indicators, drivers, reader: &reader) {
                    measures.append(measure)
                }
            }
        }
        if name == "bau", !costs.isEmpty { reader.fail("\(path).costs", "business as usual is the reference and has no programme costs") }
        return Scenario(name: name, description: description, measures: measures, costs: costs)
    }

    private static func readYear(_ fields: [(key: String, value: SpecNode)], _ key: String, _ path: String,
                                 _ context: Context, default fallback: Int, reader: inout SpecReader) -> Int? {
        guard let node = fields[key] else { return fallback }
        guard let year = reader.year(node, "\(path).\(key)") else { return nil }
        if year < context.baseYear {
            reader.fail("\(path).\(key)", "\(year) is before base_year \(context.baseYear)")
            return nil
        }
        if year > context.horizon {
            reader.fail("\(path).\(key)", "\(year) is after the horizon \(context.horizon)")
            return nil
        }
        return year
    }

    private static func readMeasure(_ node: SpecNode, _ path: String, _ context: Context, _ indicators: [String],
                                    _ drivers: [Driver], reader: inout SpecReader) -> Measure? {
        guard let fields = reader.mapping(node, path, allowed: [
            "indicator", "driver", "change", "step", "cap", "path", "from", "to", "growth", "model",
        ]) else { return nil }
        if let driverNode = fields["driver"] {
            if fields["indicator"] != nil { reader.fail(path, "names both an indicator and a driver; a measure changes one") }
            guard let name = reader.string(driverNode, "\(path).driver") else { return nil }
            guard checkDriver(name, "\(path).driver", context.declaredDrivers, reader: &reader),
                  drivers.contains(where: { $0.name == name }) else { return nil }
            for key in ["change", "step", "cap", "from", "to"] where fields[key] != nil {
                reader.fail("\(path).\(key)", "applies to indicator measures; a driver measure gives growth, model or path")
            }
            let hasSeries = drivers.first { $0.name == name }?.series != nil
            let projectionFields = fields.filter { ["growth", "model", "path"].contains($0.key) }
            return readProjection(projectionFields, path, context, hasSeries: hasSeries, reader: &reader)
                .map { .driver(name, $0) }
        }
        guard let indicatorNode = fields["indicator"] else {
            reader.fail(path, "needs indicator: or driver: to say what the measure changes")
            return nil
        }
        guard let name = reader.string(indicatorNode, "\(path).indicator") else { return nil }
        if !indicators.contains(name) {
            reader.fail("\(path).indicator", "unknown indicator '\(name)'; the indicators are: \(indicators.joined(separator: ", "))")
            return nil
        }
        for key in ["growth", "model"] where fields[key] != nil {
            reader.fail("\(path).\(key)", "applies to driver measures; an indicator measure gives change, step, cap or path")
        }
        let given = ["change", "step", "cap", "path"].filter { fields[$0] != nil }
        guard given.count == 1 else {
            reader.fail(path, given.isEmpty ? "needs one of change (percent a year), step (percent), cap or path"
                : "has \(given.joined(separator: " and ")); give exactly one of change, step, cap or path")
            return nil
        }
        let from = readYear(fields, "from", path, context, default: context.baseYear, reader: &reader)
        let to = readYear(fields, "to", path, context, default: context.horizon, reader: &reader)
        let kind = given[0]
        if kind != "change", fields["to"] != nil { reader.fail("\(path).to", "applies to change measures only") }
        if kind == "path", fields["from"] != nil { reader.fail("\(path).from", "a path starts at its first year; remove from") }
        guard let valueNode = fields[kind] else { return nil }
        let valuePath = "\(path).\(kind)"
        switch kind {
        case "change":
            guard let percent = reader.number(valueNode, valuePath), let from, let to else { return nil }
            if to < from { reader.fail("\(path).to", "\(to) is before from \(from)"); return nil }
            if percent <= -100 { reader.fail(valuePath, "\(percent)% a year would make the indicator vanish"); return nil }
            return .indicator(name, .change(percentPerYear: percent, from: from, to: to))
        case "step":
            guard let percent = reader.number(valueNode, valuePath), let from else { return nil }
            if percent <= -100 { reader.fail(valuePath, "a step of \(percent)% would make the indicator vanish"); return nil }
            return .indicator(name, .step(percent: percent, from: from))
        case "cap":
            guard let value = reader.number(valueNode, valuePath), let from else { return nil }
            if value <= 0 { reader.fail(valuePath, "a cap must be positive, got \(value)"); return nil }
            return .indicator(name, .cap(value: value, from: from))
        default:
            guard let pairs = reader.mapping(valueNode, valuePath), let points = readYearValues(pairs, valuePath, reader: &reader) else {
                return nil
            }
            for point in points where point.year <= context.baseYear || point.year > context.horizon {
                reader.fail("\(valuePath).\(point.year)", point.year <= context.baseYear
                    ? "\(point.year) is not after base_year \(context.baseYear)" : "\(point.year) is after the horizon \(context.horizon)")
                return nil
            }
            for point in points where point.value <= 0 {
                reader.fail("\(valuePath).\(point.year)", "a path value must be positive, got \(point.value)")
                return nil
            }
            return .indicator(name, .path(points))
        }
    }

    private static func readTarget(_ node: SpecNode, _ path: String, _ context: Context, _ indicators: [String],
                                   reader: inout SpecReader) -> Target? {
        guard let fields = reader.mapping(node, path, allowed: ["name", "indicator", "year", "at_most", "at_least"]) else { return nil }
        let targetName = fields["name"].flatMap { reader.string($0, "\(path).name") }
        guard let indicatorNode = fields["indicator"] else { reader.fail("\(path).indicator", "is required"); return nil }
        guard let name = reader.string(indicatorNode, "\(path).indicator") else { return nil }
        if !indicators.contains(name) {
            reader.fail("\(path).indicator", "unknown indicator '\(name)'; the indicators are: \(indicators.joined(separator: ", "))")
        }
        guard let yearNode = fields["year"] else { reader.fail("\(path).year", "is required"); return nil }
        guard let year = reader.year(yearNode, "\(path).year") else { return nil }
        if year <= context.baseYear || year > context.horizon {
            reader.fail("\(path).year", "\(year) is outside the projection years \(context.baseYear + 1)…\(context.horizon)")
        }
        let given = ["at_most", "at_least"].filter { fields[$0] != nil }
        guard given.count == 1 else { reader.fail(path, "needs exactly one of at_most or at_least"); return nil }
        guard let valueNode = fields[given[0]], let value = reader.number(valueNode, "\(path).\(given[0])") else { return nil }
        guard indicators.contains(name), year > context.baseYear, year <= context.horizon else { return nil }
        return Target(name: targetName, indicator: name, year: year, bound: given[0] == "at_most" ? .atMost(value) : .atLeast(value))
    }
}

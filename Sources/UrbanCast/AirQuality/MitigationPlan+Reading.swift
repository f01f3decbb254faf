import Foundation

extension MitigationPlan {
    /// Reads a mitigation plan from a YAML (or JSON) file.
    ///
    /// ```yaml
    /// pollutant: PM2.5
    /// unit: µg/m³
    /// baseline: {year: 2016, concentration: 73.0, trendPerYear: -3.0, trendSD: 1.0}
    /// horizon: 2030
    /// sectors:
    ///   - {name: transport, share: 0.3, sd: 0.05, growth: 0.01}
    ///   - ...
    /// measures:
    ///   - {name: diesel retrofit, sector: transport, reduction: 0.3, start: 2018, ramp: 3, annualCost: 40}
    ///   - {name: filters, sector: industry, reduction: 0.2, start: 2019, annualCost: 5, capital: 60, lifetime: 15}
    /// costUnit: million USD
    /// discountRate: 0.03
    /// health: {population: 21.5e6, baselineMortality: 0.0057,
    ///          relativeRisk: {pollutant: PM2.5, unit: µg/m³, per: 10, central: 1.08, lower: 1.06, upper: 1.09}}
    /// target: {concentration: 35, year: 2025}
    /// scenarios: [{name: transport first, measures: [diesel retrofit]}]
    /// draws: 1000
    /// seed: 1
    /// ```
    ///
    /// `sd`, `growth`, `trendSD`, `relativeRisk`, `target`, `scenarios`, `draws`, `seed`,
    /// `discountRate` and a measure's `capital` and `lifetime` are optional (0, 0, 0, Chen & Hoek
    /// 2020, none, none, 1000, 1, 0.03, 0, none; a capital cost needs a lifetime), and so are `pollutant`, `unit`
    /// and `per` in `relativeRisk` (those of the pollutant's ``ConcentrationResponse``).
    ///
    /// The health block needs a ``ConcentrationResponse`` for the plan's pollutant: `function`
    /// names one by id (``ConcentrationResponse/all``), else the pollutant's default is used
    /// (long-term PM2.5, NO2 or O3). A plan in another unit than the function's is converted
    /// (gases at 25 °C and 1013.25 hPa); a pollutant without a function (`health`), a function
    /// of another pollutant (`health.function`), PM2.5 in ppb (`health`), or a relative risk
    /// naming another pollutant or unit (`health.relativeRisk.pollutant`, `.unit`) is refused
    /// rather than given deaths its relative risk does not describe.
    ///
    /// The population is either `population` and `baselineMortality` (the persons of the
    /// function's ages and their rate of its outcome), or age groups, of which those inside the
    /// function's ages are counted (``HealthImpact``):
    ///
    /// ```yaml
    /// health:
    ///   function: chen-hoek-2020-pm25
    ///   ageGroups:
    ///     - {ages: 30-44, population: 2.5e6, baselineRate: 0.0012}
    ///     - {ages: 80+, population: 0.2e6, baselineRate: 0.09}
    ///   populationGrowth: 0.01         # per year; default 0
    ///   rateChange: -0.005             # per year; default 0, rates frozen at the base year
    ///   counterfactual: 5              # in the plan's unit; default the WHO 2021 AQG
    ///   lifeTable: {source: ..., ages: [0, 30, 45], remainingLifeExpectancy: [78, 49.5, 35.4]}
    ///   valuation: {vsl: 3.6, unit: million USD, baseIncome: 45000, income: 18000, elasticity: 0.8}
    /// ```
    ///
    /// The baseline can instead be derived from monitoring data (``DerivedBaseline``):
    ///
    /// ```yaml
    /// baseline:
    ///   from: trend
    ///   file: ../../Datasets/beijing_12sites_daily_long.csv   # relative to the spec's folder
    ///   year: 2016
    ///   city: true            # or station: Dongsi; neither for a file with one station
    ///   normalized: false     # true: the weather-normalised series (per station)
    ///   deseason: stl         # or none
    ///   replicates: 1000      # bootstrap replicates of the trend interval (seeded by `seed`)
    ///   trend: {file: ../../Datasets/beijing_dongsi_hourly_wide.csv, station: Dongsi, normalized: true}
    /// ```
    ///
    /// giving C₀ = the base-year annual mean, trendPerYear = the Theil–Sen slope and trendSD =
    /// (upper − lower)/(2 · 1.96) of its 95 % interval; the optional `trend` block (keys `file`,
    /// `station`, `city`, `normalized`) takes the trend from another series than the level.
    ///
    /// Or a model's forecast of the monthly means (``ForecastBaseline``), which replaces the
    /// linear path with a mean and sd per year (the sd of each annual mean over 10,000 sample
    /// paths of the fitted model, seeded by `seed`):
    ///
    /// ```yaml
    /// baseline: {from: forecast, file: ../../Datasets/beijing_12sites_daily_long.csv, city: true,
    ///            year: 2016, model: auto-ets}
    /// ```
    ///
    /// - Parameter path: The file.
    /// - Throws: ``AirQualityError/spec(_:)`` with every problem named by its key path (a syntax
    ///   error, a byte that is not UTF-8, or nesting or aliases beyond the reader's bounds by line
    ///   and column), including a plan that is well formed but inconsistent (shares not summing
    ///   to 1 ± 0.01 at `sectors`, a measure on an unknown sector at `measures[k].sector`, a
    ///   health block without a concentration–response function for the plan's pollutant and
    ///   unit at `health`, …).
    public init(contentsOf path: String) throws(AirQualityError) {
        let specPath = path
        let text: String
        do { text = try SpecNode.text(contentsOf: path) } catch {
            switch error {
            case .unreadable(let reason): throw .data(.unreadableFile(path: path, reason: reason))
            case .notUTF8(let diagnostic): throw .spec([diagnostic])
            }
        }
        let root: SpecNode
        do { root = try SpecNode.parse(text, file: path) } catch {
            if case .spec(let diagnostics) = error { throw .spec(diagnostics) }
            throw .invalidSetting(error.description)
        }
        var reader = SpecReader(file: path)
        let keys = ["pollutant", "unit", "baseline", "horizon", "sectors", "measures", "costUnit", "health", "target",
                    "scenarios", "draws", "seed", "discountRate"]
        guard let top = reader.mapping(root, "", allowed: keys) else { throw .spec(reader.diagnostics) }
        func required(_ key: String, in pairs: [(key: String, value: SpecNode)], _ path: String) -> SpecNode? {
            guard let node = pairs[key] else {
                reader.fail(SpecReader.join(path, key), "missing; it is required")
                return nil
            }
            return node
        }
        var pollutant: Pollutant?
        if let node = required("pollutant", in: top, ""), let name = reader.string(node, "pollutant") {
            pollutant = Pollutant(name: name)
            if pollutant == nil { reader.fail("pollutant", AirQualityError.unknownPollutant(name).description) }
        }
        var unit = ConcentrationUnit.microgramsPerCubicMetre
        if let node = top["unit"], let name = reader.string(node, "unit") {
            if let parsed = ConcentrationUnit(parsing: name) { unit = parsed } else {
                reader.fail("unit", AirQualityError.unknownUnit(name).description)
            }
        }
        var baseYear: Int?, concentration: Double?, trend = 0.0, trendSD = 0.0
        var derivation: (level: DerivedBaseline.Source, trend: DerivedBaseline.Source?, options: TrendAnalysis.Options)?
        let typedKeys = ["year", "concentration", "trendPerYear", "trendSD"]
        let sourceKeys = ["file", "station", "city", "normalized"]
        let derivedKeys = ["from", "year", "deseason", "replicates", "trend"] + sourceKeys
        let forecastKeys = ["from", "year", "model"] + sourceKeys
        var forecastRequest: (source: DerivedBaseline.Source, model: String)?
        /// A data source (file, station or city, normalised) at `path`, its file relative to the spec's folder.
        func source(_ pairs: [(key: String, value: SpecNode)], _ path: String) -> DerivedBaseline.Source? {
            let file = required("file", in: pairs, path).flatMap { reader.string($0, "\(path).file") }
            let station = pairs["station"].flatMap { reader.string($0, "\(path).station") }
            let city = pairs["city"].flatMap { reader.bool($0, "\(path).city") } ?? false
            if station != nil, city { reader.fail("\(path).city", "give either station or city: true, not both") }
            let normalized = pairs["normalized"].flatMap { reader.bool($0, "\(path).normalized") } ?? false
            guard let file else { return nil }
            let folder = (specPath as NSString).deletingLastPathComponent
            let resolved = Self.collapsingDotDot(file.hasPrefix("/") || folder.isEmpty ? file : folder + "/" + file)
            return DerivedBaseline.Source(file: resolved, selection: station.map { .station($0) } ?? (city ? .city : .only), normalized: normalized)
        }
        if let node = required("baseline", in: top, ""), let pairs = reader.mapping(node, "baseline") {
            let derived = pairs["from"] != nil
            let from = pairs["from"].flatMap { reader.string($0, "baseline.from") }
            let allowed = !derived ? typedKeys : from == "forecast" ? forecastKeys : derivedKeys
            for (key, _) in pairs where !allowed.contains(key) {
                reader.fail("baseline.\(key)", derived
                    ? "unknown key for a baseline from \(from ?? "data"); the keys are \(allowed.joined(separator: ", "))"
                    : "unknown key; write \(typedKeys.joined(separator: ", ")), or derive the baseline with from: trend or from: forecast")
            }
            baseYear = required("year", in: pairs, "baseline").flatMap { reader.integer($0, "baseline.year") }
            if from == "forecast" {
                let model = pairs["model"].flatMap { reader.string($0, "baseline.model") } ?? "auto-ets"
                if let level = source(pairs, "baseline") { forecastRequest = (level, model) }
            } else if derived {
                if let from, from != "trend" {
                    reader.fail("baseline.from", "unknown source '\(from)'; write trend (the base-year mean and Theil–Sen trend of a data file) or forecast (a model's path)")
                }
                var options = TrendAnalysis.Options()
                if let text = pairs["deseason"].flatMap({ reader.string($0, "baseline.deseason") }) {
                    if let parsed = TrendAnalysis.Deseasonalization(rawValue: text) { options.deseasonalization = parsed } else {
                        reader.fail("baseline.deseason", "unknown value '\(text)'; write stl or none")
                    }
                }
                if let replicates = pairs["replicates"].flatMap({ reader.integer($0, "baseline.replicates") }) {
                    if replicates >= 10 { options.replicates = replicates } else { reader.fail("baseline.replicates", "expected at least 10") }
                }
                let level = source(pairs, "baseline")
                var trendSource: DerivedBaseline.Source?
                if let node = pairs["trend"], let trendPairs = reader.mapping(node, "baseline.trend", allowed: sourceKeys) {
                    trendSource = source(trendPairs, "baseline.trend")
                }
                if let level { derivation = (level, trendSource, options) }
            } else {
                concentration = required("concentration", in: pairs, "baseline").flatMap { reader.number($0, "baseline.concentration") }
                trend = pairs["trendPerYear"].flatMap { reader.number($0, "baseline.trendPerYear") } ?? 0
                trendSD = pairs["trendSD"].flatMap { reader.number($0, "baseline.trendSD") } ?? 0
            }
        }
        let horizon = required("horizon", in: top, "").flatMap { reader.integer($0, "horizon") }
        var sectors: [Sector] = []
        if let node = required("sectors", in: top, ""), let items = reader.sequence(node, "sectors") {
            for (k, item) in items.enumerated() {
                let path = "sectors[\(k)]"
                guard let pairs = reader.mapping(item, path, allowed: ["name", "share", "sd", "growth"]) else { continue }
                let name = required("name", in: pairs, path).flatMap { reader.string($0, "\(path).name") }
                let share = required("share", in: pairs, path).flatMap { reader.number($0, "\(path).share") }
                let sd = pairs["sd"].flatMap { reader.number($0, "\(path).sd") } ?? 0
                let growth = pairs["growth"].flatMap { reader.number($0, "\(path).growth") } ?? 0
                if let name, let share { sectors.append(Sector(name: name, share: share, shareSD: sd, growth: growth)) }
            }
        }
        var measures: [Measure] = []
        if let node = required("measures", in: top, ""), let items = reader.sequence(node, "measures") {
            for (k, item) in items.enumerated() {
                let path = "measures[\(k)]"
                guard let pairs = reader.mapping(
                    item, path, allowed: ["name", "sector", "reduction", "start", "ramp", "annualCost", "capital", "lifetime"])
                else { continue }
                let name = required("name", in: pairs, path).flatMap { reader.string($0, "\(path).name") }
                let sector = required("sector", in: pairs, path).flatMap { reader.string($0, "\(path).sector") }
                let reduction = required("reduction", in: pairs, path).flatMap { reader.number($0, "\(path).reduction") }
                let start = required("start", in: pairs, path).flatMap { reader.integer($0, "\(path).start") }
                let ramp = pairs["ramp"].flatMap { reader.integer($0, "\(path).ramp") } ?? 1
                let cost = required("annualCost", in: pairs, path).flatMap { reader.number($0, "\(path).annualCost") }
                let capital = pairs["capital"].map { reader.number($0, "\(path).capital") } ?? 0
                let lifetime = pairs["lifetime"].flatMap { reader.integer($0, "\(path).lifetime") }
                if let name, let sector, let reduction, let start, let cost, let capital {
                    measures.append(Measure(name: name, sector: sector, reduction: reduction, start: start, ramp: ramp, annualCost: cost,
                                            capital: capital, lifetime: lifetime))
                }
            }
        }
        let costUnit = top["costUnit"].flatMap { reader.string($0, "costUnit") } ?? ""
        var health: HealthSpec?
        if let node = required("health", in: top, "") {
            health = Self.readHealth(node, pollutant: pollutant, unit: unit, reader: &reader)
        }
        var target: (concentration: Double, year: Int)?
        if let node = top["target"], let pairs = reader.mapping(node, "target", allowed: ["concentration", "year"]) {
            if let value = required("concentration", in: pairs, "target").flatMap({ reader.number($0, "target.concentration") }),
                let year = required("year", in: pairs, "target").flatMap({ reader.integer($0, "target.year") }) {
                target = (value, year)
            }
        }
        var scenarios: [(name: String, measures: [String])] = []
        if let node = top["scenarios"], let items = reader.sequence(node, "scenarios") {
            for (k, item) in items.enumerated() {
                let path = "scenarios[\(k)]"
                guard let pairs = reader.mapping(item, path, allowed: ["name", "measures"]) else { continue }
                if let name = required("name", in: pairs, path).flatMap({ reader.string($0, "\(path).name") }),
                    let names = required("measures", in: pairs, path).flatMap({ reader.strings($0, "\(path).measures") }) {
                    scenarios.append((name, names))
                }
            }
        }
        let discountRate = top["discountRate"].map { reader.number($0, "discountRate") } ?? Economics.Discounting.defaultRate
        let draws = top["draws"].flatMap { reader.integer($0, "draws") } ?? 1000
        let seed = top["seed"].flatMap { reader.integer($0, "seed") } ?? 1
        if seed < 0 { reader.fail("seed", "expected a whole number ≥ 0") }
        guard reader.diagnostics.isEmpty, let pollutant, let baseYear, let horizon, let health, let discountRate
        else { throw .spec(reader.diagnostics) }
        var derived: DerivedBaseline?
        var forecastPath: ForecastBaseline?
        if let forecastRequest {
            do {
                forecastPath = try ForecastBaseline.forecast(
                    source: forecastRequest.source, model: forecastRequest.model, pollutant: pollutant, unit: unit, year: baseYear,
                    horizon: max(horizon, baseYear), seed: UInt64(max(seed, 0)))
            } catch {
                if case .data(let problem) = error {
                    guard case .unreadableFile = problem else { throw error }
                    reader.fail("baseline.file", error.description)
                } else {
                    reader.fail(error.description.hasPrefix("model '") ? "baseline.model" : "baseline", error.description)
                }
                throw .spec(reader.diagnostics)
            }
        }
        if let derivation {
            var options = derivation.options
            options.seed = UInt64(max(seed, 0))
            do {
                derived = try DerivedBaseline.derive(
                    level: derivation.level, trend: derivation.trend, pollutant: pollutant, unit: unit, year: baseYear, options: options)
            } catch {
                // Problems inside the data file keep their FILE:LINE:COLUMN; the others are named by key.
                if case .data(let problem) = error {
                    guard case .unreadableFile = problem else { throw error }
                    reader.fail("baseline.file", error.description)
                } else {
                    reader.fail("baseline", error.description)
                }
                throw .spec(reader.diagnostics)
            }
        }
        if let forecastPath, let first = forecastPath.path.first {
            // The path replaces the linear baseline; its average slope is reported as the trend.
            concentration = first.mean
            trend = forecastPath.averageSlope
            trendSD = 0
        }
        guard let concentration = derived?.concentration ?? concentration else {
            reader.fail("baseline", "gives no base-year concentration")
            throw .spec(reader.diagnostics)
        }
        // The plan's own checks, reported by key like the reader's: the initialisers below
        // would name only the first problem, and no file or key.
        let typedBaseline = derived == nil && forecastPath == nil
        let problems = health.problems()
            + Self.problems(
                baseYear: baseYear, baseConcentration: concentration, trendPerYear: derived?.trend.slopePerYear ?? trend,
                trendSD: derived?.trendSD ?? trendSD, horizon: horizon, sectors: sectors, measures: measures, target: target,
                scenarios: scenarios, draws: draws, discountRate: discountRate)
        for problem in problems {
            // A derived baseline's level and trend come from data, not from keys of their own.
            let derivedValue = !typedBaseline && problem.path.hasPrefix("baseline.") && problem.path != "baseline.year"
            reader.fail(derivedValue ? "baseline" : problem.path, problem.message)
        }
        guard reader.diagnostics.isEmpty else { throw .spec(reader.diagnostics) }
        try self.init(
            pollutant: pollutant, unit: unit, baseYear: baseYear, baseConcentration: concentration,
            trendPerYear: derived?.trend.slopePerYear ?? trend, trendSD: derived?.trendSD ?? trendSD, horizon: horizon,
            sectors: sectors, measures: measures, costUnit: costUnit, health: try health.impact(), target: target, scenarios: scenarios,
            draws: draws, seed: UInt64(max(seed, 0)), discountRate: discountRate)
        derivedBaseline = derived
        forecastBaseline = forecastPath
    }

    /// `a/b/../../c` as `c`: removes each `..` with the folder before it, so that messages show
    /// the path a reader would type.
    static func collapsingDotDot(_ path: String) -> String {
        var parts: [Substring] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: false) {
            if part == "..", let last = parts.last, last != "..", !last.isEmpty {
                parts.removeLast()
            } else if part != "." {
                parts.append(part)
            }
        }
        return parts.isEmpty ? "." : parts.joined(separator: "/")
    }
}

import UrbanCast

extension HTMLReport {
    /// The report of an air-quality comparison with the standards: the settings, a table of every
    /// place, pollutant and year (valid days, annual mean, 99th percentile of the daily means,
    /// highest WHO level met), the report's notes and the years that miss the capture rule as
    /// warnings, the manifest facts, and for each record its days above the WHO short-term levels
    /// by year (``StandardsReport/exceedanceCharts(guidelines:)``), its time-variation panels
    /// (``Localization/Record/timeVariationChart(level:)``) and a calendar per year coloured by
    /// AQI category (``Localization/Record/calendarCharts(index:rules:)``).
    ///
    /// ```swift
    /// let localization = try Localization(series)
    /// let report = try StandardsReport(records: localization.cities, rules: localization.options.capture)
    /// let html = try HTMLReport(standards: report, records: localization.cities, rules: localization.options.capture).html()
    /// ```
    ///
    /// - Parameters:
    ///   - report: The finished comparison.
    ///   - records: The records it was built from.
    ///   - standards: The WHO levels and indices it was built with.
    ///   - calendarIndex: The identifier of the index whose categories colour the calendars, or
    ///     `nil` (or an index that does not cover a pollutant) for the first index of `standards`
    ///     that covers the record's pollutant.
    ///   - rules: The data-capture rules of the localisation.
    ///   - settings: The inputs and settings to show (file, pollutants, …), in order.
    ///   - inputs: The input files with their SHA-256, or empty.
    ///   - maximumRecords: The most records charted; a note says how many are left out.
    /// - Throws: ``AirQualityError/unconvertibleUnit(pollutant:from:to:)`` when a record's unit
    ///   cannot be converted to its index's.
    /// - Complexity: O(readings of the charted records + results).
    public init(standards report: StandardsReport, records: [Localization.Record], standards: AirQualityStandards = .builtIn,
                calendarIndex: String? = nil, rules: DataCaptureRules, settings: [(name: String, value: String)] = [],
                inputs: [RunDirectory.Manifest.Input] = [], maximumRecords: Int = 6) throws(AirQualityError) {
        let pollutants = Array(Set(records.map(\.pollutant.name))).sorted()
        self.init(title: "Air quality against the WHO 2021 guidelines",
                  subtitle: "\(records.count) series (\(pollutants.joined(separator: ", "))); UrbanCast \(UrbanCastVersion.string)")
        sections.append(Section(heading: "Inputs and settings", facts: settings + [
            ("data capture", "a day needs \(ChartText.compact(rules.dayFraction * 100))% of its readings, a month and a year "
                + "\(ChartText.compact(rules.monthFraction * 100))% and \(ChartText.compact(rules.yearFraction * 100))% of their days"),
            ("indices", standards.indices.map(\.name).joined(separator: "; ")),
        ]))
        sections.append(Section(heading: "Years", table: DataTable(
            columns: ["series", "pollutant", "unit", "year", "valid days", "annual mean", "daily P99", "highest WHO level met"],
            rows: report.results.map { result in
                [result.key.isEmpty ? "-" : result.key.description, result.pollutant.name, result.unit.symbol, String(result.year),
                 "\(result.validDays) of \(result.possibleDays)", ChartText.readable(result.annualMean),
                 ChartText.readable(result.dailyP99), result.highestLevelMet?.rawValue ?? "none"]
            })))
        sections.append(Self.manifestSection(inputs: inputs, seed: "not used"))
        var short: [String: [Int]] = [:]
        var order: [String] = []
        for result in report.results {
            let name = result.key.isEmpty ? result.pollutant.name : "\(result.key) \(result.pollutant.name)"
            for note in result.notes { warnings.append("\(name) \(result.year): \(note)") }
            guard !result.meetsCaptureRule else { continue }
            if short[name] == nil { order.append(name) }
            short[name, default: []].append(result.year)
        }
        for name in order {
            let years = short[name] ?? []
            warnings.append("\(name): \(years.map(String.init).joined(separator: ", ")) \(years.count == 1 ? "misses" : "miss") "
                + "the data-capture rule; \(years.count == 1 ? "its" : "their") statistics are shown but no WHO level is judged.")
        }
        let exceedances = report.exceedanceCharts(guidelines: standards.guidelines)
        for record in records.prefix(max(0, maximumRecords)) {
            let exceedanceID = chartIdentifier("exceedances \(record.key.values.joined(separator: " ")) \(record.pollutant.name)")
            charts += exceedances.filter { $0.id == exceedanceID }
            charts.append(try record.timeVariationChart())
            let covering = standards.indices.filter { $0.primaryAveraging(for: record.pollutant) != nil }
            let index = covering.first { $0.id == calendarIndex } ?? covering.first
            if let index {
                let calendars = try record.calendarCharts(index: index, rules: rules)
                if calendars.isEmpty {
                    notes.append("\(record.chartName): no calendar; the \(index.name) classifies \(record.pollutant.name) "
                        + "by a statistic that needs hourly data.")
                }
                charts += calendars
            }
        }
        if records.count > maximumRecords {
            notes.append("Charts for the first \(max(0, maximumRecords)) of \(records.count) series; "
                + "the other \(records.count - max(0, maximumRecords)) are in the Years table.")
        }
    }

    /// The report of air-quality trends: the settings, a table of each series' Theil–Sen slope
    /// with its interval and Mann–Kendall p-value, the manifest facts with the bootstrap seed,
    /// and a trend chart per series (``TrendAnalysis/Result/chart(options:id:)``).
    ///
    /// ```swift
    /// let result = try TrendAnalysis.analyze(key: record.key, pollutant: .pm25, unit: record.unit, monthly: record.monthly)
    /// let html = HTMLReport(trend: [result], options: TrendAnalysis.Options()).html()
    /// ```
    ///
    /// - Parameters:
    ///   - results: The trends.
    ///   - options: The settings they were computed with.
    ///   - settings: The inputs and settings to show (file, pollutants, …), in order.
    ///   - inputs: The input files with their SHA-256, or empty.
    ///   - maximumPanels: The most series charted; a note says how many are left out.
    /// - Complexity: O(months of the charted series · log months).
    public init(trend results: [TrendAnalysis.Result], options: TrendAnalysis.Options, settings: [(name: String, value: String)] = [],
                inputs: [RunDirectory.Manifest.Input] = [], maximumPanels: Int = 24) {
        let level = ChartText.compact(options.level)
        self.init(title: "Air-quality trends",
                  subtitle: "\(results.count) series, Theil–Sen slopes of monthly means; UrbanCast \(UrbanCastVersion.string)")
        sections.append(Section(heading: "Inputs and settings", facts: settings + [
            ("deseasonalisation", options.deseasonalization == .stl ? "STL (period 12, seasonal window 35, robust)" : "none"),
            ("interval", "\(level)% moving-block bootstrap, \(options.replicates) replicates, "
                + (options.blockLength.map { "blocks of \($0) months" } ?? "blocks of ⌈n^(1/3)⌉ months")),
            ("seed", String(options.seed)),
        ]))
        sections.append(Section(heading: "Trends", table: DataTable(
            columns: ["series", "pollutant", "slope per year", "lo\(level)", "hi\(level)", "Mann–Kendall p", "months", "span", "unit"],
            rows: results.map { result in
                [result.key.isEmpty ? "-" : result.key.description, result.pollutant.name, ChartText.readable(result.slopePerYear),
                 ChartText.readable(result.lower), ChartText.readable(result.upper), ChartText.readable(result.mannKendallP),
                 String(result.months), "\(result.start) to \(result.end)", "\(result.unit.symbol) per year"]
            })))
        sections.append(Self.manifestSection(inputs: inputs, seed: String(options.seed)))
        var seen: [String: Int] = [:]
        charts = results.prefix(max(0, maximumPanels)).map { result in
            var chart = result.chart(options: options)
            let count = seen[chart.id, default: 0]
            seen[chart.id] = count + 1
            if count > 0 { chart = result.chart(options: options, id: "\(chart.id)-\(count + 1)") }
            return chart
        }
        if results.count > maximumPanels {
            notes.append("Charts for the first \(charts.count) of \(results.count) series; the others are in the Trends table.")
        }
    }
}

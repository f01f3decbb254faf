import UrbanCast

extension Localization.Record {
    /// The record's name on charts: its key and pollutant (`Beijing PM2.5`).
    var chartName: String { key.isEmpty ? pollutant.name : "\(key.values.joined(separator: " ")) \(pollutant.name)" }

    /// The daily statistic that classifies days for `index` (as ``StandardsReport`` counts AQI
    /// days): the daily mean for a 24-hour table, the daily maximum 8-hour mean for an 8-hour one,
    /// the daily maximum hourly value for a 1-hour one, each with its name.
    ///
    /// - Parameters:
    ///   - index: The index.
    ///   - rules: The data-capture rules of the localisation.
    /// - Returns: The statistic's name and one entry per day, or `nil` when the index does not
    ///   cover the pollutant or its table needs hourly data the record does not have.
    /// - Complexity: O(hours) for an 8-hour or 1-hour table, O(1) otherwise.
    public func classifyingDays(for index: AirQualityIndex, rules: DataCaptureRules) -> (statistic: String, days: [PeriodStatistic])? {
        let hourly = subDaily.flatMap { $0.frequency == .hourly ? $0 : nil }
        switch index.primaryAveraging(for: pollutant) {
        case "24-hour": return ("daily mean", daily)
        case "8-hour": return hourly.map { ("daily maximum 8-hour mean", DailyMetrics.dailyMaximum8HourMean($0, rules: rules)) }
        case "1-hour": return hourly.map { ("daily maximum 1-hour value", DailyMetrics.dailyMaximum1Hour($0, rules: rules)) }
        default: return nil
        }
    }

    /// One calendar per year of the record (``CalendarPlot``), each day coloured by its category
    /// of `index` (``AirQualityColors``) from the day-classifying statistic
    /// (``classifyingDays(for:rules:)``); a day whose statistic misses the capture rule is left
    /// empty.
    ///
    /// ```swift
    /// let china = AirQualityStandards.builtIn.indices.first { $0.id == "china-hj633-2012" }!
    /// let charts = try record.calendarCharts(index: china, rules: localization.options.capture)
    /// ```
    ///
    /// - Parameters:
    ///   - index: The index whose categories and colours are drawn.
    ///   - rules: The data-capture rules of the localisation.
    /// - Returns: A chart per calendar year, with the table date, value, sub-index and category;
    ///   empty when ``classifyingDays(for:rules:)`` gives nothing.
    /// - Throws: ``AirQualityError/unconvertibleUnit(pollutant:from:to:)`` when the record's unit
    ///   cannot be converted to the index's.
    /// - Complexity: O(days), plus O(hours) for an 8-hour or 1-hour table.
    public func calendarCharts(index: AirQualityIndex, rules: DataCaptureRules) throws(AirQualityError) -> [Chart] {
        guard let classifying = classifyingDays(for: index, rules: rules), let averaging = index.primaryAveraging(for: pollutant)
        else { return [] }
        let (statistic, days) = classifying
        let colors = AirQualityColors.colors(for: index)
        let categories = zip(index.categories, colors).map { (name: $0.name, color: $1) }
        var classified: [(day: CalendarPlot.Day, subIndex: AirQualityIndex.SubIndex?)] = []
        for day in days {
            let sub = day.isValid ? try index.subIndex(day.mean, pollutant: pollutant, averaging: averaging, unit: unit) : nil
            let position = sub.flatMap { sub in index.categories.firstIndex { $0.name == sub.category } }
            classified.append((CalendarPlot.Day(date: day.date, value: day.validMean, category: position), sub))
        }
        let years = Array(Set(days.map(\.date.year))).sorted()
        return years.map { year -> Chart in
            let inYear = classified.filter { $0.day.date.year == year }
            let counts = categories.indices.map { k in inYear.filter { $0.day.category == k }.count }
            let title = "\(chartName) \(year): \(statistic) by AQI category"
            let description = "Calendar of \(year), a panel per month with weeks as rows (Sunday first): each day coloured by its "
                + "\(index.name) category of the \(statistic) of \(titled(pollutant.name, unit: unit.symbol)); "
                + "\(counts.reduce(0, +)) of \(CalendarPlot.daysInYear(year)) days have a valid value, the others are left empty. Days per category: "
                + zip(categories, counts).map { "\($0.name) \($1)" }.joined(separator: ", ") + "."
            var plot = CalendarPlot(title: title, description: description, year: year, categories: categories)
            plot.legendTitle = index.name
            plot.days = inYear.map(\.day)
            let id = chartIdentifier("calendar \(key.values.joined(separator: " ")) \(pollutant.name) \(index.id) \(year)")
            let table = DataTable(
                columns: ["date", titled(statistic, unit: unit.symbol), "sub-index", "category"],
                rows: inYear.map { entry in
                    ["\(entry.day.date)", ChartText.tableValue(entry.day.value), entry.subIndex?.value.map(String.init) ?? "",
                     entry.subIndex?.category ?? ""]
                })
            return Chart(id: id, title: title, description: description, svg: plot.svg(id: id), table: table)
        }
    }

    /// The time-variation panels of the record (``TimeVariationPlot``): the mean by hour of day
    /// (sub-daily data only), day of week and month with their confidence intervals
    /// (``TimeVariation``).
    ///
    /// ```swift
    /// let chart = try record.timeVariationChart()
    /// ```
    ///
    /// - Parameter level: The interval level in percent, default 95.
    /// - Returns: The chart with the table panel, class, mean, interval ends and readings.
    /// - Throws: ``AirQualityError/invalidSetting(_:)`` for a level outside (0, 100).
    /// - Complexity: O(readings).
    public func timeVariationChart(level: Double = 95) throws(AirQualityError) -> Chart {
        let variation = try TimeVariation(self, level: level)
        let readings = subDaily == nil ? "valid daily means" : "readings"
        let title = "\(chartName): mean by hour, weekday and month"
        let lo = "lo\(ChartText.compact(level))", hi = "hi\(ChartText.compact(level))"
        let description = "Mean \(titled(pollutant.name, unit: unit.symbol)) of all \(readings) "
            + (variation.hour == nil ? "by day of week and by month (daily data: no hour-of-day panel)" : "by hour of day, day of week and month")
            + ", with the \(ChartText.compact(level))% Student t confidence interval of each mean (x̄ ± t·s/√n)."
        let plot = TimeVariationPlot(title: title, description: description, valueTitle: titled(pollutant.name, unit: unit.symbol),
                                     variation: variation)
        var rows: [[String]] = []
        for (name, profile) in [("hour", variation.hour), ("weekday", variation.weekday), ("month", variation.month)] {
            guard let profile else { continue }
            for k in profile.labels.indices {
                rows.append([name, profile.labels[k], ChartText.tableValue(profile.mean[k]), ChartText.tableValue(profile.lower[k]),
                             ChartText.tableValue(profile.upper[k]), String(profile.count[k])])
            }
        }
        let id = chartIdentifier("time variation \(key.values.joined(separator: " ")) \(pollutant.name)")
        return Chart(id: id, title: title, description: description, svg: plot.svg(id: id),
                     table: DataTable(columns: ["panel", "class", titled("mean", unit: unit.symbol), lo, hi, readings], rows: rows))
    }
}

extension CalendarPlot {
    /// The days of a year.
    static func daysInYear(_ year: Int) -> Int { daysInMonth(year: year, month: 2) == 29 ? 366 : 365 }
}

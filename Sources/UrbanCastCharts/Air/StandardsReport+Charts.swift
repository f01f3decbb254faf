import UrbanCast

extension StandardsReport {
    /// One bar chart per place and pollutant of the days above each WHO 2021 short-term level
    /// (``StandardsReport/Result/exceedanceDays``): a group of bars per year, one bar per level
    /// from the guideline (AQG, the most days) to IT-1; places and pollutants without a short-term
    /// level (or whose 8-hour levels need hourly data) get no chart.
    ///
    /// ```swift
    /// let charts = report.exceedanceCharts(guidelines: AirQualityStandards.builtIn.guidelines)
    /// ```
    ///
    /// - Parameter guidelines: The WHO levels the report was built with, which name the thresholds.
    /// - Returns: The charts in the report's order, each with the table year, valid days, days in
    ///   the year and the days above each level.
    /// - Complexity: O(results).
    public func exceedanceCharts(guidelines: WHOGuidelines) -> [Chart] {
        var order: [String] = []
        var groups: [String: [Result]] = [:]
        for result in results where !result.exceedanceDays.isEmpty {
            let name = "\(result.key.values.joined(separator: " ")) \(result.pollutant.name)"
            if groups[name] == nil { order.append(name) }
            groups[name, default: []].append(result)
        }
        return order.compactMap { name in groups[name].map { Self.exceedanceChart($0, guidelines: guidelines) } }
    }

    /// The exceedance chart of one place and pollutant's years.
    static func exceedanceChart(_ years: [Result], guidelines: WHOGuidelines) -> Chart {
        let first = years[0]
        let unit = first.unit.symbol
        let thresholds = first.exceedanceDays.map(\.threshold)
        let entries = guidelines.entries(for: first.pollutant).filter { $0.statistic == .dailyMeanP99 || $0.statistic == .dailyMax8hP99 }
        let levelNames = thresholds.map { threshold in
            entries.first { entry in
                guard let value = try? entry.unit.convert(entry.value, to: first.unit, pollutant: first.pollutant,
                                                          at: WHOGuidelines.conditions) else { return false }
                return Swift.abs(value - threshold) <= 1e-9 * Swift.max(1, Swift.abs(threshold))
            }?.level.rawValue
        }
        let averaging = entries.first?.statistic == .dailyMax8hP99 ? "daily maximum 8-hour mean" : "daily mean"
        let labels = zip(levelNames, thresholds).map { name, threshold in
            (name.map { "\($0) " } ?? "") + "\(ChartText.compact(threshold)) \(unit)"
        }
        let series = thresholds.indices.map { k in
            (label: labels[k], color: Palette.color(k), values: years.map { k < $0.exceedanceDays.count ? Double($0.exceedanceDays[k].days) : .nan })
        }
        let place = first.key.isEmpty ? first.pollutant.name : "\(first.key.values.joined(separator: " ")) \(first.pollutant.name)"
        let title = "\(place): days above the WHO 2021 \(averaging == "daily mean" ? "24-hour" : "8-hour") levels"
        let short = years.filter { !$0.meetsCaptureRule }.map { String($0.year) }
        let description = "Days per year whose \(averaging) of \(first.pollutant.name) is above each WHO 2021 short-term level, "
            + "from the guideline (\(labels.first ?? "")) to the least stringent interim target (\(labels.last ?? "")); "
            + "the guideline allows 3–4 such days a year. "
            + (short.isEmpty ? "Every year meets the 75% data-capture rule."
                : "\(short.joined(separator: ", ")) (starred) \(short.count == 1 ? "misses" : "miss") the 75% data-capture rule, so "
                    + "\(short.count == 1 ? "its" : "their") counts are lower bounds.")
        let plot = GroupedBarPlot(title: title, description: description, valueTitle: "days above the level", categoryTitle: "year",
                                  categories: years.map { "\($0.year)" + ($0.meetsCaptureRule ? "" : "*") }, series: series)
        let id = chartIdentifier("exceedances \(first.key.values.joined(separator: " ")) \(first.pollutant.name)")
        let table = DataTable(
            columns: ["year", "valid days", "days in year"] + labels.map { "days above \($0)" },
            rows: years.map { result in
                [String(result.year), String(result.validDays), String(result.possibleDays)] + result.exceedanceDays.map { String($0.days) }
            })
        return Chart(id: id, title: title, description: description, svg: plot.svg(id: id), table: table)
    }
}

import UrbanCast

extension TrendAnalysis.Result {
    /// The months of ``values``, from ``start``.
    public var monthDates: [SeriesDate] { values.indices.map { start.advanced(by: $0, frequency: .monthly) } }

    /// Time in decimal years of each month (year + (month − 1)/12), the abscissa of the slope.
    public var decimalYears: [Double] { monthDates.map { Double($0.year) + Double($0.month - 1) / 12 } }

    /// The Theil–Sen line and the fan of its slope's interval at each month.
    ///
    /// The line is a + b·t with b = ``slopePerYear`` and a = median{yᵢ − b·tᵢ} over the valid
    /// months (Conover's intercept, as `Statistics.TheilSen`). The band draws the interval of the
    /// slope: lines of slope ``lower`` and ``upper`` through the line's value at the median time
    /// t̃ of the valid months, so at each month it runs from the smaller to the larger of
    /// a + b·t̃ + b_lo·(t − t̃) and a + b·t̃ + b_hi·(t − t̃), and contains the line (b_lo ≤ b ≤ b_hi).
    ///
    /// - Returns: For each month, the line's value and the band's ends; all `NaN` without valid months.
    /// - Complexity: O(*n* log *n*) in the months.
    public func trendLine() -> (fitted: [Double], lower: [Double], upper: [Double]) {
        let t = decimalYears
        let valid = values.indices.filter { values[$0].isFinite }
        guard !valid.isEmpty else {
            let none = [Double](repeating: .nan, count: values.count)
            return (none, none, none)
        }
        let intercept = Self.median(valid.map { values[$0] - slopePerYear * t[$0] })
        let pivot = Self.median(valid.map { t[$0] })
        let centre = intercept + slopePerYear * pivot
        let fitted = t.map { intercept + slopePerYear * $0 }
        let ends = t.map { (centre + lower * ($0 - pivot), centre + upper * ($0 - pivot)) }
        return (fitted, ends.map { Swift.min($0.0, $0.1) }, ends.map { Swift.max($0.0, $0.1) })
    }

    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        let n = sorted.count
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2
    }

    /// The trend chart, as openair's `TheilSen` plot: the (deseasonalised) monthly means, the
    /// Theil–Sen line and the band of its slope's interval (``trendLine()``); the description
    /// gives the slope per year with its interval and the Mann–Kendall p-value.
    ///
    /// ```swift
    /// let result = try TrendAnalysis.analyze(key: record.key, pollutant: .pm25, unit: record.unit, monthly: record.monthly)
    /// let chart = result.chart()
    /// ```
    ///
    /// - Parameters:
    ///   - options: The settings the result was computed with (its level and deseasonalisation).
    ///   - id: The chart's identifier, or `nil` for one made from the key and pollutant.
    /// - Returns: The chart with the table month, value, line and band ends.
    /// - Complexity: O(*n* log *n*) in the months.
    public func chart(options: TrendAnalysis.Options = TrendAnalysis.Options(), id: String? = nil) -> Chart {
        let place = key.isEmpty ? pollutant.name : "\(key.values.joined(separator: " ")) \(pollutant.name)"
        let deseasonalised = options.deseasonalization == .stl
        let quantity = deseasonalised ? "deseasonalised monthly mean" : "monthly mean"
        let level = ChartText.compact(options.level)
        let title = "\(place): Theil–Sen trend \(ChartText.readable(slopePerYear)) \(unit.symbol)/year, "
            + "\(level)% interval \(ChartText.readable(lower)) to \(ChartText.readable(upper))"
        let description = "The \(quantity)s of \(pollutant.name) from \(start) to \(end) (\(months) valid months)"
            + (deseasonalised ? ", the seasonal cycle removed by STL" : "")
            + ", with the Theil–Sen trend of \(ChartText.readable(slopePerYear)) \(unit.symbol) per year "
            + "(\(level)% block-bootstrap interval \(ChartText.readable(lower)) to \(ChartText.readable(upper)); "
            + "Mann–Kendall p = \(ChartText.readable(mannKendallP))); the band spans the lines of the interval's slopes "
            + "through the trend at the median month."
        let line = trendLine()
        let x = monthDates.map { Double($0.secondsSinceEpoch) }
        var plot = TimeSeriesPlot(title: title, description: description, valueTitle: titled(pollutant.name, unit: unit.symbol),
                                  timeTitle: "month")
        plot.bands.append(.init(label: "\(level)% interval of the slope", x: x, lower: line.lower, upper: line.upper,
                                color: Palette.vermillion, opacity: 0.2))
        plot.lines.append(.init(label: quantity, x: x, y: values, color: Palette.black, width: 1.2))
        plot.lines.append(.init(label: "Theil–Sen trend", x: x, y: line.fitted, color: Palette.vermillion, width: 2))
        let chartID = id ?? chartIdentifier("trend \(key.values.joined(separator: " ")) \(pollutant.name)")
        let table = DataTable(
            columns: ["month", titled(quantity, unit: unit.symbol), "trend", "lo\(level)", "hi\(level)"],
            rows: values.indices.map { k in
                ["\(monthDates[k])", ChartText.tableValue(values[k]), ChartText.tableValue(line.fitted[k]),
                 ChartText.tableValue(line.lower[k]), ChartText.tableValue(line.upper[k])]
            })
        return Chart(id: chartID, title: title, description: description, svg: plot.svg(id: chartID), table: table)
    }
}

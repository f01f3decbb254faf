import UrbanCast

/// A calendar of one year, as openair's `calendarPlot`: a panel per month in a 4 × 3 grid, each
/// panel seven weekday columns (Sunday first, as openair's default `week.start = 0`) and a row per
/// week, each day a square filled with the colour of its category and labelled with its day of the
/// month; a day without a value is drawn as an empty outlined square. A legend under the grid names
/// the categories with their colours.
///
/// ```swift
/// var plot = CalendarPlot(title: "Dongsi PM2.5, 2015", description: "…", year: 2015,
///                         categories: [("Good", "#00E400"), ("Moderate", "#FFFF00")])
/// plot.days = [.init(date: SeriesDate(year: 2015, month: 7, day: 4, precision: .day), value: 12, category: 0)]
/// let svg = plot.svg(id: "calendar-2015")
/// ```
public struct CalendarPlot: Sendable {
    /// One day's value and category.
    public struct Day: Sendable {
        /// The day.
        public var date: SeriesDate
        /// The value shown in the data table, `NaN` when missing.
        public var value: Double
        /// The position of the day's category in ``CalendarPlot/categories``, or `nil` for a day
        /// drawn empty.
        public var category: Int?

        /// A day.
        ///
        /// - Parameters:
        ///   - date: The day.
        ///   - value: Its value.
        ///   - category: Its category's position, or `nil`.
        public init(date: SeriesDate, value: Double, category: Int?) {
            self.date = date
            self.value = value
            self.category = category
        }
    }

    /// The title.
    public var title: String
    /// The SVG's `<desc>`.
    public var description: String
    /// The calendar year drawn.
    public var year: Int
    /// The categories with their fill colours, lowest first.
    public var categories: [(name: String, color: String)]
    /// A line above the legend naming what the colours classify (the index's name), or empty.
    public var legendTitle = ""
    /// The days; those outside ``year`` are ignored.
    public var days: [Day] = []
    /// The legend's name for an empty day.
    public var missingLabel = "no valid value"
    /// The width in pixels.
    public var width: Double = 720

    static let side = 16.0
    static let gridTop = 40.0
    static let panelGap = 16.0
    static let rowGap = 12.0
    static let panelHeader = 30.0
    static let legendSize = 11.0
    static let legendRow = 18.0

    /// A calendar with no days yet.
    ///
    /// - Parameters:
    ///   - title: The title.
    ///   - description: The description for screen readers.
    ///   - year: The year.
    ///   - categories: The categories and their colours.
    public init(title: String, description: String, year: Int, categories: [(name: String, color: String)]) {
        self.title = title
        self.description = description
        self.year = year
        self.categories = categories
    }

    /// The side of a day's square in pixels: a seventh of a month panel.
    public var cellSize: Double { (width - 2 * Self.side - 3 * Self.panelGap) / 4 / 7 }

    /// The height of a month panel: its header and six week rows.
    var panelHeight: Double { Self.panelHeader + 6 * cellSize }

    /// The top-left corner of a month's panel; months run left to right, four to a row.
    ///
    /// - Parameter month: The month, 1–12.
    /// - Returns: The panel's left and top edges in pixels.
    public func panelOrigin(month: Int) -> (x: Double, y: Double) {
        let column = (month - 1) % 4, row = (month - 1) / 4
        return (Self.side + Double(column) * (7 * cellSize + Self.panelGap),
                Self.gridTop + Double(row) * (panelHeight + Self.rowGap))
    }

    /// The square of a day: column = its weekday (Sunday 0), row = its week of the month
    /// ((day − 1 + weekday of the 1st) / 7, rounded down).
    ///
    /// - Parameters:
    ///   - month: The month, 1–12.
    ///   - day: The day of the month.
    /// - Returns: The square's left and top edges and its side, in pixels.
    public func cell(month: Int, day: Int) -> (x: Double, y: Double, size: Double) {
        let first = TimeVariation.weekday(of: SeriesDate(year: year, month: month, day: 1, precision: .day))
        let position = day - 1 + first
        let origin = panelOrigin(month: month)
        return (origin.x + Double(position % 7) * cellSize, origin.y + Self.panelHeader + Double(position / 7) * cellSize, cellSize)
    }

    /// The legend's entries (the categories, then the empty day) with their positions, wrapped at
    /// the chart's width.
    func legend() -> [(label: String, color: String?, x: Double, y: Double)] {
        var top = Self.gridTop + 3 * panelHeight + 2 * Self.rowGap + 16
        if !legendTitle.isEmpty { top += Self.legendRow }
        var entries: [(label: String, color: String?, x: Double, y: Double)] = []
        var cursor = Self.side, row = 0
        let items: [(String, String?)] = categories.map { ($0.name, $0.color) } + [(missingLabel, nil)]
        for (label, color) in items {
            let needed = 20 + ChartText.estimatedWidth(label, fontSize: Self.legendSize) + 14
            if cursor > Self.side && cursor + needed > width - Self.side {
                row += 1
                cursor = Self.side
            }
            entries.append((label, color, cursor, top + Double(row) * Self.legendRow))
            cursor += needed
        }
        return entries
    }

    /// The chart's height: the grid and the legend under it.
    public var height: Double { (legend().last?.y ?? Self.gridTop + 3 * panelHeight) + 12 }

    /// The calendar as a standalone SVG document.
    ///
    /// - Parameter id: The SVG's id, unique within a page.
    /// - Returns: The SVG text.
    /// - Complexity: O(days).
    public func svg(id: String) -> String {
        var byDay: [Int: Day] = [:]
        for day in days where day.date.year == year { byDay[day.date.month * 100 + day.date.day] = day }
        var svg = SVGWriter(id: id, width: width, height: height, title: title, description: description)
        svg.label(title, x: Self.side, y: 22, size: TimeSeriesPlot.titleSize(title, width: width), weight: "bold")
        let size = cellSize
        for month in 1...12 {
            let origin = panelOrigin(month: month)
            svg.label(TimeVariation.monthNames[month - 1], x: origin.x + 7 * size / 2, y: origin.y + 12, size: 12,
                      anchor: "middle", weight: "bold")
            for (column, name) in TimeVariation.weekdayNames.enumerated() {
                svg.label(String(name.prefix(1)), x: origin.x + (Double(column) + 0.5) * size, y: origin.y + 26, size: 9,
                          anchor: "middle", fill: "#555555")
            }
            for dayOfMonth in 1...Self.daysInMonth(year: year, month: month) {
                let square = cell(month: month, day: dayOfMonth)
                let color = byDay[month * 100 + dayOfMonth]?.category.flatMap { $0 < categories.count ? categories[$0].color : nil }
                if let color {
                    svg.element("rect", ["class": .text("day"), "x": .number(square.x), "y": .number(square.y),
                                         "width": .number(size), "height": .number(size), "fill": .text(color),
                                         "stroke": .text("#ffffff"), "stroke-width": .number(1)])
                } else {
                    svg.element("rect", ["class": .text("day missing"), "x": .number(square.x + 1), "y": .number(square.y + 1),
                                         "width": .number(size - 2), "height": .number(size - 2), "fill": .text("#ffffff"),
                                         "stroke": .text("#bbbbbb"), "stroke-width": .number(1)])
                }
                svg.label(String(dayOfMonth), x: square.x + size / 2, y: square.y + size / 2 + 3, size: 9, anchor: "middle",
                          fill: color.map(AirQualityColors.textColor(on:)) ?? "#999999")
            }
        }
        let entries = legend()
        svg.open("g", ["class": .text("legend")])
        if !legendTitle.isEmpty, let first = entries.first {
            svg.label(legendTitle, x: Self.side, y: first.y - Self.legendRow, size: Self.legendSize, weight: "bold")
        }
        for entry in entries {
            svg.element("rect", ["x": .number(entry.x), "y": .number(entry.y - 11), "width": .number(14), "height": .number(14),
                                 "fill": .text(entry.color ?? "#ffffff"), "stroke": .text(entry.color == nil ? "#bbbbbb" : "#888888"),
                                 "stroke-width": .number(entry.color == nil ? 1 : 0.5)])
            svg.label(entry.label, x: entry.x + 20, y: entry.y, size: Self.legendSize)
        }
        svg.close("g")
        return svg.finish()
    }

    /// The days of a month of the proleptic Gregorian calendar.
    static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }
}

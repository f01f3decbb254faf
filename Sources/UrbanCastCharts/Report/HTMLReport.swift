/// A self-contained HTML report: facts about the run, warnings, and charts with their data as
/// tables, in one file with inline SVG and CSS, no script and nothing fetched from the network,
/// and a print stylesheet that keeps each chart whole on a page.
///
/// The page holds no time stamp, so the same run gives the same bytes.
///
/// ```swift
/// var report = HTMLReport(title: "Forecast: NYC water")
/// report.sections.append(.init(heading: "Inputs", facts: [("file", "nyc_water_long.csv")]))
/// report.charts = run.charts()
/// let html = report.html()
/// ```
public struct HTMLReport: Sendable {
    /// A titled list of facts (name and value), shown as a two-column table.
    /// Rows beyond which a section's table is folded into a `<details>` element.
    static let longTable = 30

    public struct Section: Sendable {
        /// The heading.
        public var heading: String
        /// The facts, in order.
        public var facts: [(name: String, value: String)]
        /// A table shown under the facts, or `nil`.
        public var table: DataTable?

        /// A section.
        ///
        /// - Parameters:
        ///   - heading: The heading.
        ///   - facts: The facts.
        ///   - table: A table under them.
        public init(heading: String, facts: [(name: String, value: String)] = [], table: DataTable? = nil) {
            self.heading = heading
            self.facts = facts
            self.table = table
        }
    }

    /// The page's title and first heading.
    public var title: String
    /// A line under the title.
    public var subtitle: String?
    /// Warnings, shown before everything else after the title.
    public var warnings: [String] = []
    /// The sections (inputs, model choices, manifest), in order.
    public var sections: [Section] = []
    /// Notes shown above the charts (charts left out, say).
    public var notes: [String] = []
    /// The charts.
    public var charts: [Chart] = []

    /// An empty report.
    ///
    /// - Parameters:
    ///   - title: The title.
    ///   - subtitle: A line under the title.
    public init(title: String, subtitle: String? = nil) {
        self.title = title
        self.subtitle = subtitle
    }

    /// The `generator` meta tag's content, by which a file is recognised as a report UrbanCast wrote.
    public static let generator = "UrbanCast"

    static let style = """
        :root { color-scheme: light; }
        body { font-family: "DejaVu Sans", Verdana, Arial, sans-serif; color: #222; background: #fff; margin: 0 auto;
               max-width: 60rem; padding: 1.5rem; line-height: 1.4; }
        h1 { font-size: 1.6rem; margin: 0 0 .2rem; }
        h2 { font-size: 1.2rem; margin: 1.6rem 0 .5rem; border-bottom: 1px solid #ccc; padding-bottom: .2rem; }
        h3 { font-size: 1rem; margin: 0 0 .3rem; }
        .subtitle { color: #555; margin: 0 0 1rem; }
        .warnings { border-left: 4px solid #D55E00; background: #fff4ec; padding: .5rem 1rem; }
        table { border-collapse: collapse; font-size: .85rem; margin: .4rem 0; }
        th, td { border: 1px solid #ddd; padding: .15rem .45rem; text-align: left; vertical-align: top; }
        table.data td { text-align: right; font-variant-numeric: tabular-nums; }
        table.data td:first-child { text-align: left; }
        th { background: #f3f3f3; }
        table.facts th { width: 12rem; }
        table.facts th, table.facts td { overflow-wrap: anywhere; }
        code, .hash { font-family: "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: .8rem; word-break: break-all; }
        figure { margin: 1.2rem 0; padding: 0; }
        figure svg { display: block; max-width: 100%; height: auto; }
        figcaption { color: #444; font-size: .9rem; margin: .3rem 0; }
        details { margin: .3rem 0 0; }
        summary { cursor: pointer; color: #0072B2; }
        .table-scroll { max-height: 24rem; overflow: auto; }
        @media print {
          body { max-width: none; padding: 0; }
          figure.chart { break-before: page; page-break-before: always; break-inside: avoid; page-break-inside: avoid; }
          figure svg { max-height: 80vh; width: 100%; }
          details { display: none; }
          summary { color: #222; }
        }
        """

    /// The report as one HTML document.
    ///
    /// - Returns: The HTML text, ending in a line break.
    /// - Complexity: O(total size of the charts and tables).
    public func html() -> String {
        let e = ChartText.escaped
        var out = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        out += "<meta name=\"generator\" content=\"\(Self.generator)\">\n"
        out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        // Nothing on the page may load from elsewhere: no script at all, styles and images inline.
        out += "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">\n"
        out += "<title>\(e(title))</title>\n<style>\n\(Self.style)\n</style>\n</head>\n<body>\n"
        out += "<header>\n<h1>\(e(title))</h1>\n"
        if let subtitle { out += "<p class=\"subtitle\">\(e(subtitle))</p>\n" }
        out += "</header>\n"
        if !warnings.isEmpty {
            out += "<section class=\"warnings\">\n<h2>Warnings</h2>\n<ul>\n"
            out += warnings.map { "<li>\(e($0))</li>\n" }.joined()
            out += "</ul>\n</section>\n"
        }
        for section in sections {
            out += "<section>\n<h2>\(e(section.heading))</h2>\n"
            if !section.facts.isEmpty {
                out += "<table class=\"facts\">\n<tbody>\n"
                for fact in section.facts { out += "<tr><th scope=\"row\">\(e(fact.name))</th><td>\(e(fact.value))</td></tr>\n" }
                out += "</tbody>\n</table>\n"
            }
            if let table = section.table {
                // A long list (a model per series of a large panel) is folded away on screen and
                // left out of print, as the chart data tables are, so the charts come first.
                if table.rows.count > Self.longTable {
                    out += "<details>\n<summary>\(table.rows.count) rows</summary>\n"
                        + Self.tableHTML(table, className: "list") + "</details>\n"
                } else {
                    out += Self.tableHTML(table, className: "list")
                }
            }
            out += "</section>\n"
        }
        if !charts.isEmpty || !notes.isEmpty {
            out += "<section>\n<h2>Charts</h2>\n"
            out += notes.map { "<p class=\"note\">\(e($0))</p>\n" }.joined()
            for chart in charts {
                out += "<figure class=\"chart\" id=\"figure-\(chart.id)\">\n"
                out += chart.svg
                out += "<figcaption>\(e(chart.description))</figcaption>\n"
                out += "<details>\n<summary>Data: \(e(chart.title))</summary>\n<div class=\"table-scroll\">\n"
                out += Self.tableHTML(chart.table, className: "data")
                out += "</div>\n</details>\n</figure>\n"
            }
            out += "</section>\n"
        }
        out += "</body>\n</html>\n"
        return out
    }

    /// A table; in a `data` table numbers are right-aligned by the style sheet and empty cells
    /// at the end of a row are left out (HTML fills them), which keeps long tables small.
    static func tableHTML(_ table: DataTable, className: String) -> String {
        let e = ChartText.escaped
        var out = "<table class=\"\(className)\">\n<thead><tr>" + table.columns.map { "<th scope=\"col\">\(e($0))</th>" }.joined()
            + "</tr></thead>\n<tbody>\n"
        for row in table.rows {
            let cells = className == "data" ? Array(row.reversed().drop { $0.isEmpty }.reversed()) : row
            out += "<tr>" + cells.map { "<td>\(e($0))</td>" }.joined() + "</tr>\n"
        }
        return out + "</tbody>\n</table>\n"
    }
}

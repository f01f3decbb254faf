import ArgumentParser
import UrbanCast

extension ForecastRun.OutputLayout.Style: ExpressibleByArgument {}

/// `--style`, `--digits N`, `--include-history`: how `forecast` lays out its CSV (and what its
/// JSON carries beside the forecast).
struct OutputFormatOptions: ParsableArguments {
    @Option(help: ArgumentHelp("CSV column names: urbancast (default), statsforecast (unique_id, ds, MODEL, "
        + "MODEL-lo-95, ...) or r (Point Forecast, Lo 80, Hi 80, ...).", valueName: "urbancast|statsforecast|r"))
    var style: ForecastRun.OutputLayout.Style = .urbancast

    @Option(parsing: .unconditional,
            help: ArgumentHelp("Significant digits of CSV numbers (default: the shortest text that reads back exactly).",
                               valueName: "N"))
    var digits: Int?

    @Flag(help: "Write each series' observed and fitted values before its forecast (rows marked history).")
    var includeHistory = false

    func validate() throws {
        if let digits, !(1...17).contains(digits) { throw ValidationError("--digits must be from 1 to 17, not \(digits)") }
    }

    /// The layout; each series' unit is written whenever the data has one.
    func layout() -> ForecastRun.OutputLayout {
        ForecastRun.OutputLayout(style: style, significantDigits: digits, includesHistory: includeHistory)
    }
}

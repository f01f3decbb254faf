import ArgumentParser
import Foundation
import UrbanCast

/// The `urbancast` command-line tool: city-level urban sustainability forecasting.
///
/// Exit status: 0 on success, 1 for bad data or a model that cannot be fitted, 2 for a usage error,
/// 3 when some series failed and the others were written.
@main
struct UrbanCastCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "urbancast",
        abstract: "Forecast a city's resource use and air quality, with uncertainty.",
        discussion: """
            Exit status: 0 on success, 1 for bad data or a model that cannot be fitted, 2 for a \
            usage error, 3 when some series failed and the others were written (forecast and \
            backtest; --allow-failures makes it 0), 128 + N when stopped by signal N (nothing \
            half-written is left behind).

            Examples:
              urbancast datasets
              urbancast validate Datasets/nyc_water_long.csv
              urbancast regress Datasets/nyc_water_wide.csv --y consumption_mgd --x population
            """,
        version: UrbanCastVersion.string,
        subcommands: [DatasetsCommand.self, ValidateCommand.self, RegressCommand.self, ForecastCommand.self, BacktestCommand.self, BenchCommand.self, SimulateCommand.self, ScenarioCommand.self, AirCommand.self, ReportCommand.self]
    )

    /// Parse and run, mapping ArgumentParser's usage errors to exit status 2 (docs/DESIGN.md).
    static func main() async {
        removeTemporaryOutputsOnInterruption()
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            let code = exitCode(for: error)
            if code != .success && code != ExitCode(1) && !(error is ExitCode) {
                printError(fullMessage(for: error))
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }
}

import ArgumentParser
import UrbanCast

extension MissingValuePolicy: ExpressibleByArgument {}

/// `--missing refuse|interpolate|contiguous`: what `forecast` and `backtest` do with missing values.
struct MissingValueOption: ParsableArguments {
    @Option(name: .customLong("missing"),
            help: ArgumentHelp("Missing values: refuse (leave them to the model; ARIMA takes them), interpolate "
                + "(fill them as R's na.interp) or contiguous (keep the longest stretch without them, as R's "
                + "na.contiguous).", valueName: "refuse|interpolate|contiguous"))
    var policy: MissingValuePolicy = .refuse

    /// A model's error in the command's words: a refusal of missing values names the options
    /// that fill or trim them.
    static func message(for error: ForecastingError) -> String {
        guard case .missingValues(let model) = error else { return error.description }
        return "\(model) cannot handle missing values; fill them with --missing interpolate or keep the longest "
            + "stretch without them with --missing contiguous"
    }
}

import ArgumentParser
import UrbanCast

/// `--max-columns N`, shared by the commands that read a series file: a real file wider than the
/// default limit raises it.
struct InputLimitOption: ParsableArguments {
    @Option(
        name: .customLong("max-columns"), parsing: .unconditional,
        help: ArgumentHelp(
            "The most columns the header may have (default \(InputLimits.defaultMaximumColumns)); a longer header is refused before the rows are read.",
            valueName: "count"))
    var maximumColumns: Int = InputLimits.defaultMaximumColumns

    func validate() throws {
        guard maximumColumns >= 1 else { throw ValidationError("--max-columns must be at least 1, not \(maximumColumns)") }
    }

    /// The limits with this option applied.
    var limits: InputLimits { InputLimits(maximumColumns: maximumColumns) }
}

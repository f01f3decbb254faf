import ArgumentParser
import UrbanCast

/// `--where KEY=VALUE`, repeatable: the rows (and so the series) to keep.
struct FilterOption: ParsableArguments {
    @Option(name: .customLong("where"), parsing: .singleValue,
            help: ArgumentHelp("Keep the rows whose column KEY equals VALUE; repeatable, all must hold.",
                               valueName: "KEY=VALUE"))
    var texts: [String] = []

    /// The filters as (column, value) pairs; ``validate()`` has already refused malformed ones.
    var filters: [(column: String, value: String)] { (try? parseFilters(texts)) ?? [] }

    func validate() throws {
        _ = try parseFilters(texts)
    }
}

/// `--season-length M` or `--season-length M1,M2,…`: the season length for every series instead of
/// the frequency's default; a list gives `mstl` and `tbats` (without brackets) their seasonal periods, and
/// every other model the first.
struct SeasonLengthOption: ParsableArguments {
    @Option(name: .customLong("season-length"), parsing: .unconditional,
            help: ArgumentHelp("Observations per season, instead of the frequency's default (12 monthly, 4 quarterly, "
                + "7 daily, 24 hourly, 52 weekly, 1 yearly); a list such as 24,168 gives mstl and tbats their seasonal periods "
                + "(other models take the first).", valueName: "M[,M2...]"))
    var text: String?

    /// The season length: the only or first value given.
    var seasonLength: Int? { periods?.first }

    /// The values given; ``validate()`` has already refused malformed ones.
    var periods: [Int]? {
        guard let text else { return nil }
        let values = text.split(separator: ",", omittingEmptySubsequences: false).map { Int($0.trimmingCharacters(in: .whitespaces)) }
        return values.contains(nil) ? nil : values.compactMap { $0 }
    }

    /// `model` with the periods given as a list filled into every `mstl` or `tbats` without brackets.
    func applied(to model: ModelSpecification) -> ModelSpecification {
        guard let periods, periods.count > 1 else { return model }
        return model.fillingSeasonalPeriods(periods)
    }

    func validate() throws {
        guard let text else { return }
        guard let periods, !periods.isEmpty else {
            throw ValidationError("--season-length takes a whole number or a comma-separated list such as 24,168, not '\(text)'")
        }
        if periods.count == 1, periods[0] < 1 { throw ValidationError("--season-length must be at least 1, not \(periods[0])") }
        if periods.count > 1, !(periods.allSatisfy { $0 >= 2 } && zip(periods, periods.dropFirst()).allSatisfy { $0 < $1 }) {
            throw ValidationError("a list of season lengths must be ascending and each at least 2, e.g. 24,168; not '\(text)'")
        }
    }
}

/// `--seed N`: the seed of every random stream a command draws from.
struct SeedOption: ParsableArguments {
    @Option(parsing: .unconditional,
            help: "Seed of the random streams (a whole number from 0 to 18446744073709551615).")
    var seed: UInt64 = 1
}

/// `--level 80,95`: prediction-interval levels in percent.
struct LevelOption: ParsableArguments {
    @Option(help: ArgumentHelp("Interval levels in percent, comma-separated.", valueName: "80,95"))
    var level: String = "80,95"

    /// The levels; ``validate()`` has already refused malformed input.
    var levels: [Double] { (try? parseLevels(level)) ?? [] }

    func validate() throws {
        _ = try parseLevels(level)
    }
}

/// `--format`: the form a command writes its result in, one of `Format`'s cases.
struct FormatOption<Format: ResultFormat>: ParsableArguments {
    @Option(name: .customLong("format"), help: ArgumentHelp(formatHelp(Format.self)))
    var value: Format = .standard
}

/// `Output format: table, csv or json.`
private func formatHelp<Format: ResultFormat>(_: Format.Type) -> String {
    let names = Format.allCases.map(\.rawValue)
    let list = names.count > 1 ? names.dropLast().joined(separator: ", ") + " or " + (names.last ?? "") : names.joined()
    return "Output format: \(list)."
}

import ArgumentParser
import Foundation
import UrbanCast

/// `--memory-limit SIZE`: work whose estimated memory exceeds it is refused before anything is
/// allocated, with a message saying how much it would need.
///
/// The estimates are deliberately generous upper bounds of what a run holds at once (the buffers
/// that grow with the option's value), not measurements; the default, 4 GB, keeps a mistyped
/// `--horizon 1000000000000` or `--draws` from taking the machine down while leaving every
/// documented example far below it.
struct MemoryLimitOption: ParsableArguments {
    @Option(name: .customLong("memory-limit"),
            help: ArgumentHelp("Refuse work estimated to need more memory than SIZE (e.g. 512M, 16G).", valueName: "SIZE"))
    var text: String = "4G"

    /// The limit in bytes, or `nil` when `text` is not a size.
    var bytes: Double? {
        let trimmed = text.trimmingCharacters(in: .whitespaces).uppercased()
        let units: [(String, Double)] = [("TB", 1e12), ("GB", 1e9), ("MB", 1e6), ("KB", 1e3), ("T", 1e12), ("G", 1e9), ("M", 1e6), ("K", 1e3), ("B", 1)]
        for (suffix, scale) in units where trimmed.hasSuffix(suffix) {
            guard let value = Double(trimmed.dropLast(suffix.count).trimmingCharacters(in: .whitespaces)),
                  value.isFinite, value > 0 else { return nil }
            return value * scale
        }
        guard let value = Double(trimmed), value.isFinite, value > 0 else { return nil }
        return value
    }

    func validate() throws {
        guard bytes != nil else {
            throw ValidationError("--memory-limit needs a size such as 512M, 4G or 16G, not '\(text)'")
        }
    }

    /// The reason `needed` bytes are refused, or `nil` when they fit.
    ///
    /// - Parameters:
    ///   - needed: The estimated bytes.
    ///   - what: What needs them, e.g. "--horizon 2147483648".
    ///   - lower: What to lower instead, e.g. "--horizon".
    /// - Returns: The message, or `nil`.
    func refusal(_ needed: Double, for what: String, lower: String) -> String? {
        guard let limit = bytes, needed > limit else { return nil }
        return "\(what) would need about \(formatSize(needed)) of memory, more than the limit of \(formatSize(limit)); "
            + "lower \(lower), or raise the limit with --memory-limit \(sizeSuggestion(needed * 1.1))"
    }

    /// Throw a usage error (exit 2) when `needed` exceeds the limit.
    func check(_ needed: Double, for what: String, lower: String) throws {
        if let message = refusal(needed, for: what, lower: lower) { throw ValidationError(message) }
    }
}

/// `4.0 GB`, `750.0 MB`, `8.0 TB`: decimal units, as the option reads them.
func formatSize(_ bytes: Double) -> String {
    for (name, scale) in [("PB", 1e15), ("TB", 1e12), ("GB", 1e9), ("MB", 1e6), ("KB", 1e3)] where bytes >= scale {
        return String(format: "%.1f", bytes / scale) + " " + name
    }
    return String(format: "%.0f", bytes) + " B"
}

/// A value for `--memory-limit` at least `bytes`: whole gigabytes (or terabytes), rounded up.
func sizeSuggestion(_ bytes: Double) -> String {
    if bytes >= 1e15 { return String(format: "%.0f", (bytes / 1e12).rounded(.up)) + "T" }
    return String(format: "%.0f", max((bytes / 1e9).rounded(.up), 1)) + "G"
}

/// The memory a forecast of `horizon` steps holds per concurrent series: the point forecast and
/// bounds, the model's per-step work (state-space and ψ-weight recursions, generously 64 numbers a
/// step), and simulated sample paths when the model draws them.
///
/// - Parameters:
///   - horizon: Steps ahead.
///   - levels: Interval levels.
///   - simulates: Whether intervals come from simulated paths (multiplicative-trend ETS).
///   - threads: Series forecast at once.
/// - Returns: Bytes.
func forecastMemory(horizon: Int, levels: Int, simulates: Bool, threads: Int) -> Double {
    let perStep = Double(1 + 2 * levels + 64 + (simulates ? 5000 : 0)) * 8
    return Double(horizon) * perStep * Double(max(threads, 1))
}

/// Whether any of the models may draw its intervals from simulated paths: ETS with a
/// multiplicative trend (`ets(MMN)`, `ets(AMdA)`), alone or inside a combination, and `auto`
/// (its intervals are quantiles of 4,000 pooled paths).
func simulatesPaths(_ models: [ModelSpecification]) -> Bool {
    models.contains { model in
        switch model {
        case .ets(let specification): [.multiplicative, .multiplicativeDamped].contains(specification.trend)
        case .combination(let parts): simulatesPaths(parts)
        case .auto: true
        case .conformal(let base, _): simulatesPaths([base])
        default: false
        }
    }
}

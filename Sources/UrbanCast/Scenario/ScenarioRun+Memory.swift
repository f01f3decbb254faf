extension ScenarioRun {
    /// The cells a run keeps draws for: scenarios × indicators × years (the base year and every
    /// projection year).
    ///
    /// - Parameter specification: The specification.
    /// - Returns: The number of cells.
    /// - Complexity: O(1).
    public static func cellCount(_ specification: ScenarioSpecification) -> Int {
        specification.scenarios.count * specification.indicators.count * (specification.projectionYears.count + 1)
    }

    /// An upper estimate of the memory, in bytes, that a run's draws hold at once: three stored
    /// passes (all uncertainty, drivers only, models only) of one `Double` per draw and cell, plus
    /// a sorting buffer of one `Double` per draw for each concurrent task:
    /// `draws × cells × 8 × 3 + draws × 8 × threads`.
    ///
    /// Callers check it before a run so that a large `draws` is refused instead of exhausting the
    /// machine.
    ///
    /// - Parameters:
    ///   - specification: The specification.
    ///   - draws: Monte Carlo draws.
    ///   - threads: Concurrent tasks.
    /// - Returns: Bytes.
    /// - Complexity: O(1).
    public static func estimatedMemory(_ specification: ScenarioSpecification, draws: Int, threads: Int) -> Double {
        Double(draws) * Double(cellCount(specification)) * 8 * 3 + Double(draws) * 8 * Double(max(threads, 1))
    }
}

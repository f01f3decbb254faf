extension ModelSpecification {
    /// The optimised theta family's names in the grammar: `auto-theta` (or `autotheta`), `stm`,
    /// `otm`, `dstm`, `dotm`.
    ///
    /// - Parameter lower: the specification, lower-cased, without spaces.
    /// - Returns: the model, or `nil` for any other name.
    static func parseOptimisedTheta(_ lower: String) -> ModelSpecification? {
        if lower == "auto-theta" || lower == "autotheta" { return .autoTheta }
        return OptimisedTheta.Variant(rawValue: lower).map { .optimisedTheta($0) }
    }
}

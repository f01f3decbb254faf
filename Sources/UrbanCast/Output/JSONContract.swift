/// The versioned contract of the JSON documents the `urbancast` tool writes.
///
/// Every document (`forecast`, `backtest`, `bench`, `regress` and `validate` with
/// `--format json`, the `air` commands with `--format json`, and a scenario run's `summary.json`
/// and `manifest.json`) carries ``schemaVersion`` as its top-level `"schemaVersion"` key, and is
/// described by a JSON Schema (draft 2020-12) in the repository's `Schemas/` folder.
///
/// The version follows semantic versioning for readers: a key added is a minor change
/// (`1.0.0` → `1.1.0`), so a reader of 1.x keeps working; a key renamed or removed, or a value
/// whose type changes, is a major change (`2.0.0`). `CHANGELOG.md` lists each version.
public enum JSONContract {
    /// The version of the JSON contracts, written as every document's `"schemaVersion"`.
    public static let schemaVersion = "2.4.0"

    /// `document` with `"schemaVersion"` as its first key and everything else as it was.
    ///
    /// A document that is not an object is returned unchanged: the contracts are all objects, and
    /// an array or a scalar has no place for the key.
    ///
    /// - Parameter document: The document to mark.
    /// - Returns: The marked document.
    /// - Complexity: O(number of top-level keys).
    public static func versioned(_ document: JSONValue) -> JSONValue {
        guard case .object(let pairs) = document else { return document }
        return .object([("schemaVersion", .string(schemaVersion))] + pairs.filter { $0.0 != "schemaVersion" })
    }
}

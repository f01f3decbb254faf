/// The version of the UrbanCast library and tool, as written into run manifests.
public enum UrbanCastVersion {
    /// Semantic version string, for example `0.1.0`.
    public static let string = "0.1.0"
}

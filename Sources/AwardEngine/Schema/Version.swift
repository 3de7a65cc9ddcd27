/// The release this engine is, and the schema it runs on.
public enum EngineVersion {
    /// The release, as the top-level `VERSION` file says (a test holds the two equal).
    public static let release = "0.3.0-dev"

    /// The schema version the engine's migrations reach.
    public static var schema: Int { Migrator.latest }

    /// "0.3.0-dev (schema 21)": what `--version` prints.
    public static var description: String { "\(release) (schema \(schema))" }
}

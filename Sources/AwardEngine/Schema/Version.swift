/// The release this engine is, and the schema it runs on.
public enum EngineVersion {
    /// The release, as the top-level `VERSION` file says (a test holds the two equal).
    public static let release = "0.3.0-dev"

    /// The schema version the engine's migrations reach.
    public static var schema: Int { Migrator.latest }

    /// "0.3.0-dev (schema 28)": what `--version` prints.
    public static var description: String { "\(release) (schema \(schema))" }
}

/// A release number, `MAJOR.MINOR.PATCH` with an optional `-prerelease` (`0.3.0-dev`), ordered as
/// semantic versioning orders them: a prerelease comes before its release.
public struct ReleaseVersion: Comparable, Sendable, CustomStringConvertible {
    public let numbers: [Int]
    public let prerelease: String?

    public init?(_ text: String) {
        let parts = text.split(separator: "-", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
        let numbers = parts[0].split(separator: ".", omittingEmptySubsequences: false).map { Int($0) }
        guard numbers.count == 3, numbers.allSatisfy({ $0 != nil && $0! >= 0 }) else { return nil }
        self.numbers = numbers.map { $0! }
        prerelease = parts.count == 2 ? (parts[1].isEmpty ? nil : parts[1]) : nil
        if parts.count == 2, prerelease == nil { return nil }
    }

    public var description: String { numbers.map(String.init).joined(separator: ".") + (prerelease.map { "-" + $0 } ?? "") }

    public static func < (a: ReleaseVersion, b: ReleaseVersion) -> Bool {
        if a.numbers != b.numbers { return a.numbers.lexicographicallyPrecedes(b.numbers) }
        switch (a.prerelease, b.prerelease) {
        case (nil, _): return false
        case (_, nil): return true
        case let (x?, y?): return x < y
        }
    }

    public static func == (a: ReleaseVersion, b: ReleaseVersion) -> Bool {
        a.numbers == b.numbers && a.prerelease == b.prerelease
    }
}

import Foundation

/// Where the database is.
public enum DatabaseTarget: Sendable, Equatable {
    /// The user's connection string or URI, handed to libpq untouched.
    case conninfo(String)
    /// The user's connection string, with keywords that override it (a password read from a
    /// secret file, never written in the string where `ps` would show it).
    case conninfoWith(String, [KeyValue])
    /// libpq's own `PG*` variables and defaults.
    case environment
    /// The same target with `password` added (from a secret file or the environment).
    public func with(password: String?) -> DatabaseTarget {
        guard let password, !password.isEmpty else { return self }
        switch self {
        case .conninfo(let conninfo): return .conninfoWith(conninfo, [KeyValue("password", password)])
        case .conninfoWith(let conninfo, let parameters): return .conninfoWith(conninfo, parameters.filter { $0.key != "password" } + [KeyValue("password", password)])
        case .environment: return .parameters([KeyValue("password", password)])
        case .parameters(let parameters): return .parameters(parameters.filter { $0.key != "password" } + [KeyValue("password", password)])
        }
    }

    /// Explicit libpq keyword/value pairs (never pasted into a string).
    case parameters([KeyValue])

    /// A libpq keyword and its value.
    public struct KeyValue: Sendable, Equatable {
        public var key: String
        public var value: String
        public init(_ key: String, _ value: String) {
            self.key = key
            self.value = value
        }
    }

    /// How awardctl and awardd choose the database: `--database-url`, else `AWARD_DATABASE_URL`,
    /// else libpq's `PG*` variables when any is set, else the local cluster in `dataDirectory`
    /// (which awardd creates and starts when nothing else is configured).
    public static func resolve(explicit: String?, environment: [String: String], dataDirectory: String) -> Resolution {
        if let explicit, !explicit.isEmpty { return .configured(.conninfo(explicit)) }
        if let url = environment["AWARD_DATABASE_URL"], !url.isEmpty { return .configured(.conninfo(url)) }
        let libpqVariables = ["PGHOST", "PGHOSTADDR", "PGPORT", "PGDATABASE", "PGUSER", "PGSERVICE"]
        if libpqVariables.contains(where: { environment[$0].map { !$0.isEmpty } ?? false }) {
            return .configured(.environment)
        }
        return .local(LocalCluster(dataDirectory: dataDirectory))
    }

    /// The outcome of ``resolve(explicit:environment:dataDirectory:)``.
    public enum Resolution: Sendable {
        /// The user configured a database.
        case configured(DatabaseTarget)
        /// Nothing configured: the local cluster.
        case local(LocalCluster)
    }
}

import Foundation
import AwardPostgres

/// What `db migrate` did.
public struct MigrationReport: Sendable, Codable, Equatable {
    /// The schema version before.
    public var from: Int
    /// The schema version after.
    public var to: Int
    /// The migrations applied, in order (empty when the database was current).
    public var applied: [Int]
}

/// Applies schema.sql's numbered migrations that a database lacks.
enum Migrator {
    struct Migration: Sendable {
        var version: Int
        var name: String
        var sql: String
    }

    /// schema.sql as shipped inside the engine.
    static var bundledSchema: String {
        String(decoding: PackageResources.schema_sql, as: UTF8.self)
    }

    /// Splits a schema file at its `-- migration: N name` lines.
    static func parse(_ schema: String) throws(AwardError) -> [Migration] {
        var migrations: [Migration] = []
        for line in schema.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("-- migration:") {
                let words = line.dropFirst("-- migration:".count).split(separator: " ", maxSplits: 1)
                guard let first = words.first, let version = Int(first), version == (migrations.last?.version ?? 0) + 1 else {
                    throw AwardError(.internal, code: .badSchema, "schema.sql: migration numbers must run 1, 2, 3…: \(line)")
                }
                migrations.append(Migration(version: version, name: words.count > 1 ? String(words[1]) : "", sql: ""))
            } else if !migrations.isEmpty {
                migrations[migrations.count - 1].sql += line + "\n"
            }
        }
        return migrations
    }

    /// Brings the database to the latest version, in one transaction, under an advisory lock so
    /// that two processes migrating at once apply each block once.
    static func migrate(_ connection: Connection, schema: String) throws -> MigrationReport {
        let migrations = try parse(schema)
        try connection.execute("SELECT pg_advisory_xact_lock(7420001)")
        try connection.execute("""
            CREATE TABLE IF NOT EXISTS award_schema_migrations (
                version    int PRIMARY KEY,
                name       text NOT NULL,
                applied_at timestamptz NOT NULL DEFAULT now())
            """)
        let current = try connection.execute("SELECT coalesce(max(version), 0) AS v FROM award_schema_migrations").first!.int("v")
        if let latest = migrations.last?.version, current > latest {
            throw AwardError(
                .refused, code: .schemaTooNew,
                "the database is at schema version \(current), newer than this engine's \(latest): upgrade the engine")
        }
        var applied: [Int] = []
        for migration in migrations where migration.version > current {
            try connection.executeScript(migration.sql)
            try connection.execute("INSERT INTO award_schema_migrations (version, name) VALUES (\(migration.version), \(migration.name))")
            applied.append(migration.version)
        }
        return MigrationReport(from: Int(current), to: applied.last ?? Int(current), applied: applied)
    }
}

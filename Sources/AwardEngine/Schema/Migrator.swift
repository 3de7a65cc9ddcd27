import Crypto
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

/// One migration: its number, short name and SQL (a file `Migrations/NNNN-name.sql`).
public struct Migration: Sendable, Equatable {
    public var version: Int
    public var name: String
    public var sql: String
    /// The oldest engine release that runs on the schema this migration leaves: its own release
    /// for a change older engines cannot live with, an earlier one for an additive change (expand
    /// now, contract in a later release). Recorded in `award_schema_migrations.oldest_engine`, where
    /// an older engine reads it to decide whether it may keep serving a newer schema.
    public var oldestEngine: String

    /// The file's SHA-256, lowercase hex: what `award_schema_migrations` records and what the
    /// tests compare with the shipped value.
    public var checksum: String {
        SHA256.hash(data: Data(sql.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    /// The file name it ships as.
    public var fileName: String { String(format: "%04d-", version) + name + ".sql" }
}

/// Applies the numbered migrations that a database lacks.
enum Migrator {
    /// The migrations shipped inside the engine, in order.
    static var bundled: [Migration] { BundledMigrations.all }

    /// The newest schema version this engine knows.
    static var latest: Int { bundled.last?.version ?? 0 }

    /// The role awardd runs as (a group role its login role belongs to).
    static let appRole = "award_app"

    /// Refuses a list whose numbers do not run 1, 2, 3…
    static func check(_ migrations: [Migration]) throws(AwardError) {
        for (index, migration) in migrations.enumerated() where migration.version != index + 1 {
            throw AwardError(.internal, code: .badSchema, "migration numbers must run 1, 2, 3…: \(migration.fileName)")
        }
    }

    static let ledger = """
        CREATE TABLE IF NOT EXISTS award_schema_migrations (
            version    int PRIMARY KEY,
            name       text NOT NULL,
            applied_at timestamptz NOT NULL DEFAULT now())
        """

    /// The ledger's later columns: each migration's checksum and the oldest engine it allows.
    static let ledgerColumns = """
        ALTER TABLE award_schema_migrations ADD COLUMN IF NOT EXISTS checksum text;
        ALTER TABLE award_schema_migrations ADD COLUMN IF NOT EXISTS oldest_engine text
        """

    /// Brings the database to the latest version, in one transaction, under an advisory lock so
    /// that two processes migrating at once apply each migration once. Function bodies are not
    /// checked while migrating (as pg_restore does): a function may name a table that a later
    /// migration of the same run creates. `grant`: give the application role its rights even when
    /// nothing was applied (`awardctl db migrate` does).
    static func migrate(_ connection: Connection, migrations: [Migration] = bundled, grant: Bool = false) throws -> MigrationReport {
        try check(migrations)
        // A current database needs nothing of the owner: the application role may run this.
        let before = try version(connection)
        if before == migrations.last?.version, !grant {
            return MigrationReport(from: before, to: before, applied: [])
        }
        try connection.execute("SELECT pg_advisory_xact_lock(7420001)")
        try connection.execute("SET LOCAL check_function_bodies = off")
        try connection.executeScript(ledger)
        try connection.executeScript(ledgerColumns)
        let current = try version(connection)
        if let latest = migrations.last?.version, current > latest {
            // A newer release's migrations: nothing to apply, if they allow this engine at all.
            try requireRunnable(connection, latest: latest)
            return MigrationReport(from: current, to: current, applied: [])
        }
        // What the rows of earlier releases lack: the oldest engine each migration allows.
        for migration in migrations where migration.version <= current {
            try connection.execute("""
                UPDATE award_schema_migrations SET oldest_engine = \(migration.oldestEngine)
                 WHERE version = \(migration.version) AND oldest_engine IS NULL
                """)
        }
        // Writers lock nominations, then transitions, then events (its trigger): take them in that
        // order before any migration does, so that a migration recreating their triggers waits for
        // the writers in flight instead of deadlocking with one (seen in scripts/upgrade-drill).
        if current > 0, migrations.contains(where: { $0.version > current }) {
            let present = try connection.execute("""
                SELECT t FROM unnest(ARRAY['nominations', 'transitions', 'events']) WITH ORDINALITY AS l(t, n)
                 WHERE to_regclass(t) IS NOT NULL ORDER BY n
                """).map { try $0.string("t") }
            if !present.isEmpty {
                try connection.executeScript("LOCK TABLE " + present.joined(separator: ", ") + " IN SHARE ROW EXCLUSIVE MODE")
            }
        }
        var applied: [Int] = []
        for migration in migrations where migration.version > current {
            try connection.executeScript(migration.sql)
            try connection.execute("""
                INSERT INTO award_schema_migrations (version, name, checksum, oldest_engine)
                VALUES (\(migration.version), \(migration.name), \(migration.checksum), \(migration.oldestEngine))
                """)
            applied.append(migration.version)
        }
        if (grant || !applied.isEmpty), migrations.contains(where: { $0.name == "app-role" }) {
            try connection.execute("SELECT award_grant_app(\(appRole)) AS granted")
        }
        return MigrationReport(from: current, to: applied.last ?? current, applied: applied)
    }

    /// A schema newer than this engine's: served when every later migration allows this release
    /// (its `oldest_engine` is this release or older), refused otherwise.
    static func requireRunnable(_ connection: Connection, latest: Int) throws {
        let current = try version(connection)
        let hasColumn = try connection.execute("""
            SELECT EXISTS (SELECT 1 FROM information_schema.columns
                            WHERE table_name = 'award_schema_migrations' AND column_name = 'oldest_engine') AS e
            """).first!.bool("e")
        var needs: [String?] = []
        if hasColumn {
            needs = try connection.execute("SELECT oldest_engine FROM award_schema_migrations WHERE version > \(latest) ORDER BY version")
                .map { try $0.optionalString("oldest_engine") }
        }
        let refusing = (needs.isEmpty ? [nil] : needs).map { $0 ?? "a newer release" }.first { needed in
            guard let wanted = ReleaseVersion(needed), let own = ReleaseVersion(EngineVersion.release) else { return true }
            return own < wanted
        }
        if let refusing {
            throw AwardError(.refused, code: .schemaTooNew,
                             "the database is at schema version \(current), newer than this engine's \(latest), and needs \(refusing) or later: upgrade the engine")
        }
    }

    /// The highest version recorded (0 for an empty database).
    static func version(_ connection: Connection) throws -> Int {
        let exists = try connection.execute("SELECT to_regclass('award_schema_migrations') IS NOT NULL AS e").first!.bool("e")
        guard exists else { return 0 }
        return Int(try connection.execute("SELECT coalesce(max(version), 0) AS v FROM award_schema_migrations").first!.int("v"))
    }

    /// Refuses to serve a database whose schema is not the one this engine was built for (awardd
    /// with `--no-migrate`, or a migration the application role could not apply).
    static func requireCurrent(_ connection: Connection) throws {
        let current = try version(connection)
        if current > latest {
            try requireRunnable(connection, latest: latest)
            return
        }
        if current < latest {
            throw AwardError(.refused, code: .schemaTooOld,
                             "the database is at schema version \(current) and this engine needs \(latest): run `awardctl db migrate` as the database's owner role",
                             vi: "Cơ sở dữ liệu ở phiên bản cấu trúc \(current), chương trình cần \(latest): chạy `awardctl db migrate` bằng vai trò sở hữu cơ sở dữ liệu.")
        }
    }
}

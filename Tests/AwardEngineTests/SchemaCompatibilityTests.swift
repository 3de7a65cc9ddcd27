@testable import AwardEngine
@testable import AwardPostgres
@testable import AwardDomain
import AwardTestSupport
import Foundation
import Testing

/// Releases and upgrades that keep their word (issue 27): every migration records the oldest
/// engine that runs on the schema it leaves, an engine keeps serving a newer schema whose new
/// migrations allow it (expand, then contract), and `Migrations/snapshot/current.sql` is the schema a
/// fresh database migrates to.
@Suite struct SchemaCompatibilityTests {
    static let snapshot = MigrationTests.repository.appendingPathComponent("Migrations/snapshot/current.sql")

    @Test func releasesAreOrderedAsSemanticVersioningOrdersThem() throws {
        let ordered = ["0.2.0", "0.3.0-dev", "0.3.0", "0.3.1", "0.10.0", "1.0.0-rc1", "1.0.0"].map { ReleaseVersion($0)! }
        #expect(ordered == ordered.sorted())
        #expect(ReleaseVersion("0.3") == nil && ReleaseVersion("0.3.x") == nil && ReleaseVersion("0.3.0-") == nil)
        #expect(ReleaseVersion(EngineVersion.release) != nil, "VERSION is a release number")
    }

    @Test func everyMigrationRecordsTheOldestEngineItAllows() async throws {
        let database = try await TestDatabase.create(paperDossiers: false)
        defer { database.drop() }
        let recorded = try database.column("SELECT version || ' ' || oldest_engine AS v FROM award_schema_migrations ORDER BY version")
        #expect(recorded == Migrator.bundled.map { "\($0.version) \($0.oldestEngine)" })
        for migration in Migrator.bundled {
            let oldest = try #require(ReleaseVersion(migration.oldestEngine), "\(migration.fileName): \(migration.oldestEngine)")
            #expect(oldest <= ReleaseVersion(EngineVersion.release)!, "\(migration.fileName) may not ask for a release after this one")
        }
    }

    @Test func aNewerAdditiveSchemaIsServedAndAContractingOneRefused() async throws {
        try await TestDatabase.withEngine { engine, db in
            // A later release added a table and says this release still runs on it.
            try db.execute("""
                CREATE TABLE future_notes (id int);
                INSERT INTO award_schema_migrations (version, name, checksum, oldest_engine)
                VALUES (\(Migrator.latest + 1), 'future-notes', 'x', '\(EngineVersion.release)')
                """)
            try await engine.requireCurrentSchema()
            let owner = AwardEngine(conninfo: db.ownerConninfo, poolSize: 1)
            let report = try await owner.migrate(grant: true)
            #expect(report.applied.isEmpty && report.to == Migrator.latest + 1, "nothing to apply, nothing refused")
            try await owner.close()
            // The release after it dropped what this one reads: refused, naming the release it needs.
            try db.execute("""
                INSERT INTO award_schema_migrations (version, name, checksum, oldest_engine)
                VALUES (\(Migrator.latest + 2), 'contract', 'y', '9.0.0')
                """)
            let refused = await #expect(throws: AwardError.self) { try await engine.requireCurrentSchema() }
            #expect(refused?.code == .schemaTooNew && refused?.message.contains("9.0.0") == true, "\(String(describing: refused))")
        }
    }

    /// The schema as pg_dump prints it, without what changes from one dump to the next.
    static func schemaDump(_ database: TestDatabase) throws -> String {
        let bin = try ReadReplicaTests.Standby.serverBin()
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("award-schema-\(UUID().uuidString).sql")
        defer { try? FileManager.default.removeItem(at: file) }
        let dumped = try ReadReplicaTests.Standby.run(["\(bin)/pg_dump", "--schema-only", "--no-owner", "--no-privileges", "-f", file.path, database.name])
        try #require(dumped.status == 0, "pg_dump: \(dumped.output)")
        let text = try String(contentsOf: file, encoding: .utf8)
        var lines: [Substring] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("--") || line.hasPrefix("SET ") || line.hasPrefix("SELECT pg_catalog.set_config") || line.hasPrefix("\\") { continue }
            if line.isEmpty, lines.last?.isEmpty ?? true { continue }
            lines.append(line)
        }
        return "-- The schema a fresh database migrates to (pg_dump --schema-only --no-owner --no-privileges,\n"
            + "-- without comments and settings). Written by scripts/schema-snapshot; SchemaCompatibilityTests\n"
            + "-- compares it with a freshly migrated database.\n\n"
            + lines.joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines) + "\n"
    }

    @Test func currentSQLIsTheSchemaAFreshDatabaseMigratesTo() async throws {
        let database = try await TestDatabase.create(paperDossiers: false)
        defer { database.drop() }
        let dump = try Self.schemaDump(database)
        if ProcessInfo.processInfo.environment["AWARD_WRITE_SNAPSHOT"] == "1" {
            try dump.write(to: Self.snapshot, atomically: true, encoding: .utf8)
        }
        let recorded = (try? String(contentsOf: Self.snapshot, encoding: .utf8)) ?? ""
        #expect(recorded == dump, "Migrations/snapshot/current.sql is not what the migrations make: run scripts/schema-snapshot and review the diff")
    }
}

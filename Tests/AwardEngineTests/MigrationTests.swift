@testable import AwardEngine
@testable import AwardPostgres
@testable import AwardDomain
import AwardTestSupport
import Foundation
import Testing

/// Migrations keep their word: a shipped file never changes, every database converges on the same
/// schema whichever build of a version migrated it, and the application's role can neither alter
/// the schema nor edit history.
@Suite struct MigrationTests {
    /// The SHA-256 of every migration as it shipped. A migration that has shipped is never edited:
    /// a change is a new migration. Editing one makes this test fail; adding one adds its line here.
    static let shipped: [String: String] = [
        "0001-core.sql": "028a8f04bf781297f6ad64ebb03ce1e445ac50785d147f67b43c98a15ce788e8",
        "0002-users.sql": "682ba2b4d6eb926da4282699041bacc450c81f13dd86901e36829fa7547c9759",
        "0003-rules.sql": "e8aae10c22c08af3b9946889209a534301d9589926da51a7416cee32ad9239dc",
        "0004-decisions-dossiers-deadlines.sql": "9546cded8fe40c75da641e02a4b3cef016276666e63b3de6b7b94878899b8e59",
        "0005-proof-and-search.sql": "86923a8c4c53b1b1507a5da44471f95d1d8eb03222784807497e59aece327d7f",
        "0006-fast-paths.sql": "38ab6aff37f84196025ae12525556b062408c4c408349027a3ac5ff00f943df4",
        "0007-report-tables.sql": "69b87d01f34f3a0221ba863a4288debe7523e1563176e77b99f2e8f1937a8dc8",
        "0008-sign-in.sql": "e197b75b1245f6b1b8722d8377b338b81f9195cd56c5436156630165fd258618",
        "0009-papers.sql": "6c2568aabefea8338695544c2d4647a09dc275fb5626fb6558435a1dd15bf169",
        "0010-campaigns.sql": "316052d02cbcbac35d92944ff2c6ec82ff4d4ef8191677f612d62608f668e113",
        "0011-events.sql": "56b60e58d9faa104624d8a725673cbe79cb9a221f746677ff7d81cb58f30c5e9",
        "0012-lean-transitions.sql": "4bab6ec675f7edab12ba4a984946cabb9a4edf7d877df249d211807081c0f509",
        "0013-repair-edited-migrations.sql": "9192f7646715a12421ef8baed9697e33febd1568f8ac7f03f5a5c7f813af5b0f",
        "0014-app-role.sql": "564ae163eef0ad8a4ee20df5da8c92cdffc464df92f3f677c6fef8a542687273",
        "0015-nominee-transfers.sql": "fc62bcf410546f2e22d3070b49a84720d3427c14b2a0628c3fb4012519c05454",
        "0016-sign-in-throttle.sql": "cbb4b8754b6db617f4246182e4bd78c1d40ebae40e15b61e709c6da914a9001a",
        "0017-webhook-networks.sql": "2995d83aa7bdb4642aeabd1a29e649fc28cfec17342fa14176d798bc4d1d3231",
        "0018-officer-pages.sql": "0e20e01063be15b55331f4ca3bf43fb8e749d2c9cb088a803869de0feccf75fe",
        "0019-import-uploads.sql": "c0eda6ee86b00066d2f88bdb2bd1cb214e6c4b6c84549dedac93b590ff4077b4",
        "0020-awardd-listeners.sql": "60573cba7f16ee17fcae539b0ca3f202bf32831688546d3b2a2c6b2933690f76",
        "0021-fold-search-path.sql": "bd280905eb1e5ecf452925e9d1790100a940cfe5e5753f4ab00ca8a4e8552701",
        "0022-org-lineage.sql": "239dd0ea4c4ebcf53eeec316edf7990497772b04ef584d11e8a394fca9551935",
        "0023-report-bodies.sql": "d419560c68f02a1d7aa2e0a29f3ac689c4494b98946a43fe5a4ca79424eaaf33",
        "0024-verification.sql": "fa3511255e66ec7eb99145accf301c0fcc6771bc3ad12c5a21ee20556ec3a3b5",
        "0025-delegations.sql": "d9ea92c1b6ae21746cf98996e4c61afceb582ff4c8b6ddbb0f71f24e54392f76",
        "0026-signed-decisions.sql": "c006d674bd18950073642a53ab7f204380736fe3a24db78d4b8f350cc37ebc83",
        "0027-tier-steps.sql": "ab314b2c2cc7979be47be388750633cd08e53a0fce69e3b400ce9b0d66143f5f",
        "0028-report-facts.sql": "4f33250fd5effb2ba8361752cb0a9d60138ac91d985a3697ec66d04b71ddf59c",
        "0029-national-reads.sql": "39691c3ef71f5e6bc0890d91ec71bf881dce2bc5970226947c69e4ef936fe62c",
    ]

    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    @Test func noShippedMigrationChanged() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.repository.appendingPathComponent("Migrations").path)
            .filter { $0.hasSuffix(".sql") }.sorted()
        for migration in Migrator.bundled {
            let onDisk = try Data(contentsOf: Self.repository.appendingPathComponent("Migrations/\(migration.fileName)"))
            #expect(String(decoding: onDisk, as: UTF8.self) == migration.sql, "\(migration.fileName): the engine embeds another text than the file")
            guard let recorded = Self.shipped[migration.fileName] else {
                Issue.record("\(migration.fileName) has no recorded checksum: add \"\(migration.checksum)\" to MigrationTests.shipped when it ships")
                continue
            }
            #expect(migration.checksum == recorded, "\(migration.fileName) changed after it shipped: add a new migration instead")
        }
        #expect(files == Migrator.bundled.map(\.fileName), "every file of Migrations/ is embedded, in order (BundledMigrations.swift)")
        for name in Self.shipped.keys {
            #expect(files.contains(name), "shipped migration \(name) was removed")
        }
    }

    @Test func migrateTwiceChangesNothing() async throws {
        try await TestDatabase.withEngine { _, db in
            let owner = AwardEngine(conninfo: db.ownerConninfo, poolSize: 1)
            // The template is already migrated: a second run applies nothing.
            let report = try await owner.migrate(grant: true)
            #expect(report.applied.isEmpty)
            #expect(report.from == report.to && report.to == Migrator.latest)
            #expect(try db.count("SELECT count(*) AS n FROM award_kinds") == 63, "the law's whole catalogue (pack nd152-2025 v6)")
            let again = try await owner.migrate(grant: true)
            #expect(again == report)
            #expect(try db.count("SELECT count(*) AS n FROM award_schema_migrations WHERE checksum IS NOT NULL") == Migrator.latest)
            try await owner.close()
        }
    }

    @Test func anOlderDatabaseIsUpgradedInPlaceByItsOwner() async throws {
        try await TestDatabase.withEngine { engine, db in
            let u = try await Seed.tree(engine)
            _ = try await engine.nominate(.init(kind: "giay-khen", unit: "P-HB", nomineeName: "Nguyễn Văn An", nomineeType: .individual, year: 2023), by: u.lan)
            let next = Migration(version: Migrator.latest + 1, name: "test-upgrade", sql: "CREATE TABLE test_upgrade (id int);\n", oldestEngine: EngineVersion.release)
            // The application's role cannot apply it: it owns nothing.
            await #expect(throws: (any Error).self) { try await engine.transaction { c in try Migrator.migrate(c, migrations: Migrator.bundled + [next]) } }
            let owner = AwardEngine(conninfo: db.ownerConninfo, poolSize: 1)
            let report = try await owner.transaction { c in try Migrator.migrate(c, migrations: Migrator.bundled + [next]) }
            #expect(report.applied == [next.version])
            #expect(try db.count("SELECT count(*) AS n FROM nominations") == 1)
            // The new table got the application's rights with it.
            try await engine.lease { c in _ = try c.execute("INSERT INTO test_upgrade VALUES (1)") }
            let again = try await owner.transaction { c in try Migrator.migrate(c, migrations: Migrator.bundled + [next]) }
            #expect(again.applied.isEmpty)
            try await owner.close()
        }
    }

    /// A database migrated by an earlier build of version 11 or 12 (the texts those commits
    /// shipped, read from git) ends with the same functions, triggers, columns, indexes and
    /// constraints as one migrated from today's files.
    @Test(arguments: ["bffc988", "6329f23", "b77b367", "d7e3d57"])
    func everyBuildOfAVersionConverges(commit: String) async throws {
        let git = Process()
        git.executableURL = URL(fileURLWithPath: "/usr/bin/git")
        git.arguments = ["-C", Self.repository.path, "show", "\(commit):schema.sql"]
        let pipe = Pipe()
        git.standardOutput = pipe
        try git.run()
        let old = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        try #require(reap(git) == 0, "git show \(commit):schema.sql failed: the test needs the repository's history")
        let oldMigrations = Self.parse(old)
        try #require(oldMigrations.count >= 11)

        let fresh = try await TestDatabase.create(paperDossiers: false)
        let upgraded = try await TestDatabase.createEmpty()
        defer { fresh.drop(); upgraded.drop() }
        let owner = AwardEngine(conninfo: upgraded.ownerConninfo, poolSize: 1)
        _ = try await owner.transaction { c in try Migrator.migrate(c, migrations: oldMigrations) }
        let report = try await owner.migrate(grant: true)
        #expect(report.to == Migrator.latest)
        try await owner.close()
        let expected = try fresh.column(Self.catalog)
        let found = try upgraded.column(Self.catalog)
        #expect(found == expected, "after \(commit): \(Set(found).symmetricDifference(expected).sorted().prefix(6))")
    }

    @Test func theApplicationRoleCannotAlterTheSchemaOrEditHistory() async throws {
        try await TestDatabase.withEngine { engine, db in
            let u = try await Seed.tree(engine)
            let n = try await engine.nominate(.init(kind: "giay-khen", unit: "P-HB", nomineeName: "Lê Thị Bình", nomineeType: .individual, year: 2023), by: u.lan)
            let app = try Connection(conninfo: db.conninfo)
            for statement in [
                "ALTER TABLE transitions DISABLE TRIGGER ALL",
                "ALTER TABLE transitions DISABLE TRIGGER transitions_append_only",
                "ALTER TABLE nominations ADD COLUMN hidden text",
                "DROP TRIGGER transitions_chain ON transitions",
                "UPDATE transitions SET reason = 'sửa lịch sử' WHERE nomination_id = \(n.id)",
                "DELETE FROM transitions WHERE nomination_id = \(n.id)",
                "TRUNCATE events",
                "DELETE FROM decisions",
                "UPDATE award_schema_migrations SET checksum = 'x'",
                "CREATE TABLE intruder (id int)",
            ] {
                do {
                    try app.executeScript(statement)
                    Issue.record("the application role could run: \(statement)")
                } catch let error as PostgresError {
                    #expect(error.sqlState == "42501", "\(statement): \(error.sqlState ?? "") \(error.message)")
                }
            }
            #expect(try db.count("SELECT count(*) AS n FROM transitions WHERE nomination_id = \(n.id)") == 1)
            #expect(try db.count("SELECT count(*) AS n FROM pg_trigger WHERE tgname = 'transitions_append_only' AND tgenabled = 'O'") == 1)
        }
    }

    /// Splits a schema.sql of the releases before migrations were files.
    static func parse(_ schema: String) -> [Migration] {
        var migrations: [Migration] = []
        for line in schema.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("-- migration:") {
                let words = line.dropFirst("-- migration:".count).split(separator: " ", maxSplits: 1)
                migrations.append(Migration(version: Int(words[0])!, name: String(words[1]), sql: "", oldestEngine: "0.2.0"))
            } else if !migrations.isEmpty {
                migrations[migrations.count - 1].sql += line + "\n"
            }
        }
        return migrations
    }

    /// What a schema is made of, one line per object, in a stable order.
    static let catalog: SQL = """
        SELECT x FROM (
            SELECT 'function ' || p.proname || '(' || pg_get_function_identity_arguments(p.oid) || ') ' || md5(p.prosrc) AS x
            FROM pg_proc p WHERE p.pronamespace = 'public'::regnamespace
            UNION ALL SELECT 'trigger ' || pg_get_triggerdef(t.oid) || ' ' || t.tgenabled::text FROM pg_trigger t
            JOIN pg_class c ON c.oid = t.tgrelid WHERE c.relnamespace = 'public'::regnamespace AND NOT t.tgisinternal
            UNION ALL SELECT 'column ' || table_name || '.' || column_name || ' ' || data_type || ' ' || is_nullable || ' ' || coalesce(column_default, '')
            FROM information_schema.columns WHERE table_schema = 'public'
            UNION ALL SELECT 'index ' || indexdef FROM pg_indexes WHERE schemaname = 'public'
            UNION ALL SELECT 'constraint ' || conrelid::regclass || ' ' || pg_get_constraintdef(oid) FROM pg_constraint
            WHERE connamespace = 'public'::regnamespace
        ) s ORDER BY x
        """
}

/// The release the binaries print (`--version`) is the one the `VERSION` file names.
@Suite struct VersionTests {
    @Test func theEngineVersionIsTheVersionFile() throws {
        let file = MigrationTests.repository.appendingPathComponent("VERSION")
        let text = try String(contentsOf: file, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(EngineVersion.release == text)
        #expect(EngineVersion.description == "\(text) (schema \(Migrator.latest))")
    }
}

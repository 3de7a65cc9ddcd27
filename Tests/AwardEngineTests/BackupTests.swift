@testable import AwardEngine
@testable import AwardPostgres
import AwardDomain
import AwardTestSupport
import Foundation
import Testing

/// A plain dump restores (issue 27): `pg_dump` then `pg_restore --exit-on-error` into a fresh
/// database, as the owner role (not a superuser), with the name-search index built and working.
@Suite struct BackupTests {
    static func run(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        return (reap(process, killAfter: 600), String(decoding: output, as: UTF8.self))
    }

    @Test func aDumpRestoresWithExitOnErrorAndTheNameSearchStillFinds() async throws {
        try await TestDatabase.withEngine { engine, db in
            let u = try await Seed.tree(engine)
            let n = try await engine.nominate(.init(kind: "giay-khen", unit: "P-HB", nomineeName: "Nguyễn Văn Đức", nomineeType: .individual), by: u.lan)
            let dir = FileManager.default.temporaryDirectory.appendingPathComponent("award-dump-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: dir) }
            let dump = dir.appendingPathComponent("award.dump").path
            let dumped = try Self.run(["pg_dump", "--format=custom", "--file=\(dump)", "--dbname=\(db.ownerConninfo)"])
            #expect(dumped.status == 0, "pg_dump: \(dumped.output)")

            let target = try await TestDatabase.createEmpty()
            defer { target.drop() }
            let restored = try Self.run(["pg_restore", "--exit-on-error", "--no-owner", "--dbname=\(target.ownerConninfo)", dump])
            #expect(restored.status == 0, "pg_restore --exit-on-error: \(restored.output)")

            let c = try Connection(conninfo: target.ownerConninfo)
            #expect(try c.execute("SELECT count(*) AS n FROM pg_indexes WHERE indexname = 'nominees_name_fold_trgm'").first?.int("n") == 1)
            // With an empty search_path, as pg_restore runs, the fold still finds its dictionary.
            try c.execute("SET search_path = ''")
            #expect(try c.execute("SELECT public.award_fold('Nguyễn Văn Đức') AS f").first?.string("f") == "nguyen van duc")
            try c.execute("RESET search_path")
            let copy = AwardEngine(conninfo: target.conninfo, poolSize: 1)
            let hits = try await copy.search("nguyen van duc", viewer: nil, limit: 5)
            try await copy.close()
            #expect(hits.map(\.id) == [try await engine.nomination(n.id).nominee.id])
        }
    }
}

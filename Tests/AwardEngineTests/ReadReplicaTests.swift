@testable import AwardEngine
@testable import AwardPostgres
@testable import AwardDomain
import AwardTestSupport
import Foundation
import Testing

/// The read replica (issue 27): with `readReplica`, the lists that tolerate a little lag are read on
/// a hot standby, and every command and the dossier's own read stay on the primary. Shown by
/// pausing the standby's replay: a new awardee is in its dossier (primary) and not yet in the list
/// (standby), then in both once replay resumes.
@Suite(.serialized) struct ReadReplicaTests {
    /// A hot standby of the test cluster (pg_basebackup -R), on a socket in a folder of its own.
    final class Standby: @unchecked Sendable {
        let folder: URL
        let port = 5499
        let bin: String
        var slot = ""
        var primary = ""

        init() throws {
            guard let primary = ProcessInfo.processInfo.environment["PGHOST"], primary.hasPrefix("/") else {
                throw TestSetupError(message: "PGHOST must name the test cluster's socket directory (scripts/test sets it)")
            }
            bin = try Self.serverBin()
            folder = URL(fileURLWithPath: "/tmp/award-standby-\(UUID().uuidString.prefix(8))")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            if getuid() == 0 { _ = try Self.run(["chown", "postgres", folder.path]) }
            let data = folder.appendingPathComponent("data").path
            // A replication slot of its own keeps the WAL the standby has not received yet: the other
            // tests write a great deal meanwhile, and the primary would recycle it.
            slot = "award_standby_" + folder.lastPathComponent.suffix(8).lowercased().replacingOccurrences(of: "-", with: "_")
            self.primary = primary
            let copied = try Self.asOwner(["\(bin)/pg_basebackup", "-h", primary, "-U", "postgres", "-D", data, "-R", "-X", "stream",
                                           "-C", "-S", slot, "--checkpoint=fast"])
            guard copied.status == 0 else { throw TestSetupError(message: "pg_basebackup: \(copied.output)") }
            let started = try Self.asOwner(["\(bin)/pg_ctl", "-D", data, "-w", "-t", "60", "-l", folder.appendingPathComponent("server.log").path,
                                            "-o", "-c port=\(port) -c listen_addresses='' -c unix_socket_directories='\(folder.path)' -c max_connections=400 -c hot_standby=on",
                                            "start"])
            guard started.status == 0 else {
                let log = (try? String(contentsOf: folder.appendingPathComponent("server.log"), encoding: .utf8)) ?? ""
                throw TestSetupError(message: "the standby did not start: \(started.output) \(log.suffix(600))")
            }
        }

        func conninfo(_ database: TestDatabase) -> String { "host=\(folder.path) port=\(port) \(database.conninfo)" }

        /// Runs SQL on the standby as the cluster's superuser.
        func superuser(_ sql: String) throws {
            let connection = try Connection(conninfo: "host=\(folder.path) port=\(port) dbname=postgres user=postgres")
            try connection.executeScript(sql)
        }

        func stop() {
            _ = try? Self.asOwner(["\(bin)/pg_ctl", "-D", folder.appendingPathComponent("data").path, "-m", "immediate", "-w", "stop"])
            if !slot.isEmpty, let connection = try? Connection(conninfo: "host=\(primary) dbname=postgres user=postgres") {
                try? connection.executeScript("SELECT pg_drop_replication_slot('\(slot)')")
            }
            try? FileManager.default.removeItem(at: folder)
        }

        static func serverBin() throws -> String {
            let versions = (try? FileManager.default.contentsOfDirectory(atPath: "/usr/lib/postgresql")) ?? []
            guard let newest = versions.compactMap(Int.init).max() else { throw TestSetupError(message: "no PostgreSQL server binaries in /usr/lib/postgresql") }
            return "/usr/lib/postgresql/\(newest)/bin"
        }

        /// A server tool as the cluster's owner (PostgreSQL refuses root).
        static func asOwner(_ arguments: [String]) throws -> (status: Int32, output: String) {
            try run(getuid() == 0 ? ["runuser", "-u", "postgres", "--"] + arguments : arguments)
        }

        /// Runs a tool; its output goes through a file, not a pipe (the postmaster pg_ctl starts
        /// would hold a pipe open for as long as it lives).
        static func run(_ arguments: [String]) throws -> (status: Int32, output: String) {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = arguments
            let file = FileManager.default.temporaryDirectory.appendingPathComponent("award-standby-\(UUID().uuidString).out")
            FileManager.default.createFile(atPath: file.path, contents: nil)
            defer { try? FileManager.default.removeItem(at: file) }
            let output = try FileHandle(forWritingTo: file)
            process.standardOutput = output
            process.standardError = output
            process.standardInput = FileHandle.nullDevice
            try process.run()
            let status = reap(process)
            try? output.close()
            return (status, (try? String(contentsOf: file, encoding: .utf8)) ?? "")
        }
    }

    @Test func listsAreReadOnTheStandbyAndCommandsOnThePrimary() async throws {
        let database = try await TestDatabase.create()
        defer { database.drop() }
        let seeding = AwardEngine(conninfo: database.conninfo, poolSize: 2)
        let u = try await Seed.tree(seeding)
        let date = CivilDate(iso: "2024-02-01")!
        let first = try await seeding.nominate(.init(kind: "giay-khen", unit: "P-HB", nomineeName: "Đinh Văn Hải", nomineeType: .individual), by: u.lan)
        _ = try await seeding.perform(.approve, on: first.id, by: u.minh, decision: .init(number: "1/QĐ-UBND", date: date))
        try await seeding.close()

        let standby = try await offPool { try Standby() }
        defer { standby.stop() }
        let engine = AwardEngine(database: .conninfo(database.conninfo), readReplica: .conninfo(standby.conninfo(database)), poolSize: 4)
        defer { Task { try? await engine.close() } }
        #expect(engine.readPool !== engine.pool)
        func listed() async throws -> [Int64] { try await engine.awardees(.init(year: 2024), viewer: u.minh).map(\.nominationId) }
        #expect(try await listed() == [first.id], "the standby has what the base backup copied")

        try standby.superuser("SELECT pg_wal_replay_pause()")
        let second = try await engine.nominate(.init(kind: "giay-khen", unit: "P-HB", nomineeName: "Lò Thị Mai", nomineeType: .individual), by: u.lan)
        let awarded = try await engine.perform(.approve, on: second.id, by: u.minh, decision: .init(number: "2/QĐ-UBND", date: date))
        #expect(awarded.state == .awarded, "the command ran on the primary")
        #expect(try await engine.nomination(second.id, viewer: u.minh).state == .awarded, "the dossier's read is the primary's")
        #expect(try await listed() == [first.id], "the list is the paused standby's")
        #expect(try await engine.summary(fromYear: 2024, toYear: 2024, viewer: u.minh).rows.reduce(0) { $0 + $1.count } == 1,
                "the summary is the standby's too")
        #expect(try await engine.search("Lo Thi Mai", viewer: u.minh).isEmpty, "and the search")

        try standby.superuser("SELECT pg_wal_replay_resume()")
        var caughtUp = false
        for _ in 0..<600 where !caughtUp {
            caughtUp = try await listed() == [first.id, second.id]
            if !caughtUp { try await Task.sleep(for: .milliseconds(100)) }
        }
        #expect(caughtUp, "once replay resumes, the list has the second awardee")
    }
}

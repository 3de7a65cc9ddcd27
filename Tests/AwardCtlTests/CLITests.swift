import AwardEngine
@testable import AwardPostgres
@testable import AwardDomain
import AwardTestSupport
import Foundation
import Testing

/// The built `awardctl` binary, run as an officer would run it, against a fresh database.
struct CLI {
    let database: TestDatabase

    struct Output {
        var status: Int32
        var stdout: String
        var stderr: String
        var json: Any? { try? JSONSerialization.jsonObject(with: Data(stdout.utf8)) }
        var object: [String: Any] { json as? [String: Any] ?? [:] }
        var array: [[String: Any]] { json as? [[String: Any]] ?? [] }
    }

    static var binary: URL {
        if let path = ProcessInfo.processInfo.environment["AWARDCTL_BIN"] { return URL(fileURLWithPath: path) }
        // Tests/AwardCtlTests/CLITests.swift → the package root → .build/debug/awardctl
        return URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent(".build/debug/awardctl")
    }

    func start(_ arguments: [String], unsetting: [String] = []) throws -> (Process, Pipe, Pipe) {
        let process = Process()
        process.executableURL = Self.binary
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment["AWARD_DATABASE_URL"] = database.conninfo
        // The assertions read the English messages; FirstHourTests checks the Vietnamese default.
        environment["AWARD_LANG"] = environment["AWARD_LANG"] ?? "en"
        for name in unsetting { environment[name] = nil }
        process.environment = environment
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        return (process, out, err)
    }

    static func finish(_ started: (Process, Pipe, Pipe)) -> Output {
        let (process, out, err) = started
        let (status, stdout, stderr) = drain(process, stdout: out, stderr: err)
        return Output(status: status, stdout: String(decoding: stdout, as: UTF8.self), stderr: String(decoding: stderr, as: UTF8.self))
    }

    @discardableResult
    func run(_ arguments: String...) throws -> Output {
        Self.finish(try start(arguments))
    }

    /// Runs a command that must succeed and returns its JSON object.
    func json(_ arguments: String...) throws -> [String: Any] {
        try json(arguments)
    }

    func json(_ arguments: [String]) throws -> [String: Any] {
        let output = Self.finish(try start(arguments + ["--format", "json"]))
        guard output.status == 0 else {
            throw TestSetupError(message: "awardctl \(arguments.joined(separator: " ")) exited \(output.status): \(output.stderr)")
        }
        return output.object
    }

    /// The Province → district → ward tree (with a central government above), users, and the
    /// test pack that keeps the district tier for submissions today.
    func seedTree() throws {
        let pack = FileManager.default.temporaryDirectory.appendingPathComponent("test-district-\(UUID().uuidString).json")
        try Seed.districtPackText.write(to: pack, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: pack) }
        for args in [
            ["rules", "import", pack.path],
            ["org", "add", "TW", "--name", "Chính phủ", "--level", "central"],
            ["org", "add", "T-LC", "--name", "UBND tỉnh Lào Cai", "--level", "province", "--parent", "TW"],
            ["org", "add", "TX-HL", "--name", "UBND thị xã Hoàng Liên", "--level", "district", "--parent", "T-LC"],
            ["org", "add", "P-HB", "--name", "UBND phường Hàm Rồng", "--level", "commune", "--parent", "TX-HL"],
            ["org", "add", "H-SP", "--name", "UBND huyện Sa Pa", "--level", "district", "--parent", "T-LC"],
            ["user", "add", "lan", "--org", "P-HB", "--role", "nominator"],
            ["user", "add", "minh", "--org", "TX-HL", "--role", "approver"],
            ["user", "add", "hoa", "--org", "T-LC", "--role", "approver"],
            ["user", "add", "tung", "--org", "TW", "--role", "approver"],
            ["user", "add", "sung", "--org", "H-SP", "--role", "approver"],
            ["user", "add", "root", "--org", "TW", "--role", "admin"],
        ] {
            let output = Self.finish(try start(args))
            guard output.status == 0 else { throw TestSetupError(message: "seed failed: \(output.stderr)") }
        }
    }

    static func with(_ body: (CLI) async throws -> Void) async throws {
        let database = try await TestDatabase.create()
        defer { database.drop() }
        guard FileManager.default.isExecutableFile(atPath: binary.path) else {
            throw TestSetupError(message: "awardctl is not built at \(binary.path): run `swift build` first (scripts/test does)")
        }
        try await body(CLI(database: database))
    }
}

@Suite struct CLITests {
    @Test func migrateTwiceSecondChangesNothing() async throws {
        try await CLI.with { cli in
            let first = try cli.json("db", "migrate", "--database-url", cli.database.ownerConninfo)
            #expect((first["applied"] as? [Int])?.isEmpty == true)   // the template was migrated already
            let second = try cli.run("db", "migrate", "--database-url", cli.database.ownerConninfo)
            #expect(second.status == 0)
            #expect(second.stdout.contains("nothing to do"))
            // The application's role owns nothing: a pending migration is refused with what to do.
            try cli.database.execute("DELETE FROM award_schema_migrations WHERE version = (SELECT max(version) FROM award_schema_migrations)")
            let refused = try cli.run("db", "migrate")
            #expect(refused.status == 3)
            #expect(refused.stderr.contains("awardctl db migrate"), "\(refused.stderr)")
            #expect(!refused.stderr.contains("permission denied"))
        }
    }

    @Test func wardNominationIsAwardedAtTheDistrictAndListed() async throws {
        try await CLI.with { cli in
            try cli.seedTree()
            let created = try cli.json("nominate", "--kind", "giay-khen", "--unit", "P-HB", "--nominee", "Nguyễn Văn An",
                                       "--nominee-type", "individual", "--year", "2023", "--as", "lan")
            let id = try #require(created["id"] as? Int)
            #expect(created["state"] as? String == "pending")
            #expect(created["org"] as? String == "TX-HL")
            #expect((created["nominee"] as? [String: Any])?["name"] as? String == "Nguyễn Văn An")
            #expect(created["decision"] is NSNull)

            let awarded = try cli.json("approve", "\(id)", "--as", "minh", "--org", "TX-HL",
                                       "--decision", "15/QĐ-UBND", "--decision-date", "2023-11-18")
            #expect(awarded["state"] as? String == "awarded")
            let decision = try #require(awarded["decision"] as? [String: Any])
            #expect(decision["number"] as? String == "15/QĐ-UBND")
            #expect(decision["date"] as? String == "2023-11-18")

            let awardees = try cli.run("awardees", "--year", "2023", "--format", "json")
            #expect(awardees.array.count == 1)
            #expect(awardees.array.first?["nomination_id"] as? Int == id)
            #expect(awardees.array.first?["decision_number"] as? String == "15/QĐ-UBND")
            #expect(awardees.array.first?["nominee_type"] as? String == "individual")

            let history = try cli.run("history", "\(id)", "--format", "json").array
            #expect(history.map { $0["actor"] as? String } == ["lan", "minh"])
            #expect(history.map { $0["to_state"] as? String } == ["pending", "awarded"])
            #expect(history.allSatisfy { ($0["at"] as? String)?.hasPrefix("20") == true })
            #expect(history.last?["org"] as? String == "TX-HL")

            // The human table shows each step with actor and a dd/mm/yyyy time.
            let table = try cli.run("history", "\(id)")
            #expect(table.stdout.contains("minh"))
            #expect(table.stdout.range(of: #"\d\d/\d\d/20\d\d \d\d:\d\d:\d\d"#, options: .regularExpression) != nil)
        }
    }

    @Test func bangKhenTtgClimbsAndWrongOrgExitsThree() async throws {
        try await CLI.with { cli in
            try cli.seedTree()
            let id = try #require(try cli.json("nominate", "--kind", "bang-khen-ttg", "--unit", "P-HB", "--nominee", "Trường THCS Hàm Rồng",
                                               "--nominee-type", "collective", "--as", "lan")["id"] as? Int)
            let wrong = try cli.run("approve", "\(id)", "--as", "hoa", "--org", "T-LC")
            #expect(wrong.status == 3)
            #expect(wrong.stderr.contains("TX-HL"))
            #expect(wrong.stdout.isEmpty)
            #expect(try cli.database.count("SELECT count(*) AS n FROM transitions") == 1)
            // Another district's approver does not even see it.
            let other = try cli.run("approve", "\(id)", "--as", "sung", "--org", "H-SP")
            #expect(other.status == 4)

            #expect(try cli.json("approve", "\(id)", "--as", "minh", "--org", "TX-HL")["org"] as? String == "T-LC")
            #expect(try cli.json("approve", "\(id)", "--as", "hoa", "--org", "T-LC")["org"] as? String == "TW")
            let done = try cli.json("approve", "\(id)", "--as", "tung", "--org", "TW", "--decision", "45/QĐ-TTg", "--decision-date", "18/11/2023")
            #expect(done["state"] as? String == "awarded")
            let history = try cli.run("history", "\(id)", "--format", "json").array
            #expect(history.map { $0["tier"] as? String } == ["district", "district", "province", "central"])
            #expect(history.map { $0["actor"] as? String } == ["lan", "minh", "hoa", "tung"])
        }
    }

    @Test func twentyConcurrentApprovesOneWins() async throws {
        try await CLI.with { cli in
            try cli.seedTree()
            let id = try #require(try cli.json("nominate", "--kind", "giay-khen", "--unit", "P-HB", "--nominee", "Lê Thị Hồng",
                                               "--nominee-type", "individual", "--as", "lan")["id"] as? Int)
            let started = try (0..<20).map { i in
                try cli.start(["approve", "\(id)", "--as", "minh", "--org", "TX-HL",
                               "--decision", "\(30 + i)/QĐ-UBND", "--decision-date", "2023-11-18"])
            }
            let outputs = started.map(CLI.finish)
            #expect(outputs.filter { $0.status == 0 }.count == 1)
            for output in outputs where output.status != 0 {
                #expect(output.status == 3 || output.status == 5, "\(output.status): \(output.stderr)")
                #expect(output.stderr.hasPrefix("awardctl: error:"))
            }
            #expect(try cli.database.count("SELECT count(*) AS n FROM transitions WHERE command = 'approve'") == 1)
            // Only the winner's decision exists: the losers' decisions rolled back with them.
            #expect(try cli.database.count("SELECT count(*) AS n FROM decisions") == 1)
        }
    }

    @Test func historyIsRefusedToPsql() async throws {
        try await CLI.with { cli in
            try cli.seedTree()
            _ = try cli.json("nominate", "--kind", "giay-khen", "--unit", "P-HB", "--nominee", "A", "--nominee-type", "individual", "--as", "lan")
            // The application's role has no right to change history; the owner is stopped by the triggers.
            let attempts = [(cli.database.conninfo, "permission denied"), (cli.database.ownerConninfo, "append-only")].flatMap { target in
                ["UPDATE transitions SET actor = 'mallory'", "DELETE FROM transitions"].map { (target.0, target.1, $0) }
            }
            for (conninfo, refusal, statement) in attempts {
                let psql = Process()
                psql.executableURL = URL(fileURLWithPath: "/usr/bin/psql")
                psql.arguments = ["-X", "-v", "ON_ERROR_STOP=1", "-d", conninfo, "-c", statement]
                let err = Pipe()
                psql.standardError = err
                psql.standardOutput = Pipe()
                try psql.run()
                let message = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
                #expect(reap(psql) != 0)
                #expect(message.contains(refusal), "\(statement): \(message)")
            }
            #expect(try cli.database.count("SELECT count(*) AS n FROM transitions WHERE actor = 'mallory'") == 0)
        }
    }

    @Test func vietnameseRoundTripsAsNFCAndHostileNamesVerbatim() async throws {
        try await CLI.with { cli in
            try cli.seedTree()
            let nfd = "Tr\u{0061}\u{0300}n Thi\u{0323} Nga\u{0323}c"   // "Tràn Thị Ngạc", decomposed
            let created = try cli.json("nominate", "--kind", "giay-khen", "--unit", "P-HB", "--nominee", nfd, "--nominee-type", "individual", "--as", "lan")
            let name = try #require((created["nominee"] as? [String: Any])?["name"] as? String)
            #expect(Array(name.utf8) == Array(nfd.precomposedStringWithCanonicalMapping.utf8))
            #expect(Array(name.utf8) != Array(nfd.utf8))

            let hostile = "x'); DROP TABLE nominations; --"
            let h = try cli.json("nominate", "--kind", "giay-khen", "--unit", "P-HB", "--nominee", hostile, "--nominee-type", "individual", "--as", "lan")
            let shown = try cli.json("show", "\(try #require(h["id"] as? Int))")
            #expect((shown["nominee"] as? [String: Any])?["name"] as? String == hostile)
            #expect(try cli.database.count("SELECT count(*) AS n FROM nominations") == 2)
        }
    }

    @Test func exitCodesNameTheProblem() async throws {
        try await CLI.with { cli in
            try cli.seedTree()
            let missing = try cli.run("show", "999")
            #expect(missing.status == 4)
            #expect(missing.stderr.contains("no nomination with id 999"))
            let unknownKind = try cli.run("nominate", "--kind", "huan-chuong", "--unit", "P-HB", "--nominee", "A", "--nominee-type", "individual", "--as", "lan")
            #expect(unknownKind.status == 4)
            #expect(unknownKind.stderr.contains("huan-chuong"))
            let noReason = try cli.run("reject", "1", "--as", "minh", "--org", "TX-HL")
            #expect(noReason.status == 64)
            let badDate = try cli.run("approve", "1", "--as", "minh", "--org", "TX-HL", "--decision", "1/QĐ", "--decision-date", "31/02/2023")
            #expect(badDate.status == 64)
            #expect(badDate.stderr.contains("31/02/2023"))
            let badType = try cli.run("nominate", "--kind", "giay-khen", "--unit", "P-HB", "--nominee", "A", "--nominee-type", "robot", "--as", "lan")
            #expect(badType.status == 64)
            #expect(try cli.database.count("SELECT count(*) AS n FROM nominations") == 0)
            let noDb = try CLI(database: cli.database).run("show", "1", "--database-url", "host=/nonexistent dbname=x")
            #expect(noDb.status == 6)
            #expect(noDb.stderr.contains("database is unavailable"))
        }
    }

    @Test func importTakesAnExcelCSVOrNothing() async throws {
        try await CLI.with { cli in
            try cli.seedTree()
            let file = FileManager.default.temporaryDirectory.appendingPathComponent("import-\(UUID().uuidString).csv")
            defer { try? FileManager.default.removeItem(at: file) }
            let good = "\u{FEFF}kind,unit,nominee,nominee_type,year\r\ngiay-khen,P-HB,Nguyễn Văn An,individual,2025\r\ngiay-khen,P-HB,Tổ Toán,collective,2025\r\n"
            try good.write(to: file, atomically: true, encoding: .utf8)
            let done = try cli.run("import", file.path, "--as", "lan")
            #expect(done.status == 0)
            #expect(done.stdout.contains("imported 2 nominations"))
            try (good + "giay-khen,P-HB,Lê Thị Bình,person,2025\r\n").write(to: file, atomically: true, encoding: .utf8)
            let bad = try cli.run("import", file.path, "--as", "lan")
            #expect(bad.status == 64)
            #expect(bad.stderr.contains("line 4"))
            let missing = try cli.run("import", "/nonexistent/file.csv", "--as", "lan")
            #expect(missing.status == 64)
            #expect(try cli.database.count("SELECT count(*) AS n FROM nominations") == 2)
        }
    }

    @Test func idempotencyKeyReturnsTheFirstResult() async throws {
        try await CLI.with { cli in
            try cli.seedTree()
            let args = ["nominate", "--kind", "giay-khen", "--unit", "P-HB", "--nominee", "Võ Thị Sáu", "--nominee-type", "individual",
                        "--idempotency-key", "req-42", "--as", "lan", "--format", "json"]
            let first = CLI.finish(try cli.start(args))
            let second = CLI.finish(try cli.start(args))
            #expect(first.status == 0 && second.status == 0)
            #expect(first.stdout == second.stdout)
            #expect(try cli.database.count("SELECT count(*) AS n FROM nominations") == 1)
        }
    }

    @Test func csvIsForExcelAndTablesAlignVietnamese() async throws {
        try await CLI.with { cli in
            try cli.seedTree()
            let csv = try cli.run("org", "list", "--format", "csv")
            #expect(csv.stdout.hasPrefix("\u{FEFF}code,name,level,parent\r\n"))
            #expect(csv.stdout.contains("T-LC,UBND tỉnh Lào Cai,province,TW\r\n"))
            let table = try cli.run("org", "list")
            let lines = table.stdout.split(separator: "\n")
            // Every "level" cell starts in the same column, counted in characters, whatever the accents.
            let columns = lines.dropFirst(2).compactMap { line -> Int? in
                guard let range = line.range(of: #"(central|province|district|commune)"#, options: .regularExpression) else { return nil }
                return line.distance(from: line.startIndex, to: range.lowerBound)
            }
            #expect(columns.count == 5)
            #expect(Set(columns).count == 1)
        }
    }

    @Test func rulesVotesQuotasAndCheckFromTheCommandLine() async throws {
        try await CLI.with { cli in
            try cli.seedTree()
            let packs = try cli.run("rules", "list", "--format", "json")
            #expect(Set(packs.array.compactMap { $0["code"] as? String }) == ["nd98-2023", "nd152-2025", "test-district"])
            let before = try cli.run("kind", "list", "--on", "2025-06-20")
            #expect(before.stdout.contains("district → province → central"))
            let after = try cli.run("kind", "list", "--on", "2025-07-02", "--format", "json")
            #expect(after.array.first { $0["code"] as? String == "giay-khen" }?["chain"] as? [String] == ["commune"])

            // A paper dossier received on 20/6/2025 follows the old chain; only an admin may say so.
            let refused = try cli.run("nominate", "--kind", "giay-khen", "--unit", "P-HB", "--nominee", "A", "--nominee-type", "individual",
                                      "--as", "lan", "--submitted-on", "20/06/2025")
            #expect(refused.status == 3)
            let old = try cli.json("nominate", "--kind", "giay-khen", "--unit", "P-HB", "--nominee", "Bùi Văn Cũ", "--nominee-type", "individual",
                                   "--as", "root", "--submitted-on", "20/06/2025")
            #expect(old["org"] as? String == "TX-HL")

            // CSTĐCS: LĐTT that year and an excellent rating, then the council's vote.
            let draft = try cli.json("nominate", "--kind", "giay-khen", "--unit", "P-HB", "--nominee", "Ngô Thị Duyên", "--nominee-type", "individual",
                                     "--as", "lan", "--draft")
            let nominee = try #require((draft["nominee"] as? [String: Any])?["id"] as? Int)
            let ineligible = try cli.run("nominate", "--kind", "cstdcs", "--nominee-id", "\(nominee)", "--unit", "P-HB", "--year", "2025", "--as", "lan")
            #expect(ineligible.status == 3)
            #expect(ineligible.stderr.contains("same_year_award"))
            #expect(try cli.run("award", "import", "--nominee-id", "\(nominee)", "--kind", "ldtt", "--year", "2025", "--decision", "10/QĐ-UBND",
                                "--decision-date", "2025-12-20", "--issuer", "UBND thị xã Hoàng Liên").status == 0)
            #expect(try cli.run("rating", "set", "--nominee-id", "\(nominee)", "--year", "2025", "--rating", "HTXSNV").status == 0)
            let n = try cli.json("nominate", "--kind", "cstdcs", "--nominee-id", "\(nominee)", "--unit", "P-HB", "--year", "2025", "--as", "lan")
            let id = try #require(n["id"] as? Int)
            let check = try cli.run("check", "\(id)", "--format", "json")
            #expect(check.status == 0)
            #expect(check.object["eligible"] as? Bool == true)
            #expect((check.object["reasons"] as? [Any])?.isEmpty == true)
            let lowVote = try cli.run("approve", "\(id)", "--as", "minh", "--decision", "50/QĐ-UBND", "--decision-date", "2026-01-15", "--vote", "10/7/7")
            #expect(lowVote.status == 3)
            #expect(lowVote.stderr.contains("70%"))
            #expect(try cli.run("quota", "set", "--org", "TX-HL", "--kind", "cstdcs", "--year", "2026", "--limit", "1").status == 0)
            let passed = try cli.json("approve", "\(id)", "--as", "minh", "--decision", "50/QĐ-UBND", "--decision-date", "2026-01-15", "--vote", "10/9/8")
            #expect(passed["state"] as? String == "awarded")
            let quotas = try cli.run("quota", "list", "--format", "json")
            #expect(quotas.array.first?["used"] as? Int == 1)
        }
    }

    @Test func decideThreeHundredAtOnceAndAKilledDecideLeavesAllOrNone() async throws {
        try await CLI.with { cli in
            try cli.seedTree()
            let engine = AwardEngine(conninfo: cli.database.conninfo, poolSize: 2)
            let lan = try await engine.principal(named: "lan")
            var ids: [Int64] = []
            for i in 0..<600 {
                ids.append(try await engine.nominate(.init(kind: "giay-khen", unit: "P-HB", nomineeName: "Học sinh \(i)", nomineeType: .individual), by: lan).id)
            }
            try await engine.close()
            let first = Array(ids[0..<300]), second = Array(ids[300...])
            let decided = try cli.json(["decide", "--org", "TX-HL", "--kind", "giay-khen", "--as", "minh", "--date", "2026-11-18",
                                        "--signer", "Nguyễn Văn Minh", "--on-behalf"] + first.map(String.init))
            #expect(decided["number"] as? String == "1/QĐ-UBND")
            #expect((decided["recipients"] as? [Int])?.count == 300)
            #expect(try cli.database.count("SELECT count(*) AS n FROM nominations WHERE state = 'awarded'") == 300)
            #expect(try cli.run("awardees", "--year", "2026", "--format", "json").array.count == 300)

            // kill -9 in the middle of the second decision: all of it or none of it.
            let process = try cli.start(["decide", "--org", "TX-HL", "--kind", "giay-khen", "--as", "minh", "--date", "2026-11-19"] + second.map(String.init))
            try await Task.sleep(for: .milliseconds(150))
            kill(process.0.processIdentifier, SIGKILL)
            _ = CLI.finish(process)
            try await Task.sleep(for: .milliseconds(300))   // the server notices the dead client and rolls back
            let awarded = try cli.database.count("SELECT count(*) AS n FROM nominations WHERE state = 'awarded'")
            #expect(awarded == 300 || awarded == 600, "\(awarded) awarded after a killed decide")
            #expect(try cli.database.count("SELECT count(*) AS n FROM decisions") == (awarded == 600 ? 2 : 1))
        }
    }

    @Test func calendarDocumentsAndOverdueFromTheCommandLine() async throws {
        try await CLI.with { cli in
            try cli.seedTree()
            #expect(try cli.run("calendar", "holiday", "add", "25/01/2025", "02/02/2025", "--name", "Tết Ất Tỵ").status == 0)
            let due = try cli.run("calendar", "due", "--from", "2025-01-24", "--days", "10")
            #expect(due.stdout == "14/02/2025\n")
            let id = try #require(try cli.json("nominate", "--kind", "giay-khen", "--unit", "P-HB", "--nominee", "Phan Văn Đức",
                                               "--nominee-type", "individual", "--as", "lan")["id"] as? Int)
            let file = FileManager.default.temporaryDirectory.appendingPathComponent("bao-cao-\(UUID().uuidString).pdf")
            try Data("%PDF-1.4\n%%EOF\n".utf8).write(to: file)
            defer { try? FileManager.default.removeItem(at: file) }
            let added = try cli.json("doc", "add", "\(id)", "--type", "bao-cao-thanh-tich", file.path, "--as", "lan")
            #expect((added["sha256"] as? String)?.count == 64)
            let docs = try cli.run("doc", "list", "\(id)", "--format", "json")
            #expect(docs.array.count == 1)
            let text = FileManager.default.temporaryDirectory.appendingPathComponent("x-\(UUID().uuidString).txt")
            try Data("just text".utf8).write(to: text)
            defer { try? FileManager.default.removeItem(at: text) }
            let refused = try cli.run("doc", "add", "\(id)", "--type", "khac", text.path, "--as", "lan")
            #expect(refused.status == 64)
            let overdue = try cli.run("overdue", "--within", "30", "--format", "json")
            #expect(overdue.array.count == 1)
            #expect(try cli.run("timers", "run").status == 0)
        }
    }

    @Test func auditVerifyNamesTheEditedRowAndSearchFindsNFD() async throws {
        try await CLI.with { cli in
            try cli.seedTree()
            let id = try #require(try cli.json("nominate", "--kind", "giay-khen", "--unit", "P-HB", "--nominee", "Nguyễn Văn A",
                                               "--nominee-type", "individual", "--as", "lan")["id"] as? Int)
            _ = try cli.json("approve", "\(id)", "--as", "minh", "--decision-date", "2026-11-18")
            #expect(try cli.run("audit", "verify").status == 0)
            try cli.database.execute("SET session_replication_role = replica; UPDATE transitions SET reason = 'sửa lén' WHERE nomination_id = \(id) AND seq = 2;")
            let broken = try cli.run("audit", "verify")
            #expect(broken.status == 3)
            #expect(broken.stdout.contains("nomination \(id), row 2"))
            let one = try cli.run("audit", "verify", "--nomination", "\(id)", "--format", "json")
            #expect((one.object["problems"] as? [[String: Any]])?.first?["seq"] as? Int == 2)

            let found = try cli.run("search", "nguye\u{0302}\u{0303}n va\u{0306}n a", "--format", "json")
            #expect(found.status == 0)
            #expect(found.array.first?["name"] as? String == "Nguyễn Văn A")
            #expect(try cli.run("search", "nguyen van a", "--format", "json").array.count == 1)
            let summary = try cli.run("report", "summary", "--from", "2026", "--to", "2026", "--format", "json")
            #expect(summary.array.first?["count"] as? Int == 1)
            let sentences = try cli.run("report", "summary", "--from", "2026", "--to", "2026", "--sentences")
            #expect(sentences.stdout.contains("Năm 2026, UBND thị xã Hoàng Liên tặng Giấy khen cho 1 cá nhân."))
            let nominee = try cli.run("nominee", "history", "1", "--format", "json")
            #expect((nominee.object["entries"] as? [[String: Any]])?.first?["state"] as? String == "awarded")
            let log = try cli.run("audit", "log", "--actor", "minh", "--format", "csv")
            #expect(log.stdout.hasPrefix("\u{FEFF}nomination_id,seq"))
        }
    }

    @Test func exportingAMillionAwardeesStaysUnder100MB() async throws {
        try await CLI.with { cli in
            try cli.seedTree()
            // A million awarded nominations, loaded in bulk (history rows are not needed to list awardees).
            try await cli.database.executeLong("""
                INSERT INTO decisions (issuer_org_id, number, decided_on, year, purpose, kind_code, created_by)
                SELECT id, '1/QĐ-UBND', '2025-11-18', 2025, 'award', 'giay-khen', 'bulk' FROM orgs WHERE code = 'TX-HL';
                INSERT INTO nominees (name, type) SELECT 'Người nhận ' || to_char(g, 'FM0000000'), 'individual' FROM generate_series(1, 1000000) g;
                INSERT INTO nominations (kind_code, nominee_id, unit_id, route, tier, state, current_org_id, version, decision_id)
                SELECT 'giay-khen', e.id, u.id, ARRAY[d.issuer_org_id], 1, 'awarded', d.issuer_org_id, 1, d.id
                FROM nominees e, orgs u, decisions d WHERE u.code = 'P-HB' AND d.number = '1/QĐ-UBND';
                ANALYZE;
                """)
            let output = FileManager.default.temporaryDirectory.appendingPathComponent("export-\(UUID().uuidString).csv")
            defer { try? FileManager.default.removeItem(at: output) }
            let (status, maxRSSKiB) = try await Self.spawnMeasuringMemory(
                CLI.binary.path, ["export", "awardees", "--year", "2025", "--database-url", cli.database.conninfo], output: output.path)
            #expect(status == 0)
            print("export of 1,000,000 awardees: awardctl peak RSS \(maxRSSKiB / 1024) MiB")
            #expect(maxRSSKiB < 100 * 1024, "awardctl peaked at \(maxRSSKiB / 1024) MiB")
            let handle = try FileHandle(forReadingFrom: output)
            defer { try? handle.close() }
            var lines = 0
            var head = Data()
            while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty {
                if head.count < 200 { head.append(chunk.prefix(200)) }
                lines += chunk.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
            }
            #expect(lines == 1_000_001)
            #expect(head.starts(with: Data("\u{FEFF}nomination_id,nominee".utf8)))
            #expect(String(decoding: head, as: UTF8.self).contains("Người nhận 0000001,individual,giay-khen,P-HB,1/QĐ-UBND,18/11/2025\r\n"))
        }
    }

    /// Runs a program with stdout to a file and returns its exit status and peak resident memory
    /// in KiB: the kernel's high-water mark (VmHWM, reset at exec) read every 10 ms while it runs.
    /// (wait4's ru_maxrss would count the parent's memory shared before exec.)
    /// It sleeps between reads without holding a thread of the shared pool: the suites running
    /// beside it (the printer's among them) keep their threads for the minute and a half it takes.
    static func spawnMeasuringMemory(_ path: String, _ arguments: [String], output: String) async throws -> (Int32, Int) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        _ = FileManager.default.createFile(atPath: output, contents: nil)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: output))
        defer { try? handle.close() }
        process.standardOutput = handle
        process.standardError = FileHandle.standardError
        try process.run()
        let status = "/proc/\(process.processIdentifier)/status"
        var peak = 0
        while process.isRunning {
            if let text = try? String(contentsOfFile: status, encoding: .utf8),
               let line = text.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
               let kib = Int(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "") {
                peak = max(peak, kib)
            }
            try await Task.sleep(for: .milliseconds(10))
        }
        return (reap(process), peak)
    }
}

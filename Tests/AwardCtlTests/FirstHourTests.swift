@testable import AwardEngine
@testable import AwardDomain
import AwardTestSupport
import Foundation
import Testing

/// Rough edges a new user met in the first hour (issue 13), each fixed and held here.
@Suite struct FirstHourTests {
    @Test func anExportTakesJSONAsEveryReadDoes() async throws {
        try await CLI.with { cli in
            try cli.seedTree()
            let created = try cli.json("nominate", "--kind", "giay-khen", "--unit", "P-HB", "--nominee", "Nguyễn Văn An",
                                       "--nominee-type", "individual", "--year", "2023", "--as", "lan")
            let id = try #require(created["id"] as? Int)
            _ = try cli.json("approve", "\(id)", "--as", "minh", "--decision", "15/QĐ-UBND", "--decision-date", "18/11/2023")
            let exported = try cli.run("export", "awardees", "--year", "2023", "--format", "json")
            #expect(exported.status == 0, "\(exported.stderr)")
            #expect(exported.array.map { $0["nominee"] as? String } == ["Nguyễn Văn An"])
            let empty = try cli.run("export", "awardees", "--year", "2001", "--format", "json")
            #expect(empty.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "[]")
            let bad = try cli.run("export", "awardees", "--year", "2023", "--format", "xml")
            #expect(bad.status == 64 && bad.stderr.contains("csv, xlsx, json or jsonl"))
        }
    }

    @Test func aDraftCannotCarryASubmissionDate() async throws {
        try await TestDatabase.withEngine { engine, db in
            let u = try await Seed.tree(engine)
            let request = NominationRequest(kind: "giay-khen", unit: "P-HB", nomineeName: "Lò Thị Mai", nomineeType: .individual,
                                            draft: true, submittedOn: CivilDate(iso: "2025-06-20")!)
            let refused = await #expect(throws: AwardError.self) { try await engine.nominate(request, by: u.admin) }
            #expect(refused?.code == .draftWithSubmissionDate)
            #expect(try db.count("SELECT count(*) AS n FROM nominations") == 0)
            // Recorded as a paper dossier of that day, it keeps the day and the pack then in force.
            var paper = request
            paper.draft = false
            let recorded = try await engine.nominate(paper, by: u.admin)
            #expect(try db.count("SELECT count(*) AS n FROM nominations WHERE id = \(recorded.id) AND submitted_on = '2025-06-20'") == 1)
        }
    }

    @Test func anObjectionCannotBeReceivedTomorrow() async throws {
        try await TestDatabase.withEngine { engine, db in
            let u = try await Seed.tree(engine)
            let n = try await engine.nominate(.init(kind: "giay-khen", unit: "P-HB", nomineeName: "Vàng A Pao", nomineeType: .individual), by: u.lan)
            let now = Date()
            let tomorrow = AwardEngine.today(now).adding(days: 1)
            let refused = await #expect(throws: AwardError.self) {
                try await engine.addObjection(to: n.id, text: "Chưa đúng", receivedOn: tomorrow, by: u.minh, now: now)
            }
            #expect(refused?.code == .dateInFuture && refused?.message.contains(tomorrow.vietnamese) == true)
            #expect(try db.count("SELECT count(*) AS n FROM objections") == 0)
            _ = try await engine.addObjection(to: n.id, text: "Chưa đúng", receivedOn: AwardEngine.today(now), by: u.minh, now: now)
            #expect(try db.count("SELECT count(*) AS n FROM objections") == 1)
        }
    }

    @Test func aRefusedBatchNamesTheNominationThatBlocksIt() async throws {
        try await TestDatabase.withEngine { engine, db in
            let u = try await Seed.tree(engine)
            let here = try await engine.nominate(.init(kind: "giay-khen", unit: "P-HB", nomineeName: "Lò Văn Hùng", nomineeType: .individual), by: u.lan).id
            let elsewhere = try await engine.nominate(.init(kind: "giay-khen", unit: "X-TP", nomineeName: "Ngoài", nomineeType: .individual), by: u.pao).id
            let refused = await #expect(throws: AwardError.self) {
                try await engine.decide(org: "TX-HL", kind: "giay-khen", nominations: [here, elsewhere], by: u.minh, date: CivilDate(iso: "2026-11-18")!)
            }
            #expect(refused?.code == .unknownNomination)
            #expect(refused?.message.hasPrefix("nomination \(elsewhere) blocks the decision") == true, "\(refused?.message ?? "")")
            #expect(try db.count("SELECT count(*) AS n FROM decisions") == 0)
            #expect(try db.count("SELECT count(*) AS n FROM nominations WHERE state = 'awarded'") == 0)
        }
    }
}

/// The first-hour fixes of awardctl's words and reads (issue 13, items 2, 5, 9, 10).
@Suite struct FirstHourCLITests {
    @Test func refusalsAreInVietnameseByDefaultAndInEnglishOnRequest() async throws {
        try await CLI.with { cli in
            try cli.seedTree()
            let created = try cli.json("nominate", "--kind", "giay-khen", "--unit", "P-HB", "--nominee", "Nguyễn Văn An",
                                       "--nominee-type", "individual", "--year", "2023", "--as", "lan")
            let id = try #require(created["id"] as? Int)
            let vietnamese = CLI.finish(try cli.start(["approve", "\(id)", "--as", "lan"], unsetting: ["AWARD_LANG"]))
            #expect(vietnamese.status == 3)
            #expect(vietnamese.stderr == "awardctl: lỗi: Người dùng lan có vai trò cán bộ đề nghị, không được đồng ý hồ sơ.\n")
            let english = try cli.run("approve", "\(id)", "--as", "lan", "--lang", "en")
            #expect(english.stderr == "awardctl: error: user lan is nominator and cannot approve\n")
            // The award's Vietnamese name, never its code.
            let collective = try cli.run("nominate", "--kind", "cstdcs", "--unit", "P-HB", "--nominee", "Đoàn Thanh niên phường",
                                         "--nominee-type", "collective", "--year", "2025", "--as", "lan", "--lang", "vi")
            #expect(collective.status == 3)
            #expect(collective.stderr.contains("«Chiến sĩ thi đua cơ sở» không xét cho tập thể"))
            #expect(!collective.stderr.contains("cstdcs"))
        }
    }

    @Test func aDatabaseNotFoundSaysWhereAwardctlLooked() async throws {
        try await CLI.with { cli in
            let missing = FileManager.default.temporaryDirectory.appendingPathComponent("no-cluster-\(UInt32.random(in: 0...UInt32.max))/pg").path
            let output = CLI.finish(try cli.start(["show", "1", "--data-dir", missing, "--lang", "en"],
                                                  unsetting: ["AWARD_DATABASE_URL", "PGHOST", "PGHOSTADDR", "PGPORT", "PGDATABASE", "PGUSER", "PGSERVICE"]))
            #expect(output.status == 6, "\(output.stderr)")
            #expect(output.stderr.contains("hint: there is no embedded PostgreSQL cluster in \(URL(fileURLWithPath: missing).standardizedFileURL.path)"))
            #expect(output.stderr.contains("--data-dir DIR (AWARD_DATA_DIR)"))
        }
    }

    @Test func showDisplaysARevocationAndADocumentComesBackAsUploaded() async throws {
        try await CLI.with { cli in
            try cli.seedTree()
            let created = try cli.json("nominate", "--kind", "giay-khen", "--unit", "P-HB", "--nominee", "Hộ ông Lò Văn Páo",
                                       "--nominee-type", "household", "--year", "2023", "--as", "lan")
            let id = try #require(created["id"] as? Int)
            _ = try cli.json("approve", "\(id)", "--as", "minh", "--decision", "98/QĐ-UBND", "--decision-date", "18/11/2023")
            _ = try cli.json("revoke", "\(id)", "--as", "minh", "--reason", "Kê khai không trung thực",
                             "--decision", "12/QĐ-UBND", "--decision-date", "05/03/2024")
            let shown = try cli.run("show", "\(id)")
            #expect(shown.status == 0)
            #expect(shown.stdout.contains("revocation       12/QĐ-UBND"), "\(shown.stdout)")
            #expect(shown.stdout.contains("revocation_date  05/03/2024"))

            let file = FileManager.default.temporaryDirectory.appendingPathComponent("bien-ban-\(id).pdf")
            let content = Data("%PDF-1.4\n% Biên bản họp Hội đồng\n%%EOF\n".utf8)
            try content.write(to: file)
            defer { try? FileManager.default.removeItem(at: file) }
            let added = try cli.json("doc", "add", "\(id)", "--type", "bien-ban", file.path, "--as", "minh")
            let documentId = try #require(added["id"] as? Int)
            let copy = file.deletingLastPathComponent().appendingPathComponent("copy-\(id).pdf")
            defer { try? FileManager.default.removeItem(at: copy) }
            let got = try cli.run("doc", "get", "\(id)", "\(documentId)", "-o", copy.path)
            #expect(got.status == 0, "\(got.stderr)")
            #expect(try Data(contentsOf: copy) == content)
            #expect(got.stdout.contains(added["sha256"] as? String ?? "?"))
            let unknown = try cli.run("doc", "get", "\(id)", "999", "-o", copy.path)
            #expect(unknown.status == 4 && unknown.stderr.contains("no document 999"))
        }
    }

    @Test func awardeesFilterByTheDecisionYearOrTheAchievementYear() async throws {
        try await CLI.with { cli in
            try cli.seedTree()
            let created = try cli.json("nominate", "--kind", "giay-khen", "--unit", "P-HB", "--nominee", "Nguyễn Văn An",
                                       "--nominee-type", "individual", "--year", "2023", "--as", "lan")
            let id = try #require(created["id"] as? Int)
            // A 2023 achievement decided in 2024.
            _ = try cli.json("approve", "\(id)", "--as", "minh", "--decision", "3/QĐ-UBND", "--decision-date", "15/01/2024")
            func names(_ arguments: String...) throws -> [String?] {
                CLI.finish(try cli.start(arguments + ["--format", "json"])).array.map { $0["nominee"] as? String }
            }
            #expect(try names("awardees", "--year", "2023") == [])
            #expect(try names("awardees", "--year", "2024") == ["Nguyễn Văn An"])
            #expect(try names("awardees", "--achievement-year", "2023") == ["Nguyễn Văn An"])
            #expect(try names("awardees", "--year", "2024", "--achievement-year", "2022") == [])
            let neither = try cli.run("awardees")
            #expect(neither.status == 64 && neither.stderr.contains("achievement year"))
        }
    }

    @Test func aReturnedNominationIsAmendedAndAMistakenDocumentWithdrawnFromTheCommandLine() async throws {
        try await CLI.with { cli in
            try cli.seedTree()
            let id = try #require(try cli.json("nominate", "--kind", "giay-khen", "--unit", "P-HB", "--nominee", "Nguyen Van Hung",
                                               "--nominee-type", "individual", "--year", "2024", "--as", "lan")["id"] as? Int)
            let file = FileManager.default.temporaryDirectory.appendingPathComponent("nham-\(UUID().uuidString).pdf")
            try Data("%PDF-1.4\n%%EOF\n".utf8).write(to: file)
            defer { try? FileManager.default.removeItem(at: file) }
            let added = try #require(try cli.json("doc", "add", "\(id)", "--type", "khac", file.path, "--as", "lan")["id"] as? Int)
            let withdrawn = try cli.json("doc", "withdraw", "\(id)", "\(added)", "--reason", "Tải nhầm", "--as", "lan")
            #expect((withdrawn["withdrawn"] as? [String: Any])?["reason"] as? String == "Tải nhầm")
            let twice = try cli.run("doc", "withdraw", "\(id)", "\(added)", "--as", "lan")
            #expect(twice.status != 0 && twice.stderr.contains("đã được rút"))

            #expect(try cli.run("return", "\(id)", "--reason", "Tên viết không dấu", "--as", "minh").status == 0)
            let amended = try cli.json("amend", "\(id)", "--nominee", "Nguyễn Văn Hùng", "--year", "2025", "--as", "lan")
            #expect((amended["nominee"] as? [String: Any])?["name"] as? String == "Nguyễn Văn Hùng")
            #expect(amended["state"] as? String == "returned")
            let history = try cli.run("history", "\(id)", "--format", "json").array
            #expect(history.last?["command"] as? String == "amend")
            #expect((history.last?["comment"] as? String)?.contains("Năm thành tích: 2024 → 2025") == true)
            let nothing = try cli.run("amend", "\(id)", "--year", "2025", "--as", "lan")
            #expect(nothing.status != 0 && nothing.stderr.contains("changes nothing"), "\(nothing.stderr)")
        }
    }
}

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
            #expect(bad.status == 64 && bad.stderr.contains("csv, json or jsonl"))
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

@testable import AwardEngine
@testable import AwardPostgres
@testable import AwardDomain
import AwardTestSupport
import Foundation
import Testing

/// `importNominations`: COPY into a staging table, checked set-wise, all or none.
@Suite struct ImportTests {
    @Test func rowsBecomeSubmittedNominationsWithTheirHistory() async throws {
        try await TestDatabase.withEngine { engine, db in
            let u = try await Seed.tree(engine)
            let nfd = "Nguye\u{0302}\u{0303}n Va\u{0306}n An"   // typed decomposed
            let csv = "\u{FEFF}kind,unit,nominee,nominee_type,year,reason\r\n"
                + "giay-khen,TH-HB,\(nfd),individual,2025,\"Dạy giỏi, \"\"gương mẫu\"\"\nhai dòng\"\r\n"
                + "bang-khen-tinh,th-hb,Tổ Toán,collective,2025,\r\n"
                + "\r\n"
                + "giay-khen,X-TP,Đặng Thị Đào,individual,,\r\n"
            let summary = try await engine.importNominations(csv: Data(csv.utf8), by: u.admin)
            #expect(summary.nominations == 3)
            let first = try #require(summary.firstId)
            #expect(summary.lastId == first + 2)
            let a = try await engine.nomination(first)
            #expect(a.nominee.name == "Nguyễn Văn An" && a.nominee.name.unicodeScalars.count == 13)
            #expect(a.reason == "Dạy giỏi, \"gương mẫu\"\nhai dòng")
            #expect(a.state == .pending && a.tier == .district && a.org == "TX-HL" && a.unit == "TH-HB")
            let b = try await engine.nomination(first + 1)
            #expect(b.kind == "bang-khen-tinh" && b.nominee.type == .collective && b.tiers == 2)
            let c = try await engine.nomination(first + 2)
            #expect(c.org == "H-SP" && c.year == nil && c.dueOn != nil)
            let history = try await engine.history(first)
            #expect(history.map(\.command) == ["create"] && history[0].actor == "admin")
            #expect(try db.count("SELECT count(*) AS n FROM timers WHERE kind = 'deadline'") == 3)
            let audit = try await engine.verifyAudit()
            #expect(audit.ok)
            // The imported nominations move on like any other.
            let approved = try await engine.perform(.approve, on: first + 1, by: u.minh)
            #expect(approved.org == "T-LC")
        }
    }

    @Test func theFirstBadRowRefusesTheFileAndNamesItsLine() async throws {
        try await TestDatabase.withEngine { engine, db in
            let u = try await Seed.tree(engine)
            let header = "kind,unit,nominee,nominee_type\n"
            let good = "giay-khen,TH-HB,Lê Văn Bình,individual\n"
            func refusal(_ csv: String, by principal: Principal? = nil) async -> AwardError? {
                await #expect(throws: AwardError.self) { try await engine.importNominations(csv: Data(csv.utf8), by: principal ?? u.admin) }
            }
            let unit = await refusal(header + good + good + "giay-khen,NO-SUCH,Lê Văn Cường,individual\n")
            #expect(unit?.code == .unknownOrg && unit?.message.contains("line 4") == true)
            let kind = await refusal(header + good + "huan-chuong,TH-HB,Lê Văn Cường,individual\n")
            #expect(kind?.code == .unknownKind && kind?.message.contains("line 3") == true)
            let type = await refusal(header + good + "giay-khen,TH-HB,Lê Văn Cường,robot\n")
            #expect(type?.code == .badNomineeType && type?.message.contains("line 3") == true)
            let fields = await refusal(header + "giay-khen,TH-HB,Lê Văn Cường\n")
            #expect(fields?.code == .badCsv && fields?.message.contains("line 2") == true)
            let column = await refusal("kind,unit,nominee\n" + good)
            #expect(column?.message.contains("nominee_type is missing") == true)
            let unknownColumn = await refusal("kind,unit,nominee,nominee_type,colour\n")
            #expect(unknownColumn?.message.contains("unknown column \"colour\"") == true)
            let control = await refusal(header + "giay-khen,TH-HB,Lê\u{7}Bình,individual\n")
            #expect(control?.code == .controlCharacter && control?.message.contains("line 2") == true)
            let quote = await refusal(header + "giay-khen,TH-HB,\"Lê Bình,individual\n")
            #expect(quote?.code == .badCsv)
            let empty = await refusal(header)
            #expect(empty?.code == .emptyImport)
            // A nominator of the ward imports for units under it, not for another district's commune,
            // and may not date submissions in the past.
            let outside = await refusal(header + good + "giay-khen,X-TP,Lê Văn Cường,individual\n", by: u.lan)
            #expect(outside?.code == .outsideJurisdiction && outside?.message.contains("line 3") == true)
            let dated = await refusal("kind,unit,nominee,nominee_type,submitted_on\ngiay-khen,TH-HB,Lê Văn Cường,individual,01/06/2025\n", by: u.lan)
            #expect(dated?.code == .roleNotAllowed)
            let approver = await refusal(header + good, by: u.minh)
            #expect(approver?.code == .roleNotAllowed)
            #expect(try db.count("SELECT count(*) AS n FROM nominations") == 0)
            #expect(try db.count("SELECT count(*) AS n FROM nominees") == 0)
            #expect(try db.count("SELECT count(*) AS n FROM transitions") == 0)
            let mine = try await engine.importNominations(csv: Data((header + good).utf8), by: u.lan)
            #expect(mine.nominations == 1)
        }
    }

    @Test func anIneligibleRowNeedsAnAdminsOverride() async throws {
        try await TestDatabase.withEngine { engine, db in
            let u = try await Seed.tree(engine)
            // A new nominee has no ratings: the grassroots emulation fighter title needs them.
            let csv = "kind,unit,nominee,nominee_type,year\ncstdcs,TH-HB,Lê Văn Bình,individual,2025\n"
            let refused = await #expect(throws: AwardError.self) { try await engine.importNominations(csv: Data(csv.utf8), by: u.admin) }
            #expect(refused?.message.contains("line 2") == true)
            #expect(try db.count("SELECT count(*) AS n FROM nominations") == 0)
            let passed = try await engine.importNominations(csv: Data(csv.utf8), by: u.admin, overrideReason: "Hồ sơ giấy đã được Hội đồng xét")
            let id = try #require(passed.firstId)
            #expect(try db.column("SELECT override_reason FROM transitions WHERE nomination_id = \(id)") == ["Hồ sơ giấy đã được Hội đồng xét"])
        }
    }
}

@testable import AwardEngine
@testable import AwardPostgres
@testable import AwardDomain
import AwardTestSupport
import Foundation
import Testing

/// Numbered batch decisions, bonuses, dossier documents, working-day deadlines, public notice and
/// durable timers (issue 5).
@Suite struct DecisionTests {
    static func date(_ text: String) -> CivilDate { CivilDate(iso: text)! }
    /// Noon in Vietnam on `text`.
    static func at(_ text: String) -> Date {
        let d = date(text)
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: 7 * 3600)!
        return calendar.date(from: DateComponents(year: d.year, month: d.month, day: d.day, hour: 12))!
    }
    static let pdf = Array("%PDF-1.7\n1 0 obj <<>> endobj\n%%EOF\n".utf8)

    func pending(_ engine: AwardEngine, _ u: Seed.Users, count: Int, kind: String = "giay-khen") async throws -> [Int64] {
        var ids: [Int64] = []
        for i in 0..<count {
            ids.append(try await engine.nominate(.init(kind: kind, unit: "P-HB", nomineeName: "Người nhận \(i)", nomineeType: i % 10 == 0 ? .collective : .individual),
                                                 by: u.lan).id)
        }
        return ids
    }

    @Test func threeHundredNominationsByOneDecisionAllOrNone() async throws {
        try await TestDatabase.withEngine { engine, db in
            let u = try await Seed.tree(engine)
            let ids = try await pending(engine, u, count: 300)
            // One id that cannot be decided here (it waits at another district) spoils the whole batch.
            let elsewhere = try await engine.nominate(.init(kind: "giay-khen", unit: "X-TP", nomineeName: "Ngoài", nomineeType: .individual), by: u.pao).id
            let spoiled = await #expect(throws: AwardError.self) {
                try await engine.decide(org: "TX-HL", kind: "giay-khen", nominations: ids + [elsewhere], by: u.minh, date: Self.date("2026-11-18"))
            }
            #expect(spoiled?.category == .notFound)
            #expect(try db.count("SELECT count(*) AS n FROM nominations WHERE state = 'awarded'") == 0)
            #expect(try db.count("SELECT count(*) AS n FROM decisions") == 0)

            let decision = try await engine.decide(
                org: "TX-HL", kind: "giay-khen", nominations: ids, by: u.minh, date: Self.date("2026-11-18"),
                details: .init(signer: "Nguyễn Văn Minh", onBehalf: true, legalBasis: "Luật Thi đua, khen thưởng 2022", achievementPeriod: "năm 2026"))
            #expect(decision.number == "1/QĐ-UBND")
            #expect(decision.recipients.count == 300)
            #expect(try db.count("SELECT count(*) AS n FROM decisions") == 1)
            #expect(try db.count("SELECT count(*) AS n FROM nominations WHERE state = 'awarded' AND decision_id IS NOT NULL") == 300)
            // 0.3 × 2,340,000 = 702,000 → 710,000; collectives ×2: 1,404,000 → 1,410,000.
            #expect(try db.count("SELECT count(DISTINCT bonus_vnd) AS n FROM nominations WHERE bonus_vnd = 710000") == 1)
            #expect(try db.count("SELECT count(*) AS n FROM nominations n JOIN nominees e ON e.id = n.nominee_id WHERE e.type = 'collective' AND bonus_vnd = 1410000") == 30)
            let expectedTotal: Int64 = 270 * 710_000 + 30 * 1_410_000
            #expect(decision.totalBonusVnd ?? -1 == expectedTotal)
            #expect(try db.count("SELECT count(*) AS n FROM decisions WHERE on_behalf AND signer = 'Nguyễn Văn Minh' AND sequence = 1") == 1)
            #expect(try await engine.awardees(.init(year: 2026, org: "TX-HL")).count == 300)
        }
    }

    @Test func concurrentDecisionsGetConsecutiveNumbers() async throws {
        try await TestDatabase.withEngine(poolSize: 8) { engine, db in
            let u = try await Seed.tree(engine)
            let ids = try await pending(engine, u, count: 24)
            try await engine.setDecisionPattern(org: "TX-HL", pattern: "{n}/QĐ-UBND-TX")
            // A number given by hand takes its slot; the sequence skips it.
            _ = try await engine.decide(org: "TX-HL", kind: "giay-khen", nominations: [ids[0]], by: u.minh, date: Self.date("2026-03-01"), number: "2/QĐ-UBND-TX")
            let numbers = await withTaskGroup(of: String?.self) { group in
                for batch in stride(from: 1, to: 23, by: 2) {
                    group.addTask {
                        try? await engine.decide(org: "TX-HL", kind: "giay-khen", nominations: [ids[batch], ids[batch + 1]],
                                                 by: u.minh, date: Self.date("2026-03-02")).number
                    }
                }
                return await group.reduce(into: [String]()) { if let n = $1 { $0.append(n) } }
            }
            let sequence = numbers.compactMap { Int($0.split(separator: "/")[0]) }.sorted()
            #expect(numbers.count == 11)
            #expect(sequence == [1] + Array(3...12))
            #expect(try db.count("SELECT count(*) AS n FROM decisions") == 12)
            let taken = await #expect(throws: AwardError.self) {
                try await engine.decide(org: "TX-HL", kind: "giay-khen", nominations: [ids[23]], by: u.minh, date: Self.date("2026-03-02"), number: "3/QĐ-UBND-TX")
            }
            #expect(taken?.code == .decisionNumberUsed)
            // Another year starts again from 1.
            let next = try await engine.decide(org: "TX-HL", kind: "giay-khen", nominations: [ids[23]], by: u.minh, date: Self.date("2025-12-30"))
            #expect(next.number == "1/QĐ-UBND-TX")
        }
    }

    @Test func theProvinceCannotForwardABangKhenTtgWithoutItsAchievementReport() async throws {
        try await TestDatabase.withEngine { engine, _ in
            let u = try await Seed.tree(engine)
            let n = try await engine.nominate(.init(kind: "bang-khen-ttg", unit: "P-HB", nomineeName: "Trường Tiểu học Hàm Rồng", nomineeType: .collective,
                                                    submittedOn: Self.date("2025-06-20")), by: u.admin)
            _ = try await engine.perform(.approve, on: n.id, by: u.minh)
            _ = try await engine.addDocument(to: n.id, type: .toTrinh, name: "Tờ trình 252/TTr-SNV.pdf", content: Self.pdf, by: u.hoa)
            _ = try await engine.addDocument(to: n.id, type: .danhSach, name: "Danh sách.pdf", content: Self.pdf, by: u.hoa)
            let refused = await #expect(throws: AwardError.self) { try await engine.perform(.approve, on: n.id, by: u.hoa) }
            #expect(refused?.code == .documentsMissing)
            #expect(refused?.message.contains("bao-cao-thanh-tich") == true)
            #expect(refused?.message.contains("Báo cáo thành tích") == true)
            let doc = try await engine.addDocument(to: n.id, type: .baoCaoThanhTich, name: "Báo cáo thành tích.pdf", content: Self.pdf, by: u.hoa)
            #expect(doc.sha256.count == 64 && doc.mediaType == "application/pdf")
            let forwarded = try await engine.perform(.approve, on: n.id, by: u.hoa)
            #expect(forwarded.org == "TW")
            #expect(try await engine.documents(of: n.id).map(\.type) == [.toTrinh, .danhSach, .baoCaoThanhTich])
            // Executables and empty files are refused; the other district does not even see the dossier.
            let exe = await #expect(throws: AwardError.self) {
                try await engine.addDocument(to: n.id, type: .khac, name: "virus.exe", content: [0x4D, 0x5A, 0x90, 0x00], by: u.hoa)
            }
            #expect(exe?.code == .documentType)
            await #expect(throws: AwardError.self) { try await engine.documents(of: n.id, viewer: u.sung) }
        }
    }

    @Test func tetHolidayMovesTheDeadlineAndAReturnPausesTheClock() async throws {
        try await TestDatabase.withEngine { engine, db in
            let u = try await Seed.tree(engine)
            #expect(try await engine.setCalendar(from: Self.date("2025-01-25"), to: Self.date("2025-02-02"), working: false, name: "Tết Ất Tỵ") == 9)
            #expect(try await engine.dueDate(from: Self.date("2025-01-24"), workingDays: 10) == Self.date("2025-02-14"))
            #expect(try await engine.dueDate(from: Self.date("2025-01-24"), workingDays: 1) == Self.date("2025-02-03"))
            // A make-up Saturday counts.
            _ = try await engine.setCalendar(from: Self.date("2025-02-08"), working: true, name: "Làm bù")
            #expect(try await engine.dueDate(from: Self.date("2025-01-24"), workingDays: 10) == Self.date("2025-02-13"))

            // Giấy khen at the district: 20 working days from Friday 24/1/2025.
            let n = try await engine.nominate(.init(kind: "giay-khen", unit: "P-HB", nomineeName: "Hà Thị Thu", nomineeType: .individual),
                                              by: u.lan, now: Self.at("2025-01-24"))
            let due = try await engine.dueDate(from: Self.date("2025-01-24"), workingDays: 20)
            #expect(try db.count("SELECT count(*) AS n FROM nominations WHERE id = \(n.id) AND due_on = \(due.iso)::date") == 1)
            // Returned on Friday 7/2 (6 working days used: 3–7/2 and the make-up 8/2? no: 8/2 is after 7/2), resubmitted on 20/2.
            _ = try await engine.perform(.return, on: n.id, by: u.minh, reason: "Bổ sung", now: Self.at("2025-02-07"))
            #expect(try db.count("SELECT count(*) AS n FROM nominations WHERE id = \(n.id) AND due_on IS NULL AND clock_days_used = 5") == 1)
            _ = try await engine.perform(.resubmit, on: n.id, by: u.lan, now: Self.at("2025-02-20"))
            let resumed = try await engine.dueDate(from: Self.date("2025-02-20"), workingDays: 15)
            #expect(try db.count("SELECT count(*) AS n FROM nominations WHERE id = \(n.id) AND due_on = \(resumed.iso)::date") == 1)
            let late = try await engine.overdue(org: "T-LC", now: Self.at("2025-06-01"))
            #expect(late.map(\.nomination.id) == [n.id])
            #expect(late.first.map { $0.workingDaysLeft < 0 } == true)
            #expect(try await engine.overdue(org: "H-SP", now: Self.at("2025-06-01")).isEmpty)
            // The deadline timer raises one warning, once.
            #expect(try await engine.runDueTimers(now: Self.at("2025-06-01")) >= 1)
            #expect(try db.count("SELECT count(*) AS n FROM notifications WHERE nomination_id = \(n.id)") == 1)
            #expect(try await engine.runDueTimers(now: Self.at("2025-06-02")) == 0)
        }
    }

    @Test func aNationalEmulationFighterIsVotedOnlyAfterTenWorkingDaysOfNotice() async throws {
        try await TestDatabase.withEngine(poolSize: 4) { engine, db in
            let u = try await Seed.tree(engine)
            let start = "2025-09-03"
            let draft = try await engine.nominate(.init(kind: "giay-khen", unit: "P-HB", nomineeName: "Lò Văn Hùng", nomineeType: .individual, draft: true), by: u.lan)
            for year in [2023, 2024] {
                try await engine.importPriorAward(nominee: draft.nominee.id, kind: "cstd-tinh", year: year,
                                                  decision: .init(number: "\(year)/QĐ-UBND", date: Self.date("\(year)-12-20")), issuer: "UBND tỉnh", by: "test")
            }
            let n = try await engine.nominate(.init(kind: "cstdtq", unit: "P-HB", nomineeId: draft.nominee.id, year: 2025), by: u.lan, now: Self.at(start))
            #expect(n.org == "P-HB")   // Decree 152: the ward first
            _ = try await engine.perform(.approve, on: n.id, by: u.phuong, now: Self.at(start))
            for type in [DocumentType.toTrinh, .danhSach, .baoCaoThanhTich, .bienBan, .sangKien] {
                _ = try await engine.addDocument(to: n.id, type: type, name: "\(type.rawValue).pdf", content: Self.pdf, by: u.hoa, now: Self.at(start))
            }
            let noticed = try await engine.perform(.approve, on: n.id, by: u.hoa, now: Self.at(start))
            #expect(noticed.state == .publicNotice && noticed.org == "TW")
            let until = try await engine.dueDate(from: Self.date(start), workingDays: 10)
            let vote = VoteTally(members: 20, present: 19, inFavour: 18)
            let early = await #expect(throws: AwardError.self) {
                try await engine.perform(.approve, on: n.id, by: u.tung, decision: .init(number: nil, date: Self.date(start)), vote: vote, now: Self.at(start))
            }
            #expect(early?.code == .wrongState)
            #expect(early?.message.contains("public notice") == true)
            let objection = try await engine.addObjection(to: n.id, text: "Đề nghị làm rõ sáng kiến", receivedOn: Self.date(start), by: u.tung)
            // Nothing fires the day before; two workers on the day fire it once.
            #expect(try await engine.runDueTimers(now: Self.at(until.adding(days: -1).iso)) == 0)
            async let first = engine.runDueTimers(now: Self.at(until.iso))
            async let second = engine.runDueTimers(now: Self.at(until.iso))
            let fired = try await first + second
            #expect(fired == 1)
            #expect(try await engine.nomination(n.id).state == .pending)
            #expect(try db.count("SELECT count(*) AS n FROM transitions WHERE nomination_id = \(n.id) AND command = 'notice_end' AND actor = 'system'") == 1)
            let open = await #expect(throws: AwardError.self) {
                try await engine.perform(.approve, on: n.id, by: u.tung, decision: .init(number: nil, date: until), vote: vote, now: Self.at(until.iso))
            }
            #expect(open?.code == .objectionsOpen)
            _ = try await engine.resolveObjection(objection.id, resolution: "Sáng kiến đã được Bộ công nhận phạm vi toàn quốc", by: u.tung)
            let awarded = try await engine.perform(.approve, on: n.id, by: u.tung, decision: .init(number: nil, date: until), vote: vote, now: Self.at(until.iso))
            #expect(awarded.state == .awarded)
            #expect(awarded.decision?.number == "1/QĐ-UBND")
        }
    }

    @Test func aRevocationIsANumberedDecisionNamingTheOriginal() async throws {
        try await TestDatabase.withEngine { engine, db in
            let u = try await Seed.tree(engine)
            let ids = try await pending(engine, u, count: 2)
            _ = try await engine.decide(org: "TX-HL", kind: "giay-khen", nominations: ids, by: u.minh, date: Self.date("2026-05-19"))
            let revoked = try await engine.perform(.revoke, on: ids[0], by: u.minh, reason: "Khai man thành tích",
                                                   decision: .init(number: nil, date: Self.date("2026-06-01")))
            #expect(revoked.revocation?.number == "2/QĐ-UBND")
            #expect(try db.count("SELECT count(*) AS n FROM decisions r JOIN decisions a ON a.id = r.revokes_decision_id WHERE r.purpose = 'revocation' AND a.number = '1/QĐ-UBND'") == 1)
            #expect(try await engine.awardees(.init(year: 2026)).map(\.nominationId) == [ids[1]])
            #expect(try await engine.history(ids[0]).map(\.command) == ["create", "approve", "revoke"])
        }
    }
}

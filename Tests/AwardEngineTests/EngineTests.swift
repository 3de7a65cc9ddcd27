@testable import AwardEngine
@testable import AwardPostgres
@testable import AwardDomain
import AwardTestSupport
import Foundation
import Testing

/// The engine against a real PostgreSQL, one fresh database per test.
@Suite struct EngineTests {
    static let decisionDate = CivilDate(iso: "2023-11-18")!

    /// Nominates as the nominator of the unit's commune (lan for P-HB and below, pao for X-TP).
    func nominate(_ engine: AwardEngine, _ u: Seed.Users, kind: String = "giay-khen", unit: String = "P-HB", name: String = "Nguyễn Văn An",
                  type: NomineeType = .individual, draft: Bool = false) async throws -> NominationView {
        try await engine.nominate(.init(kind: kind, unit: unit, nomineeName: name, nomineeType: type, year: 2023, draft: draft),
                                  by: unit == "X-TP" ? u.pao : u.lan)
    }

    @Test func giayKhenIsAwardedAtTheDistrict() async throws {
        try await TestDatabase.withEngine { engine, _ in
            let u = try await Seed.tree(engine)
            let created = try await nominate(engine, u)
            #expect(created.state == .pending)
            #expect(created.org == "TX-HL")
            #expect(created.tier == .district)
            let awarded = try await engine.perform(.approve, on: created.id, by: u.minh, actingFor: "tx-hl",
                                                   decision: .init(number: "15/QĐ-UBND", date: Self.decisionDate))
            #expect(awarded.state == .awarded)
            #expect(awarded.decision == .init(number: "15/QĐ-UBND", date: Self.decisionDate, issuer: "TX-HL"))
            let awardees = try await engine.awardees(.init(year: 2023))
            #expect(awardees.map(\.nominationId) == [created.id])
            #expect(try await engine.awardees(.init(year: 2022)).isEmpty)
            let history = try await engine.history(created.id)
            #expect(history.map(\.command) == ["create", "approve"])
            #expect(history.map(\.actor) == ["lan", "minh"])
            #expect(history.map(\.org) == ["P-HB", "TX-HL"])
            #expect(history[1].fromState == .pending && history[1].toState == .awarded)
        }
    }

    @Test func bangKhenTtgClimbsEveryTierAndWrongOrgChangesNothing() async throws {
        try await TestDatabase.withEngine { engine, db in
            let u = try await Seed.tree(engine)
            let n = try await nominate(engine, u, kind: "bang-khen-ttg", unit: "TH-HB", name: "Trường Tiểu học Hàm Rồng", type: .collective)
            #expect(n.tiers == 3 && n.org == "TX-HL")
            // The province acting before the district is refused, naming the org it waits at.
            let early = await #expect(throws: AwardError.self) {
                try await engine.perform(.approve, on: n.id, by: u.hoa, actingFor: "T-LC")
            }
            #expect(early?.category == .refused)
            #expect(early?.code == .wrongOrg)
            #expect(early?.message.contains("TX-HL") == true)
            // Another district is refused too.
            await #expect(throws: AwardError.self) { try await engine.perform(.approve, on: n.id, by: u.sung, actingFor: "H-SP") }
            #expect(try db.count("SELECT count(*) AS n FROM transitions") == 1)

            let atProvince = try await engine.perform(.approve, on: n.id, by: u.minh, actingFor: "TX-HL")
            #expect(atProvince.state == .pending && atProvince.org == "T-LC" && atProvince.tier == .province)
            let atCentral = try await engine.perform(.approve, on: n.id, by: u.hoa, actingFor: "T-LC")
            #expect(atCentral.org == "TW" && atCentral.tier == .central)
            // A decision offered at a forwarding tier is refused.
            let awarded = try await engine.perform(.approve, on: n.id, by: u.tung, actingFor: "TW",
                                                   decision: .init(number: "45/QĐ-TTg", date: Self.decisionDate))
            #expect(awarded.state == .awarded)
            #expect(try await engine.history(n.id).map(\.actor) == ["lan", "minh", "hoa", "tung"])
        }
    }

    @Test func returnResubmitRoundsAreKept() async throws {
        try await TestDatabase.withEngine { engine, _ in
            let u = try await Seed.tree(engine)
            let n = try await nominate(engine, u, kind: "bang-khen-tinh")
            _ = try await engine.perform(.approve, on: n.id, by: u.minh, actingFor: "TX-HL")
            let returned = try await engine.perform(.return, on: n.id, by: u.hoa, actingFor: "T-LC", reason: "Thiếu báo cáo thành tích")
            #expect(returned.state == .returned && returned.org == "P-HB" && returned.tier == .province)
            // Only the proposer resubmits.
            await #expect(throws: AwardError.self) { try await engine.perform(.resubmit, on: n.id, by: u.minh, actingFor: "TX-HL") }
            let back = try await engine.perform(.resubmit, on: n.id, by: u.lan, actingFor: "P-HB")
            #expect(back.state == .pending && back.org == "T-LC")
            _ = try await engine.perform(.return, on: n.id, by: u.hoa, actingFor: "T-LC", reason: "Bổ sung biên bản họp")
            _ = try await engine.perform(.resubmit, on: n.id, by: u.lan, actingFor: "P-HB")
            let history = try await engine.history(n.id)
            #expect(history.map(\.command) == ["create", "approve", "return", "resubmit", "return", "resubmit"])
            #expect(history[2].reason == "Thiếu báo cáo thành tích")
        }
    }

    @Test func rejectWithdrawAndRevokeEndIt() async throws {
        try await TestDatabase.withEngine { engine, _ in
            let u = try await Seed.tree(engine)
            let a = try await nominate(engine, u, name: "Lê Thị Bình")
            let noReason = await #expect(throws: AwardError.self) { try await engine.perform(.reject, on: a.id, by: u.minh, actingFor: "TX-HL") }
            #expect(noReason?.code == .reasonRequired)
            let rejected = try await engine.perform(.reject, on: a.id, by: u.minh, actingFor: "TX-HL", reason: "Không đủ tiêu chuẩn (Điều 24 Luật TĐKT)")
            #expect(rejected.state == .rejected)
            let final = await #expect(throws: AwardError.self) { try await engine.perform(.approve, on: a.id, by: u.minh, actingFor: "TX-HL") }
            #expect(final?.code == .wrongState)

            let b = try await nominate(engine, u, name: "Trần Văn Cường", draft: true)
            #expect(b.state == .draft && b.org == "P-HB")
            #expect(try await engine.pending(org: "TX-HL").map(\.id) == [])
            let withdrawn = try await engine.perform(.withdraw, on: b.id, by: u.lan, actingFor: "P-HB")
            #expect(withdrawn.state == .withdrawn)

            let c = try await nominate(engine, u, name: "Phạm Thị Dung", draft: true)
            _ = try await engine.perform(.submit, on: c.id, by: u.lan, actingFor: "P-HB")
            #expect(try await engine.pending(org: "TX-HL").map(\.id) == [c.id])
            _ = try await engine.perform(.approve, on: c.id, by: u.minh, actingFor: "TX-HL", decision: .init(number: "20/QĐ-UBND", date: Self.decisionDate))
            let early = await #expect(throws: AwardError.self) {
                try await engine.perform(.revoke, on: c.id, by: u.minh, actingFor: "TX-HL", reason: "Khai man thành tích",
                                         decision: .init(number: "21/QĐ-UBND", date: CivilDate(iso: "2023-11-01")!))
            }
            #expect(early?.code == .decisionDate)
            let revoked = try await engine.perform(.revoke, on: c.id, by: u.minh, actingFor: "TX-HL", reason: "Khai man thành tích",
                                                   decision: .init(number: "3/QĐ-UBND", date: CivilDate(iso: "2024-02-01")!))
            #expect(revoked.state == .revoked)
            #expect(revoked.revocation?.number == "3/QĐ-UBND")
            #expect(revoked.decision?.number == "20/QĐ-UBND")
            #expect(try await engine.awardees(.init(year: 2023)).isEmpty)
        }
    }

    @Test func oneDecisionListsManyRecipientsButANumberIsNotReusedForAnother() async throws {
        try await TestDatabase.withEngine { engine, db in
            let u = try await Seed.tree(engine)
            let a = try await nominate(engine, u, name: "Nguyễn Văn An")
            let b = try await nominate(engine, u, name: "Đỗ Thị Bé")
            let c = try await nominate(engine, u, name: "Hoàng Văn Chung")
            let d = try await nominate(engine, u, kind: "ldtt", name: "Vũ Văn Dũng")
            let decision = DecisionInput(number: "15/QĐ-UBND", date: Self.decisionDate)
            _ = try await engine.perform(.approve, on: a.id, by: u.minh, actingFor: "TX-HL", decision: decision)
            _ = try await engine.perform(.approve, on: b.id, by: u.minh, actingFor: "TX-HL", decision: decision)
            #expect(try db.count("SELECT count(*) AS n FROM decisions") == 1)
            let otherDate = await #expect(throws: AwardError.self) {
                try await engine.perform(.approve, on: c.id, by: u.minh, actingFor: "TX-HL",
                                         decision: .init(number: "15/QĐ-UBND", date: CivilDate(iso: "2023-11-19")!))
            }
            #expect(otherDate?.code == .decisionNumberUsed)
            let otherKind = await #expect(throws: AwardError.self) {
                try await engine.perform(.approve, on: d.id, by: u.minh, actingFor: "TX-HL", decision: decision)
            }
            #expect(otherKind?.code == .decisionNumberUsed)
            #expect(try await engine.nomination(c.id).state == .pending)
            // The same number in another year is another decision.
            _ = try await engine.perform(.approve, on: c.id, by: u.minh, actingFor: "TX-HL",
                                         decision: .init(number: "15/QĐ-UBND", date: CivilDate(iso: "2024-01-10")!))
            #expect(try db.count("SELECT count(*) AS n FROM decisions") == 2)
        }
    }

    @Test func awardeesAreFilteredAndInVietnameseOrder() async throws {
        try await TestDatabase.withEngine { engine, _ in
            let u = try await Seed.tree(engine)
            let names = ["Đặng Văn Em", "Nguyễn Văn An", "Dương Thị Mai", "Ánh Dương", "Bùi Thị Hà", "Ân Văn Tâm"]
            let decision = DecisionInput(number: "7/QĐ-UBND", date: Self.decisionDate)
            for name in names {
                let n = try await nominate(engine, u, name: name)
                _ = try await engine.perform(.approve, on: n.id, by: u.minh, actingFor: "TX-HL", decision: decision)
            }
            let other = try await nominate(engine, u, unit: "X-TP", name: "Lò Văn Páo", type: .household)
            _ = try await engine.perform(.approve, on: other.id, by: u.sung, actingFor: "H-SP", decision: decision)
            // Vietnamese order: A < Ă < Â < B < C < D < Đ …; base letters before accented ones.
            let hl = try await engine.awardees(.init(year: 2023, org: "TX-HL"))
            #expect(hl.map(\.nominee) == ["Ánh Dương", "Ân Văn Tâm", "Bùi Thị Hà", "Dương Thị Mai", "Đặng Văn Em", "Nguyễn Văn An"])
            #expect(try await engine.awardees(.init(year: 2023, org: "T-LC")).count == 7)
            #expect(try await engine.awardees(.init(year: 2023, nomineeType: .household)).map(\.nominee) == ["Lò Văn Páo"])
            #expect(try await engine.awardees(.init(year: 2023, kind: "ldtt")).isEmpty)
            let unknown = await #expect(throws: AwardError.self) { try await engine.awardees(.init(year: 2023, kind: "nope")) }
            #expect(unknown?.category == .notFound)
        }
    }

    @Test func textIsStoredAsNFCAndHostileTextVerbatim() async throws {
        try await TestDatabase.withEngine { engine, db in
            let u = try await Seed.tree(engine)
            let nfd = "Nguye\u{0302}\u{0303}n Va\u{0306}n A"
            let n = try await nominate(engine, u, name: nfd)
            #expect(Array(n.nominee.name.utf8) == Array("Nguyễn Văn A".precomposedStringWithCanonicalMapping.utf8))
            #expect(try db.count("SELECT count(*) AS n FROM nominees WHERE name = 'Nguyễn Văn A' AND name IS NFC NORMALIZED") == 1)
            let hostile = "x'); DROP TABLE nominations; --"
            let h = try await nominate(engine, u, name: hostile)
            #expect(try await engine.nomination(h.id).nominee.name == hostile)
            #expect(try db.count("SELECT count(*) AS n FROM nominations") == 2)
            // The database itself refuses NFD, whoever writes it.
            #expect(throws: (any Error).self) {
                try db.execute("INSERT INTO nominees (name, type) VALUES (E'Nguye\\u0302\\u0303n', 'individual')")
            }
        }
    }

    @Test func badInputIsRefusedAndChangesNothing() async throws {
        try await TestDatabase.withEngine { engine, db in
            let u = try await Seed.tree(engine)
            let cases: [(NominationRequest, String)] = [
                (.init(kind: "nope", unit: "P-HB", nomineeName: "A", nomineeType: .individual), "unknown_kind"),
                (.init(kind: "giay-khen", unit: "NOPE", nomineeName: "A", nomineeType: .individual), "unknown_org"),
                (.init(kind: "giay-khen", unit: "P-HB", nomineeName: "   ", nomineeType: .individual), "empty_nominee"),
                (.init(kind: "giay-khen", unit: "P-HB", nomineeName: "A\u{0}B", nomineeType: .individual), "control_character"),
                (.init(kind: "ldtt", unit: "P-HB", nomineeName: "Tổ Văn thư", nomineeType: .collective), "nominee_type_not_accepted"),
                (.init(kind: "giay-khen", unit: "P-HB", nomineeName: "A", nomineeType: .individual, year: 1800), "bad_year"),
                (.init(kind: "giay-khen", unit: "P-HB", nomineeName: String(repeating: "a", count: 301), nomineeType: .individual), "too_long"),
                (.init(kind: "thu-khen", unit: "TW", nomineeName: "A", nomineeType: .individual), "no_deciding_authority"),
            ]
            for (request, code) in cases {
                let error = await #expect(throws: AwardError.self) { try await engine.nominate(request, by: u.admin) }
                #expect(error?.code.rawValue == code)
            }
            #expect(try db.count("SELECT count(*) AS n FROM nominations") == 0)
            #expect(try db.count("SELECT count(*) AS n FROM nominees") == 0)
            let missing = await #expect(throws: AwardError.self) { try await engine.perform(.approve, on: 999, by: u.minh, actingFor: "TX-HL") }
            #expect(missing?.category == .notFound)
            let badOrg = await #expect(throws: AwardError.self) { try await engine.addOrg(code: "X", name: "X", level: .province, parent: "P-HB") }
            #expect(badOrg?.category == .invalidInput)
            let dup = await #expect(throws: AwardError.self) { try await engine.addOrg(code: "p-hb", name: "X", level: .commune, parent: "TX-HL") }
            #expect(dup?.code == .duplicateOrg)
        }
    }

    @Test func historyCannotBeEditedOrDeleted() async throws {
        try await TestDatabase.withEngine { engine, db in
            let u = try await Seed.tree(engine)
            let n = try await nominate(engine, u)
            _ = try await engine.perform(.approve, on: n.id, by: u.minh, actingFor: "TX-HL", decision: .init(number: "1/QĐ", date: Self.decisionDate))
            for statement in ["UPDATE transitions SET actor = 'mallory'", "DELETE FROM transitions", "TRUNCATE transitions CASCADE",
                              "UPDATE decisions SET number = '2/QĐ'", "DELETE FROM decisions WHERE true"] {
                #expect(throws: (any Error).self, "\(statement)") { try db.execute(statement) }
            }
            #expect(try await engine.history(n.id).map(\.actor) == ["lan", "minh"])
        }
    }

    @Test func idempotencyKeyReturnsTheFirstResult() async throws {
        try await TestDatabase.withEngine { engine, db in
            let u = try await Seed.tree(engine)
            let request = NominationRequest(kind: "giay-khen", unit: "P-HB", nomineeName: "Nguyễn Văn An", nomineeType: .individual)
            let first = try await engine.nominate(request, by: u.lan, idempotencyKey: "k-1")
            let again = try await engine.nominate(request, by: u.lan, idempotencyKey: "k-1")
            #expect(first == again)
            #expect(try db.count("SELECT count(*) AS n FROM nominations") == 1)
            var other = request
            other.nomineeName = "Someone Else"
            let reused = await #expect(throws: AwardError.self) { try await engine.nominate(other, by: u.lan, idempotencyKey: "k-1") }
            #expect(reused?.code == .idempotencyKeyReused)

            let decision = DecisionInput(number: "9/QĐ-UBND", date: Self.decisionDate)
            let a = try await engine.perform(.approve, on: first.id, by: u.minh, actingFor: "TX-HL", decision: decision, idempotencyKey: "a-1")
            let b = try await engine.perform(.approve, on: first.id, by: u.minh, actingFor: "TX-HL", decision: decision, idempotencyKey: "a-1")
            #expect(a == b)
            #expect(try db.count("SELECT count(*) AS n FROM transitions") == 2)
        }
    }

    @Test func aConnectionKilledByTheServerIsReplaced() async throws {
        try await TestDatabase.withEngine(poolSize: 1) { engine, db in
            try await Seed.tree(engine)
            // Kill every backend of this database, as a server restart would.
            try db.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()")
            try await Task.sleep(for: .milliseconds(100))
            let orgs = try await engine.orgs()
            #expect(orgs.count == 7)
            #expect(orgs.first?.code == "TW")
        }
    }
}

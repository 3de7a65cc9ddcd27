@testable import AwardDocuments
@testable import AwardEngine
import AwardDomain
import AwardTestSupport
import Foundation
import Testing

/// Issue 29, delegation and acting authority: a leader lets a deputy approve and sign for dates
/// and kinds; the deputy's steps record both names, the decision prints "KT." with both titles;
/// outside the dates or the scope the step is refused with the reason and changes nothing.
@Suite struct DelegationTests {
    /// Noon in Vietnam on `iso`.
    static func day(_ iso: String) -> Date {
        let d = CivilDate(iso: iso)!
        return Date(timeIntervalSince1970: Double(d.dayNumber) * 86_400 + 5 * 3_600)
    }

    @Test func aDeputyDelegatedForFiveDaysSignsOnDayThreeAndIsRefusedOnDaySixAndForAnotherKind() async throws {
        try await TestDatabase.withEngine { engine, db in
            let u = try await Seed.tree(engine)
            _ = try await engine.addUser(name: "binh", org: "TX-HL", role: .auditor)
            let binh = try await engine.principal(named: "binh")
            _ = try await engine.setPersonName(user: "minh", displayName: "Nguyễn Văn Minh", title: "Chủ tịch")
            _ = try await engine.setPersonName(user: "binh", displayName: "Trần Văn Bình", title: "Phó Chủ tịch")
            let gk = try await engine.nominate(.init(kind: "giay-khen", unit: "P-HB", nomineeName: "Lò Thị Mai", nomineeType: .individual), by: u.lan)
            let gk2 = try await engine.nominate(.init(kind: "giay-khen", unit: "P-HB", nomineeName: "Vàng A Sùng", nomineeType: .individual), by: u.lan)
            let bk = try await engine.nominate(.init(kind: "bang-khen-tinh", unit: "P-HB", nomineeName: "Giàng Thị Dua", nomineeType: .individual), by: u.lan)

            // Without a delegation the deputy (an auditor) may not approve.
            let before = await #expect(throws: AwardError.self) {
                try await engine.perform(.approve, on: gk.id, by: binh, decision: .init(number: nil, date: CivilDate(iso: "2026-12-06")!), now: Self.day("2026-12-06"))
            }
            #expect(before?.code == .roleNotAllowed)

            // Bad requests name their field and record nothing.
            let backwards = await #expect(throws: AwardError.self) {
                try await engine.delegate(.init(org: "TX-HL", delegate: "binh", prefix: .kt, acts: [.sign], from: CivilDate(iso: "2026-12-08")!,
                                                to: CivilDate(iso: "2026-12-04")!), by: u.minh)
            }
            #expect(backwards?.code == .badDelegation && backwards?.field == "to")
            let outsider = await #expect(throws: AwardError.self) {
                try await engine.delegate(.init(org: "TX-HL", delegate: "lan", prefix: .kt, acts: [.sign], from: CivilDate(iso: "2026-12-04")!,
                                                to: CivilDate(iso: "2026-12-08")!), by: u.minh)
            }
            #expect(outsider?.code == .unknownUser && outsider?.field == "delegate")
            let notLeader = await #expect(throws: AwardError.self) {
                try await engine.delegate(.init(org: "TX-HL", delegate: "minh", prefix: .kt, acts: [.sign], from: CivilDate(iso: "2026-12-04")!,
                                                to: CivilDate(iso: "2026-12-08")!), by: binh)
            }
            #expect(notLeader?.code == .roleNotAllowed)
            let otherDistrict = await #expect(throws: AwardError.self) {
                try await engine.delegate(.init(org: "TX-HL", delegate: "binh", prefix: .kt, acts: [.sign], from: CivilDate(iso: "2026-12-04")!,
                                                to: CivilDate(iso: "2026-12-08")!), by: u.sung)
            }
            #expect(otherDistrict?.code == .outsideJurisdiction)
            #expect(try db.count("SELECT count(*) AS n FROM delegations") == 0)

            // Five days, 4 to 8 December, approving and signing Giấy khen only.
            let delegation = try await engine.delegate(
                .init(org: "TX-HL", delegate: "binh", prefix: .kt, acts: [.approve, .sign], kinds: ["giay-khen"], from: CivilDate(iso: "2026-12-04")!,
                      to: CivilDate(iso: "2026-12-08")!, basis: "Giấy ủy quyền số 12/GUQ-UBND"), by: u.minh)
            #expect(delegation.delegatorName == "Nguyễn Văn Minh" && delegation.delegateName == "Trần Văn Bình" && delegation.acts == [.approve, .sign])

            // Day three: the deputy awards; the step names both, the decision is signed "KT." by the deputy.
            let awarded = try await engine.perform(.approve, on: gk.id, by: binh, decision: .init(number: nil, date: CivilDate(iso: "2026-12-06")!),
                                                   now: Self.day("2026-12-06"))
            #expect(awarded.state == .awarded)
            let step = try #require(try await engine.history(gk.id).last)
            #expect(step.actor == "binh" && step.onBehalfOf == "minh" && step.delegationPrefix == .kt)
            #expect(step.actorDisplay == "Trần Văn Bình, Phó Chủ tịch (KT. Chủ tịch Nguyễn Văn Minh)")
            let decisionId = try #require(try db.count("SELECT decision_id AS n FROM nominations WHERE id = \(gk.id)"))
            let sheet = try await engine.decision(Int64(decisionId))
            #expect(sheet.decision.signer == "Trần Văn Bình" && sheet.decision.signerTitle == "Phó Chủ tịch" && sheet.decision.signerPrefix == .kt)
            #expect(try db.count("SELECT delegation_id AS n FROM decisions WHERE id = \(decisionId)") == Int(delegation.id))
            let html = String(decoding: try await Papers(engine: engine).decision(Int64(decisionId), format: .html, viewer: u.minh).bytes, as: UTF8.self)
            #expect(html.contains("KT. CHỦ TỊCH") && html.contains("PHÓ CHỦ TỊCH") && html.contains("Trần Văn Bình"))
            // The chain covers the delegation and still holds.
            #expect(try await engine.verifyAudit().ok)
            #expect(try db.count("SELECT count(*) AS n FROM transitions WHERE award_transition_content(transitions) LIKE '%delegation%'") == 1)

            // Day six: outside the dates, refused with them; nothing recorded.
            let late = await #expect(throws: AwardError.self) {
                try await engine.perform(.approve, on: gk2.id, by: binh, decision: .init(number: nil, date: CivilDate(iso: "2026-12-09")!),
                                         now: Self.day("2026-12-09"))
            }
            #expect(late?.code == .delegationDates && late?.messageVI.contains("08/12/2026") == true)
            // Another kind, inside the dates: refused for the kind.
            let otherKind = await #expect(throws: AwardError.self) {
                try await engine.perform(.approve, on: bk.id, by: binh, now: Self.day("2026-12-06"))
            }
            #expect(otherKind?.code == .delegationScope && otherKind?.field == "kind")
            #expect(try db.count("SELECT count(*) AS n FROM transitions WHERE nomination_id IN (\(gk2.id), \(bk.id))") == 2)

            // A decision of several, signed by the deputy the same way; then the leader revokes and the deputy may no longer.
            let batch = try await engine.decide(org: "TX-HL", kind: "giay-khen", nominations: [gk2.id], by: binh, date: CivilDate(iso: "2026-12-07")!,
                                                now: Self.day("2026-12-07"))
            #expect(batch.signer == "Trần Văn Bình" && batch.signerPrefix == .kt)
            let revoked = try await engine.revokeDelegation(delegation.id, reason: "Chủ tịch đã trở lại làm việc", by: u.minh)
            #expect(revoked.revokedBy == "minh")
            await #expect(throws: AwardError.self) { try await engine.revokeDelegation(delegation.id, reason: "lần nữa", by: u.minh) }
            let gk3 = try await engine.nominate(.init(kind: "giay-khen", unit: "P-HB", nomineeName: "Sùng A Páo", nomineeType: .individual), by: u.lan)
            let after = await #expect(throws: AwardError.self) {
                try await engine.perform(.approve, on: gk3.id, by: binh, decision: .init(number: nil, date: CivilDate(iso: "2026-12-07")!), now: Self.day("2026-12-07"))
            }
            #expect(after?.code == .roleNotAllowed)
            // The history keeps both the delegation and its revocation; neither can be edited.
            #expect(try await engine.delegations(org: "TX-HL", viewer: u.minh).map(\.revokeReason) == ["Chủ tịch đã trở lại làm việc"])
            #expect(throws: (any Error).self) { try db.execute("UPDATE delegations SET valid_to = '2027-01-01'") }
            #expect(throws: (any Error).self) { try db.execute("DELETE FROM delegation_revocations") }
        }
    }

    @Test func aDelegationToApproveOnlyDoesNotSignAndTwoDeputiesRacingGiveOneWinner() async throws {
        try await TestDatabase.withEngine { engine, db in
            let u = try await Seed.tree(engine)
            for name in ["binh", "cuong"] { _ = try await engine.addUser(name: name, org: "TX-HL", role: .auditor) }
            let binh = try await engine.principal(named: "binh"), cuong = try await engine.principal(named: "cuong")
            for (who, acts) in [("binh", [DelegatedAct.approve]), ("cuong", [.approve])] {
                _ = try await engine.delegate(.init(org: "TX-HL", delegate: who, prefix: .tl, acts: acts, from: CivilDate(iso: "2026-12-01")!,
                                                    to: CivilDate(iso: "2026-12-31")!), by: u.minh)
            }
            // Approving only: forwarding a Bằng khen tỉnh is allowed, awarding a Giấy khen (a decision) is not.
            let gk = try await engine.nominate(.init(kind: "giay-khen", unit: "P-HB", nomineeName: "Lò Văn Hải", nomineeType: .individual), by: u.lan)
            let notSigning = await #expect(throws: AwardError.self) {
                try await engine.perform(.approve, on: gk.id, by: binh, decision: .init(number: nil, date: CivilDate(iso: "2026-12-06")!), now: Self.day("2026-12-06"))
            }
            #expect(notSigning?.code == .delegationScope)
            #expect(try db.count("SELECT count(*) AS n FROM decisions") == 0)

            // Two deputies forward the same dossier at once: one step.
            let bk = try await engine.nominate(.init(kind: "bang-khen-tinh", unit: "P-HB", nomineeName: "Hầu A Lử", nomineeType: .individual), by: u.lan)
            @Sendable func forward(_ who: Principal) async -> Bool {
                (try? await engine.perform(.approve, on: bk.id, by: who, now: Self.day("2026-12-06"))) != nil
            }
            async let a = forward(binh)
            async let b = forward(cuong)
            let results = await [a, b]
            #expect(results.filter { $0 }.count == 1)
            #expect(try db.count("SELECT count(*) AS n FROM transitions WHERE nomination_id = \(bk.id) AND command = 'approve'") == 1)
            #expect(try await engine.history(bk.id).last?.delegationPrefix == .tl)
        }
    }
}

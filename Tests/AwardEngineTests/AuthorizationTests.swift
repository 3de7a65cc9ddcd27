import AwardEngine
@testable import AwardPostgres
@testable import AwardDomain
import AwardTestSupport
import Testing

/// Roles and jurisdiction, enforced by the engine whatever the caller (awardd or awardctl).
@Suite struct AuthorizationTests {
    @Test func tokensAreIssuedOnceStoredHashedAndRevokedAtOnce() async throws {
        try await TestDatabase.withEngine { engine, db in
            try await Seed.tree(engine)
            let issued = try await engine.addUser(name: "ngoc", org: "P-HB", role: .nominator)
            #expect(issued.token.hasPrefix("awd_") && issued.token.count > 40)
            #expect(try db.count("SELECT count(*) AS n FROM users WHERE token_hash = encode(sha256(convert_to(\(issued.token), 'UTF8')), 'hex')") == 1)
            #expect(try db.count("SELECT count(*) AS n FROM users WHERE token_hash LIKE 'awd_%' OR token_hash = \(issued.token)") == 0)
            let principal = try await engine.authenticate(token: issued.token)
            #expect(principal.name == "ngoc" && principal.orgCode == "P-HB" && principal.role == .nominator)
            let dup = await #expect(throws: AwardError.self) { try await engine.addUser(name: "NGOC", org: "P-HB", role: .approver) }
            #expect(dup?.code == .duplicateUser)
            _ = try await engine.revokeUser(name: "ngoc")
            let revoked = await #expect(throws: AwardError.self) { try await engine.authenticate(token: issued.token) }
            #expect(revoked?.category == .unauthenticated)
            let bogus = await #expect(throws: AwardError.self) { try await engine.authenticate(token: "awd_nope") }
            #expect(bogus?.category == .unauthenticated)
        }
    }

    @Test func rolesMayOnlyDoTheirOwnActions() async throws {
        try await TestDatabase.withEngine { engine, db in
            let u = try await Seed.tree(engine)
            let n = try await engine.nominate(.init(kind: "bang-khen-tinh", unit: "P-HB", nomineeName: "Nguyễn Thị Hạnh", nomineeType: .individual), by: u.lan)
            // An approver cannot nominate, a nominator cannot approve, an auditor can do neither.
            let approverNominates = await #expect(throws: AwardError.self) {
                try await engine.nominate(.init(kind: "giay-khen", unit: "P-HB", nomineeName: "A", nomineeType: .individual), by: u.minh)
            }
            #expect(approverNominates?.category == .forbidden)
            for principal in [u.lan, u.thanh] {
                let error = await #expect(throws: AwardError.self) { try await engine.perform(.approve, on: n.id, by: principal) }
                #expect(error?.category == .forbidden)
            }
            let approverWithdraws = await #expect(throws: AwardError.self) { try await engine.perform(.withdraw, on: n.id, by: u.minh) }
            #expect(approverWithdraws?.category == .forbidden)
            #expect(try db.count("SELECT count(*) AS n FROM transitions") == 1)
            // The auditor of the province reads it; the other district's approver does not see it at all.
            #expect(try await engine.nomination(n.id, viewer: u.thanh).id == n.id)
            let hidden = await #expect(throws: AwardError.self) { try await engine.nomination(n.id, viewer: u.sung) }
            #expect(hidden?.category == .notFound)
            let hiddenHistory = await #expect(throws: AwardError.self) { try await engine.history(n.id, viewer: u.pao) }
            #expect(hiddenHistory?.category == .notFound)
            let touch = await #expect(throws: AwardError.self) { try await engine.perform(.reject, on: n.id, by: u.sung, reason: "x") }
            #expect(touch?.category == .notFound)
            // A nominator cannot nominate for a unit outside its subtree.
            let outside = await #expect(throws: AwardError.self) {
                try await engine.nominate(.init(kind: "giay-khen", unit: "X-TP", nomineeName: "A", nomineeType: .individual), by: u.lan)
            }
            #expect(outside?.code == .outsideJurisdiction)
            // Acting for another org than one's own is refused.
            let notMine = await #expect(throws: AwardError.self) { try await engine.perform(.approve, on: n.id, by: u.minh, actingFor: "T-LC") }
            #expect(notMine?.code == .notUsersOrg)
            #expect(try db.count("SELECT count(*) AS n FROM transitions") == 1)
            // The right people move it: history names each user.
            _ = try await engine.perform(.approve, on: n.id, by: u.minh)
            _ = try await engine.perform(.approve, on: n.id, by: u.hoa, decision: .init(number: "5/QĐ-UBND", date: CivilDate(iso: "2024-01-05")!))
            #expect(try await engine.history(n.id).map(\.actor) == ["lan", "minh", "hoa"])
        }
    }

    @Test func inboxAndAwardeesFollowJurisdiction() async throws {
        try await TestDatabase.withEngine { engine, _ in
            let u = try await Seed.tree(engine)
            let a = try await engine.nominate(.init(kind: "giay-khen", unit: "P-HB", nomineeName: "Đinh Văn Hải", nomineeType: .individual), by: u.lan)
            let b = try await engine.nominate(.init(kind: "giay-khen", unit: "X-TP", nomineeName: "Lò Thị Mai", nomineeType: .individual), by: u.pao)
            let draft = try await engine.nominate(.init(kind: "giay-khen", unit: "P-HB", nomineeName: "Nháp", nomineeType: .individual, draft: true), by: u.lan)
            #expect(try await engine.inbox(of: u.minh).map(\.id) == [a.id])
            #expect(try await engine.inbox(of: u.sung).map(\.id) == [b.id])
            #expect(try await engine.inbox(of: u.lan).map(\.id) == [draft.id])
            let date = CivilDate(iso: "2024-02-01")!
            _ = try await engine.perform(.approve, on: a.id, by: u.minh, decision: .init(number: "1/QĐ-UBND", date: date))
            _ = try await engine.perform(.approve, on: b.id, by: u.sung, decision: .init(number: "1/QĐ-UBND", date: date))
            #expect(try await engine.awardees(.init(year: 2024), viewer: u.minh).map(\.nominationId) == [a.id])
            #expect(try await engine.awardees(.init(year: 2024), viewer: u.thanh).count == 2)
            let outside = await #expect(throws: AwardError.self) { try await engine.awardees(.init(year: 2024, org: "H-SP"), viewer: u.minh) }
            #expect(outside?.category == .forbidden)
            // Pages: one at a time, in order, with the last row as the cursor.
            let first = try await engine.awardees(.init(year: 2024), viewer: u.admin, limit: 1)
            let second = try await engine.awardees(.init(year: 2024), viewer: u.admin, limit: 1, after: first.last)
            let third = try await engine.awardees(.init(year: 2024), viewer: u.admin, limit: 1, after: second.last)
            #expect(first.count == 1 && second.count == 1 && third.isEmpty)
            #expect(Set([first[0].nominationId, second[0].nominationId]) == [a.id, b.id])
        }
    }
}

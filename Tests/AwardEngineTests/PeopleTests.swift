@testable import AwardEngine
@testable import AwardDomain
import AwardTestSupport
import Foundation
import Testing

/// Issue 29, users are people: the history names the person and their title, not the login; a
/// user has a phone beside the e-mail; an org lists who may sign for it.
@Suite struct PeopleTests {
    @Test func theHistoryNamesThePersonAndAnOrgListsWhoMaySignForIt() async throws {
        try await TestDatabase.withEngine { engine, db in
            let u = try await Seed.tree(engine)
            _ = try await engine.setPersonName(user: "lan", displayName: "Nguyễn Thị Lan", title: "Công chức Văn hóa - Xã hội")
            let n = try await engine.nominate(.init(kind: "giay-khen", unit: "P-HB", nomineeName: "Trần Văn Bền", nomineeType: .individual), by: u.lan)
            _ = try await engine.perform(.approve, on: n.id, by: u.minh, decision: .init(number: nil, date: CivilDate(iso: "2026-11-18")!))
            let history = try await engine.history(n.id)
            #expect(history.map(\.actor) == ["lan", "minh"])
            #expect(history[0].actorName == "Nguyễn Thị Lan" && history[0].actorDisplay == "Nguyễn Thị Lan, Công chức Văn hóa - Xã hội")
            #expect(history[1].actorName == nil && history[1].actorDisplay == "minh", "no name recorded: the login")

            // A phone: digits and the usual separators, or nothing.
            for bad in ["12", "số máy lẻ 12", "0214 3840 123 456 789 000", "+84<script>"] {
                let refused = await #expect(throws: AwardError.self) { try await engine.setPhone(user: "minh", phone: bad) }
                #expect(refused?.code == .badPhone && refused?.field == "phone", "\(bad)")
            }
            #expect(try await engine.setPhone(user: "minh", phone: " +84 214 3840 123 ") == "+84 214 3840 123")
            await #expect(throws: AwardError.self) { try await engine.setPhone(user: "nobody", phone: "0214 3840 123") }

            // Who may sign for the district: its approver adds himself; the list shows name, title and contact.
            _ = try await engine.setPersonName(user: "minh", displayName: "Nguyễn Văn Minh", title: nil)
            let signers = try await engine.addSigner(org: "TX-HL", user: "minh", title: "Phó Chủ tịch", by: u.minh)
            #expect(signers == [OrgSigner(user: "minh", displayName: "Nguyễn Văn Minh", title: "Phó Chủ tịch", email: nil, phone: "+84 214 3840 123")])
            // Adding again changes the title, not the count.
            #expect(try await engine.addSigner(org: "TX-HL", user: "minh", title: "Chủ tịch", by: u.minh).map(\.title) == ["Chủ tịch"])
            // Someone of another org may not sign for it; a nominator, or another district's approver, may not change the list.
            let stranger = await #expect(throws: AwardError.self) { try await engine.addSigner(org: "TX-HL", user: "hoa", title: "Chủ tịch", by: u.minh) }
            #expect(stranger?.code == .unknownUser && stranger?.field == "user")
            let nominator = await #expect(throws: AwardError.self) { try await engine.addSigner(org: "P-HB", user: "lan", title: "Chủ tịch", by: u.lan) }
            #expect(nominator?.code == .roleNotAllowed)
            await #expect(throws: AwardError.self) { try await engine.removeSigner(org: "TX-HL", user: "minh", by: u.sung) }
            let empty = await #expect(throws: AwardError.self) { try await engine.addSigner(org: "TX-HL", user: "minh", title: "  ", by: u.minh) }
            #expect(empty?.category == .invalidInput)
            #expect(try db.count("SELECT count(*) AS n FROM org_signers") == 1)
            // The org's page (its profile) lists them; removed, they are gone.
            #expect(try await engine.orgProfile(code: "TX-HL").signers.map(\.displayName) == ["Nguyễn Văn Minh"])
            #expect(try await engine.removeSigner(org: "TX-HL", user: "minh", by: u.minh).isEmpty)
            #expect(try await engine.signers(org: "TX-HL").isEmpty)
        }
    }
}

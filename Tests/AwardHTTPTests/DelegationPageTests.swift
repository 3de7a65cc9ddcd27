@testable import AwardHTTP
@testable import AwardWeb
@testable import AwardEngine
@testable import AwardDomain
import AwardTestSupport
import Foundation
import Testing

/// The delegations page: a leader delegates through the form (errors beside their fields), the
/// deputy sees and uses the actions on a dossier waiting at the org, and the leader revokes it.
@Suite struct DelegationPageTests {
    @Test func aLeaderDelegatesOnThePageTheDeputyAwardsFromTheDossierAndTheLeaderRevokes() async throws {
        try await WebHarness.with { web in
            let u = try #require(web.users)
            _ = try await web.engine.addUser(name: "binh", org: "TX-HL", role: .auditor)
            try await web.engine.setPassword(name: "binh", password: WebHarness.password, cost: 4)
            _ = try await web.engine.setPersonName(user: "binh", displayName: "Trần Văn Bình", title: "Phó Chủ tịch")
            _ = try await web.engine.setPersonName(user: "minh", displayName: "Nguyễn Văn Minh", title: "Chủ tịch")
            let n = try await web.engine.nominate(.init(kind: "giay-khen", unit: "P-HB", nomineeName: "Lò Thị Mai", nomineeType: .individual), by: u.lan)
            let today = AwardEngine.today(Date())

            // The deputy, before any delegation: the dossier offers no approval.
            let (binh, binhCsrf) = try await web.signIn("binh")
            #expect(!(try await web.get("/nominations/\(n.id)", session: binh).body.contains(#"id="act-approve""#)))

            let (minh, csrf) = try await web.signIn("minh")
            let page = try await web.get("/orgs/TX-HL/delegations", session: minh)
            #expect(page.status == 200 && page.body.contains("Ủy quyền mới") && page.body.contains("Trần Văn Bình, Phó Chủ tịch"))
            var fields = ["_csrf": csrf, "delegate": "binh", "prefix": "KT.", "act_approve": "1", "act_sign": "1", "kind_giay-khen": "1",
                          "from": today.vietnamese, "to": "31/02/2026", "basis": "Giấy ủy quyền số 12/GUQ-UBND"]
            // A date that does not exist: refused beside "Đến ngày", nothing recorded, what was typed kept.
            let bad = try await web.post("/orgs/TX-HL/delegations", fields, session: minh)
            #expect(bad.status == 400 && bad.body.contains(#"id="to-error""#) && bad.body.contains("Giấy ủy quyền số 12/GUQ-UBND"))
            // No act ticked: refused under the acts' legend.
            fields["to"] = today.adding(days: 4).vietnamese
            let noActs = try await web.post("/orgs/TX-HL/delegations", fields.filter { !$0.key.hasPrefix("act_") }, session: minh)
            #expect(noActs.status == 400 && noActs.body.contains(#"id="acts-error""#))
            #expect(try web.database.count("SELECT count(*) AS n FROM delegations") == 0)
            // Without the form's token: refused.
            #expect(try await web.post("/orgs/TX-HL/delegations", fields.filter { $0.key != "_csrf" }, session: minh).status == 403)
            let done = try await web.post("/orgs/TX-HL/delegations", fields, session: minh)
            #expect(done.status == 303)
            let listed = try await web.get("/orgs/TX-HL/delegations", session: minh)
            #expect(listed.body.contains("Đang hiệu lực") && listed.body.contains("Giấy khen"))

            // The deputy sees the approval on the dossier and awards it; the timeline names both.
            let dossier = try await web.get("/nominations/\(n.id)", session: binh)
            #expect(dossier.body.contains(#"id="act-approve""#))
            let awarded = try await web.post("/nominations/\(n.id)/approve", ["_csrf": binhCsrf, "decision_date": today.vietnamese], session: binh)
            #expect(awarded.status == 303, "\(awarded.body.prefix(600))")
            let after = try await web.get("/nominations/\(n.id)", session: binh)
            #expect(after.body.contains("Trần Văn Bình, Phó Chủ tịch (KT. Chủ tịch Nguyễn Văn Minh)"))
            // The deputy may not delegate, nor revoke.
            let id = try web.database.count("SELECT max(id) AS n FROM delegations")
            #expect(try await web.post("/delegations/\(id)/revoke", ["_csrf": binhCsrf, "reason": "x"], session: binh).status == 403)
            // The leader revokes; without a reason it is refused and stays.
            let noReason = try await web.post("/delegations/\(id)/revoke", ["_csrf": csrf, "reason": " "], session: minh)
            #expect(noReason.status == 400 && noReason.body.contains("Chưa thu hồi được ủy quyền số \(id)"))
            #expect(try web.database.count("SELECT count(*) AS n FROM delegation_revocations") == 0)
            #expect(try await web.post("/delegations/\(id)/revoke", ["_csrf": csrf, "reason": "Chủ tịch đã trở lại"], session: minh).status == 303)
            #expect(try await web.get("/orgs/TX-HL/delegations", session: minh).body.contains("Đã thu hồi"))
            // Another district's approver may not even read them.
            let (sung, _) = try await web.signIn("sung")
            #expect(try await web.get("/orgs/TX-HL/delegations", session: sung).status == 403)
        }
    }
}

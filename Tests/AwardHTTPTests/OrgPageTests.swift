@testable import AwardHTTP
@testable import AwardWeb
@testable import AwardEngine
@testable import AwardDomain
import AwardTestSupport
import Foundation
import Testing

/// The unit's page on the real Lào Cai: an officer of a ward made by the 2025 merger finds there
/// the awards of the wards it absorbed, and nothing of a neighbour's.
@Suite struct OrgPageTests {
    @Test func aMergedWardsOfficerFindsTheAbsorbedWardsAwardsOnHerUnitsPage() async throws {
        try await WebHarness.with(seed: { engine in
            _ = try await LaoCai.load(engine)
            _ = try await engine.addUser(name: "pham.thu", org: "W2647", role: .nominator)
            try await engine.setPassword(name: "pham.thu", password: WebHarness.password, cost: 4)
            _ = try await engine.addUser(name: "lo.mai", org: "W2746", role: .nominator)
            try await engine.setPassword(name: "lo.mai", password: WebHarness.password, cost: 4)
            return nil
        }) { web in
            let (session, _) = try await web.signIn("pham.thu")
            // "Đơn vị" leads to her own ward.
            let unit = try await web.get("/unit", session: session)
            #expect(unit.status == 303 && unit.location == "/orgs/W2647")
            let page = try await web.get("/orgs/W2647?year=2024", session: session)
            #expect(page.status == 200)
            #expect(page.body.contains("<h1>Phường Lào Cai</h1>") && page.body.contains("02647"))
            // The wards it absorbed, linked, and their 2024 awards with the old ward named.
            for predecessor in ["Phường Cốc Lếu", "Phường Kim Tân", "Phường Duyên Hải", "Xã Vạn Hoà", "Xã Bản Phiệt"] {
                #expect(page.body.contains(predecessor), "\(predecessor)")
            }
            #expect(page.body.contains(#"<a href="/orgs/LW2644">Phường Cốc Lếu</a>"#))
            for name in ["Nguyễn Thị Hoa", "Trần Văn Bình", "Phạm Văn Dũng"] { #expect(page.body.contains(name), "\(name)") }
            #expect(page.body.contains("Trường THCS Vạn Hoà") && page.body.contains("tiền thân"))
            #expect(!page.body.contains("Giàng A Hùng"))   // Cốc San's, not hers
            // Its years: 2025 its own three, 2024 three before it existed, 2023 one.
            #expect(page.body.contains(#"<td data-label="Của đơn vị">3</td><td data-label="Kể cả đơn vị tiền thân">3</td>"#))
            #expect(page.body.contains(#"<td data-label="Của đơn vị">0</td><td data-label="Kể cả đơn vị tiền thân">3</td>"#))
            // An old ward's page says what it is now.
            let coc = try await web.get("/orgs/LW2644", session: session)
            #expect(coc.status == 200 && coc.body.contains("nay là Phường Lào Cai") && coc.body.contains("30/06/2025"))
            // Searching an old ward's name, without accents, says what it is now.
            let found = try await web.get("/search?q=coc%20leu", session: session)
            #expect(found.status == 200 && found.body.contains(#"<a href="/orgs/LW2644">Phường Cốc Lếu</a>"#))
            #expect(found.body.contains("kết thúc hoạt động 30/06/2025") && found.body.contains("— nay là Phường Lào Cai"))
            // The absorbed ward's people are found by name, as her own ward's are.
            let people = try await web.get("/search?q=nguyen%20thi%20hoa", session: session)
            #expect(people.body.contains("Nguyễn Thị Hoa"))
            // The absorbed ward's dossiers are hers to read now; the neighbour ward's officer does not see them.
            let cocAward = try #require(try await web.engine.awardees(.init(year: 2024, org: "LW2644")).first)
            let dossier = try await web.get("/nominations/\(cocAward.nominationId)", session: session)
            #expect(dossier.status == 200 && dossier.body.contains(cocAward.nominee))
            // A decision of old Phường Cốc Lếu, a body that no longer exists, names what it is now.
            let decisionId = try #require(Int64(try web.database.column("SELECT min(d.id) AS id FROM decisions d JOIN orgs o ON o.id = d.issuer_org_id WHERE o.code = 'LW2644'").first ?? ""))
            let decision = try await web.get("/decisions/\(decisionId)", session: session)
            #expect(decision.status == 200 && decision.body.contains("Phường Cốc Lếu (nay là Phường Lào Cai)"))
            // A neighbour's ward is outside her jurisdiction, whatever its past.
            #expect(try await web.get("/orgs/W2746", session: session).status == 403)
            let (other, _) = try await web.signIn("lo.mai")
            let neighbour = try await web.get("/orgs/W2746?year=2024", session: other)
            #expect(neighbour.status == 200 && neighbour.body.contains("Giàng A Hùng") && !neighbour.body.contains("Nguyễn Thị Hoa"))
            #expect(try await web.get("/nominations/\(cocAward.nominationId)", session: other).status == 404)
            #expect(!(try await web.get("/search?q=nguyen%20thi%20hoa", session: other)).body.contains("Nguyễn Thị Hoa"))
            let oldWard = try await web.get("/orgs/LW2644", session: other).status
            #expect(oldWard == 403 || oldWard == 404)
        }
    }
}

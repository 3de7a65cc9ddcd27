@testable import AwardHTTP
@testable import AwardEngine
@testable import AwardDomain
import AwardTestSupport
import Foundation
import Testing

/// The campaign pages: CSRF on every form, a refusal shown beside the form with what was typed,
/// another ward's registration out of reach, HTML escaped (issue 16).
@Suite struct CampaignPageTests {
    @Test func campaignFormsNeedTheirTokenAndShowRefusalsInVietnamese() async throws {
        try await WebHarness.with { web in
            let (hoa, hoaCsrf) = try await web.signIn("hoa")
            let fields = ["code": "PT-2026", "org": "T-LC", "name": "Thi đua <b>2026</b>", "kind": "regular",
                          "starts_on": "01/01/2026", "ends_on": "31/12/2026", "awards": "ldtt:3", "requires_registration": "1"]
            // Without the token, or with another session's, nothing is created.
            #expect(try await web.post("/campaigns", fields, session: hoa).status == 403)
            let (lan, lanCsrf) = try await web.signIn("lan")
            #expect(try await web.post("/campaigns", fields.merging(["_csrf": lanCsrf]) { $1 }, session: hoa).status == 403)
            #expect(try web.database.count("SELECT count(*) AS n FROM campaigns") == 0)
            // A period backwards: refused beside the form, in Vietnamese, what was typed kept.
            let backwards = try await web.post("/campaigns", fields.merging(["_csrf": hoaCsrf, "ends_on": "01/01/2025"]) { $1 }, session: hoa)
            #expect(backwards.status == 400 && backwards.body.contains("Ngày kết thúc (ends_on)") && backwards.body.contains(#"value="PT-2026""#))
            let created = try await web.post("/campaigns", fields.merging(["_csrf": hoaCsrf]) { $1 }, session: hoa)
            #expect(created.status == 303 && created.location == "/campaigns/PT-2026")
            #expect(try await web.post("/campaigns/PT-2026/move", ["_csrf": hoaCsrf, "to": "registration"], session: hoa).status == 303)
            // The name is escaped; the ward sees the campaign announced in its inbox.
            let page = try await web.get("/campaigns/PT-2026", session: hoa)
            #expect(page.body.contains("Thi đua &lt;b&gt;2026&lt;/b&gt;") && !page.body.contains("<b>2026</b>"))
            #expect(try await web.get("/", session: lan).body.contains("/campaigns/PT-2026"))
            // A registration without a title is refused with the reason; one with it is recorded.
            let none = try await web.post("/campaigns/PT-2026/register", ["_csrf": lanCsrf, "unit": "P-HB", "year": "2026", "nominee": "Lò Văn An",
                                                                         "nominee_type": "individual"], session: lan)
            #expect(none.status == 400 && none.body.contains("danh hiệu") && none.body.contains(#"value="Lò Văn An""#))
            // The refusal stands under the titles it is about, and the summary leads there; the
            // unit is picked by its Vietnamese name.
            #expect(none.body.contains(#"id="reg-kinds-error""#) && none.body.contains(##"href="#reg-kinds""##))
            #expect(none.body.contains(#"<option value="P-HB" selected>"#) && none.body.contains("UBND phường"))
            let ok = try await web.post("/campaigns/PT-2026/register", ["_csrf": lanCsrf, "unit": "P-HB", "year": "2026", "nominee": "Lò Văn An",
                                                                       "nominee_type": "individual", "kind_ldtt": "1"], session: lan)
            #expect(ok.status == 303)
            #expect(try web.database.count("SELECT count(*) AS n FROM registration_entries WHERE kinds = '{ldtt}'") == 1)
            // The other district's approver cannot accept it, nor see it.
            let (sung, sungCsrf) = try await web.signIn("sung")
            let id = try web.database.count("SELECT id AS n FROM registrations")
            #expect(try await web.post("/registrations/\(id)/accept", ["_csrf": sungCsrf], session: sung).status == 404)
            #expect(try await web.post("/registrations/\(id)/send", ["_csrf": lanCsrf], session: lan).status == 303)
            #expect(try await web.post("/registrations/\(id)/accept", ["_csrf": lanCsrf], session: lan).status == 403)
            #expect(try await web.post("/registrations/\(id)/accept", ["_csrf": hoaCsrf], session: hoa).status == 303)
            #expect(try web.database.count("SELECT count(*) AS n FROM registrations WHERE state = 'accepted'") == 1)
            // Under review, each row's form carries its own registration's year, never the page's.
            #expect(try await web.post("/campaigns/PT-2026/move", ["_csrf": hoaCsrf, "to": "running"], session: hoa).status == 303)
            #expect(try await web.post("/campaigns/PT-2026/move", ["_csrf": hoaCsrf, "to": "reviewing"], session: hoa).status == 303)
            let review = try await web.get("/campaigns/PT-2026", session: lan)
            #expect(review.body.contains(#"<input type="hidden" name="year" value="2026">"#), "the review form's year")
            #expect(!review.body.contains(#"name="year" value="">"#))
            let fund = try await web.post("/fund", ["_csrf": hoaCsrf, "year": "2026", "amount": "không", "source": "Ngân sách"], session: hoa)
            #expect(fund.status == 400 && fund.body.contains("«Số tiền»"))
            // Beside the amount, linked from the summary, and the source typed is kept.
            #expect(fund.body.contains(#"id="amount-error""#) && fund.body.contains(##"href="#amount""##) && fund.body.contains(#"value="Ngân sách""#))
            let empty = try await web.post("/fund", ["_csrf": hoaCsrf, "year": "2026", "amount": "1000", "source": " "], session: hoa)
            #expect(empty.status == 400 && empty.body.contains(#"id="source-error""#) && empty.body.contains(#"value="1000""#))
            #expect(try await web.post("/fund", ["_csrf": hoaCsrf, "year": "2026", "amount": "150.000.000", "source": "Ngân sách tỉnh"], session: hoa).status == 303)
            #expect(try await web.get("/fund?year=2026", session: hoa).body.contains("150.000.000 đồng"))
        }
    }
}

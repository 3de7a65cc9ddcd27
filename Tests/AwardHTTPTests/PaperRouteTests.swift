@testable import AwardHTTP
@testable import AwardWeb
@testable import AwardEngine
@testable import AwardDomain
import AwardTestSupport
import Foundation
import HTTPTypes
import Testing

/// The papers over the API and on the web pages: formats, media types, jurisdiction, CSRF.
@Suite struct PaperRouteTests {
    static func decided(_ engine: AwardEngine, _ u: Seed.Users) async throws -> (decision: Int64, ids: [Int64]) {
        var ids: [Int64] = []
        for name in ["Nguyễn Văn An", "Trần Thị Bích"] {
            ids.append(try await engine.nominate(.init(kind: "giay-khen", unit: "P-HB", nomineeName: name, nomineeType: .individual), by: u.lan).id)
        }
        let decision = try await engine.decide(org: "TX-HL", kind: "giay-khen", nominations: ids, by: u.minh, date: CivilDate(iso: "2026-11-18")!)
        return (decision.id, ids)
    }

    @Test func theAPIGivesADecisionAsWordAndHTMLOnlyWithinJurisdiction() async throws {
        try await APIHarness.with { api in
            let (decision, ids) = try await Self.decided(api.engine, api.users)
            let docx = try await api.send(.get, "/v1/decisions/\(decision)/document?format=docx", as: "minh")
            #expect(docx.status == 200)
            #expect(docx.headers[.contentType] == "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
            #expect(docx.headers[.contentDisposition]?.contains("quyet-dinh-1-QD-UBND.docx") == true)
            #expect(docx.body.starts(with: [0x50, 0x4B, 0x03, 0x04]))
            let html = try await api.send(.get, "/v1/decisions/\(decision)/document", as: "lan")
            #expect(html.status == 200 && html.text.contains("Nguyễn Văn An") && html.text.contains("Số: 01/QĐ-UBND"))
            #expect(html.headers[HTTPField.Name("Content-Security-Policy")!]?.contains("default-src 'none'") == true)
            // Another district's approver sees no such decision; a bad format names the accepted ones.
            #expect(try await api.send(.get, "/v1/decisions/\(decision)/document?format=docx", as: "sung").status == 404)
            let bad = try await api.send(.get, "/v1/decisions/\(decision)/document?format=odt", as: "minh")
            #expect(bad.status == 400 && bad.code == "bad_document_format" && bad.text.contains("html, docx, pdf"))
            #expect(try await api.send(.get, "/v1/decisions/\(decision)/document?format=docx").status == 401)
            let certificates = try await api.send(.get, "/v1/decisions/\(decision)/certificates?nomination=\(ids[0])&background=true", as: "minh")
            #expect(certificates.status == 200 && certificates.text.contains("Nguyễn Văn An") && !certificates.text.contains("Trần Thị Bích"))
            let proposal = try await api.send(.get, "/v1/proposals?ids=\(ids[0]),\(ids[1])&format=html", as: "lan")
            #expect(proposal.status == 200 && proposal.text.contains("TỜ TRÌNH"), "\(proposal.text.prefix(300))")
            #expect(try await api.send(.get, "/v1/proposals?ids=abc", as: "lan").status == 400)
            #expect(try await api.send(.get, "/v1/proposals?ids=\(ids[0])", as: "hoa").code == "not_forwarded", "the province sent nothing up")
            #expect(try await api.send(.get, "/v1/proposals?ids=\(ids[0])", as: "sung").status == 404, "another district sees no such dossier")
        }
    }

    @Test func theAPIGivesAStatisticsFormAsJSONCSVAndExcel() async throws {
        try await APIHarness.with { api in
            _ = try await Self.decided(api.engine, api.users)
            let json = try await api.send(.get, "/v1/reports/forms/0603?period=2026", as: "hoa")
            #expect(json.status == 200 && json.object["code"] as? String == "0603")
            let xlsx = try await api.send(.get, "/v1/reports/forms/0602?period=2026", as: "hoa",
                                          headers: ["Accept": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"])
            #expect(xlsx.status == 200 && xlsx.body.starts(with: [0x50, 0x4B]))
            let csv = try await api.send(.get, "/v1/reports/forms/0602?period=2026", as: "hoa", headers: ["Accept": "text/csv"])
            #expect(csv.status == 200 && csv.text.hasPrefix("\u{FEFF}Biểu số 0602"))
            #expect(try await api.send(.get, "/v1/reports/forms/0602", as: "hoa").status == 400)
            #expect(try await api.send(.get, "/v1/reports/forms/9999?period=2026", as: "hoa").code == "unknown_form")
            #expect(try await api.send(.get, "/v1/reports/forms/0603?period=2026&org=H-SP", as: "minh").status == 403)
            // The lists that give CSV give Excel too.
            let excel = ["Accept": APIRoutes.xlsxType]
            for uri in ["/v1/awardees?year=2026", "/v1/reports/summary?from=2026&to=2026", "/v1/inbox", "/v1/audit"] {
                let reply = try await api.send(.get, uri, as: uri == "/v1/audit" ? "thanh" : "minh", headers: excel)
                #expect(reply.status == 200 && reply.headers[.contentType] == APIRoutes.xlsxType && reply.body.starts(with: [0x50, 0x4B]), "\(uri)")
            }
        }
    }

    @Test func theDecisionPageOffersItsPapersAndTheLayoutFormNeedsItsToken() async throws {
        try await WebHarness.with { web in
            let (decision, _) = try await Self.decided(web.engine, web.users)
            let (session, csrf) = try await web.signIn("minh")
            let page = try await web.get("/decisions/\(decision)", session: session)
            for link in ["/decisions/\(decision)/document?format=docx", "/decisions/\(decision)/document?format=pdf",
                         "/decisions/\(decision)/certificates?format=pdf&amp;background=1"] {
                #expect(page.body.contains(link), "\(link)")
            }
            let list = try await web.get("/decisions?year=2026", session: session)
            #expect(list.status == 200 && list.body.contains("/decisions/\(decision)\">1/QĐ-UBND</a>"))
            let docx = try await web.get("/decisions/\(decision)/document?format=docx", session: session)
            #expect(docx.status == 200 && docx.headers[.contentType]?.contains("wordprocessingml") == true)
            let print = try await web.get("/decisions/\(decision)/certificates?format=html", session: session)
            #expect(print.status == 200 && print.headers[HTTPField.Name("Content-Security-Policy")!]?.contains("style-src 'unsafe-inline'") == true)
            #expect(try await web.get("/decisions/\(decision)/document?format=docx").status == 303, "no session, no paper")

            // The layout form: without its token nothing changes; a bad number is named; a good one is kept.
            let forged = try await web.post("/certificates/layout", ["offset_x": "3"], session: session)
            #expect(forged.status == 403)
            let bad = try await web.post("/certificates/layout", ["_csrf": csrf, "offset_x": "ba", "name_x": "290"], session: session)
            #expect(bad.status == 400 && bad.body.contains("«Độ lệch ngang»: «ba» không phải là số"))
            // Beside its own input, linked from the summary; every input keeps what was typed.
            #expect(bad.body.contains(#"id="offset_x-error""#) && bad.body.contains(##"href="#offset_x""##))
            #expect(bad.body.contains(#"id="offset_x" name="offset_x" type="text" inputmode="decimal" value="ba""#))
            #expect(bad.body.contains(#"id="name_x" name="name_x" type="text" inputmode="decimal" value="290""#))
            #expect(!bad.body.contains(#"id="name_x-error""#))
            let outside = try await web.post("/certificates/layout", ["_csrf": csrf, "name_x": "290"], session: session)
            #expect(outside.status == 400 && outside.body.contains("nằm ngoài trang"))
            #expect(try web.database.count("SELECT count(*) AS n FROM certificate_layouts") == 0)
            let saved = try await web.post("/certificates/layout", ["_csrf": csrf, "offset_x": "1,5", "offset_y": "-2"], session: session)
            #expect(saved.status == 303)
            #expect(try await web.engine.certificateLayout(org: "TX-HL").offsetX == 1.5)

            let blank = try await web.get("/import-template?type=collective", session: session)
            #expect(blank.status == 200 && blank.headers[.contentType] == APIRoutes.xlsxType)
            #expect(try await web.get("/import-template?type=person", session: session).status == 400)
            let form = try await web.get("/reports/forms?code=0602&period=2026", session: session)
            #expect(form.status == 200 && form.body.contains("Biểu số 0602") && form.body.contains("format=xlsx"))
        }
    }
}

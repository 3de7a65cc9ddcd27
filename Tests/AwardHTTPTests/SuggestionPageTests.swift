@testable import AwardWeb
import AwardEngine
import AwardDomain
import AwardTestSupport
import Foundation
import Testing

/// Issue 30, «Gợi ý khen thưởng» on the web: a ward officer sees who of the ward qualifies for what
/// this year and makes drafts of the ticked lines; a form without its CSRF token changes nothing.
@Suite struct SuggestionPageTests {
    @Test func aWardOfficerSeesWhoQualifiesAndMakesDraftsOfTheTickedLines() async throws {
        try await WebHarness.with { web in
            _ = try await web.engine.importPack(LaoCai.communePack)
            let year = AwardEngine.today(Date()).year
            let mai = try await web.engine.nominate(.init(kind: "giay-khen", unit: "P-HB", nomineeName: "Lò Thị Mai", nomineeType: .individual,
                                                          year: year - 1, draft: true), by: web.users.lan).nominee.id
            try await web.engine.setRating(nominee: mai, year: year, rating: .htxsnv, by: "test")
            let (session, csrf) = try await web.signIn("lan")
            let page = try await web.get("/suggestions?unit=P-HB&year=\(year)", session: session)
            #expect(page.status == 200 && page.body.contains("Gợi ý khen thưởng năm \(year)") && page.body.contains("Lò Thị Mai"))
            #expect(page.body.contains(#"name="pick:\#(mai)/ldtt""#) && page.body.contains("Đủ điều kiện"))
            let before = try web.database.count("SELECT count(*) AS n FROM nominations")
            let forged = try await web.post("/suggestions", ["unit": "P-HB", "year": "\(year)", "pick:\(mai)/ldtt": "\(mai)/ldtt"], session: session)
            #expect(forged.status == 403)
            #expect(try web.database.count("SELECT count(*) AS n FROM nominations") == before)
            let made = try await web.post("/suggestions", ["_csrf": csrf, "unit": "P-HB", "year": "\(year)", "pick:\(mai)/ldtt": "\(mai)/ldtt",
                                                           "pick:\(mai)/giay-khen": "\(mai)/giay-khen"], session: session)
            #expect(made.status == 303 && made.location == "/?state=draft")
            #expect(try web.database.count("SELECT count(*) AS n FROM nominations WHERE state = 'draft' AND year = \(year)") == 2)
            // Nothing ticked: the page says so beside the list, and nothing is made.
            let none = try await web.post("/suggestions", ["_csrf": csrf, "unit": "P-HB", "year": "\(year)"], session: session)
            #expect(none.status == 400 && none.body.contains("Chọn từ 1 đến 200 dòng"))
        }
    }
}

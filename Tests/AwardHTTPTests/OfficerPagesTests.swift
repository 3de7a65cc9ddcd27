@testable import AwardHTTP
@testable import AwardWeb
@testable import AwardEngine
@testable import AwardDomain
import AwardTestSupport
import Foundation
import Mustache
import Testing

/// What a ward officer working alone met in the first hour (issue 26), each as it happens on the page.
@Suite struct OfficerPagesTests {
    @Test func aSearchOfSeveralWordsTypedInTheFormFindsThePerson() async throws {
        try await WebHarness.with { web in
            _ = try await web.engine.nominate(.init(kind: "giay-khen", unit: "P-HB", nomineeName: "Trường Tiểu học Hàm Rồng", nomineeType: .collective, year: 2025),
                                              by: web.users.lan)
            let (session, _) = try await web.signIn("minh")
            // What the browser sends for "truong tieu hoc": spaces as '+'.
            let found = try await web.get("/search?q=truong+tieu+hoc", session: session)
            #expect(found.status == 200)
            #expect(found.body.contains("Trường Tiểu học Hàm Rồng"), "the search found nothing")
            #expect(!found.body.contains("truong+tieu+hoc"), "the page echoes the undecoded query")
            // Percent-escapes and '+' together, as a browser writes "Hàm Rồng".
            let accented = try await web.get("/search?q=H%C3%A0m+R%E1%BB%93ng", session: session)
            #expect(accented.body.contains("Trường Tiểu học Hàm Rồng"))
        }
    }

    @Test func aDoubleClickOnCreateMakesOneDossier() async throws {
        try await WebHarness.with { web in
            let (session, csrf) = try await web.signIn("lan")
            let form = try await web.get("/nominations/new", session: session)
            let once = try #require(form.body.range(of: #"name="_once" value="([0-9a-f]{32})""#, options: .regularExpression)
                .map { String(form.body[$0].split(separator: "\"")[3]) })
            let fields = ["_csrf": csrf, "_once": once, "kind": "giay-khen", "unit": "P-HB", "nominee_name": "Phạm Thị Hoa",
                          "nominee_type": "individual", "year": "2025"]
            // Two sendings at once, then a third later (a reload of the POST).
            async let first = web.post("/nominations/new", fields, session: session)
            async let second = web.post("/nominations/new", fields, session: session)
            let answers = try await [first, second, web.post("/nominations/new", fields, session: session)]
            #expect(answers.allSatisfy { $0.status == 303 }, "\(answers.map(\.status))")
            #expect(Set(answers.compactMap(\.location)).count == 1, "\(answers.map(\.location))")
            let count = try web.database.column("SELECT count(*) FROM nominations")
            #expect(count == ["1"])
            #expect(try web.database.column("SELECT count(*) FROM nominees WHERE name = 'Phạm Thị Hoa'") == ["1"])
            // A refused sending claims nothing: corrected, the same form is sent once.
            let page = try await web.get("/nominations/new", session: session)
            let key = try #require(page.body.range(of: #"name="_once" value="([0-9a-f]{32})""#, options: .regularExpression)
                .map { String(page.body[$0].split(separator: "\"")[3]) })
            var wrong = fields
            wrong["_once"] = key
            wrong["nominee_name"] = ""
            #expect(try await web.post("/nominations/new", wrong, session: session).status == 400)
            wrong["nominee_name"] = "Vũ Văn Nam"
            #expect(try await web.post("/nominations/new", wrong, session: session).status == 303)
            #expect(try web.database.column("SELECT count(*) FROM nominations") == ["2"])
        }
    }

    @Test func queriesAndFormsDecodeAsHTMLSays() {
        #expect(FormURLEncoded.decode("q=truong+tieu+hoc&x=a%2Bb&y=&z") == ["q": "truong tieu hoc", "x": "a+b", "y": "", "z": ""])
        #expect(FormURLEncoded.decode("a=1&a=2")["a"] == "1")
        // A value that is not UTF-8 once decoded is dropped, never guessed.
        #expect(FormURLEncoded.decode("bad=%FF&ok=1") == ["ok": "1"])
    }

    @Test func eachStepOfTheTimelineShowsOnlyItsOwnReasonAndDecision() async throws {
        try await WebHarness.with { web in
            let n = try await web.engine.nominate(.init(kind: "giay-khen", unit: "P-HB", nomineeName: "Lò Thị Mai", nomineeType: .individual, year: 2025,
                                                        reason: "Hoàn thành xuất sắc nhiệm vụ năm 2025"), by: web.users.lan)
            _ = try await web.engine.perform(.approve, on: n.id, by: web.users.minh, comment: "Đủ điều kiện",
                                             decision: .init(number: "21/QĐ-UBND", date: AwardEngine.today(Date())))
            let (session, _) = try await web.signIn("minh")
            let page = try await web.get("/nominations/\(n.id)", session: session)
            let timeline = try #require(page.body.range(of: #"<ol class="timeline">"#).map { String(page.body[$0.lowerBound...]) })
            let steps = timeline.components(separatedBy: "<li>").dropFirst()
            #expect(steps.count == 2)
            let created = try #require(steps.first { $0.contains("Tạo hồ sơ") })
            #expect(!created.contains("21/QĐ-UBND"), "the creation step shows the final decision")
            #expect(!created.contains("Đủ điều kiện"))
            let approved = try #require(steps.first { $0.contains("Đồng ý") })
            #expect(approved.contains("21/QĐ-UBND") && approved.contains("Đủ điều kiện"))
        }
    }

    @Test func everyPageTemplateParsesAtStartUp() throws {
        let pages = try WebPages()
        for template in WebPages.Template.allCases {
            #expect(pages.library.getTemplate(named: template.rawValue) != nil, "\(template.rawValue)")
        }
    }

    @Test func aFieldWithNothingInItNeverShowsTheOuterValueOfTheSameName() throws {
        struct Row: Sendable { var reason: String? }
        struct Page: Sendable { var reason: String; var rows: [Row] }
        var library = MustacheLibrary()
        try library.register("{{#rows}}[{{reason}}]{{/rows}}", named: "t")
        let html = library.render(TemplateModel(Page(reason: "outer", rows: [Row(reason: nil), Row(reason: "own")])), withTemplate: "t")
        #expect(html == "[][own]")
    }
}

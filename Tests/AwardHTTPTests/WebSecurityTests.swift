@testable import AwardHTTP
@testable import AwardWeb
@testable import AwardEngine
@testable import AwardDomain
import AwardTestSupport
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

extension WebHarness {
    /// Posts a multipart form: `fields` first (in order), then one file.
    func postMultipart(_ uri: String, _ fields: [(String, String)], file: (field: String, name: String, content: Data)?,
                       session: String? = nil) async throws -> Page {
        let boundary = "----award-test-\(UUID().uuidString)"
        var body = Data()
        for (name, value) in fields {
            body.append(Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n".utf8))
        }
        if let file {
            body.append(Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(file.field)\"; filename=\"\(file.name)\"\r\nContent-Type: application/octet-stream\r\n\r\n".utf8))
            body.append(file.content)
            body.append(Data("\r\n".utf8))
        }
        body.append(Data("--\(boundary)--\r\n".utf8))
        var headers = HTTPFields()
        if let session { headers[.cookie] = "award_session=\(session)" }
        headers[.contentType] = "multipart/form-data; boundary=\(boundary)"
        let response = try await client.execute(uri: uri, method: .post, headers: headers, body: ByteBuffer(data: body))
        return Page(status: Int(response.status.code), headers: response.headers, body: String(buffer: response.body))
    }
}

/// The web pages against what the hostile tester tried (issue 25).
@Suite struct WebSecurityTests {
    @Test func aTooLargeUploadAnswers413WithTheDossierAndNothingSaved() async throws {
        try await WebHarness.with { web in
            let n = try await web.engine.nominate(.init(kind: "giay-khen", unit: "P-HB", nomineeName: "Hà Thị Tải", nomineeType: .individual), by: web.users.lan)
            let (session, csrf) = try await web.signIn("lan")
            let big = Data(repeating: 0x25, count: 12 * 1024 * 1024)
            let page = try await web.postMultipart("/nominations/\(n.id)/documents", [("_csrf", csrf), ("type", "bao-cao-thanh-tich")],
                                                   file: ("file", "bao-cao.pdf", big), session: session)
            #expect(page.status == 413, "\(page.status)")
            #expect(page.body.contains("lớn hơn mức cho phép") && page.body.contains("Hà Thị Tải"), "the dossier is shown again with the message")
            #expect(page.headers[.connection] == "close")
            #expect(!page.body.contains("Lỗi nội bộ"))
            #expect(try await web.engine.documents(of: n.id).isEmpty)
        }
    }

    @Test func aCampaignRegistrationTooLargeKeepsWhatWasTyped() async throws {
        try await WebHarness.with { web in
            let (session, csrf) = try await web.signIn("lan")
            let big = Data(repeating: 0x41, count: 12 * 1024 * 1024)
            let page = try await web.postMultipart("/campaigns/khong-co/register", [("_csrf", csrf), ("year", "2025"), ("unit", "TH-HB")],
                                                   file: ("file", "dang-ky.xlsx", big), session: session)
            // An unknown campaign is not found whatever was sent; the form is never parsed for nothing.
            #expect([404, 413].contains(page.status))
            #expect(!page.body.contains("Lỗi nội bộ"))
        }
    }

    @Test func aFormWithoutASessionOrWithAForgedOneChangesNothing() async throws {
        try await WebHarness.with { web in
            let n = try await web.engine.nominate(.init(kind: "giay-khen", unit: "P-HB", nomineeName: "Vàng Thị Dở", nomineeType: .individual), by: web.users.lan)
            let forged = try await web.post("/nominations/\(n.id)/approve", ["_csrf": String(repeating: "a", count: 64)], session: "awd_forged")
            #expect(forged.status == 303 && forged.location == "/login")
            #expect(try await web.state(n.id) == .pending)
        }
    }

    @Test func theLoginPageKeepsNextOnlyWhenItIsAPathOfThisSite() async throws {
        try await WebHarness.with { web in
            let evil = try await web.get("/login?next=/%5Cevil.example/x")
            #expect(evil.body.contains(#"name="next" value="/""#), "the hidden next is reset to /")
            let form = try await web.get("/login?next=/nominations/1")
            let loginCookie = try #require(form.cookie("award_login_csrf"))
            let answer = try await web.post("/login", ["_csrf": try #require(form.csrf), "username": "lan", "password": WebHarness.password,
                                                      "next": "/\\evil.example/x"], extraCookie: "award_login_csrf=\(loginCookie)")
            #expect(answer.status == 303 && answer.location == "/")
        }
    }

    @Test func anAuditorsWorkbookIsRefusedBeforeItIsRead() async throws {
        try await WebHarness.with { web in
            try await web.engine.setPassword(name: "thanh", password: WebHarness.password, cost: 4)
            let (session, csrf) = try await web.signIn("thanh")
            // Not a workbook at all: were it parsed, the answer would say so; the role is refused first.
            let page = try await web.postMultipart("/campaigns/any/register", [("_csrf", csrf), ("year", "2025")],
                                                   file: ("file", "bom.xlsx", Data("PK\u{3}\u{4}không phải zip".utf8)), session: session)
            #expect(page.status == 403 || page.status == 404, "\(page.status)")
            #expect(!page.body.contains("Excel"))
        }
    }
}

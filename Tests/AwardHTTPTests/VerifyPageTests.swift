@testable import AwardHTTP
@testable import AwardWeb
@testable import AwardEngine
@testable import AwardDomain
import AwardTestSupport
import Foundation
import Testing

/// `/verify/{code}`: public, no sign-in; what the decision publishes and nothing more; a made-up
/// code is "không tìm thấy"; lookups are limited per client.
@Suite struct VerifyPageTests {
    @Test func anyoneChecksAPrintedCodeWithoutSigningInAndGuessingIsLimited() async throws {
        // The limiter's clock held still in the middle of a minute: a slow run cannot cross into the next.
        try await WebHarness.with(verifyLimiter: VerifyLimiter(clock: { Date(timeIntervalSince1970: 1_796_000_030) })) { web in
            let u = try #require(web.users)
            var ids: [Int64] = []
            for name in ["Lò Thị Xuân", "Đỗ Văn Hùng"] {
                ids.append(try await web.engine.nominate(.init(kind: "giay-khen", unit: "P-HB", nomineeName: name, nomineeType: .individual), by: u.lan).id)
            }
            let decision = try await web.engine.decide(org: "TX-HL", kind: "giay-khen", nominations: ids, by: u.minh, date: CivilDate(iso: "2026-11-18")!)
            let code = try web.database.column("SELECT verify_code AS v FROM nominations WHERE id = \(ids[0])")[0]
            let decisionCode = try web.database.column("SELECT verify_code AS v FROM decisions WHERE id = \(decision.id)")[0]

            // No session: the certificate's page, its recipient alone (the decision's list is the decision's page).
            let page = try await web.get("/verify/\(code)")
            #expect(page.status == 200, "\(page.body.prefix(300))")
            #expect(page.body.contains("Lò Thị Xuân") && page.body.contains("đang có hiệu lực") && page.body.contains(decision.number))
            #expect(!page.body.contains("Đỗ Văn Hùng") && !page.body.contains("Đăng xuất"))
            #expect(page.body.contains("Chưa có bản gốc ký số") && page.body.contains("Toàn vẹn") && !page.body.contains("khác."))
            // The decision's code lists both; a code typed with dashes and in lower case is led to its page.
            let whole = try await web.get("/verify/\(decisionCode)")
            #expect(whole.status == 200 && whole.body.contains("Lò Thị Xuân") && whole.body.contains("Đỗ Văn Hùng"))
            let typed = try await web.get("/verify?code=" + Verification.grouped(code).lowercased())
            #expect(typed.status == 303 && typed.location == "/verify/\(code)")
            // A made-up code.
            let missing = try await web.get("/verify/KDEADBEEF000")
            #expect(missing.status == 404 && missing.body.contains("Không tìm thấy"))
            let hostile = try await web.get("/verify/%3Cscript%3Ealert(1)%3C%2Fscript%3E")
            #expect(hostile.status == 404 && !hostile.body.contains("<script>alert(1)"))
            // Four lookups so far: the limit lets 26 more through in this minute, then says how long to wait.
            var admitted = 4, refused: WebHarness.Page? = nil
            for _ in 0..<40 {
                let next = try await web.get("/verify/\(code)")
                if next.status == 429 { refused = next; break }
                admitted += 1
            }
            #expect(admitted == VerifyLimiter.perMinute)
            #expect(refused?.body.contains("Tra cứu quá nhiều lần") == true && refused?.headers[.retryAfter] != nil)
        }
    }
}

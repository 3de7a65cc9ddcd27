@testable import AwardHTTP
@testable import AwardWeb
@testable import AwardEngine
@testable import AwardDomain
import AwardTestSupport
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import Testing

/// The web pages through Hummingbird's test client, over a fresh database (issue 14).
struct WebHarness {
    let client: any TestClientProtocol
    let engine: AwardEngine
    let database: TestDatabase
    /// The seeded users (nil when the test seeds a tree of its own).
    let users: Seed.Users!
    static let password = "mật-khẩu-thử-nghiệm"

    /// `seed` builds the tree and users (``Seed/tree(_:)`` by default, with passwords for lan, minh, sung and hoa).
    static func with(seed: @escaping @Sendable (AwardEngine) async throws -> Seed.Users? = { engine in
                         let users = try await Seed.tree(engine)
                         for name in ["lan", "minh", "sung", "hoa"] { try await engine.setPassword(name: name, password: password, cost: 4) }
                         return users
                     },
                     verifyLimiter: VerifyLimiter = VerifyLimiter(),
                     _ body: @escaping @Sendable (WebHarness) async throws -> Void) async throws {
        TestMetrics.bootstrap()
        try await TestDatabase.withEngine { engine, database in
            let users = try await seed(engine)
            var logger = Logger(label: "award-web-test")
            logger.logLevel = .critical
            let router = AwardAPI.router(engine: engine, configuration: .init(maxBodyBytes: 64 * 1024, metricsText: TestMetrics.text))
            try WebRoutes(engine: engine, verifyLimiter: verifyLimiter).register(on: router)
            let app = Application(router: router, logger: logger)
            try await app.test(.router) { client in
                try await body(WebHarness(client: client, engine: engine, database: database, users: users))
            }
        }
    }

    struct Page {
        var status: Int
        var headers: HTTPFields
        var body: String
        var location: String? { headers[.location] }
        /// The first form's CSRF token on the page.
        var csrf: String? {
            body.range(of: #"name="_csrf" value="([0-9a-f]+)""#, options: .regularExpression).map {
                String(body[$0].split(separator: "\"")[3])
            }
        }
        func cookie(_ name: String) -> String? {
            for value in headers[values: .setCookie] where value.hasPrefix(name + "=") {
                return String(value.dropFirst(name.count + 1).prefix { $0 != ";" })
            }
            return nil
        }
    }

    func get(_ uri: String, session: String? = nil, extraCookie: String? = nil) async throws -> Page {
        var headers = HTTPFields()
        let cookies = [session.map { "award_session=\($0)" }, extraCookie].compactMap { $0 }
        if !cookies.isEmpty { headers[.cookie] = cookies.joined(separator: "; ") }
        let response = try await client.execute(uri: uri, method: .get, headers: headers, body: nil)
        return Page(status: Int(response.status.code), headers: response.headers, body: String(buffer: response.body))
    }

    func post(_ uri: String, _ fields: [String: String], session: String? = nil, extraCookie: String? = nil) async throws -> Page {
        var headers = HTTPFields()
        let cookies = [session.map { "award_session=\($0)" }, extraCookie].compactMap { $0 }
        if !cookies.isEmpty { headers[.cookie] = cookies.joined(separator: "; ") }
        headers[.contentType] = "application/x-www-form-urlencoded"
        let allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-._~"))
        let body = fields.map { "\($0.key)=\($0.value.addingPercentEncoding(withAllowedCharacters: allowed)!)" }.joined(separator: "&")
        let response = try await client.execute(uri: uri, method: .post, headers: headers, body: ByteBuffer(string: body))
        return Page(status: Int(response.status.code), headers: response.headers, body: String(buffer: response.body))
    }

    /// Signs in through the login form; the session cookie and the session's CSRF token.
    func signIn(_ user: String, password: String = WebHarness.password) async throws -> (session: String, csrf: String) {
        let form = try await get("/login")
        let loginCookie = try #require(form.cookie("award_login_csrf"))
        let answer = try await post("/login", ["_csrf": try #require(form.csrf), "username": user, "password": password],
                                    extraCookie: "award_login_csrf=\(loginCookie)")
        #expect(answer.status == 303, "\(answer.body)")
        let session = try #require(answer.cookie("award_session"))
        let inbox = try await get("/", session: session)
        return (session, try #require(inbox.csrf))
    }

    /// A failed login attempt's page.
    func failLogin(_ user: String, password: String) async throws -> Page {
        let form = try await get("/login")
        let loginCookie = try #require(form.cookie("award_login_csrf"))
        return try await post("/login", ["_csrf": try #require(form.csrf), "username": user, "password": password],
                              extraCookie: "award_login_csrf=\(loginCookie)")
    }

    func state(_ id: Int64) async throws -> NominationState {
        try await engine.nomination(id).state
    }
}

@Suite struct WebTests {
    @Test func withoutASessionEveryPageLeadsToTheLoginPage() async throws {
        try await WebHarness.with { web in
            for path in ["/", "/nominations/new", "/nominations/1", "/awardees", "/search?q=an"] {
                let page = try await web.get(path)
                #expect(page.status == 303 && page.location?.hasPrefix("/login?next=") == true, "\(path)")
            }
            let login = try await web.get("/login")
            #expect(login.status == 200 && login.body.contains(#"<html lang="vi">"#) && login.body.contains("Đăng nhập"))
            #expect(login.cookie("award_login_csrf")?.count == 64)
            // A forged session cookie is no session.
            let forged = try await web.get("/", session: "awd_forged-session-token")
            #expect(forged.status == 303 && forged.location?.hasPrefix("/login") == true)
        }
    }

    @Test func pagesCarryTheSecurityHeadersAndAreNeverCached() async throws {
        try await WebHarness.with { web in
            let (session, _) = try await web.signIn("lan")
            let inbox = try await web.get("/", session: session)
            #expect(inbox.status == 200)
            #expect(inbox.headers[HTTPField.Name("Content-Security-Policy")!]?.contains("script-src 'self'") == true)
            #expect(inbox.headers[HTTPField.Name("Content-Security-Policy")!]?.contains("frame-ancestors 'none'") == true)
            #expect(inbox.headers[HTTPField.Name("X-Frame-Options")!] == "DENY")
            #expect(inbox.headers[.cacheControl] == "no-store")
            // No inline script: only the inbox's own live-update file, from this server.
            #expect(!inbox.body.contains("<script>") && inbox.body.contains(#"<script src="/static/live.js"#))
            let live = try await web.get("/static/live.js")
            #expect(live.status == 200 && live.headers[.contentType]?.hasPrefix("text/javascript") == true && live.body.contains("EventSource"))
            let css = try await web.get("/static/app.css")
            #expect(css.status == 200 && css.headers[.cacheControl]?.contains("immutable") == true)
        }
    }

    @Test func theSessionCookieIsHttpOnlyAndStoredHashed() async throws {
        try await WebHarness.with { web in
            let form = try await web.get("/login")
            let cookie = try #require(form.cookie("award_login_csrf"))
            let answer = try await web.post("/login", ["_csrf": try #require(form.csrf), "username": "lan", "password": WebHarness.password],
                                            extraCookie: "award_login_csrf=\(cookie)")
            let setCookie = try #require(answer.headers[values: .setCookie].first { $0.hasPrefix("award_session=") })
            #expect(setCookie.contains("HttpOnly") && setCookie.contains("SameSite=Lax") && setCookie.contains("Path=/"))
            let token = try #require(answer.cookie("award_session"))
            #expect(try web.database.count("SELECT count(*) AS n FROM sessions WHERE token_hash = encode(sha256(convert_to(\(token), 'UTF8')), 'hex')") == 1)
            #expect(try web.database.count("SELECT count(*) AS n FROM sessions WHERE token_hash = \(token)") == 0)
            // A login form without its token changes nothing and opens no session.
            let noToken = try await web.post("/login", ["username": "lan", "password": WebHarness.password])
            #expect(noToken.status == 403 && noToken.cookie("award_session") == nil)
        }
    }

    @Test func failedLoginsSlowTheNextAttemptAndSayHowLong() async throws {
        try await WebHarness.with { web in
            let wrong = try await web.failLogin("lan", password: "sai-mat-khau-1")
            #expect(wrong.status == 401 && wrong.body.contains("Tên đăng nhập hoặc mật khẩu không đúng"))
            // The same words for an unknown user: no telling which names exist.
            #expect(try await web.failLogin("khong-co-ai", password: "sai-mat-khau-1").body.contains("Tên đăng nhập hoặc mật khẩu không đúng"))
            for _ in 2...5 { _ = try await web.failLogin("lan", password: "sai-mat-khau-1") }
            // The sixth attempt from the same client must wait, even with the right password.
            let waiting = try await web.failLogin("lan", password: WebHarness.password)
            #expect(waiting.status == 429 && waiting.body.contains("hãy thử lại sau") && waiting.cookie("award_session") == nil)
        }
    }

    @Test func aSessionEndsAtLogoutAndAfterIdleTime() async throws {
        try await WebHarness.with { web in
            let (session, csrf) = try await web.signIn("lan")
            let out = try await web.post("/logout", ["_csrf": csrf], session: session)
            #expect(out.status == 303 && out.location == "/login")
            #expect(try await web.get("/", session: session).status == 303)
            // Idle for longer than the limit, a session is over.
            let t0 = Date()
            let signedIn = try await web.engine.signIn(name: "minh", password: WebHarness.password, now: t0)
            _ = try await web.engine.session(token: signedIn.token, now: t0.addingTimeInterval(10 * 60))
            let late = await #expect(throws: AwardError.self) {
                try await web.engine.session(token: signedIn.token, now: t0.addingTimeInterval(10 * 60 + Double(AwardEngine.sessionIdleSeconds) + 5))
            }
            #expect(late?.code == .sessionExpired)
        }
    }

    @Test func aFormWithoutItsCSRFTokenIsRefusedAndChangesNothing() async throws {
        try await WebHarness.with { web in
            let n = try await web.engine.nominate(.init(kind: "giay-khen", unit: "P-HB", nomineeName: "Lò Văn Páo", nomineeType: .individual), by: web.users.lan)
            let (session, csrf) = try await web.signIn("minh")
            let missing = try await web.post("/nominations/\(n.id)/approve", ["decision_date": "18/11/2024"], session: session)
            #expect(missing.status == 403 && missing.body.contains("_csrf"))
            let wrong = try await web.post("/nominations/\(n.id)/approve", ["_csrf": String(repeating: "0", count: 64), "decision_date": "18/11/2024"], session: session)
            #expect(wrong.status == 403)
            #expect(try await web.state(n.id) == .pending)
            // Another session's token does not serve either.
            let (_, otherCsrf) = try await web.signIn("hoa")
            #expect(try await web.post("/nominations/\(n.id)/approve", ["_csrf": otherCsrf, "decision_date": "18/11/2024"], session: session).status == 403)
            #expect(try await web.state(n.id) == .pending)
            // With its token the form acts, and redirects back to the dossier.
            let done = try await web.post("/nominations/\(n.id)/approve", ["_csrf": csrf, "decision_number": "7/QĐ-UBND", "decision_date": "18/11/2024", "confirm_year": "2024"], session: session)
            #expect(done.status == 303 && done.location == "/nominations/\(n.id)")
            #expect(try await web.state(n.id) == .awarded)
        }
    }

    @Test func aNomineeNamedLikeAScriptShowsAsText() async throws {
        try await WebHarness.with { web in
            let (session, csrf) = try await web.signIn("lan")
            let created = try await web.post("/nominations/new", [
                "_csrf": csrf, "kind": "giay-khen", "unit": "P-HB", "nominee_name": "<script>alert(1)</script>", "nominee_type": "individual",
                "year": "2024", "reason": "\"><img src=x onerror=alert(2)>",
            ], session: session)
            #expect(created.status == 303, "\(created.body)")
            let location = try #require(created.location)
            let dossier = try await web.get(location, session: session)
            #expect(dossier.status == 200)
            #expect(dossier.body.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
            #expect(!dossier.body.contains("<script>alert(1)"))
            #expect(!dossier.body.contains("<img src=x"))
        }
    }

    @Test func aRefusedNominationKeepsWhatWasTypedAndSaysWhy() async throws {
        try await WebHarness.with { web in
            let (session, csrf) = try await web.signIn("lan")
            let before = try web.database.count("SELECT count(*) AS n FROM nominations")
            let refused = try await web.post("/nominations/new", [
                "_csrf": csrf, "kind": "cstdcs", "unit": "P-HB", "nominee_name": "Đoàn Thanh niên phường", "nominee_type": "collective",
                "year": "2025", "reason": "Thành tích tiêu biểu",
            ], session: session)
            #expect(refused.status == 422)
            #expect(refused.body.contains("«Chiến sĩ thi đua cơ sở» không xét cho tập thể"))
            #expect(refused.body.contains(#"value="Đoàn Thanh niên phường""#))
            // The select boxes name the kinds, the units and the nominee types in Vietnamese.
            #expect(refused.body.contains(#"<option value="cstdcs" selected>Chiến sĩ thi đua cơ sở</option>"#))
            #expect(refused.body.contains(#"<option value="collective" selected>tập thể</option>"#))
            #expect(refused.body.contains(#"<option value="P-HB" selected>UBND phường Hàm Rồng</option>"#))
            #expect(refused.body.contains("Thành tích tiêu biểu"))
            #expect(try web.database.count("SELECT count(*) AS n FROM nominations") == before)
        }
    }

    @Test func aDossierOutsideTheCallersViewIsNotFound() async throws {
        try await WebHarness.with { web in
            let n = try await web.engine.nominate(.init(kind: "giay-khen", unit: "P-HB", nomineeName: "Nguyễn Thị Hoa", nomineeType: .individual), by: web.users.lan)
            let (session, csrf) = try await web.signIn("sung")
            #expect(try await web.get("/nominations/\(n.id)", session: session).status == 404)
            #expect(try await web.post("/nominations/\(n.id)/reject", ["_csrf": csrf, "reason": "x"], session: session).status == 404)
            #expect(try await web.state(n.id) == .pending)
            #expect(try await web.get("/nominations/999999", session: session).status == 404)
        }
    }

    @Test func theDossierOffersOnlyWhatTheCallerMayDoAndShowsARefusal() async throws {
        try await WebHarness.with { web in
            let n = try await web.engine.nominate(.init(kind: "giay-khen", unit: "P-HB", nomineeName: "Vàng A Dế", nomineeType: .individual), by: web.users.lan)
            let (lanSession, lanCsrf) = try await web.signIn("lan")
            let asNominator = try await web.get("/nominations/\(n.id)", session: lanSession)
            #expect(asNominator.body.contains(#"action="/nominations/\#(n.id)/withdraw""#))
            #expect(!asNominator.body.contains(#"action="/nominations/\#(n.id)/approve""#))
            #expect(asNominator.body.contains("Toàn vẹn"))
            // Posting an action the page did not offer: the engine refuses, the page says why.
            let refused = try await web.post("/nominations/\(n.id)/approve", ["_csrf": lanCsrf], session: lanSession)
            #expect(refused.status == 403 && refused.body.contains("không được đồng ý hồ sơ"))
            #expect(try await web.state(n.id) == .pending)
            let (minhSession, _) = try await web.signIn("minh")
            let asApprover = try await web.get("/nominations/\(n.id)", session: minhSession)
            #expect(asApprover.body.contains(#"action="/nominations/\#(n.id)/approve""#))
            #expect(asApprover.body.contains(#"name="decision_number""#))
            #expect(asApprover.body.contains(#"action="/nominations/\#(n.id)/return""#))
            #expect(!asApprover.body.contains(#"action="/nominations/\#(n.id)/withdraw""#))
        }
    }

    @Test func theInboxListsWhatWaitsAndTheAwardeesDownloadAsCSV() async throws {
        try await WebHarness.with { web in
            let a = try await web.engine.nominate(.init(kind: "giay-khen", unit: "P-HB", nomineeName: "Nguyễn Văn An", nomineeType: .individual, year: 2024), by: web.users.lan)
            let (session, _) = try await web.signIn("minh")
            let inbox = try await web.get("/", session: session)
            #expect(inbox.body.contains("Nguyễn Văn An") && inbox.body.contains("Chờ xét"))
            let filtered = try await web.get("/?kind=ldtt", session: session)
            #expect(!filtered.body.contains("Nguyễn Văn An"))
            _ = try await web.engine.perform(.approve, on: a.id, by: web.users.minh, decision: .init(number: "9/QĐ-UBND", date: CivilDate(iso: "2024-11-18")!))
            let list = try await web.get("/awardees?year=2024", session: session)
            #expect(list.body.contains("Nguyễn Văn An") && list.body.contains("9/QĐ-UBND"))
            // The unit filter offers the officer's own org and those directly under it, not every org in the country.
            #expect(list.body.contains(#"value="TX-HL""#) && list.body.contains(#"value="P-HB""#))
            #expect(!list.body.contains(#"value="H-SP""#) && !list.body.contains(#"value="X-TP""#) && !list.body.contains(#"value="TW""#))
            let csv = try await web.get("/awardees?year=2024&format=csv", session: session)
            #expect(csv.headers[.contentType]?.hasPrefix("text/csv") == true && csv.body.contains("Nguyễn Văn An"))
            let found = try await web.get("/search?q=nguyen%20van%20an", session: session)
            #expect(found.body.contains("Nguyễn Văn An"))
        }
    }
}

@Suite struct WebReportTests {
    @Test func aBatchDecisionFromThePageAwardsAllAndShowsItsList() async throws {
        try await WebHarness.with { web in
            let a = try await web.engine.nominate(.init(kind: "giay-khen", unit: "P-HB", nomineeName: "Nguyễn Văn An", nomineeType: .individual, year: 2024), by: web.users.lan)
            let b = try await web.engine.nominate(.init(kind: "giay-khen", unit: "P-HB", nomineeName: "Tổ dân phố số 3", nomineeType: .collective, year: 2024), by: web.users.lan)
            let (session, csrf) = try await web.signIn("minh")
            // The org's listed signers are offered as the signer's choices.
            _ = try await web.engine.setPersonName(user: "minh", displayName: "Trần Văn Minh", title: "Chủ tịch")
            _ = try await web.engine.addSigner(org: "TX-HL", user: "minh", title: "Chủ tịch UBND thị xã", by: web.users.minh)
            let form = try await web.get("/decisions/new?kind=giay-khen", session: session)
            #expect(form.body.contains("Nguyễn Văn An") && form.body.contains("Tổ dân phố số 3"))
            #expect(form.body.contains(#"<datalist id="signer-names"><option value="Trần Văn Minh">Chủ tịch UBND thị xã</option></datalist>"#))
            #expect(form.body.contains(#"<option value="Chủ tịch UBND thị xã"></option>"#))
            #expect(try await web.post("/decisions/new", ["kind": "giay-khen", "n\(a.id)": "\(a.id)", "decision_date": "18/11/2024"], session: session).status == 403)
            #expect(try await web.state(a.id) == .pending)
            let decided = try await web.post("/decisions/new", ["_csrf": csrf, "kind": "giay-khen", "n\(a.id)": "\(a.id)", "n\(b.id)": "\(b.id)",
                                                                "decision_date": "18/11/2024", "signer": "Trần Văn Minh"], session: session)
            // A decision dated in another year than this one is asked about first, keeping the choice.
            #expect(decided.status == 422 && decided.body.contains("không phải năm nay") && decided.body.contains(#"value="Trần Văn Minh""#))
            #expect(try await web.state(a.id) == .pending)
            let confirmed = try await web.post("/decisions/new", ["_csrf": csrf, "kind": "giay-khen", "n\(a.id)": "\(a.id)", "n\(b.id)": "\(b.id)",
                                                                  "decision_date": "18/11/2024", "confirm_year": "2024", "signer": "Trần Văn Minh"],
                                               session: session)
            #expect(confirmed.status == 303, "\(confirmed.body)")
            let location = try #require(confirmed.location)
            #expect(location.hasPrefix("/decisions/"))
            #expect(try await web.state(a.id) == .awarded)
            #expect(try await web.state(b.id) == .awarded)
            let page = try await web.get(location, session: session)
            #expect(page.body.contains("Quyết định số 1/QĐ-UBND") && page.body.contains("Trần Văn Minh"))
            #expect(page.body.contains("Nguyễn Văn An") && page.body.contains("Tổ dân phố số 3"))
            // Outside the decision's reach it is not found.
            let (other, _) = try await web.signIn("sung")
            #expect(try await web.get(location, session: other).status == 404)

            let summary = try await web.get("/reports/summary?from=2024&to=2024", session: session)
            #expect(summary.body.contains("<svg") && summary.body.contains("Giấy khen"))
            #expect(summary.body.contains("tặng Giấy khen cho 1 tập thể và 1 cá nhân."))
        }
    }

    @Test func theAuditLogIsForAuditorsAndShowsTheChainStatus() async throws {
        try await WebHarness.with { web in
            let n = try await web.engine.nominate(.init(kind: "giay-khen", unit: "P-HB", nomineeName: "Lò Thị Mai", nomineeType: .individual), by: web.users.lan)
            try await web.engine.setPassword(name: "thanh", password: WebHarness.password, cost: 4)
            let (auditor, _) = try await web.signIn("thanh")
            let log = try await web.get("/audit", session: auditor)
            #expect(log.status == 200 && log.body.contains("Chuỗi băm toàn vẹn") && log.body.contains("Lò Thị Mai"))
            let (nominator, _) = try await web.signIn("lan")
            #expect(try await web.get("/audit", session: nominator).status == 403)
            let nominee = try await web.get("/nominees/\(n.nominee.id)", session: nominator)
            #expect(nominee.status == 200 && nominee.body.contains("Lò Thị Mai") && nominee.body.contains("Giấy khen"))
        }
    }
}

@Suite struct WebInboxTests {
    @Test func theInboxPagesTwentyFiveAtATimeAndFilters() async throws {
        try await WebHarness.with { web in
            var ids: [Int64] = []
            for i in 1...30 {
                ids.append(try await web.engine.nominate(.init(kind: i % 2 == 0 ? "giay-khen" : "ldtt", unit: "P-HB", nomineeName: "Người số \(i)",
                                                               nomineeType: .individual, year: 2024), by: web.users.lan).id)
            }
            let (session, _) = try await web.signIn("minh")
            let first = try await web.get("/", session: session)
            #expect(first.body.components(separatedBy: "<tr>").count - 2 == 25)
            #expect(first.body.contains("/?after=\(ids[24])"))
            let second = try await web.get("/?after=\(ids[24])", session: session)
            #expect(second.body.components(separatedBy: "<tr>").count - 2 == 5)
            #expect(second.body.contains("Người số 30") && !second.body.contains(">Người số 1<"))
            let giayKhen = try await web.get("/?kind=giay-khen", session: session)
            #expect(giayKhen.body.components(separatedBy: "<tr>").count - 2 == 15)
        }
    }

    @Test func aKnownNomineeIsNominatedAgainFromTheSearch() async throws {
        try await WebHarness.with { web in
            let earlier = try await web.engine.nominate(.init(kind: "giay-khen", unit: "P-HB", nomineeName: "Hoàng Thị Lan", nomineeType: .individual, year: 2023),
                                                        by: web.users.lan)
            let (session, csrf) = try await web.signIn("lan")
            let search = try await web.get("/search?q=hoang%20thi%20lan", session: session)
            #expect(search.body.contains("/nominations/new?nominee_id=\(earlier.nominee.id)"))
            let form = try await web.get("/nominations/new?nominee_id=\(earlier.nominee.id)", session: session)
            #expect(form.body.contains("Hoàng Thị Lan (cá nhân)") && !form.body.contains(#"id="nominee_name""#))
            let created = try await web.post("/nominations/new", ["_csrf": csrf, "kind": "ldtt", "unit": "P-HB", "nominee_id": "\(earlier.nominee.id)",
                                                                  "year": "2024"], session: session)
            #expect(created.status == 303, "\(created.body)")
            let id = try #require(created.location.flatMap { Int64($0.split(separator: "/").last ?? "") })
            #expect(try await web.engine.nomination(id).nominee.id == earlier.nominee.id)
        }
    }
}

@Suite struct WebUploadTests {
    /// A multipart form with its fields and one file.
    static func multipart(_ fields: [String: String], file: (name: String, content: [UInt8])?) -> (String, [UInt8]) {
        let boundary = "----AwardBoundary7MA4YWxkTrZu0gW"
        var body: [UInt8] = []
        for (name, value) in fields {
            body += Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n".utf8)
        }
        if let file {
            body += Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"\(file.name)\"\r\nContent-Type: application/pdf\r\n\r\n".utf8)
            body += file.content + Array("\r\n".utf8)
        }
        body += Array("--\(boundary)--\r\n".utf8)
        return ("multipart/form-data; boundary=\(boundary)", body)
    }

    @Test func aDocumentUploadedFromTheDossierComesBackAsItWasAndKeepsTheEnginesChecks() async throws {
        try await WebHarness.with { web in
            let n = try await web.engine.nominate(.init(kind: "giay-khen", unit: "P-HB", nomineeName: "Phạm Văn Đức", nomineeType: .individual), by: web.users.lan)
            let (session, csrf) = try await web.signIn("lan")
            func upload(_ fields: [String: String], _ file: (name: String, content: [UInt8])?) async throws -> WebHarness.Page {
                let (type, body) = Self.multipart(fields, file: file)
                var headers = HTTPFields()
                headers[.cookie] = "award_session=\(session)"
                headers[.contentType] = type
                let response = try await web.client.execute(uri: "/nominations/\(n.id)/documents", method: .post, headers: headers, body: ByteBuffer(bytes: body))
                return WebHarness.Page(status: Int(response.status.code), headers: response.headers, body: String(buffer: response.body))
            }
            let pdf = Array("%PDF-1.4\n% Báo cáo thành tích\n%%EOF\n".utf8)
            // Without the form's token: refused, nothing stored.
            #expect(try await upload(["type": "bao-cao-thanh-tich"], ("bao-cao.pdf", pdf)).status == 403)
            #expect(try await web.engine.documents(of: n.id).isEmpty)
            // Not a PDF, Word, ODF, JPEG or PNG: the engine's check, in Vietnamese, nothing stored.
            let text = try await upload(["_csrf": csrf, "type": "bao-cao-thanh-tich"], ("notes.txt", Array("plain text".utf8)))
            #expect(text.status == 400 && text.body.contains("Định dạng tài liệu không được chấp nhận"))
            #expect(try await web.engine.documents(of: n.id).isEmpty)
            let stored = try await upload(["_csrf": csrf, "type": "bao-cao-thanh-tich"], ("Báo cáo thành tích.pdf", pdf))
            #expect(stored.status == 303 && stored.location == "/nominations/\(n.id)")
            let documents = try await web.engine.documents(of: n.id)
            #expect(documents.count == 1 && documents.first?.name == "Báo cáo thành tích.pdf" && documents.first?.uploadedBy == "lan")
            let page = try await web.get("/nominations/\(n.id)", session: session)
            #expect(page.body.contains(documents[0].sha256))
            let download = try await web.client.execute(uri: "/nominations/\(n.id)/documents/\(documents[0].id)", method: .get,
                                                        headers: [.cookie: "award_session=\(session)"], body: nil)
            #expect(download.status == .ok && Array(buffer: download.body) == pdf)
            #expect(download.headers[.contentType] == "application/pdf")
        }
    }
}

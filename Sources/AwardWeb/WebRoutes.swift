import AwardDocuments
import AwardEngine
import AwardHTTP
import Foundation
import HTTPTypes
import Hummingbird
import Logging

/// The officers' web application: server-rendered pages in Vietnamese over the same engine calls
/// as the JSON API. Plain forms with POST–redirect–GET; no script is needed.
public struct WebRoutes: Sendable {
    let engine: AwardEngine
    /// What wakes the inbox's live stream (polling once a second without it).
    let wakeups: Wakeups?
    let pages: WebPages
    /// Lookups of /verify per client address (public, so bounded).
    let verifyLimiter: VerifyLimiter

    /// The largest upload a dossier form accepts (the engine's own document limit).
    static let maxUpload = AwardEngine.maxDocumentBytes

    /// Fails when a page template does not parse (awardd then does not start).
    public init(engine: AwardEngine, wakeups: Wakeups? = nil, verifyLimiter: VerifyLimiter = VerifyLimiter()) throws {
        self.engine = engine
        self.wakeups = wakeups
        self.verifyLimiter = verifyLimiter
        pages = try WebPages()
    }

    /// Adds the pages to awardd's router (beside /v1 and the operations routes).
    public func register(on router: Router<AwardRequestContext>) {
        register(on: WebRouter(group: router.group(context: WebRequestContext.self).add(middleware: WebMiddleware(engine: engine, pages: pages)),
                               recorder: .init(), engine: engine))
    }

    /// Every page's route with what the policy asks of its caller (for the authorization matrix).
    public func routeTable() -> [WebRoute] {
        let recorder = WebRouter.Recorder()
        register(on: WebRouter(group: nil, recorder: recorder))
        return recorder.routes
    }

    private func register(on web: WebRouter) {
        web.get("static/app.css", .open) { _, _ in
            var headers = HTTPFields()
            headers[.contentType] = "text/css; charset=utf-8"
            headers[.cacheControl] = "public, max-age=31536000, immutable"
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: WebAssets.css)))
        }
        web.get("static/live.js", .open) { _, _ in
            var headers = HTTPFields()
            headers[.contentType] = "text/javascript; charset=utf-8"
            headers[.cacheControl] = "public, max-age=31536000, immutable"
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: WebAssets.liveScript)))
        }
        // The inbox's live updates: the events the signed-in person's jurisdiction sees.
        web.get("events", .permission(.readEvents)) { request, context in
            let principal = try context.principal
            let token = context.sessionToken ?? ""
            return try await EventStream.response(engine: engine, viewer: principal, request: request, wakeups: wakeups) {
                (try? await engine.session(token: token))?.principal == principal
            }
        }
        web.get("login", .open) { request, context in try await loginPage(request, error: nil, username: "", context: context) }
        web.post("login", .open) { request, context in try await login(request, context) }
        web.post("logout", .signedIn) { request, context in
            if let token = context.sessionToken { try await engine.signOut(token: token) }
            return WebMiddleware.redirect("/login", cookies: [WebMiddleware.setCookie(WebMiddleware.sessionCookie, "", context: context, maxAge: 0)])
        }
        web.get("/", .permission(.readInbox)) { request, context in try await inbox(request, context) }
        web.get("awardees", .permission(.readReports)) { request, context in try await awardees(request, context) }
        web.get("search", .permission(.readNominee)) { request, context in try await search(request, context) }
        registerImport(on: web)
        registerVerify(on: web)
        registerBulk(on: web)
        registerDossier(on: web)
        registerReports(on: web)
        registerPapers(on: web)
        registerCampaigns(on: web)
        registerFund(on: web)
        registerOrgs(on: web)
        registerDelegations(on: web)
        registerSteps(on: web)
        registerProfiles(on: web)
        registerStaff(on: web)
        registerSuggestions(on: web)
        registerSigning(on: web)
    }

    // MARK: Signing in

    struct LoginModel: Sendable {
        var csrf: String
        var username: String
        var error: String?
        var next: String
    }

    func loginPage(_ request: Request, error: String?, username: String, status: HTTPResponse.Status = .ok,
                   context: WebRequestContext) async throws -> Response {
        let csrf = WebMiddleware.cookie(request, WebMiddleware.loginCookie).flatMap { $0.count == 64 ? $0 : nil } ?? Self.randomHex()
        let next = SafeRedirect.path(request.queryFields["next"]) ?? "/"
        var response = pages.page(.login, LoginModel(csrf: csrf, username: username, error: error, next: next),
                                  title: "Đăng nhập", user: nil, status: status)
        response.headers.append(HTTPField(name: .setCookie, value: WebMiddleware.setCookie(WebMiddleware.loginCookie, csrf, context: context)))
        return response
    }

    func login(_ request: Request, _ context: WebRequestContext) async throws -> Response {
        let form = try await WebForm.read(request, limit: 16 * 1024)
        // Signing in has no session yet: the form's token must match the cookie set with the form.
        guard let cookie = WebMiddleware.cookie(request, WebMiddleware.loginCookie), let sent = form.fields["_csrf"],
              WebMiddleware.constantTimeEqual(cookie, sent) else {
            return pages.error(.forbidden, heading: "Biểu mẫu không hợp lệ", message: ErrorCode.badCsrf.vietnamese, user: nil)
        }
        let username = form["username"] ?? ""
        let outcome: Result<SignedIn, AwardError>
        do {
            outcome = .success(try await engine.signIn(name: username, password: form.fields["password"] ?? "", client: context.clientAddress))
        } catch {
            outcome = .failure(error)
        }
        // The log names the attempt by a short hash of the typed name, never the name itself.
        let attempt: Logger.Metadata = ["user.hash": "\(AwardEngine.userHash(username))", "client": "\(context.clientAddress ?? "-")"]
        switch outcome {
        case .success(let signedIn):
            context.logger.info("signed in", metadata: ["user": "\(signedIn.principal.name)", "client": "\(context.clientAddress ?? "-")"])
            let target = SafeRedirect.path(form["next"]) ?? "/"
            return WebMiddleware.redirect(target, cookies: [WebMiddleware.setCookie(WebMiddleware.sessionCookie, signedIn.token, context: context)])
        case .failure(let error):
            switch error.code {
            case .tooManyAttempts:
                context.logger.warning("sign-in refused: too many failures", metadata: attempt)
                return try await loginPage(request, error: error.messageVI, username: username, status: .tooManyRequests, context: context)
            case .badCredentials:
                context.logger.notice("sign-in refused: wrong user name or password", metadata: attempt)
                return try await loginPage(request, error: error.messageVI, username: username, status: .unauthorized, context: context)
            default:
                throw error
            }
        }
    }

    static func randomHex() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<32).map { _ in String(format: "%02x", UInt8.random(in: 0...255, using: &generator)) }.joined()
    }

    // MARK: Pages

    func labels() async throws -> Labels {
        Labels(kinds: try await engine.kinds(), orgs: try await engine.orgs(), now: Date())
    }

    struct InboxModel: Sendable {
        var orgName: String
        var explanation: String
        var kinds: [Option]
        var states: [Option]
        var rows: [InboxRow]
        var shown: String
        var first: String?
        var next: String?
        /// Launched campaigns covering the org: what it should register for or review.
        var campaigns: [CampaignNotice]
        /// Where the live stream starts: the newest event now.
        var cursor: String
        var assetVersion: String
        /// The bulk form (forward, return or reject the ticked rows), for a role that may.
        var csrf = ""
        var canBulk = false
        /// The people of the org the ticked rows can be given to (the bulk form's «Giao việc»).
        var people: [Option] = []
    }

    struct CampaignNotice: Sendable { var code: String; var name: String; var stateName: String; var until: String }

    static let pageSize = 25

    func inbox(_ request: Request, _ context: WebRequestContext) async throws -> Response {
        let session = try context.signedIn
        let principal = session.principal
        let kind = request.queryFields["kind"].flatMap { $0.isEmpty ? nil : $0 }
        let state = request.queryFields["state"].flatMap(NominationState.init(rawValue:))
        let after = max(0, request.queryFields["after"].flatMap { Int64($0) } ?? 0)
        // One page and one more row, to know whether there is a next page (keyset paging by id).
        let screen = try await engine.inboxScreen(of: principal, kind: kind, state: state, limit: Self.pageSize + 1, after: after)
        let waiting = screen.rows
        let today = AwardEngine.today(Date())
        let shown = waiting.prefix(Self.pageSize)
        // Which page this is, for the pager's count of rows (the cursor itself is an id).
        let page = max(1, min(100_000, request.queryFields["page"].flatMap { Int($0) } ?? 1))
        func link(after: Int64, page: Int) -> String {
            var items = ["after=\(after)", "page=\(page)"]
            if let kind { items.append("kind=\(kind)") }
            if let state { items.append("state=\(state.rawValue)") }
            return "/?" + items.joined(separator: "&")
        }
        let explanation = screen.proposesRatherThanJudges
            ? "Hồ sơ nháp và hồ sơ bị trả lại của đơn vị chờ anh/chị xử lý, và hồ sơ đang chờ ở đơn vị."
            : "Hồ sơ đang chờ \(screen.orgName(principal.orgCode)) xét duyệt, cũ nhất trước."
        var model = InboxModel(
            orgName: screen.orgName(principal.orgCode), explanation: explanation,
            kinds: screen.kindNames.sorted { $0.value < $1.value }.map { Option(code: $0.key, name: $0.value, selected: $0.key == kind) },
            states: [NominationState.draft, .pending, .publicNotice, .returned].map { Option(code: $0.rawValue, name: $0.vietnamese, selected: $0 == state) },
            rows: shown.map { InboxRow($0, kindName: screen.kindName($0.kind), unitName: screen.orgName($0.unit), today: today) },
            shown: shown.isEmpty ? "" : "Trang \(page): hồ sơ thứ \((page - 1) * Self.pageSize + 1)–\((page - 1) * Self.pageSize + shown.count)",
            first: after > 0 ? link(after: 0, page: 1) : nil,
            next: waiting.count > Self.pageSize ? link(after: shown.last!.id, page: page + 1) : nil,
            campaigns: screen.campaigns.map {
                .init(code: $0.code, name: $0.name, stateName: $0.state.vietnamese, until: $0.endsOn.vietnamese)
            },
            cursor: screen.eventCursor, assetVersion: WebAssets.version, csrf: session.csrf,
            canBulk: !shown.isEmpty && (try? engine.authorize(principal, .returnNomination)) != nil)
        if model.canBulk, let people = try? await engine.assignees(at: principal.orgCode, viewer: principal) {
            model.people = people.map { Option(code: $0.login, name: $0.display, selected: false) }
        }
        return self.pages.page(.inbox, model, title: "Hộp việc", context: context, nav: "inbox")
    }

    struct AwardeeRow: Sendable {
        var index: Int
        var id: Int64
        var nominee: String
        var nomineeType: String
        var kindName: String
        var unitName: String
        var number: String
        var date: String
    }

    /// Keeps a refusal's Vietnamese message for the page; anything else goes on up.
    func error(_ thrown: any Error, into message: inout String?) throws {
        // A refusal of the policy is the page's answer (403 or 404), not a line on an empty list.
        if let refusal = thrown as? AwardError, [.forbidden, .notFound].contains(refusal.category) { throw refusal }
        message = (thrown as? AwardError)?.messageVI ?? ErrorCode.internal.vietnamese
    }

}

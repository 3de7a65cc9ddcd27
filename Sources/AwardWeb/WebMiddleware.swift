import AwardEngine
import AwardHTTP
import Foundation
import HTTPTypes
import Hummingbird
import Logging

/// Every web page passes here: security headers on every answer, the session cookie resolved to
/// the signed-in person (or a redirect to /login), the CSRF token checked on every POST, and an
/// error turned into a Vietnamese page — never a problem+json or Swift's own words.
struct WebMiddleware: RouterMiddleware {
    typealias Context = WebRequestContext
    let engine: AwardEngine
    let pages: WebPages

    static let sessionCookie = "award_session"
    static let loginCookie = "award_login_csrf"
    /// Paths that need no session.
    static let open: Set<String> = ["/login", "/static/app.css", "/static/live.js", "/verify"]

    /// Whether a path needs no session: the fixed ones, and a code's verification page.
    static func isOpen(_ path: String) -> Bool {
        open.contains(path) || (path.hasPrefix("/verify/") && path.dropFirst("/verify/".count).allSatisfy { $0 != "/" })
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        var response: Response
        do {
            response = try await authorize(request, &context, next)
        } catch let error as AwardError {
            response = page(for: error, context: context)
        } catch let error as HTTPError where error.status == .contentTooLarge {
            response = Self.tooLarge(pages.error(.contentTooLarge, heading: "Tệp quá lớn", message: Self.tooLargeMessage, user: Self.user(context)))
        } catch {
            context.logger.error("web page failed", metadata: ["error": "\(String(reflecting: type(of: error)))"])
            response = pages.error(.internalServerError, heading: "Có lỗi xảy ra",
                                   message: ErrorCode.internal.vietnamese + " Mã yêu cầu: \(context.id).", user: Self.user(context))
        }
        Self.secure(&response.headers)
        return response
    }

    private func authorize(_ request: Request, _ context: inout Context, _ next: (Request, Context) async throws -> Response) async throws -> Response {
        let path = request.uri.path
        if let token = Self.cookie(request, Self.sessionCookie) {
            // An ended or forged session is no session; a database fault is answered as one (503).
            let found: Result<SessionPrincipal, AwardError>
            do { found = .success(try await engine.session(token: token)) } catch { found = .failure(error) }
            switch found {
            case .success(let session):
                context.session = session
                context.sessionToken = token
            case .failure(let error) where error.category == .unauthenticated:
                break
            case .failure(let error):
                throw error
            }
        }
        context.flash = Self.cookie(request, Flash.cookie).flatMap(Flash.init(rawValue:))
        if !Self.isOpen(path) {
            guard let session = context.session else {
                if request.method == .get || request.method == .head {
                    let next = request.uri.path + (request.uri.query.map { "?" + $0 } ?? "")
                    return Self.redirect("/login?next=" + (next.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "/"))
                }
                throw AwardError(.unauthenticated, code: .sessionExpired, "the session has ended; sign in again")
            }
            if request.method == .post {
                // The form is read as it arrives, up to the upload limit; its token is checked before
                // the handler looks at anything else.
                let form = try await WebForm.read(request, limit: WebRoutes.maxUpload + 64 * 1024)
                let tokenMatches = form.fields["_csrf"].map { Self.constantTimeEqual($0, session.csrf) } ?? false
                if form.truncated && !(tokenMatches && Self.uploadRoutes.contains { path.range(of: $0, options: .regularExpression) != nil }) {
                    return Self.tooLarge(pages.error(.contentTooLarge, heading: "Tệp quá lớn", message: Self.tooLargeMessage, user: Self.user(context)))
                }
                guard tokenMatches else {
                    context.logger.warning("web form refused: missing or wrong CSRF token", metadata: ["http.route": "\(path)"])
                    return pages.error(.forbidden, heading: "Biểu mẫu không hợp lệ", message: ErrorCode.badCsrf.vietnamese, user: Self.user(context))
                }
                context.form = form
                let response = try await once(form, path: path, session: session) { try await next(request, context) }
                return form.truncated ? Self.tooLarge(response) : response
            }
        }
        var response = try await next(request, context)
        if context.flash != nil, request.method == .get, response.status == .ok {
            // Shown once: the page that showed it clears it.
            response.headers.append(HTTPField(name: .setCookie, value: "\(Flash.cookie)=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0"))
        }
        return response
    }

    /// Does a form's work once per one-time key (`_once`): a second sending — a double click, a
    /// reload of the POST — is answered with where the first led, after waiting for it to finish.
    private func once(_ form: WebForm, path: String, session: SessionPrincipal,
                      _ work: () async throws -> Response) async throws -> Response {
        guard let key = form.fields["_once"], AwardEngine.isFormKey(key), !form.truncated else { return try await work() }
        let actor = session.principal.name
        for attempt in 0..<50 {
            switch try await engine.claimForm(actor: actor, key: key, path: path) {
            case .done(let location):
                return Self.redirect(location)
            case .inProgress:
                if attempt < 49 { try await Task.sleep(for: .milliseconds(200)) }
            case .first:
                let response: Response
                do {
                    response = try await work()
                } catch {
                    try? await engine.releaseForm(actor: actor, key: key, path: path)
                    throw error
                }
                if response.status == .seeOther, let location = response.headers[.location], location.hasPrefix("/") {
                    try await engine.completeForm(actor: actor, key: key, path: path, location: location)
                } else {
                    try await engine.releaseForm(actor: actor, key: key, path: path)
                }
                return response
            }
        }
        return pages.error(.conflict, heading: "Biểu mẫu đang được xử lý",
                           message: "Biểu mẫu này đã được gửi và vẫn đang được xử lý. Hãy mở Hộp việc sau ít phút để xem kết quả; không cần gửi lại.",
                           user: Self.user(context: session))
    }

    private func page(for error: AwardError, context: Context) -> Response {
        switch error.category {
        case .unauthenticated:
            return Self.redirect("/login")
        case .notFound:
            return pages.error(.notFound, heading: "Không tìm thấy", message: error.messageVI, user: Self.user(context))
        case .forbidden:
            return pages.error(.forbidden, heading: "Không được phép", message: error.messageVI, user: Self.user(context))
        case .unavailable:
            return pages.error(.serviceUnavailable, heading: "Tạm thời không phục vụ được", message: ErrorCode.databaseUnavailable.vietnamese,
                               user: Self.user(context))
        case .internal:
            return pages.error(.internalServerError, heading: "Có lỗi xảy ra", message: ErrorCode.internal.vietnamese + " Mã yêu cầu: \(context.id).",
                               user: Self.user(context))
        default:
            return pages.error(.badRequest, heading: "Không thực hiện được", message: error.messageVI, user: Self.user(context))
        }
    }

    /// The forms with a file, whose pages answer a too-large upload themselves: 413 and the form
    /// again, with the fields sent before the file.
    static let uploadRoutes = [#"^/nominations/[0-9]+/documents$"#, #"^/campaigns/[^/]+/register$"#]

    static let tooLargeMessage = "Tệp hoặc biểu mẫu lớn hơn mức cho phép (\(WebRoutes.maxUpload / 1_000_000) MB): không có gì được lưu. Hãy chọn tệp nhỏ hơn, hoặc chia thành nhiều tệp."

    /// A 413 answer ends the connection: the rest of the body is not read.
    static func tooLarge(_ response: Response) -> Response {
        var response = response
        response.status = .contentTooLarge
        response.headers[.connection] = "close"
        return response
    }

    /// The header's view of the signed-in person.
    static func user(_ context: Context) -> WebPages.User? {
        context.session.map { user(context: $0) }
    }

    static func user(context session: SessionPrincipal) -> WebPages.User {
        let principal = session.principal
        // The person and their org by name (the login and the code when no name is recorded).
        return WebPages.User(name: session.displayName ?? principal.name, roleName: session.title ?? principal.role.vietnamese,
                             orgName: session.orgName.isEmpty ? principal.orgCode : session.orgName, csrf: session.csrf,
                             mayCreate: Policy.allows(principal, .createNomination), mayDecide: Policy.allows(principal, .decide),
                             mayAudit: Policy.allows(principal, .readAudit), mayLaunch: Policy.allows(principal, .readCampaign))
    }

    /// A policy that allows this origin's stylesheet and nothing inline, no framing, no referrer
    /// leaving the site.
    static func secure(_ headers: inout HTTPFields) {
        // A print view brings its own, stricter policy (its styles inline, nothing else).
        if headers[HTTPField.Name("Content-Security-Policy")!] == nil {
            headers[HTTPField.Name("Content-Security-Policy")!] =
            "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
        }
        headers[HTTPField.Name("X-Frame-Options")!] = "DENY"
        headers[HTTPField.Name("X-Content-Type-Options")!] = "nosniff"
        headers[HTTPField.Name("Referrer-Policy")!] = "same-origin"
        if headers[.cacheControl] == nil { headers[.cacheControl] = "no-store" }
    }

    static func redirect(_ location: String, cookies: [String] = []) -> Response {
        var headers = HTTPFields()
        headers[.location] = location
        for cookie in cookies { headers.append(HTTPField(name: .setCookie, value: cookie)) }
        return Response(status: .seeOther, headers: headers)
    }

    /// A redirect after a successful form, with the confirmation the next page shows once.
    static func redirect(_ location: String, flash: Flash) -> Response {
        redirect(location, cookies: ["\(Flash.cookie)=\(flash.rawValue); Path=/; HttpOnly; SameSite=Lax; Max-Age=60"])
    }

    /// A cookie's value, as Hummingbird's cookie parser reads the request's headers.
    static func cookie(_ request: Request, _ name: String) -> String? { request.cookies[name]?.value }

    /// A cookie for this site only, never readable by script; Secure when the request came over TLS
    /// (to awardd itself, or to a trusted proxy that says so).
    static func setCookie(_ name: String, _ value: String, context: WebRequestContext, maxAge: Int? = nil) -> String {
        "\(name)=\(value); Path=/; HttpOnly; SameSite=Lax" + (maxAge.map { "; Max-Age=\($0)" } ?? "") + (context.overTLS ? "; Secure" : "")
    }

    static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        var difference: UInt8 = 0
        for i in 0..<x.count { difference |= x[i] ^ y[i] }
        return difference == 0
    }
}

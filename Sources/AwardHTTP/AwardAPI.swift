import AwardEngine
import Foundation
import HTTPTypes
import Hummingbird

/// Settings of the HTTP API.
public struct APIConfiguration: Sendable {
    /// The largest request body accepted (413 beyond).
    public var maxBodyBytes: Int
    /// The most items one page of a list holds.
    public var maxPageSize: Int
    /// The largest dossier document accepted (its own limit, above the JSON body limit).
    public var maxDocumentBytes: Int
    /// The process's metrics in Prometheus's text format, served at /metrics. The executable that
    /// bootstraps swift-metrics owns the registry; without one, /metrics is not served.
    public var metricsText: (@Sendable () -> [UInt8])?
    /// What wakes the live event stream when an event is committed (polling once a second without it).
    public var wakeups: Wakeups?
    /// Proxies whose `X-Forwarded-*` headers are believed (`--trusted-proxy`).
    public var trustedProxies: [IPNetwork] = []
    /// Whether awardd terminates TLS itself.
    public var servesTLS = false
    /// Who may read /metrics on the main listener (its own listener, when configured, serves anyone
    /// who can reach it): loopback by default.
    public var metricsAllowed: [IPNetwork] = [IPNetwork("127.0.0.0/8")!, IPNetwork("::1/128")!]

    public init(maxBodyBytes: Int = 1 << 20, maxPageSize: Int = 1000, maxDocumentBytes: Int = 10 << 20,
                metricsText: (@Sendable () -> [UInt8])? = nil, wakeups: Wakeups? = nil) {
        self.wakeups = wakeups
        self.maxBodyBytes = maxBodyBytes
        self.maxPageSize = maxPageSize
        self.maxDocumentBytes = maxDocumentBytes
        self.metricsText = metricsText
    }
}

/// awardd's HTTP API: every route maps HTTP to one engine call and back. No business rule lives
/// here: roles, jurisdiction, states and tiers are the engine's.
///
/// ```swift
/// let router = AwardAPI.router(engine: engine)
/// let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 8080)))
/// try await app.runService()
/// ```
public enum AwardAPI {
    /// A route and the statuses it answers with, as the OpenAPI document must describe them, and
    /// what the policy asks of its caller (the authorization matrix test walks this list).
    public struct RouteSpec: Sendable, Hashable {
        public var method: String
        public var path: String
        public var statuses: Set<Int>
        public var policy: RoutePolicy
    }

    static let common: Set<Int> = [400, 401, 404, 413, 415, 500, 503]

    /// Every route awardd serves, with its statuses (checked against /openapi.json by the tests)
    /// and its policy.
    public static let routes: [RouteSpec] = [
        .init(method: "GET", path: "/healthz", statuses: [200], policy: .open),
        .init(method: "HEAD", path: "/healthz", statuses: [200], policy: .open),
        .init(method: "GET", path: "/readyz", statuses: [200, 503], policy: .open),
        .init(method: "GET", path: "/metrics", statuses: [200, 404], policy: .open),
        .init(method: "GET", path: "/openapi.json", statuses: [200], policy: .open),
        .init(method: "GET", path: "/v1/me", statuses: [200, 401, 503], policy: .permission(.readOwnAccount)),
        .init(method: "POST", path: "/v1/nominations", statuses: common.union([201, 403, 409, 422]), policy: .permission(.createNomination)),
        .init(method: "GET", path: "/v1/nominations/{id}", statuses: [200, 400, 401, 404, 503], policy: .permission(.readNomination)),
        .init(method: "GET", path: "/v1/nominations/{id}/history", statuses: [200, 400, 401, 404, 503], policy: .permission(.readNomination)),
        .init(method: "POST", path: "/v1/nominations/{id}/{action}", statuses: common.union([200, 403, 409, 422]),
              policy: .byParameter("action", Dictionary(uniqueKeysWithValues: Action.allCases.map { ($0.rawValue, Permission($0)) }))),
        .init(method: "POST", path: "/v1/inbox/{action}", statuses: common.union([200, 403, 422]),
              policy: .byParameter("action", Dictionary(uniqueKeysWithValues: AwardEngine.bulkActions.map { ($0.rawValue, Permission($0)) }))),
        .init(method: "POST", path: "/v1/nominations/{id}/step", statuses: common.union([200, 403, 409, 422]), policy: .permission(.workStep)),
        .init(method: "POST", path: "/v1/nominations/{id}/assignment", statuses: common.union([200, 403, 409, 422]), policy: .permission(.assignDossier)),
        .init(method: "POST", path: "/v1/inbox/assign", statuses: common.union([200, 403, 422]), policy: .permission(.assignDossier)),
        .init(method: "GET", path: "/v1/me/work", statuses: [200, 401, 403, 503], policy: .permission(.readInbox)),
        .init(method: "POST", path: "/v1/orgs/{code}/steps", statuses: common.union([200, 403]), policy: .permission(.organizeWork)),
        .init(method: "GET", path: "/v1/suggestions", statuses: [200, 400, 401, 403, 404, 503], policy: .permission(.readNominee)),
        .init(method: "POST", path: "/v1/suggestions/drafts", statuses: common.union([201, 403, 409, 422]), policy: .permission(.createNomination)),
        .init(method: "POST", path: "/v1/nominations/{id}/check", statuses: [200, 400, 401, 404, 422, 503], policy: .permission(.readNomination)),
        .init(method: "GET", path: "/v1/inbox", statuses: [200, 400, 401, 503], policy: .permission(.readInbox)),
        .init(method: "GET", path: "/v1/awardees", statuses: [200, 400, 401, 403, 404, 503], policy: .permission(.readReports)),
        .init(method: "GET", path: "/v1/orgs", statuses: [200, 400, 401, 503], policy: .signedIn),
        .init(method: "GET", path: "/v1/orgs/{code}", statuses: [200, 400, 401, 403, 404, 503], policy: .permission(.readReports)),
        .init(method: "GET", path: "/v1/orgs/{code}/delegations", statuses: [200, 400, 401, 403, 404, 503], policy: .permission(.readDelegations)),
        .init(method: "POST", path: "/v1/delegations", statuses: common.union([201, 403, 422]), policy: .permission(.delegateAuthority)),
        .init(method: "POST", path: "/v1/delegations/{id}/revoke", statuses: common.union([200, 403, 409]), policy: .permission(.delegateAuthority)),
        .init(method: "GET", path: "/v1/kinds", statuses: [200, 400, 401, 503], policy: .signedIn),
        .init(method: "POST", path: "/v1/decisions", statuses: common.union([201, 403, 409, 422]), policy: .permission(.decide)),
        .init(method: "POST", path: "/v1/nominations/{id}/documents", statuses: [201, 400, 401, 403, 404, 413, 500, 503], policy: .permission(.uploadDocument)),
        .init(method: "GET", path: "/v1/nominations/{id}/documents", statuses: [200, 400, 401, 404, 503], policy: .permission(.readNomination)),
        .init(method: "GET", path: "/v1/nominations/{id}/documents/{document}", statuses: [200, 400, 401, 404, 500, 503], policy: .permission(.readNomination)),
        .init(method: "POST", path: "/v1/nominations/{id}/documents/{document}/withdraw", statuses: common.union([200, 403, 422]),
              policy: .permission(.withdrawDocument)),
        .init(method: "POST", path: "/v1/nominations/{id}/amendment", statuses: common.union([200, 403, 409, 422]),
              policy: .permission(.amendNomination)),
        .init(method: "POST", path: "/v1/nominations/{id}/objections", statuses: common.union([201, 403]), policy: .permission(.raiseObjection)),
        .init(method: "POST", path: "/v1/objections/{id}/resolve", statuses: common.union([200, 403]), policy: .permission(.resolveObjection)),
        .init(method: "GET", path: "/v1/overdue", statuses: [200, 400, 401, 403, 404, 503], policy: .permission(.readReports)),
        .init(method: "GET", path: "/v1/audit", statuses: [200, 400, 401, 403, 404, 503], policy: .permission(.readAudit)),
        .init(method: "GET", path: "/v1/reports/summary", statuses: [200, 400, 401, 403, 404, 503], policy: .permission(.readReports)),
        .init(method: "GET", path: "/v1/nominees/{id}/history", statuses: [200, 400, 401, 404, 503], policy: .permission(.readNominee)),
        .init(method: "POST", path: "/v1/nominees/{id}/transfer", statuses: common.union([200, 403]), policy: .permission(.transferNominee)),
        .init(method: "GET", path: "/v1/nominees/{id}/profile", statuses: [200, 400, 401, 404, 503], policy: .permission(.readNominee)),
        .init(method: "POST", path: "/v1/nominees/{id}/profile", statuses: common.union([200, 403, 409]),
              policy: .permission(.recordNomineeFacts)),
        .init(method: "GET", path: "/v1/search", statuses: [200, 400, 401, 503], policy: .permission(.readNominee)),
        .init(method: "GET", path: "/v1/decisions/{id}/document", statuses: [200, 400, 401, 404, 503], policy: .permission(.readDecision)),
        .init(method: "GET", path: "/v1/decisions/{id}/signatures", statuses: [200, 400, 401, 404, 503], policy: .permission(.readDecision)),
        .init(method: "GET", path: "/v1/decisions/{id}/to-sign", statuses: [200, 400, 401, 403, 404, 422, 500, 503], policy: .permission(.decide)),
        .init(method: "POST", path: "/v1/decisions/{id}/sign", statuses: common.union([200, 403, 409, 422]), policy: .permission(.decide)),
        .init(method: "POST", path: "/v1/decisions/{id}/seal", statuses: common.union([200, 403, 409, 422]), policy: .permission(.sealDecision)),
        .init(method: "GET", path: "/v1/decisions/{id}/certificates", statuses: [200, 400, 401, 404, 503], policy: .permission(.readDecision)),
        .init(method: "GET", path: "/v1/proposals", statuses: [200, 400, 401, 404, 422, 503], policy: .permission(.readProposal)),
        .init(method: "GET", path: "/v1/reports/forms/{code}", statuses: [200, 400, 401, 403, 404, 503], policy: .permission(.readReports)),
        .init(method: "GET", path: "/v1/campaigns", statuses: [200, 400, 401, 503], policy: .permission(.readCampaign)),
        .init(method: "POST", path: "/v1/campaigns", statuses: common.union([201, 403, 409]), policy: .permission(.launchCampaign)),
        .init(method: "GET", path: "/v1/campaigns/{code}", statuses: [200, 400, 401, 404, 503], policy: .permission(.readCampaign)),
        .init(method: "POST", path: "/v1/campaigns/{code}/move", statuses: common.union([200, 403, 409, 422]), policy: .permission(.moveCampaign)),
        .init(method: "GET", path: "/v1/campaigns/{code}/registrations", statuses: [200, 400, 401, 404, 503], policy: .permission(.readCampaign)),
        .init(method: "POST", path: "/v1/campaigns/{code}/registrations", statuses: common.union([201, 403, 409, 422]), policy: .permission(.register)),
        .init(method: "GET", path: "/v1/registrations/{id}", statuses: [200, 400, 401, 404, 503], policy: .permission(.readRegistration)),
        .init(method: "POST", path: "/v1/registrations/{id}/{action}", statuses: common.union([200, 403, 409, 422]),
              policy: .byParameter("action", ["send": .sendRegistration, "return": .judgeRegistration, "accept": .judgeRegistration])),
        .init(method: "GET", path: "/v1/campaigns/{code}/reviews", statuses: [200, 400, 401, 404, 503], policy: .permission(.readCampaign)),
        .init(method: "POST", path: "/v1/campaigns/{code}/reviews", statuses: common.union([200, 403, 409, 422]), policy: .permission(.recordReview)),
        .init(method: "POST", path: "/v1/campaigns/{code}/proposals", statuses: common.union([201, 403, 409, 422]), policy: .permission(.proposeFromReviews)),
        .init(method: "GET", path: "/v1/campaigns/{code}/report", statuses: [200, 400, 401, 404, 503], policy: .permission(.readCampaign)),
        .init(method: "GET", path: "/v1/clusters", statuses: [200, 401, 503], policy: .permission(.readCampaign)),
        .init(method: "GET", path: "/v1/funds/{org}/{year}", statuses: [200, 400, 401, 403, 404, 422, 503], policy: .permission(.readFund)),
        .init(method: "GET", path: "/v1/events", statuses: [200, 400, 401, 503], policy: .permission(.readEvents)),
    ]

    /// The OpenAPI 3.1 document served at /openapi.json.
    public static var openAPIDocument: [UInt8] { PackageResources.openapi_json }

    /// Builds the router over `engine`.
    public static func router(engine: AwardEngine, configuration: APIConfiguration = .init()) -> Router<AwardRequestContext> {
        let router = Router(context: AwardRequestContext.self)
        router.add(middleware: EdgeMiddleware(trustedProxies: configuration.trustedProxies, servesTLS: configuration.servesTLS))
        router.add(middleware: MetricsMiddleware())
        router.add(middleware: ProblemMiddleware())
        OpsRoutes(engine: engine, metricsText: configuration.metricsText, metricsAllowed: configuration.metricsAllowed).register(on: router)
        let v1 = router.group("v1").add(middleware: AuthMiddleware())
        let routes = APIRoutes(engine: engine, configuration: configuration)
        routes.registerNominations(on: v1)
        routes.registerLists(on: v1)
        routes.registerDossiers(on: v1)
        routes.registerReports(on: v1)
        routes.registerPapers(on: v1)
        routes.registerCampaigns(on: v1)
        routes.registerEvents(on: v1)
        routes.registerDelegations(on: v1)
        routes.registerSignatures(on: v1)
        routes.registerSteps(on: v1)
        routes.registerProfiles(on: v1)
        routes.registerSuggestions(on: v1)
        return router
    }
}

/// Helpers the routes share: JSON responses, bodies, parameters.
package enum HTTPIO {
    static func json<T: Encodable>(_ value: T, status: HTTPResponse.Status = .ok) throws -> Response {
        let data = try JSON.encoder.encode(value)
        var headers = HTTPFields()
        headers[.contentType] = "application/json; charset=utf-8"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// Reads and decodes a JSON body. An empty body is `nil` (when `optional`), a body that is
    /// not JSON gets 415, a larger one than allowed 413, a malformed one 400.
    static func body<T: Decodable>(_ request: Request, _ type: T.Type, limit: Int, optional: Bool = false) async throws -> T? {
        if let length = request.headers[.contentLength].flatMap(Int.init), length > limit {
            try await drain(request, length: length)
            throw HTTPError(.contentTooLarge, message: "the request body is larger than \(limit) bytes")
        }
        var request = request
        let buffer = try await request.collectBody(upTo: limit)
        if buffer.readableBytes == 0 {
            if optional { return nil }
            throw AwardError(.invalidInput, code: .malformedBody, "the request needs a JSON body")
        }
        let mediaType = request.headers[.contentType]?.split(separator: ";").first?.trimmingCharacters(in: .whitespaces).lowercased()
        guard mediaType == "application/json" || (mediaType?.hasPrefix("application/") == true && mediaType?.hasSuffix("+json") == true) else {
            throw HTTPError(.unsupportedMediaType, message: "the body must be application/json")
        }
        let data = Data(buffer: buffer)
        guard String(validating: data, as: UTF8.self) != nil else {
            throw AwardError(.invalidInput, code: .malformedBody, "the body is not valid UTF-8")
        }
        return try JSON.decoder.decode(T.self, from: data)
    }

    /// Reads and discards a body that is too large (up to 64 MiB), so that a client which sends
    /// its whole body before reading the answer gets its 413 instead of a stalled connection;
    /// the problem middleware closes the connection after that answer.
    static func drain(_ request: Request, length: Int) async throws {
        guard length <= 64 << 20 else { return }
        var seen = 0
        for try await chunk in request.body {
            seen += chunk.readableBytes
            if seen > 64 << 20 { break }
        }
    }

    static func id(_ context: AwardRequestContext) throws -> Int64 {
        guard let text = context.parameters.get("id"), let id = Int64(text), id > 0 else {
            throw AwardError(.invalidInput, code: .badId, "the nomination id must be a positive integer")
        }
        return id
    }

    static func limit(_ request: Request, max: Int, default value: Int = 100) throws -> Int {
        guard let text = request.queryFields["limit"] else { return value }
        guard let limit = Int(text), (1...max).contains(limit) else {
            throw AwardError(.invalidInput, code: .badLimit, "limit must be a whole number from 1 to \(max)")
        }
        return limit
    }

    /// A year parameter, when given.
    static func year(_ request: Request, _ name: String) throws(AwardError) -> Int? {
        guard let text = query(request, name) else { return nil }
        guard let year = Int(text), (1945...2200).contains(year) else {
            throw AwardError(.invalidInput, code: .badYear, "\(name) must be a whole number from 1945 to 2200",
                             vi: "Tham số \(name) phải là năm từ 1945 đến 2200.")
        }
        return year
    }

    /// A yes/no query parameter: true or 1, false or 0; absent is false.
    static func flag(_ request: Request, _ name: String) throws(AwardError) -> Bool {
        switch query(request, name) {
        case nil, "false", "0": return false
        case "true", "1": return true
        case let text?:
            throw AwardError(.invalidInput, code: .badFlag, "\(name) must be true or false, not \(text)",
                             vi: "Tham số \(name) phải là true hoặc false, không phải «\(text)».", field: name)
        }
    }

    /// `Content-Disposition` for a download: an ASCII fallback and the UTF-8 name (RFC 6266).
    package static func attachment(_ name: String) -> String {
        let ascii = String(name.unicodeScalars.map { $0.isASCII && $0 != "\"" && $0 != "\\" && $0.value >= 0x20 ? Character($0) : "_" })
        let encoded = name.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-._~"))) ?? ascii
        return "attachment; filename=\"\(ascii)\"; filename*=UTF-8''\(encoded)"
    }

    static func query(_ request: Request, _ name: String) -> String? {
        request.queryFields[name].flatMap { $0.isEmpty ? nil : $0 }
    }

    static let idempotencyHeader = HTTPField.Name("Idempotency-Key")!

    static func idempotencyKey(_ request: Request) -> String? {
        request.headers[idempotencyHeader]
    }
}

/// The routes under /v1, registered by concept (one file each under Routes/): each maps HTTP to one
/// engine call and back.
package struct APIRoutes {
    let engine: AwardEngine
    let configuration: APIConfiguration
}

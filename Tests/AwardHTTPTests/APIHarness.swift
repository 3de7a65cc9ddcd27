@testable import AwardHTTP
import AwardEngine
@testable import AwardPostgres
@testable import AwardDomain
import AwardTestSupport
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import Metrics
import Prometheus
import HummingbirdTesting
import Testing

/// The test process's metrics, bootstrapped once as awardd does it, so that /metrics can be checked.
enum TestMetrics {
    static let registry = PrometheusCollectorRegistry()
    private static let bootstrapped: Bool = {
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
        return true
    }()
    static func bootstrap() { _ = bootstrapped }
    static let text: @Sendable () -> [UInt8] = { registry.emitToBuffer() }
}

/// Runs a test against the API in-process (Hummingbird's router test client), over a fresh
/// database with the seeded tree and a token per seeded user.
struct APIHarness {
    let client: any TestClientProtocol
    let engine: AwardEngine
    let database: TestDatabase
    let users: Seed.Users
    let tokens: [String: String]

    static func with(_ body: @escaping @Sendable (APIHarness) async throws -> Void) async throws {
        TestMetrics.bootstrap()
        try await TestDatabase.withEngine { engine, database in
            let users = try await Seed.tree(engine)
            var tokens: [String: String] = [:]
            for name in ["lan", "minh", "hoa", "tung", "sung", "pao", "thanh", "admin"] {
                tokens[name] = try await engine.rotateToken(name: name).token
            }
            var logger = Logger(label: "award-api-test")
            logger.logLevel = .warning
            let app = Application(router: AwardAPI.router(engine: engine, configuration: .init(maxBodyBytes: 64 * 1024, metricsText: TestMetrics.text)), logger: logger)
            let frozen = tokens
            try await app.test(.router) { client in
                try await body(APIHarness(client: client, engine: engine, database: database, users: users, tokens: frozen))
            }
        }
    }

    struct Reply {
        var status: Int
        var body: Data
        var headers: HTTPFields
        var object: [String: Any] { (try? JSONSerialization.jsonObject(with: body)) as? [String: Any] ?? [:] }
        var items: [[String: Any]] { object["items"] as? [[String: Any]] ?? [] }
        var code: String? { object["code"] as? String }
        var text: String { String(decoding: body, as: UTF8.self) }
    }

    /// Sends a request and checks that its status is one the OpenAPI document describes for its route.
    @discardableResult
    func send(_ method: HTTPRequest.Method, _ uri: String, as user: String? = nil, json: String? = nil, raw: Data? = nil,
              contentType: String? = nil, headers extra: [String: String] = [:],
              sourceLocation: SourceLocation = #_sourceLocation) async throws -> Reply {
        var headers = HTTPFields()
        if let user { headers[.authorization] = "Bearer \(tokens[user]!)" }
        let bytes = raw ?? json.map { Data($0.utf8) }
        if bytes != nil { headers[.contentType] = contentType ?? "application/json" }
        for (name, value) in extra { headers[HTTPField.Name(name)!] = value }
        let response = try await client.execute(uri: uri, method: method, headers: headers, body: bytes.map { ByteBuffer(bytes: $0) })
        let reply = Reply(status: Int(response.status.code), body: Data(buffer: response.body), headers: response.headers)
        #expect(OpenAPIDocument.shared.describes(method: method.rawValue, uri: uri, status: reply.status),
                "\(method) \(uri) answered \(reply.status), which /openapi.json does not describe", sourceLocation: sourceLocation)
        if reply.status >= 400 {
            #expect(reply.headers[.contentType] == "application/problem+json", sourceLocation: sourceLocation)
            #expect(reply.code != nil, sourceLocation: sourceLocation)
        }
        return reply
    }

    func nominationCount() throws -> Int {
        try database.count("SELECT count(*) AS n FROM nominations")
    }
}

/// The OpenAPI document as awardd serves it.
struct OpenAPIDocument: Sendable {
    static let shared = OpenAPIDocument()
    /// "METHOD path" → statuses.
    let operations: [String: Set<Int>]

    init() {
        let root = (try? JSONSerialization.jsonObject(with: Data(AwardAPI.openAPIDocument))) as? [String: Any] ?? [:]
        var operations: [String: Set<Int>] = [:]
        for (path, item) in root["paths"] as? [String: Any] ?? [:] {
            for (method, operation) in item as? [String: Any] ?? [:] {
                let responses = (operation as? [String: Any])?["responses"] as? [String: Any] ?? [:]
                operations["\(method.uppercased()) \(path)"] = Set(responses.keys.compactMap(Int.init))
            }
        }
        self.operations = operations
    }

    /// The documented path template `uri` falls under, literal segments before parameters.
    func template(method: String, uri: String) -> String? {
        let path = uri.split(separator: "?", maxSplits: 1).first.map(String.init) ?? uri
        let segments = path.split(separator: "/", omittingEmptySubsequences: false)
        let candidates = operations.keys.filter { $0.hasPrefix(method + " ") }.map { String($0.dropFirst(method.count + 1)) }
        let matching = candidates.filter { template in
            let parts = template.split(separator: "/", omittingEmptySubsequences: false)
            return parts.count == segments.count && zip(parts, segments).allSatisfy { $0.hasPrefix("{") || $0 == $1 }
        }
        return matching.min { $0.filter { $0 == "{" }.count < $1.filter { $0 == "{" }.count }
    }

    func describes(method: String, uri: String, status: Int) -> Bool {
        guard let template = template(method: method, uri: uri) else {
            // A route the daemon does not serve: its 404 is the generic problem.
            return status == 404 || status == 405
        }
        return operations["\(method) \(template)"]?.contains(status) ?? false
    }
}

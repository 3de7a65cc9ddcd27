import AwardEngine
import Hummingbird
import Logging

/// Turns every error into a problem response and logs each request once, with its request id,
/// route, status, duration, client address, and the user and org it acted as once known (never a
/// token, a body or a person's name).
struct ProblemMiddleware: RouterMiddleware {
    typealias Context = AwardRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        // The caller's request id when it sends a sane one (a proxy's), else Hummingbird's.
        let requestId = request.headers[.init("X-Request-Id")!].flatMap(Self.sane) ?? context.id
        var response: Response
        // Filled in by the engine wherever it learns who the caller is.
        let identity = RequestIdentity()
        do {
            response = try await RequestIdentity.$current.withValue(identity) { try await next(request, context) }
        } catch {
            let language = Language(acceptLanguage: request.headers[.acceptLanguage])
            let problem = Problem.from(error, language: language, requestId: requestId)
            if problem.status >= 500 {
                // The engine's message names no personal data and no bind value: safe to log.
                let message = (error as? AwardError)?.message ?? String(reflecting: type(of: error))
                context.logger.error("request failed", metadata: ["error": "\(message)", "code": "\(problem.code)", "request_id": "\(requestId)"])
            }
            response = problem.response()
            if problem.status == 413 { response.headers[.connection] = "close" }
        }
        response.headers[.init("X-Request-Id")!] = requestId
        let elapsed = ContinuousClock.now - start
        context.logger.info("request", metadata: [
            "http.method": "\(request.method)", "http.route": "\(context.endpointPath ?? request.uri.path)",
            "http.status": "\(response.status.code)", "request_id": "\(requestId)",
            "client.address": "\(context.clientAddress ?? "-")",
            "user": "\(identity.resolved?.user ?? "-")", "org": "\(identity.resolved?.org ?? "-")",
            "duration_ms": "\(elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000)",
        ])
        return response
    }

    /// An incoming request id: 1–100 visible ASCII characters (it goes into logs and a header).
    static func sane(_ value: String) -> String? {
        (1...100).contains(value.utf8.count) && value.utf8.allSatisfy({ (0x21...0x7E).contains($0) }) ? value : nil
    }
}

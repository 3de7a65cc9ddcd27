import AwardEngine
import Hummingbird
import Logging

/// Turns every error into a problem response and logs each request once, with its request id,
/// route, status and duration (never a token, a body or a name).
struct ProblemMiddleware: RouterMiddleware {
    typealias Context = AwardRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        var response: Response
        do {
            response = try await next(request, context)
        } catch {
            let language = Language(acceptLanguage: request.headers[.acceptLanguage])
            let problem = Problem.from(error, language: language, requestId: context.id)
            if problem.status >= 500 {
                // The engine's message names no personal data and no bind value: safe to log.
                let message = (error as? AwardError)?.message ?? String(reflecting: type(of: error))
                context.logger.error("request failed", metadata: ["error": "\(message)", "code": "\(problem.code)"])
            }
            response = problem.response()
            if problem.status == 413 { response.headers[.connection] = "close" }
        }
        response.headers[.init("X-Request-Id")!] = context.id
        let elapsed = ContinuousClock.now - start
        context.logger.info("request", metadata: [
            "http.method": "\(request.method)", "http.route": "\(context.endpointPath ?? request.uri.path)",
            "http.status": "\(response.status.code)",
            "duration_ms": "\(elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000)",
        ])
        return response
    }
}

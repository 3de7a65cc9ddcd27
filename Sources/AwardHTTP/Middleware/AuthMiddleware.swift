import AwardEngine
import Hummingbird

/// Reads `Authorization: Bearer <token>` into the context's caller; missing or malformed headers
/// get 401. The token itself is checked where it is used: once per request, by the engine.
struct AuthMiddleware: RouterMiddleware {
    typealias Context = AwardRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let header = request.headers[.authorization] else {
            throw AwardError(.unauthenticated, code: .missingToken, "this route needs an Authorization: Bearer token")
        }
        let parts = header.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else {
            throw AwardError(.unauthenticated, code: .badToken, "the Authorization header must be: Bearer <token>")
        }
        var context = context
        context.caller = .bearer(String(parts[1]).trimmingCharacters(in: .whitespaces))
        return try await next(request, context)
    }
}

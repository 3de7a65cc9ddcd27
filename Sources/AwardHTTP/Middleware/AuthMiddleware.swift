import AwardEngine
import Hummingbird

/// Authenticates `Authorization: Bearer <token>` through the engine (one indexed lookup of the
/// token's hash) and puts the principal in the context. Missing or bad tokens get 401.
struct AuthMiddleware: RouterMiddleware {
    typealias Context = AwardRequestContext
    let engine: AwardEngine

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let header = request.headers[.authorization] else {
            throw AwardError(.unauthenticated, code: "missing_token", "this route needs an Authorization: Bearer token")
        }
        let parts = header.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else {
            throw AwardError(.unauthenticated, code: "bad_token", "the Authorization header must be: Bearer <token>")
        }
        var context = context
        context.principal = try await engine.authenticate(token: String(parts[1]).trimmingCharacters(in: .whitespaces))
        return try await next(request, context)
    }
}

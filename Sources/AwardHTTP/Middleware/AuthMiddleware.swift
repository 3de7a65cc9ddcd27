import AwardEngine
import Hummingbird

/// Authenticates `Authorization: Bearer <token>` through the engine (one indexed lookup of the
/// token's hash) and puts the principal in the context. Missing or bad tokens get 401.
struct AuthMiddleware: RouterMiddleware {
    typealias Context = AwardRequestContext
    let engine: AwardEngine

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let header = request.headers[.authorization] else {
            throw AwardError(.unauthenticated, code: .missingToken, "this route needs an Authorization: Bearer token")
        }
        let parts = header.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else {
            throw AwardError(.unauthenticated, code: .badToken, "the Authorization header must be: Bearer <token>")
        }
        var context = context
        let token = String(parts[1]).trimmingCharacters(in: .whitespaces)
        if Self.isCommand(request) {
            // POST /v1/nominations/{id}/{action}: the engine checks the token with the command.
            context.bearer = token
        } else {
            context.principal = try await engine.authenticate(token: token)
        }
        return try await next(request, context)
    }

    /// Whether the request is a command on a nomination (`POST /v1/nominations/{id}/{action}` with a
    /// known action), whose handler hands the token to the engine.
    static func isCommand(_ request: Request) -> Bool {
        guard request.method == .post else { return false }
        let parts = request.uri.path.split(separator: "/", omittingEmptySubsequences: true)
        return parts.count == 4 && parts[0] == "v1" && parts[1] == "nominations" && Int64(parts[2]) != nil
            && Action(rawValue: String(parts[3])) != nil
    }
}

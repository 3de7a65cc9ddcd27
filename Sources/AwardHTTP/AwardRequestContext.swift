import AwardEngine
import Hummingbird

/// The request context: Hummingbird's core storage, and who is asking.
public struct AwardRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The caller's credential, set by ``AuthMiddleware`` for every route under /v1. It is resolved
    /// to a principal once per request: by ``principal(_:)`` for a read, or by the engine inside a
    /// command's own round trip.
    public var caller: Caller?
    /// For the web pages: the signed-in person and the session's cookie, set by the web module's
    /// session middleware.
    public var session: SessionPrincipal?
    public var sessionToken: String?
    /// The submitted form of a web POST, read once by the middleware that checks its CSRF token.
    public var form: (any Sendable)?

    public init(source: Source) {
        coreContext = .init(source: source)
        caller = nil
        session = nil
        sessionToken = nil
        form = nil
    }

    /// The credential; routes under /v1 always have one.
    func requireCaller() throws -> Caller {
        guard let caller else {
            throw AwardError(.unauthenticated, code: .missingToken, "this route needs an Authorization: Bearer token")
        }
        return caller
    }

    /// The authenticated user.
    func principal(_ engine: AwardEngine) async throws -> Principal {
        try await engine.principal(of: try requireCaller())
    }
}

import AwardEngine
import Hummingbird

/// The request context: Hummingbird's core storage, and the principal once authenticated.
public struct AwardRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The authenticated user, set by ``AuthMiddleware``.
    public var principal: Principal?
    /// A bearer token not checked yet: for a command on a nomination, the engine checks it in the
    /// command's own round trip (``AuthMiddleware`` leaves `principal` nil then).
    public var bearer: String?

    public init(source: Source) {
        coreContext = .init(source: source)
        principal = nil
        bearer = nil
    }

    /// The authenticated user; routes under /v1 always have one.
    func requirePrincipal() throws -> Principal {
        guard let principal else {
            throw AwardError(.unauthenticated, code: .missingToken, "this route needs an Authorization: Bearer token")
        }
        return principal
    }
}

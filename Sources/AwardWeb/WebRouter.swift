import AwardEngine
import AwardHTTP
import Hummingbird

/// A page's route as the authorization matrix sees it: its method, path and what the policy asks.
public struct WebRoute: Sendable, Hashable {
    public let method: String
    public let path: String
    public let policy: RoutePolicy
}

/// Registers the pages' routes, each with what the policy asks of its caller: a page cannot be
/// added without saying it, and ``WebRoutes/routeTable`` lists them all for the tests. Before a
/// handler runs, the policy is asked whether the signed-in person's role may do the route's
/// permission at all, so that no page reads a form (or a file) for someone who may not act; what
/// the request names (a dossier, an org) is the engine's to check, as for every caller.
struct WebRouter {
    /// Where the routes go (`nil`: only recorded, for the table).
    let group: RouterGroup<WebRequestContext>?
    let recorder: Recorder
    var engine: AwardEngine? = nil

    final class Recorder: @unchecked Sendable {
        var routes: [WebRoute] = []
    }

    func get<Output: ResponseGenerator>(_ path: String, _ policy: RoutePolicy,
                                        _ handler: @escaping @Sendable (Request, WebRequestContext) async throws -> Output) {
        add(.get, path, policy, handler)
    }

    func post<Output: ResponseGenerator>(_ path: String, _ policy: RoutePolicy,
                                         _ handler: @escaping @Sendable (Request, WebRequestContext) async throws -> Output) {
        add(.post, path, policy, handler)
    }

    private func add<Output: ResponseGenerator>(_ method: HTTPRequest.Method, _ path: String, _ policy: RoutePolicy,
                                                _ handler: @escaping @Sendable (Request, WebRequestContext) async throws -> Output) {
        recorder.routes.append(WebRoute(method: method.rawValue, path: path.hasPrefix("/") ? path : "/" + path, policy: policy))
        let engine = self.engine
        group?.on(RouterPath(path), method: method) { request, context in
            try await Self.gate(policy, context, engine)
            return try await handler(request, context)
        }
    }

    /// Refuses a signed-in person whose role the route's permission does not allow.
    static func gate(_ policy: RoutePolicy, _ context: WebRequestContext, _ engine: AwardEngine?) async throws {
        guard let engine, let principal = context.session?.principal else { return }
        switch policy {
        case .open, .signedIn:
            return
        case .permission(let permission):
            try await engine.authorizeRoute(principal, permission)
        case .byParameter(let name, let map):
            if let value = context.parameters.get(name), let permission = map[value] { try await engine.authorizeRoute(principal, permission) }
        }
    }
}

import Synchronization

/// Who a request turned out to be, for its log line: the HTTP layer binds one per request
/// (``current``), and the engine fills it in wherever it resolves the caller (a bearer token, a
/// session) — often inside a command's own round trip, so the layer could not know it otherwise.
public final class RequestIdentity: Sendable {
    private let state = Mutex<(user: String, org: String)?>(nil)

    /// The identity of the request this task serves, if the HTTP layer bound one.
    @TaskLocal public static var current: RequestIdentity?

    public init() {}

    /// Records the principal the request acts as.
    public func record(_ principal: Principal) {
        state.withLock { $0 = (principal.name, principal.orgCode) }
    }

    /// The user's login name and org code, once known.
    public var resolved: (user: String, org: String)? { state.withLock { $0 } }
}

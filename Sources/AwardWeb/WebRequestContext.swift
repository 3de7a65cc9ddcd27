import AwardEngine
import AwardHTTP
import Hummingbird
import NIOCore

/// A web page's request: what awardd's edge learnt of the client, and what the web's own
/// middleware adds — the signed-in person, their session's cookie, and the submitted form of a
/// POST (read once, as it arrives, by the middleware that checks its CSRF token). The API's context
/// carries none of these.
struct WebRequestContext: ChildRequestContext {
    typealias ParentContext = AwardRequestContext
    var coreContext: CoreRequestContextStorage
    /// The client's address: the peer's, or what a trusted proxy forwards.
    let clientAddress: String?
    /// Whether the client reached awardd over TLS (directly, or through a trusted proxy that says so).
    let overTLS: Bool
    /// The signed-in person (`nil` on the open pages before signing in).
    var session: SessionPrincipal?
    /// The session cookie's value, to end it at logout.
    var sessionToken: String?
    /// The submitted form of a POST; empty on a GET.
    var form = WebForm()
    /// The confirmation a successful form left for this page to show once.
    var flash: Flash?

    init(context: AwardRequestContext) throws {
        coreContext = context.coreContext
        clientAddress = context.clientAddress
        overTLS = context.overTLS
    }

    /// The signed-in person's session; the middleware lets no request without one past an open page.
    var signedIn: SessionPrincipal {
        get throws(AwardError) {
            guard let session else { throw AwardError(.unauthenticated, code: .sessionExpired, "the session has ended; sign in again") }
            return session
        }
    }

    /// The signed-in person; the middleware lets no request without one past an open page.
    var principal: Principal {
        get throws(AwardError) {
            try signedIn.principal
        }
    }
}

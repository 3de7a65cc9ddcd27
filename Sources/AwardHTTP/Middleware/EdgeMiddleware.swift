import AwardEngine
import Hummingbird
import HTTPTypes
import NIOCore

/// Who is on the other end: the peer's address, or — only when the peer is a proxy the operator
/// trusts (`--trusted-proxy CIDR…`) — the client it forwards for (`X-Forwarded-For`, its
/// right-most address the proxy appended) and whether the client used TLS (`X-Forwarded-Proto`).
/// A client that sends these headers itself is not believed. When awardd terminates TLS itself,
/// every answer carries HSTS (a year, subdomains not included: they may be other services).
public struct EdgeMiddleware: RouterMiddleware {
    public typealias Context = AwardRequestContext
    let trustedProxies: [IPNetwork]
    /// Whether awardd itself terminates TLS (then every request came over TLS).
    let servesTLS: Bool

    public init(trustedProxies: [IPNetwork] = [], servesTLS: Bool = false) {
        self.trustedProxies = trustedProxies
        self.servesTLS = servesTLS
    }

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        let peer = context.peerAddress.flatMap(IPAddress.init)
        context.clientAddress = peer?.description ?? context.peerAddress
        context.overTLS = servesTLS
        if let peer, trustedProxies.contains(where: { $0.contains(peer) }) {
            let forwarded = request.headers[values: HTTPField.Name("X-Forwarded-For")!]
                .flatMap { $0.split(separator: ",") }.map { $0.trimmingCharacters(in: .whitespaces) }
            // Walk from the right past our own proxies: the first address that is not one is the client.
            if let client = forwarded.reversed().compactMap(IPAddress.init).first(where: { address in
                !trustedProxies.contains { $0.contains(address) }
            }) ?? forwarded.last.flatMap(IPAddress.init) {
                context.clientAddress = client.description
            }
            if let proto = request.headers[HTTPField.Name("X-Forwarded-Proto")!]?.lowercased() {
                context.overTLS = servesTLS || proto == "https"
            }
        }
        var response = try await next(request, context)
        if servesTLS { response.headers[HTTPField.Name("Strict-Transport-Security")!] = "max-age=31536000" }
        return response
    }
}

import AwardEngine
import Hummingbird
import NIOCore

/// The request context: Hummingbird's core storage, and who is asking.
public struct AwardRequestContext: RequestContext, RemoteAddressRequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The caller's credential, set by ``AuthMiddleware`` for every route under /v1. It is resolved
    /// to a principal once per request: by ``principal(_:)`` for a read, or by the engine inside a
    /// command's own round trip.
    public var caller: Caller?
    /// The address of the connection's peer (a client, or a proxy in front of awardd).
    public var peerAddress: String?
    /// The client's address: the peer's, or what a trusted proxy forwards (``EdgeMiddleware``).
    public var clientAddress: String?
    /// Whether the client reached awardd over TLS (directly, or through a trusted proxy that says so).
    public var overTLS: Bool = false

    /// The peer as NIO sees it (for Hummingbird's tracing).
    public var remoteAddress: SocketAddress? { peerAddress.flatMap { try? SocketAddress(ipAddress: $0, port: 0) } }

    public init(source: Source) {
        coreContext = .init(source: source)
        peerAddress = source.channel.remoteAddress?.ipAddress
        caller = nil
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

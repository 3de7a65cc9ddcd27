import AwardEngine
import HTTPTypes
import Hummingbird
import ServiceLifecycle

/// `GET /v1/events`: the events the caller's jurisdiction sees, as Server-Sent Events.
extension APIRoutes {
    func registerEvents(on group: RouterGroup<AwardRequestContext>) {
        group.get("events") { request, context in
            let caller = try context.requireCaller()
            let principal = try await context.principal(engine)
            return try await EventStream.response(engine: engine, viewer: principal, request: request, wakeups: configuration.wakeups) {
                (try? await engine.principal(of: caller)) == principal
            }
        }
    }
}

/// A live stream of events (text/event-stream): each message's id is its cursor, so a client that
/// reconnects with `Last-Event-ID` (or `?after=`) misses nothing; `?follow=false` sends what there
/// is and closes. Between events a comment line every 15 seconds keeps proxies from closing it.
///
/// The caller is checked again whenever who is signed in changes (a session ended, a user's token,
/// role, org or password changed, a user was revoked: PostgreSQL notifies `award_auth`), and at
/// least every few seconds: the stream ends within a second of a logout or a revocation.
public enum EventStream {
    /// How often the caller is checked again when no notification says anything changed.
    static let recheck: Duration = .seconds(5)

    public static func response(engine: AwardEngine, viewer: Principal, request: Request, wakeups: Wakeups?,
                                stillAllowed: @escaping @Sendable () async -> Bool) async throws -> Response {
        let start = request.headers[HTTPField.Name("Last-Event-ID")!] ?? HTTPIO.query(request, "after")
        let follow = HTTPIO.query(request, "follow") != "false"
        // A bad cursor is refused before the stream starts, with its problem. The wake-up count is
        // read before each query, so an event committed meanwhile wakes the next wait at once.
        let firstSeen = wakeups?.generation(Wakeups.events) ?? 0
        let first = try await engine.events(after: start, viewer: viewer)
        var headers = HTTPFields()
        headers[.contentType] = "text/event-stream; charset=utf-8"
        headers[.cacheControl] = "no-store"
        headers[HTTPField.Name("X-Accel-Buffering")!] = "no"
        let body = ResponseBody { writer in
            var cursor = start
            var batch = first
            var seen = firstSeen
            var quiet = ContinuousClock.now
            var authSeen = wakeups?.generation(Wakeups.auth) ?? 0
            var checked = ContinuousClock.now
            while true {
                // The caller may have signed out or lost its rights meanwhile.
                let authNow = wakeups?.generation(Wakeups.auth) ?? 0
                if wakeups == nil || authNow != authSeen || ContinuousClock.now - checked > recheck {
                    authSeen = authNow
                    checked = .now
                    if await !stillAllowed() { break }
                }
                if !batch.isEmpty {
                    try await writer.write(ByteBuffer(string: batch.map(\.serverSentEvent).joined()))
                    cursor = batch.last!.cursor
                    quiet = .now
                } else if !follow {
                    break
                } else if ContinuousClock.now - quiet > .seconds(15) {
                    try await writer.write(ByteBuffer(string: ": keepalive\n\n"))
                    quiet = .now
                }
                if follow && batch.count < 100 {
                    if let wakeups { await wakeups.wait(Wakeups.events, since: seen, timeout: .seconds(1)) } else { try await Task.sleep(for: .seconds(1)) }
                }
                // awardd is stopping (SIGTERM): end the stream, so that the drain does not wait on it;
                // the client reconnects to another awardd with its Last-Event-ID.
                if Task.isCancelled || Task.isShuttingDownGracefully { break }
                seen = wakeups?.generation(Wakeups.events) ?? 0
                batch = try await engine.events(after: cursor, viewer: viewer)
                if !follow && batch.isEmpty { break }
            }
            try await writer.finish(nil)
        }
        return Response(status: .ok, headers: headers, body: body)
    }
}

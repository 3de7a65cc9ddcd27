import AwardEngine
import AwardHTTP
import AwardWeb
import Foundation
import Hummingbird
import HummingbirdCore
import HummingbirdTLS
import NIOCore
import Logging
import ServiceLifecycle

/// awardd's listeners and how they stop: the API and the pages on `listen` (HTTPS when a
/// certificate is configured), /metrics on a listener of its own when `metrics-listen` asks, and
/// the workers. SIGTERM or SIGINT stops accepting, ends the live streams, lets requests in flight
/// finish for at most `drain-timeout` seconds, then cancels what is left.
struct Server {
    let settings: Settings
    let engine: AwardEngine
    let wakeups: Wakeups
    let certificate: TLSCertificate?
    let demo: DemoCredentials?
    let logger: Logger

    func run(services: [any Service]) async throws {
        let s = settings
        let (host, port) = Awardd.address(s.listen)!
        var api = APIConfiguration(maxBodyBytes: s.maxBody, metricsText: { Telemetry.exposition() }, wakeups: wakeups)
        api.trustedProxies = s.trustedProxies.compactMap(IPNetwork.init)
        api.metricsAllowed = s.metricsAllow.compactMap(IPNetwork.init)
        api.servesTLS = certificate != nil
        let router = AwardAPI.router(engine: engine, configuration: api)
        try WebRoutes(engine: engine, wakeups: wakeups).register(on: router)
        let http = HTTPServerBuilder.http1(configuration: .init(
            additionalChannelHandlers: [RequestDeadlineHandler(headerTimeout: .seconds(Int64(s.headerTimeout)), bodyTimeout: .seconds(Int64(s.bodyTimeout)))],
            idleTimeout: .seconds(Int64(s.idleTimeout))))
        let scheme = certificate == nil ? "http" : "https"
        let engine = engine, demo = demo
        let app = Application(
            router: router,
            server: try certificate.map { try .tls(http, tlsConfiguration: $0.configuration) } ?? http,
            configuration: .init(address: .hostname(host, port: port), serverName: "awardd"),
            services: services,
            onServerRunning: { channel in
                let bound = channel.localAddress.map { "\($0.ipAddress ?? host):\($0.port ?? port)" } ?? "\(host):\(port)"
                // A webhook is never delivered to awardd itself (recorded for awardctl too).
                let listening = (channel.localAddress?.ipAddress ?? host, channel.localAddress?.port ?? port)
                Task { try? await engine.recordListener(host: listening.0, port: listening.1) }
                Awardd.say("awardd listening on \(scheme)://\(bound)")
                if let demo { Awardd.say(DemoBanner.next(url: "\(scheme)://\(bound)", credentials: demo)) }
            },
            logger: logger)
        var group: [ServiceGroupConfiguration.ServiceConfiguration] = [.init(service: app)]
        if let metricsListen = s.metricsListen, let (metricsHost, metricsPort) = Awardd.address(metricsListen) {
            group.append(.init(service: Self.metricsApplication(host: metricsHost, port: metricsPort, engine: engine, logger: logger)))
        }
        var configuration = ServiceGroupConfiguration(services: group, gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
        configuration.maximumGracefulShutdownDuration = .seconds(s.drainTimeout)
        try await ServiceGroup(configuration: configuration).run()
    }

    /// /metrics alone, for a Prometheus that scrapes another address than the officers use.
    static func metricsApplication(host: String, port: Int, engine: AwardEngine, logger: Logger) -> some Service {
        let router = Router()
        router.get("metrics") { _, _ async -> Response in
            await OperationalMetrics.refresh(engine: engine)
            return Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                            body: .init(byteBuffer: ByteBuffer(bytes: Telemetry.exposition())))
        }
        return Application(router: router, configuration: .init(address: .hostname(host, port: port), serverName: "awardd-metrics"),
                           onServerRunning: { channel in
                               Awardd.say("awardd metrics on http://\(channel.localAddress.map { "\($0.ipAddress ?? host):\($0.port ?? port)" } ?? metricsAddress(host, port))/metrics")
                           },
                           logger: logger)
    }

    static func metricsAddress(_ host: String, _ port: Int) -> String { "\(host):\(port)" }
}

import AwardEngine
import Hummingbird
import Metrics

/// Health, readiness, metrics and the API description: no token needed.
struct OpsRoutes {
    let engine: AwardEngine
    let metricsText: (@Sendable () -> [UInt8])?
    /// Clients that may read /metrics (others get 404, as if it were not there).
    let metricsAllowed: [IPNetwork]

    func register(on router: Router<AwardRequestContext>) {
        router.get("healthz") { _, _ in
            try HTTPIO.json(["status": "ok"])
        }
        router.head("healthz") { _, _ in
            HTTPResponse.Status.ok
        }

        // Ready when the database answers and its schema is one this engine runs on: during an
        // upgrade, an awardd of the wrong release leaves the proxy's pool instead of failing requests.
        router.get("readyz") { _, _ in
            do {
                try await engine.requireCurrentSchema()
            } catch let error as AwardError where [.schemaTooOld, .schemaTooNew].contains(error.code) {
                throw AwardError(.unavailable, code: error.code, error.message, vi: error.messageVI)
            }
            return try HTTPIO.json(["status": "ready"])
        }

        if let metricsText { registerMetrics(on: router, metricsText) }

        router.get("openapi.json") { _, _ in
            var headers = HTTPFields()
            headers[.contentType] = "application/json; charset=utf-8"
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: AwardAPI.openAPIDocument)))
        }
    }

    func registerMetrics(on router: Router<AwardRequestContext>, _ metricsText: @escaping @Sendable () -> [UInt8]) {
        let allowed = metricsAllowed
        router.get("metrics") { _, context in
            guard let client = context.clientAddress.flatMap(IPAddress.init), allowed.contains(where: { $0.contains(client) }) else {
                throw HTTPError(.notFound)
            }
            await OperationalMetrics.refresh(engine: engine)
            var headers = HTTPFields()
            headers[.contentType] = "text/plain; version=0.0.4; charset=utf-8"
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: metricsText())))
        }
    }
}

import Configuration
import Foundation

/// What the command line gave, as settings under the configuration file's keys (the strongest of
/// the sources `Settings` reads), and the check that no password rides on it.
extension Awardd {
    /// Whether a libpq connection string or URI carries a password.
    static func hasPassword(_ conninfo: String) -> Bool {
        if conninfo.hasPrefix("postgres://") || conninfo.hasPrefix("postgresql://") {
            guard let components = URLComponents(string: conninfo) else { return false }
            return components.password != nil || components.queryItems?.contains { $0.name == "password" } == true
        }
        return conninfo.range(of: #"(^|\s)password\s*="#, options: .regularExpression) != nil
    }

    /// What the command line gave, under the configuration file's keys.
    var flags: [String: ConfigValue] {
        var values: [String: ConfigValue] = [:]
        func put(_ key: String, _ content: ConfigContent?) { if let content { values[key] = ConfigValue(content, isSecret: false) } }
        put("listen", listen.map { .string($0) })
        put("database-url", databaseURL.map { .string($0) })
        put("listen-database-url", listenDatabaseURL.map { .string($0) })
        put("read-database-url", readDatabaseURL.map { .string($0) })
        put("statement-cache", statementCache.map { .bool($0 == "on") })
        put("data-dir", dataDirectory.map { .string($0) })
        put("pool-size", poolSize.map { .int($0) })
        put("max-body", maxBody.map { .int($0) })
        put("request-timeout", requestTimeout.map { .int($0) })
        put("log-level", logLevel.map { .string($0) })
        put("log-format", logFormat.map { .string($0) })
        put("demo", demo.map { .bool($0) })
        put("demo-credentials", demoCredentials.map { .string($0) })
        put("webhook-interval", webhookInterval.map { .int($0) })
        put("webhook-backoff", webhookBackoff.map { .int($0) })
        put("webhook-max-backoff", webhookMaxBackoff.map { .int($0) })
        put("webhook-attempts", webhookAttempts.map { .int($0) })
        put("smtp-url", smtpURL.map { .string($0) })
        put("smtp-from", smtpFrom.map { .string($0) })
        put("smtp-ca-file", smtpCAFile.map { .string($0) })
        put("digest-hour", digestHour.map { .int($0) })
        put("trusted-proxy", trustedProxies.isEmpty ? nil : .stringArray(trustedProxies))
        put("metrics-allow", metricsAllow.isEmpty ? nil : .stringArray(metricsAllow))
        put("metrics-listen", metricsListen.map { .string($0) })
        put("header-timeout", headerTimeout.map { .int($0) })
        put("body-timeout", bodyTimeout.map { .int($0) })
        put("idle-timeout", idleTimeout.map { .int($0) })
        put("drain-timeout", drainTimeout.map { .int($0) })
        put("migrate", migrate.map { .bool($0) })
        put("database-wait", databaseWait.map { .int($0) })
        put("timer-interval", timerInterval.map { .int($0) })
        put("tls-certificate", tlsCertificate.map { .string($0) })
        put("tls-key", tlsKey.map { .string($0) })
        return values
    }
}

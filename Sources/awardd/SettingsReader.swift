import AwardEngine
import Configuration
import Foundation
import Logging

extension Settings {
    /// Reads each setting by its key, refusing a value of the wrong kind instead of ignoring it.
    struct Reader {
        let config: ConfigReader

        func settings() throws(Problem) -> Settings {
            var s = Settings()
            try string("listen", &s.listen)
            s.databaseURL = try string("database-url")
            s.listenDatabaseURL = try string("listen-database-url")
            s.readDatabaseURL = try string("read-database-url")
            try bool("statement-cache", &s.statementCache)
            try string("data-dir", &s.dataDirectory)
            try int("pool-size", &s.poolSize, 1...256)
            try int("max-body", &s.maxBody, 1024...(1 << 30))
            try int("request-timeout", &s.requestTimeout, 1...3600)
            try string("log-level", &s.logLevel)
            try string("log-format", &s.logFormat)
            try bool("demo", &s.demo)
            s.demoCredentials = try string("demo-credentials")
            try int("webhook-interval", &s.webhookInterval, 0...86400)
            try int("webhook-backoff", &s.webhookBackoff, 10...86_400_000)
            try int("webhook-max-backoff", &s.webhookMaxBackoff, 1...86400)
            try int("webhook-attempts", &s.webhookAttempts, 1...10_000)
            s.smtpURL = try string("smtp-url")
            try string("smtp-from", &s.smtpFrom)
            s.smtpTrustRoots = try string("smtp-ca-file")
            try int("digest-hour", &s.digestHour, 0...23)
            try strings("trusted-proxy", &s.trustedProxies)
            try strings("metrics-allow", &s.metricsAllow)
            s.metricsListen = try string("metrics-listen")
            try int("header-timeout", &s.headerTimeout, 1...3600)
            try int("body-timeout", &s.bodyTimeout, 1...3600)
            try int("idle-timeout", &s.idleTimeout, 1...3600)
            try int("drain-timeout", &s.drainTimeout, 0...3600)
            try bool("migrate", &s.migrate)
            try int("database-wait", &s.databaseWait, 0...3600)
            try int("timer-interval", &s.timerInterval, 0...86400)
            s.tlsCertificate = try string("tls-certificate")
            s.tlsKey = try string("tls-key")
            return s
        }

        /// Whether any source has the key, whatever the kind of its value.
        func present(_ key: String) -> Bool {
            let k = ConfigKey([key])
            return config.string(forKey: k) != nil || config.int(forKey: k) != nil || config.bool(forKey: k) != nil
                || config.double(forKey: k) != nil || config.stringArray(forKey: k) != nil
        }

        func string(_ key: String) throws(Problem) -> String? {
            if let value = config.string(forKey: ConfigKey([key])) { return value.isEmpty ? nil : value }
            if let value = config.int(forKey: ConfigKey([key])) { return String(value) }
            if present(key) { throw Problem(description: "\(key) must be a text value") }
            return nil
        }

        func string(_ key: String, _ value: inout String) throws(Problem) {
            if let text = try string(key) { value = text }
        }

        func int(_ key: String, _ value: inout Int, _ range: ClosedRange<Int>) throws(Problem) {
            let read = config.int(forKey: ConfigKey([key])) ?? config.string(forKey: ConfigKey([key])).flatMap { Int($0.trimmingCharacters(in: .whitespaces)) }
            guard let read else {
                if present(key) { throw Problem(description: "\(key) must be a whole number from \(range.lowerBound) to \(range.upperBound)") }
                return
            }
            guard range.contains(read) else { throw Problem(description: "\(key) must be from \(range.lowerBound) to \(range.upperBound), not \(read)") }
            value = read
        }

        func bool(_ key: String, _ value: inout Bool) throws(Problem) {
            if let read = config.bool(forKey: ConfigKey([key])) {
                value = read
            } else if present(key) {
                throw Problem(description: "\(key) must be true or false")
            }
        }

        func strings(_ key: String, _ value: inout [String]) throws(Problem) {
            if let read = config.stringArray(forKey: ConfigKey([key])) {
                value = read.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            } else if let one = config.string(forKey: ConfigKey([key])) {
                value = one.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            } else if present(key) {
                throw Problem(description: "\(key) must be a list of text values")
            }
        }
    }

    /// Checks what the kinds alone do not: addresses, names, networks, pairs that go together.
    func check() throws(Problem) {
        guard Awardd.address(listen) != nil else { throw Problem(description: "listen \(listen) is not HOST:PORT") }
        if let metricsListen, Awardd.address(metricsListen) == nil { throw Problem(description: "metrics-listen \(metricsListen) is not HOST:PORT") }
        guard Logger.Level(rawValue: logLevel) != nil else {
            throw Problem(description: "log-level must be trace, debug, info, notice, warning, error or critical, not \(logLevel)")
        }
        guard ["text", "json"].contains(logFormat) else { throw Problem(description: "log-format must be text or json, not \(logFormat)") }
        for network in trustedProxies + metricsAllow where IPNetwork(network) == nil {
            throw Problem(description: "\(network) is not a network in CIDR notation (e.g. 10.20.0.0/16 or 127.0.0.1)")
        }
        if (tlsCertificate == nil) != (tlsKey == nil) {
            throw Problem(description: "tls-certificate and tls-key go together: give both (PEM files) or neither")
        }
        if !statementCache, listenDatabaseURL == nil, databaseURL != nil {
            throw Problem(description: "statement-cache off (behind PgBouncer's transaction pooling) needs listen-database-url: a direct connection to PostgreSQL for LISTEN, which cannot work through the pooler")
        }
    }
}

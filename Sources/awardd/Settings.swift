import Configuration
import Foundation

/// awardd's settings, each from the first place that has it: the command line, then the
/// environment (`AWARDD_` and the name in capitals, `-` as `_`: `AWARDD_POOL_SIZE`), then the
/// configuration file (`--config`, else `AWARDD_CONFIG`, else `/etc/award-engine/awardd.yaml` when it
/// exists; YAML, or JSON when the name ends in `.json`), then the default. The file's keys are the
/// flags' names without dashes in front (`pool-size: 16`).
///
/// Secrets (`database-password`, `smtp-password`) never come from the command line nor from the
/// configuration file: from the environment (`AWARDD_DATABASE_PASSWORD`), from systemd's
/// credentials (`LoadCredential=database-password:…`, read in `$CREDENTIALS_DIRECTORY`), or from
/// the file a `database-password-file` setting names. libpq's own password file also works.
struct Settings: Sendable {
    var listen = "127.0.0.1:8080"
    var databaseURL: String?
    var databasePassword: String?
    var listenDatabaseURL: String?
    var readDatabaseURL: String?
    var statementCache = true
    var dataDirectory = "./.award/pg"
    var poolSize = 8
    var maxBody = 1 << 20
    var requestTimeout = 30
    var logLevel = "info"
    var logFormat = "text"
    var demo = false
    var demoCredentials: String?
    var webhookInterval = 5
    var webhookBackoff = 5000
    var webhookMaxBackoff = 3600
    var webhookAttempts = 8
    var smtpURL: String?
    var smtpFrom = "thidua-khenthuong@localhost"
    var smtpPassword: String?
    /// The key that seals citizen identity numbers (base64 of 32 bytes); with the embedded cluster
    /// and none configured, `personal-data-key` beside the data directory (created on first start).
    var personalDataKey: String?
    /// CA certificates (PEM) that replace the system's for the relay's certificate (a private CA).
    var smtpTrustRoots: String?
    var digestHour = 7
    var trustedProxies: [String] = []
    var metricsAllow = ["127.0.0.0/8", "::1/128"]
    var metricsListen: String?
    var headerTimeout = 10
    var bodyTimeout = 120
    var idleTimeout = 75
    var drainTimeout = 20
    var migrate = true
    var databaseWait = 60
    var timerInterval = 60
    var tlsCertificate: String?
    var tlsKey: String?
    /// The configuration file read, if any.
    var configFile: String?

    /// A setting that cannot be used: the message names it and what it accepts.
    struct Problem: Error, CustomStringConvertible {
        let description: String
    }

    static let defaultFile = "/etc/award-engine/awardd.yaml"

    /// The settings in effect, one `key: value` a line in the file's own form (what `awardd --check`
    /// prints); a secret is `(set)`, never its value.
    var summary: String {
        func text(_ value: String?) -> String { value ?? "(none)" }
        func secret(_ value: String?) -> String { value == nil ? "(none)" : "(set)" }
        let lines: [(String, String)] = [
            ("config", text(configFile)),
            ("listen", listen), ("tls-certificate", text(tlsCertificate)), ("tls-key", text(tlsKey)),
            ("database-url", text(databaseURL)), ("database-password", secret(databasePassword)),
            ("listen-database-url", text(listenDatabaseURL)), ("read-database-url", text(readDatabaseURL)),
            ("statement-cache", statementCache ? "on" : "off"), ("pool-size", "\(poolSize)"), ("request-timeout", "\(requestTimeout)"),
            ("database-wait", "\(databaseWait)"), ("migrate", "\(migrate)"), ("data-dir", dataDirectory),
            ("trusted-proxy", trustedProxies.joined(separator: ", ")), ("metrics-allow", metricsAllow.joined(separator: ", ")),
            ("metrics-listen", text(metricsListen)), ("max-body", "\(maxBody)"), ("header-timeout", "\(headerTimeout)"),
            ("body-timeout", "\(bodyTimeout)"), ("idle-timeout", "\(idleTimeout)"), ("drain-timeout", "\(drainTimeout)"),
            ("log-level", logLevel), ("log-format", logFormat),
            ("smtp-url", text(smtpURL)), ("smtp-from", smtpFrom), ("smtp-password", secret(smtpPassword)),
            ("personal-data-key", secret(personalDataKey)), ("smtp-ca-file", text(smtpTrustRoots)),
            ("digest-hour", "\(digestHour)"), ("timer-interval", "\(timerInterval)"), ("webhook-interval", "\(webhookInterval)"),
            ("webhook-attempts", "\(webhookAttempts)"), ("demo", "\(demo)"),
        ]
        return lines.map { "\($0.0): \($0.1)" }.joined(separator: "\n")
    }

    /// Reads the settings; `flags` holds what the command line gave (keys as in the file).
    static func load(flags: [String: ConfigValue], configFile: String?, environment: [String: String]) async throws(Problem) -> Settings {
        let path = configFile ?? environment["AWARDD_CONFIG"].flatMap { $0.isEmpty ? nil : $0 }
        let file: (any ConfigProvider)?
        do {
            file = try await Self.file(path: path ?? Self.defaultFile, required: path != nil)
        } catch let problem as Problem {
            throw problem
        } catch {
            throw Problem(description: "the configuration file \(path ?? Self.defaultFile) cannot be read: \(error)")
        }
        var providers: [any ConfigProvider] = [
            InMemoryProvider(name: "the command line", values: Dictionary(uniqueKeysWithValues: flags.map { (AbsoluteConfigKey([$0.key]), $0.value) })),
            EnvironmentVariablesProvider(environmentVariables: environment).prefixKeys(with: ["awardd"]),
        ]
        if let file { providers.append(file) }
        let reader = Reader(config: ConfigReader(providers: providers))
        var settings = try reader.settings()
        if file != nil { settings.configFile = path ?? Self.defaultFile }
        try settings.readSecrets(environment: environment, file: file.map { ConfigReader(provider: $0) })
        try settings.check()
        return settings
    }

    /// The configuration file's provider, or nil when the default file is absent.
    static func file(path: String, required: Bool) async throws -> (any ConfigProvider)? {
        guard FileManager.default.fileExists(atPath: path) else {
            if required { throw Problem(description: "the configuration file \(path) does not exist") }
            return nil
        }
        let location = ConfigReader(provider: InMemoryProvider(values: ["filePath": .init(.string(path), isSecret: false)]))
        if path.hasSuffix(".json") { return try await FileProvider<JSONSnapshot>(config: location) }
        return try await FileProvider<YAMLSnapshot>(config: location)
    }

    /// The secrets, from the environment, systemd's credentials or a file a setting names; a
    /// secret written in the configuration file itself is refused (the file is readable by more
    /// than awardd).
    mutating func readSecrets(environment: [String: String], file: ConfigReader?) throws(Problem) {
        for key in ["database-password", "smtp-password", "personal-data-key"] {
            if let file, file.string(forKey: ConfigKey([key])) != nil {
                throw Problem(description: "\(key) may not be written in the configuration file: name a file holding it with \(key)-file, or use AWARDD_\(Self.environmentName(key)) or a systemd credential named \(key)")
            }
        }
        databasePassword = try Self.secret("database-password", environment: environment, file: file)
        smtpPassword = try Self.secret("smtp-password", environment: environment, file: file)
        personalDataKey = try Self.secret("personal-data-key", environment: environment, file: file)
    }

    static func secret(_ key: String, environment: [String: String], file: ConfigReader?) throws(Problem) -> String? {
        if let value = environment["AWARDD_\(environmentName(key))"], !value.isEmpty { return value }
        if let directory = environment["CREDENTIALS_DIRECTORY"], !directory.isEmpty,
           let value = try readSecretFile("\(directory)/\(key)", optional: true) {
            return value
        }
        let pathKey = "\(key)-file"
        if let path = environment["AWARDD_\(environmentName(pathKey))"] ?? file?.string(forKey: ConfigKey([pathKey])) {
            return try readSecretFile(path, optional: false)
        }
        return nil
    }

    /// A secret file's first line; a file others may read is refused.
    static func readSecretFile(_ path: String, optional: Bool) throws(Problem) -> String? {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path) else {
            if optional { return nil }
            throw Problem(description: "the secret file \(path) cannot be read")
        }
        if let mode = (attributes[.posixPermissions] as? NSNumber)?.intValue, mode & 0o007 != 0 {
            throw Problem(description: "the secret file \(path) may be read by any user (mode \(String(mode, radix: 8))): chmod o-rwx it")
        }
        guard let data = FileManager.default.contents(atPath: path), data.count <= 4096,
              let text = String(data: data, encoding: .utf8) else {
            throw Problem(description: "the secret file \(path) cannot be read as one line of UTF-8 text")
        }
        let line = text.split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
        guard !line.isEmpty else { throw Problem(description: "the secret file \(path) is empty") }
        return line
    }

    static func environmentName(_ key: String) -> String {
        key.uppercased().replacingOccurrences(of: "-", with: "_")
    }
}

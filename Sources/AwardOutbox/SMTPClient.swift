import Foundation
import NIOSSL

/// Sends one message at a time to an SMTP relay, over SwiftNIO (`SMTPSession`):
///
/// - `smtp://HOST:PORT` (port 25 unless given): plain, as a relay inside the office network or on
///   the same machine listens; `smtp://HOST:PORT?starttls=required` is the same as `smtp+starttls://`.
/// - `smtp+starttls://[USER@]HOST:PORT` (port 587): STARTTLS is required; a relay that does not
///   offer it gets nothing, never the message in plaintext.
/// - `smtps://[USER@]HOST:PORT` (port 465): TLS from the first byte.
///
/// A user name in the URL means AUTH (PLAIN if the relay offers it, else LOGIN) with `password`,
/// which never comes in the URL: a URL with a password is refused. AUTH goes only over TLS, or to
/// a relay on this machine (loopback). TLS verifies the relay's certificate and name against the
/// system's roots, or against `trustRoots` (a PEM file of CA certificates, e.g. a private CA)
/// instead. Headers that are not ASCII are encoded as RFC 2047 (`=?UTF-8?B?…?=`); the body is
/// UTF-8 in base64. Every reply line is bounded (4 KB) and every message has `timeout` in all.
public struct SMTPClient: Sendable {
    public enum Security: String, Sendable {
        /// No TLS.
        case plain
        /// STARTTLS after the first EHLO, required.
        case startTLS
        /// TLS from the first byte.
        case implicitTLS
    }

    public let host: String
    public let port: Int
    public let from: String
    public let security: Security
    /// The user name AUTH uses; nil: no AUTH.
    public let user: String?
    let password: String?
    /// TLS with the relay (certificate and name verified unless `verifyCertificate` was false); nil when plain.
    let tls: NIOSSLContext?
    /// The whole conversation for one message, connecting included.
    public var timeout: Duration = .seconds(60)
    /// The longest reply line accepted.
    public var lineLimit = 4096

    /// Refuses (with the reason) a URL of another form, a password in the URL, a user name without
    /// a password or a password without a user name, AUTH over a plain connection to a relay not on
    /// this machine, and a `trustRoots` file that cannot be read.
    public init(url: String, from: String, password: String? = nil, trustRoots: String? = nil, verifyCertificate: Bool = true) throws {
        guard let components = URLComponents(string: url), let scheme = components.scheme?.lowercased(),
              let host = components.host, !host.isEmpty else {
            throw Failure(description: "the SMTP URL must be smtp://HOST:PORT, smtp+starttls://[USER@]HOST:PORT or smtps://[USER@]HOST:PORT")
        }
        guard components.password == nil else {
            throw Failure(description: "the SMTP URL must not hold a password: give it to awardd as a secret, not in the URL")
        }
        guard components.path.isEmpty || components.path == "/", components.fragment == nil else {
            throw Failure(description: "the SMTP URL has no path: smtp://HOST:PORT")
        }
        var security: Security
        switch scheme {
        case "smtp": security = .plain
        case "smtp+starttls": security = .startTLS
        case "smtps": security = .implicitTLS
        default: throw Failure(description: "the SMTP URL's scheme must be smtp, smtp+starttls or smtps, not \(scheme)")
        }
        for item in components.queryItems ?? [] {
            guard scheme == "smtp", item.name == "starttls", item.value == "required" else {
                throw Failure(description: "the SMTP URL's only option is ?starttls=required (with smtp://), not \(item.name)")
            }
            security = .startTLS
        }
        let user = components.user.flatMap { $0.isEmpty ? nil : $0 }
        if user != nil && password == nil { throw Failure(description: "the SMTP URL names the user \(user!) but no SMTP password was given") }
        if user == nil && password != nil { throw Failure(description: "an SMTP password was given but the SMTP URL names no user (smtp+starttls://USER@HOST:PORT)") }
        if user != nil && security == .plain && !Self.isLoopback(host) {
            throw Failure(description: "the SMTP password would go unencrypted to \(host): use smtp+starttls:// or smtps://")
        }
        self.host = host
        self.port = components.port ?? [.plain: 25, .startTLS: 587, .implicitTLS: 465][security]!
        self.from = from
        self.security = security
        self.user = user
        self.password = password
        if security == .plain {
            tls = nil
        } else {
            var configuration = TLSConfiguration.makeClientConfiguration()
            configuration.minimumTLSVersion = .tlsv12
            if let trustRoots { configuration.trustRoots = .file(trustRoots) }
            if !verifyCertificate { configuration.certificateVerification = .none }
            do {
                tls = try NIOSSLContext(configuration: configuration)
            } catch {
                throw Failure(description: "the SMTP relay's TLS cannot be set up (trust roots \(trustRoots ?? "of the system")): \(error)")
            }
        }
    }

    /// Why a message was not sent, for the logs: the step (`AUTH PLAIN`, `STARTTLS`, `RCPT TO`…)
    /// and the relay's reply code when it answered one.
    public struct Failure: Error, CustomStringConvertible {
        public let step: String?
        public let code: Int?
        public let description: String

        init(step: String? = nil, code: Int? = nil, description: String) {
            self.step = step
            self.code = code
            self.description = description
        }
    }

    /// Sends one message: connects, (STARTTLS,) AUTH when a user is named, MAIL, RCPT, DATA, QUIT.
    public func send(to: String, subject: String, body: String) async throws {
        for address in [from, to] where address.isEmpty || address.unicodeScalars.contains(where: { $0.value <= 0x20 || $0 == "<" || $0 == ">" }) {
            throw Failure(description: "the e-mail address \(address.debugDescription) cannot be given to an SMTP relay")
        }
        try await SMTPSession.deliver(self, to: to, message: Self.message(from: from, to: to, subject: subject, body: body))
    }

    /// A host name that is this machine (AUTH may go there unencrypted).
    static func isLoopback(_ host: String) -> Bool {
        let host = host.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        return host == "localhost" || host.hasPrefix("127.") || host == "::1"
    }

    /// The message as it goes after DATA (CRLF line ends, dot-stuffed, ending with CRLF.CRLF).
    public static func message(from: String, to: String, subject: String, body: String, date: Date = Date()) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss Z"
        let encodedBody = Data(body.utf8).base64EncodedString(options: [.lineLength76Characters, .endLineWithCarriageReturn, .endLineWithLineFeed])
        let headers = [
            "From: \(header("Thi đua – Khen thưởng")) <\(from)>",
            "To: <\(to)>",
            "Subject: \(header(subject))",
            "Date: \(formatter.string(from: date))",
            "Message-ID: <\(UUID().uuidString.lowercased())@award-engine>",
            "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=utf-8",
            "Content-Transfer-Encoding: base64",
        ]
        return headers.joined(separator: "\r\n") + "\r\n\r\n" + encodedBody + "\r\n.\r\n"
    }

    /// A header value: as it is when ASCII, else RFC 2047 encoded-words of whole characters.
    static func header(_ text: String) -> String {
        guard !text.allSatisfy(\.isASCII) else { return text }
        var words: [String] = []
        var chunk = ""
        for character in text {
            if (chunk + String(character)).utf8.count > 45 {
                words.append(chunk)
                chunk = ""
            }
            chunk.append(character)
        }
        if !chunk.isEmpty { words.append(chunk) }
        return words.map { "=?UTF-8?B?" + Data($0.utf8).base64EncodedString() + "?=" }.joined(separator: "\r\n ")
    }
}

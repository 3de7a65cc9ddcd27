import AwardOutbox
import AwardTestSupport
import Foundation
import Synchronization
import Testing

/// The SMTP client against real relays (aiosmtpd, Tests/Fixtures/smtp-relay.py, started here):
/// STARTTLS and AUTH required, implicit TLS, a relay without STARTTLS, a relay whose certificate
/// another CA signed, relays that misbehave. No database.
@Suite(.serialized) struct SMTPTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let from = "tdkt@laocai.gov.vn"
    static let to = "minh@hoanglien.laocai.gov.vn"

    /// Two CAs made with openssl, each with a server certificate for localhost and 127.0.0.1: the
    /// client trusts `trusted-ca.pem`; `rogue-server.pem` is signed by a CA it does not know.
    static let certificates: Result<URL, any Error> = Result {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("award-smtp-pki-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let script = """
            set -e
            for name in trusted rogue; do
              openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -keyout $name-ca.key -out $name-ca.pem -days 2 \
                -subj "/CN=Award test CA $name" -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign"
              openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -keyout $name-server.key -out $name-server.csr -subj "/CN=localhost"
              printf 'subjectAltName=DNS:localhost,IP:127.0.0.1\\nbasicConstraints=CA:FALSE\\nkeyUsage=critical,digitalSignature\\nextendedKeyUsage=serverAuth\\n' > $name.ext
              openssl x509 -req -in $name-server.csr -CA $name-ca.pem -CAkey $name-ca.key -CAcreateserial -out $name-server.pem -days 2 -extfile $name.ext
            done
            """
        let openssl = Process()
        openssl.executableURL = URL(fileURLWithPath: "/bin/sh")
        openssl.arguments = ["-c", script]
        openssl.currentDirectoryURL = folder
        openssl.standardOutput = FileHandle.nullDevice
        openssl.standardError = FileHandle.nullDevice
        try openssl.run()
        guard reap(openssl) == 0 else { throw RelayError(description: "openssl could not make the test certificates") }
        return folder
    }

    struct RelayError: Error, CustomStringConvertible { let description: String }

    /// A relay run by Tests/Fixtures/smtp-relay.py; it stops when `stop()` closes its standard input.
    final class Relay {
        let folder: URL
        let port: Int
        let process: Process
        let input: Pipe

        /// Starts the relay with these options (`--tls starttls`…); throws, failing the test, if it does not start.
        init(_ options: [String], certificate: String = "trusted") async throws {
            let pki = try SMTPTests.certificates.get()
            folder = FileManager.default.temporaryDirectory.appendingPathComponent("award-smtp-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["python3", SMTPTests.repository.appendingPathComponent("Tests/Fixtures/smtp-relay.py").path, folder.path,
                                 "--cert", pki.appendingPathComponent("\(certificate)-server.pem").path,
                                 "--key", pki.appendingPathComponent("\(certificate)-server.key").path] + options
            input = Pipe()
            process.standardInput = input
            process.standardOutput = FileHandle.nullDevice
            let log = folder.appendingPathComponent("relay.log")
            _ = FileManager.default.createFile(atPath: log.path, contents: nil)
            let logHandle = try FileHandle(forWritingTo: log)
            defer { try? logHandle.close() }
            process.standardError = logHandle
            try process.run()
            var port: Int?
            for _ in 0..<150 where port == nil && process.isRunning {
                try await Task.sleep(for: .milliseconds(100))
                port = (try? String(contentsOf: folder.appendingPathComponent("port"), encoding: .utf8)).flatMap { Int($0) }
            }
            guard let port else {
                let said = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
                try? input.fileHandleForWriting.close()
                throw RelayError(description: "the test SMTP relay did not start (aiosmtpd from PyPI must be installed: scripts/test installs it): \(said)")
            }
            self.port = port
        }

        /// The messages received, as the relay stored them.
        func messages() throws -> [[String: Any]] {
            try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasPrefix("message-") && $0.hasSuffix(".json") }.sorted().map {
                try JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent($0))) as? [String: Any] ?? [:]
            }
        }

        /// Closes its input and, since another child started meanwhile (a browser, another relay) may
        /// hold a copy of that pipe and keep it from seeing the end, also sends SIGTERM; reaped with
        /// waitpid (Foundation's waitUntilExit can wait forever on Linux).
        func stop() {
            try? input.fileHandleForWriting.close()
            // (reaped below, off the cooperative threads' way: a few milliseconds)
            if process.isRunning { process.terminate() }
            reap(process, killAfter: 5)
            try? FileManager.default.removeItem(at: folder)
        }
    }

    /// Runs `body` with a relay, stopping it whatever happens.
    static func with(_ options: [String], certificate: String = "trusted", _ body: (Relay) async throws -> Void) async throws {
        let relay = try await Relay(options, certificate: certificate)
        defer { relay.stop() }
        try await body(relay)
    }

    static var trustedCA: String { get throws { try certificates.get().appendingPathComponent("trusted-ca.pem").path } }

    /// What `send` failed with.
    static func failure(_ send: () async throws -> Void) async -> SMTPClient.Failure? {
        for attempt in 1...3 {
            do {
                try await send()
                return nil
            } catch let failure as SMTPClient.Failure {
                // A deadline that expired while the test process was starved says nothing: again.
                if failure.description.contains("gave up:"), attempt < 3 { continue }
                return failure
            } catch {
                return nil
            }
        }
        return nil
    }

    /// Sends, trying again (three times at most) only when the deadline expired: a full test run
    /// can keep the process's few cooperative threads busy for a minute, and the relay's own TLS
    /// handshake gives up after sixty seconds.
    static func deliver(_ send: () async throws -> Void) async throws {
        for attempt in 1...3 {
            do {
                try await send()
                return
            } catch where attempt < 3 && starved(error) {
                continue
            }
        }
    }

    /// Whether a send failed only because the process was starved: our deadline expired, or the
    /// relay closed a connection whose TLS handshake it had waited a minute for.
    static func starved(_ error: any Error) -> Bool {
        if let failure = error as? SMTPClient.Failure { return failure.description.contains("gave up:") }
        let text = "\(error) \(String(reflecting: error))"
        return text.contains("closed channel") || text.contains("ioOnClosedChannel")
    }

    /// The stored message: from the client, over TLS, authenticated with `mechanism`, with the
    /// subject and the body as sent.
    static func expectDelivered(_ relay: Relay, mechanism: String?, subject: String, body: String) throws {
        let messages = try relay.messages()
        try #require(messages.count == 1)
        let message = messages[0]
        #expect(message["mail_from"] as? String == from && message["rcpt_tos"] as? [String] == [to])
        #expect(message["tls"] as? Bool == true)
        #expect(message["auth"] as? String == mechanism)
        let content = try #require(message["content"] as? String).replacingOccurrences(of: "\r\n", with: "\n")
        let parts = content.components(separatedBy: "\n\n")
        let headers = parts[0].replacingOccurrences(of: "\n ", with: " ").split(separator: "\n")
        let subjectHeader = try #require(headers.first { $0.hasPrefix("Subject: ") })
        let decoded = subjectHeader.dropFirst(9).split(separator: " ").map { word -> String in
            let inner = word.replacingOccurrences(of: "=?UTF-8?B?", with: "").replacingOccurrences(of: "?=", with: "")
            return String(decoding: Data(base64Encoded: inner) ?? Data(), as: UTF8.self)
        }.joined()
        #expect(decoded == subject)
        #expect(headers.contains("To: <\(to)>"))
        let base64 = parts.dropFirst().joined().replacingOccurrences(of: "\n", with: "")
        #expect(String(decoding: Data(base64Encoded: base64) ?? Data(), as: UTF8.self) == body)
    }

    @Test(arguments: ["PLAIN", "LOGIN"])
    func aRelayRequiringSTARTTLSAndAUTHReceivesTheMessage(mechanism: String) async throws {
        let other = mechanism == "PLAIN" ? "LOGIN" : "PLAIN"
        try await Self.with(["--tls", "starttls", "--user", "tdkt", "--password", "mật khẩu 1", "--exclude-auth", other]) { relay in
            let client = try SMTPClient(url: "smtp+starttls://tdkt@localhost:\(relay.port)", from: Self.from, password: "mật khẩu 1",
                                        trustRoots: try Self.trustedCA).patient()
            #expect(client.security == .startTLS && client.user == "tdkt")
            try await Self.deliver { try await client.send(to: Self.to, subject: "Hồ sơ số 7 được trình", body: "Kính gửi minh,\nhồ sơ của Đặng Thị Thư.") }
            try Self.expectDelivered(relay, mechanism: mechanism, subject: "Hồ sơ số 7 được trình", body: "Kính gửi minh,\nhồ sơ của Đặng Thị Thư.")
        }
    }

    @Test func implicitTLSWithAUTHDeliversToo() async throws {
        try await Self.with(["--tls", "smtps", "--user", "tdkt", "--password", "s3cret"]) { relay in
            let client = try SMTPClient(url: "smtps://tdkt@localhost:\(relay.port)", from: Self.from, password: "s3cret", trustRoots: try Self.trustedCA).patient()
            try await Self.deliver { try await client.send(to: Self.to, subject: "Tổng hợp ngày", body: "Nội dung") }
            try Self.expectDelivered(relay, mechanism: "PLAIN", subject: "Tổng hợp ngày", body: "Nội dung")
        }
    }

    @Test func aWrongPasswordFailsAtAUTHWith535() async throws {
        try await Self.with(["--tls", "starttls", "--user", "tdkt", "--password", "right"]) { relay in
            let client = try SMTPClient(url: "smtp+starttls://tdkt@localhost:\(relay.port)", from: Self.from, password: "wrong", trustRoots: try Self.trustedCA).patient()
            let failure = try #require(await Self.failure { try await client.send(to: Self.to, subject: "x", body: "y") })
            #expect(failure.step?.hasPrefix("AUTH") == true && failure.code == 535, "\(failure)")
            #expect(failure.description.contains("AUTH") && failure.description.contains("535") && !failure.description.contains("wrong"))
            #expect(try relay.messages().isEmpty)
        }
    }

    @Test func requiredSTARTTLSIsNeverDroppedForPlaintext() async throws {
        try await Self.with([]) { relay in
            for url in ["smtp+starttls://localhost:\(relay.port)", "smtp://localhost:\(relay.port)?starttls=required"] {
                let client = try SMTPClient(url: url, from: Self.from, trustRoots: try Self.trustedCA).patient()
                let failure = try #require(await Self.failure { try await client.send(to: Self.to, subject: "x", body: "y") })
                #expect(failure.step == "STARTTLS" && failure.description.contains("does not offer STARTTLS"), "\(failure)")
            }
            #expect(try relay.messages().isEmpty, "nothing was sent in plaintext")
        }
    }

    @Test func aCertificateAnotherCASignedIsRefused() async throws {
        for (scheme, tls) in [("smtp+starttls", "starttls"), ("smtps", "smtps")] {
            try await Self.with(["--tls", tls, "--user", "tdkt", "--password", "s3cret"], certificate: "rogue") { relay in
                let client = try SMTPClient(url: "\(scheme)://tdkt@localhost:\(relay.port)", from: Self.from, password: "s3cret", trustRoots: try Self.trustedCA).patient()
                let failure = try #require(await Self.failure { try await client.send(to: Self.to, subject: "x", body: "y") })
                #expect(failure.step == "TLS" && failure.description.contains("CERTIFICATE_VERIFY_FAILED"), "\(failure)")
                #expect(try relay.messages().isEmpty)
            }
        }
    }

    @Test func aPlainRelayStillReceives() async throws {
        try await Self.with([]) { relay in
            try await Self.deliver { try await SMTPClient(url: "smtp://127.0.0.1:\(relay.port)", from: Self.from).patient().send(to: Self.to, subject: "Thử", body: "Xin chào") }
            let messages = try relay.messages()
            #expect(messages.count == 1 && messages.first?["tls"] as? Bool == false)
        }
        // A relay on this machine may take AUTH without TLS.
        try await Self.with(["--user", "tdkt", "--password", "s3cret"]) { relay in
            try await Self.deliver { try await SMTPClient(url: "smtp://tdkt@127.0.0.1:\(relay.port)", from: Self.from, password: "s3cret").patient().send(to: Self.to, subject: "Thử", body: "Xin chào") }
            let messages = try relay.messages()
            #expect(messages.count == 1 && messages.first?["tls"] as? Bool == false && messages.first?["auth"] as? String == "PLAIN")
        }
    }

    @Test func aPasswordNeverComesInTheURLNorGoesUnencrypted() throws {
        func refusal(_ url: String, password: String? = nil) -> String {
            do {
                _ = try SMTPClient(url: url, from: Self.from, password: password)
                return ""
            } catch {
                return "\(error)"
            }
        }
        #expect(refusal("smtp+starttls://tdkt:s3cret@mail.example.vn:587").contains("must not hold a password"))
        #expect(refusal("smtp://tdkt@mail.example.vn:25", password: "s3cret").contains("unencrypted"))
        #expect(refusal("smtp+starttls://tdkt@mail.example.vn:587").contains("no SMTP password"))
        #expect(refusal("smtp+starttls://mail.example.vn:587", password: "s3cret").contains("names no user"))
        #expect(refusal("http://mail.example.vn").contains("scheme"))
        #expect(refusal("smtp://mail.example.vn?starttls=maybe").contains("starttls=required"))
        #expect(refusal("smtps://mail.example.vn", password: nil) == "")
        #expect(try SMTPClient(url: "smtps://mail.example.vn", from: Self.from).port == 465)
        #expect(try SMTPClient(url: "smtp+starttls://mail.example.vn", from: Self.from).port == 587)
        #expect(try SMTPClient(url: "smtp://mail.example.vn", from: Self.from).security == .plain)
        // A relay on this machine may take AUTH without TLS.
        #expect(refusal("smtp://tdkt@127.0.0.1:2525", password: "s3cret") == "")
    }

    @Test(arguments: ["longline", "silent", "inject"])
    func aHostileRelayNeitherHangsNorBloatsTheClient(kind: String) async throws {
        try await Self.with(["--hostile", kind]) { relay in
            var client = try SMTPClient(url: "smtp+starttls://localhost:\(relay.port)", from: Self.from, trustRoots: try Self.trustedCA)
            // The silent relay shows the deadline; the others are caught by what they send, the
            // deadline only a guard.
            client.timeout = kind == "silent" ? .seconds(2) : .seconds(90)
            let failure = try #require(await Self.failure { try await client.send(to: Self.to, subject: "x", body: "y") })
            switch kind {
            case "longline": #expect(failure.description.contains("longer than 4096"), "\(failure)")
            case "silent": #expect(failure.description.contains("within 2 s"), "\(failure)")
            default: #expect(failure.description.contains("no command asked for"), "\(failure)")
            }
        }
    }
}

extension SMTPClient {
    /// The client with a deadline far beyond what a delivery takes: a full test run can keep the
    /// test process's cooperative threads busy for a minute (LibreOffice, chromium, daemons), and a
    /// deadline that expires then says nothing about the relay. The deadline itself is tested by the
    /// silent relay, with 2 seconds.
    func patient() -> SMTPClient {
        var client = self
        client.timeout = .seconds(90)
        return client
    }
}

import Foundation
import NIOCore
import NIOPosix
import NIOSSL

/// One conversation with the relay for one message: greeting, EHLO, STARTTLS and EHLO again when
/// required, AUTH when a user is named, MAIL FROM, RCPT TO, DATA, QUIT. The channel is closed at
/// the client's deadline whatever the relay does; a failure names its step and the relay's reply.
struct SMTPSession {
    let client: SMTPClient
    let channel: any Channel
    var replies: NIOAsyncChannelInboundStream<SMTPReply>.AsyncIterator
    let writer: NIOAsyncChannelOutboundWriter<ByteBuffer>
    var encrypted: Bool

    static func deliver(_ client: SMTPClient, to: String, message: String) async throws {
        let deadline = NIODeadline.now() + TimeAmount(client.timeout)
        let relay = "\(client.host):\(client.port)"
        let connection: NIOAsyncChannel<SMTPReply, ByteBuffer>
        do {
            connection = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                .connectTimeout(TimeAmount(client.timeout))
                .connect(host: client.host, port: client.port) { channel in
                    channel.eventLoop.makeCompletedFuture {
                        if client.security == .implicitTLS { try channel.pipeline.syncOperations.addHandler(client.tlsHandler()) }
                        try channel.pipeline.syncOperations.addHandler(SMTPReplyDecoder(lineLimit: client.lineLimit))
                        return try NIOAsyncChannel<SMTPReply, ByteBuffer>(wrappingChannelSynchronously: channel)
                    }
                }
        } catch {
            throw SMTPClient.Failure(step: "connect", description: "SMTP connect to \(relay) failed: \(error)")
        }
        let channel = connection.channel
        let timer = channel.eventLoop.scheduleTask(deadline: deadline) { channel.close(promise: nil) }
        defer { timer.cancel() }
        do {
            try await connection.executeThenClose { inbound, outbound in
                var session = SMTPSession(client: client, channel: channel, replies: inbound.makeAsyncIterator(), writer: outbound,
                                          encrypted: client.security == .implicitTLS)
                try await session.converse(to: to, message: message)
            }
        } catch {
            guard NIODeadline.now() < deadline else {
                throw SMTPClient.Failure(description: "SMTP to \(relay) gave up: no answer within \(client.timeout.components.seconds) s (\(error))")
            }
            throw error
        }
    }

    mutating func converse(to: String, message: String) async throws {
        try await expect(220, step: "greeting")
        var capabilities = try await hello()
        if client.security == .startTLS {
            guard capabilities["STARTTLS"] != nil else {
                throw failure("STARTTLS", "the relay does not offer STARTTLS; nothing was sent")
            }
            try await command("STARTTLS", expect: 220)
            let client = client
            try await channel.eventLoop.submit { [channel] in
                try channel.pipeline.syncOperations.addHandler(client.tlsHandler(), position: .first)
            }.get()
            encrypted = true
            capabilities = try await hello()
        }
        if let user = client.user, let password = client.password {
            try await authenticate(user: user, password: password, offered: capabilities["AUTH"] ?? [])
        }
        try await command("MAIL FROM:<\(client.from)>", step: "MAIL FROM", expect: 250)
        try await command("RCPT TO:<\(to)>", step: "RCPT TO", expect: 250...251)
        try await command("DATA", expect: 354)
        try await command(message, step: "DATA (the message)", expect: 250, addingNewline: false)
        _ = try? await command("QUIT", expect: 221)
    }

    /// EHLO; the extensions the relay offers, by keyword, with their parameters.
    mutating func hello() async throws -> [String: [String]] {
        let reply = try await command("EHLO award-engine", step: encrypted && client.security == .startTLS ? "EHLO (after STARTTLS)" : "EHLO", expect: 250)
        var capabilities: [String: [String]] = [:]
        for line in reply.lines.dropFirst() {
            let words = line.uppercased().split(separator: " ").map(String.init)
            if let keyword = words.first { capabilities[keyword] = Array(words.dropFirst()) }
        }
        return capabilities
    }

    /// AUTH PLAIN if offered, else AUTH LOGIN; only over TLS or to a relay on this machine.
    mutating func authenticate(user: String, password: String, offered: [String]) async throws {
        let remote = channel.remoteAddress?.ipAddress ?? ""
        guard encrypted || remote.hasPrefix("127.") || remote == "::1" || remote.hasPrefix("::ffff:127.") else {
            throw failure("AUTH", "refused to send the password unencrypted to \(remote) (not this machine): use smtp+starttls:// or smtps://")
        }
        func base64(_ text: String) -> String { Data(text.utf8).base64EncodedString() }
        if offered.contains("PLAIN") {
            try await command("AUTH PLAIN " + base64("\0\(user)\0\(password)"), step: "AUTH PLAIN", expect: 235)
        } else if offered.contains("LOGIN") {
            try await command("AUTH LOGIN", expect: 334)
            try await command(base64(user), step: "AUTH LOGIN (user name)", expect: 334)
            try await command(base64(password), step: "AUTH LOGIN (password)", expect: 235)
        } else {
            throw failure("AUTH", offered.isEmpty ? "the relay offers no AUTH" : "the relay offers neither PLAIN nor LOGIN (only \(offered.joined(separator: " ")))")
        }
    }

    @discardableResult
    mutating func command(_ text: String, step: String? = nil, expect codes: ClosedRange<Int>, addingNewline: Bool = true) async throws -> SMTPReply {
        let step = step ?? text
        do {
            try await writer.write(ByteBuffer(string: addingNewline ? text + "\r\n" : text))
        } catch {
            // The channel closed under the write: what the replies end with says why (a refused certificate…).
            _ = try await expect(codes, step: step)
            throw failure(step, "cannot write to the relay: \(error)")
        }
        return try await expect(codes, step: step)
    }

    @discardableResult
    mutating func command(_ text: String, step: String? = nil, expect code: Int, addingNewline: Bool = true) async throws -> SMTPReply {
        try await command(text, step: step, expect: code...code, addingNewline: addingNewline)
    }

    @discardableResult
    mutating func expect(_ code: Int, step: String) async throws -> SMTPReply {
        try await expect(code...code, step: step)
    }

    /// The next reply, which must have one of `codes`.
    mutating func expect(_ codes: ClosedRange<Int>, step: String) async throws -> SMTPReply {
        let next: SMTPReply?
        do {
            next = try await replies.next()
        } catch {
            // A TLS failure surfaces at the first reply read after the handshake began.
            let tls = error is NIOSSLError || error is NIOSSLExtraError || error is BoringSSLError
            throw failure(tls ? "TLS" : step, tls ? "\(error) (the relay's certificate or TLS was refused)" : "\(error)")
        }
        guard let reply = next else { throw failure(step, "the relay closed the connection") }
        guard codes.contains(reply.code) else {
            throw SMTPClient.Failure(step: step, code: reply.code,
                                     description: "SMTP \(step) to \(client.host):\(client.port) failed: the relay answered \(reply.summary)")
        }
        return reply
    }

    func failure(_ step: String, _ reason: String) -> SMTPClient.Failure {
        SMTPClient.Failure(step: step, description: "SMTP \(step) to \(client.host):\(client.port) failed: \(reason)")
    }
}

extension SMTPClient {
    /// A TLS handler for the relay: SNI with its name (not for an IP address), certificate checked
    /// against that name (or the address connected to).
    func tlsHandler() throws -> NIOSSLClientHandler {
        guard let tls else { throw Failure(description: "TLS is not configured for the SMTP relay") }
        let isAddress = (try? SocketAddress(ipAddress: host.trimmingCharacters(in: CharacterSet(charactersIn: "[]")), port: 0)) != nil
        return try NIOSSLClientHandler(context: tls, serverHostname: isAddress ? nil : host)
    }
}

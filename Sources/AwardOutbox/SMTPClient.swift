import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Sends one message to an SMTP relay (`smtp://HOST:PORT`, plain, as a relay inside the office
/// network or on the same machine listens): EHLO, MAIL FROM, RCPT TO, DATA, QUIT. Headers that
/// are not ASCII are encoded as RFC 2047 (`=?UTF-8?B?…?=`); the body is UTF-8 in base64.
public struct SMTPClient: Sendable {
    public let host: String
    public let port: UInt16
    public let from: String

    public init?(url: String, from: String) {
        guard let components = URLComponents(string: url), components.scheme == "smtp", let host = components.host, !host.isEmpty else { return nil }
        self.host = host
        self.port = UInt16(components.port ?? 25)
        self.from = from
    }

    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    /// Sends on a thread of its own (the socket calls block).
    public func send(to: String, subject: String, body: String) async throws {
        let message = Self.message(from: from, to: to, subject: subject, body: body)
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            Thread.detachNewThread {
                do {
                    try self.converse(to: to, message: message)
                    continuation.resume()
                } catch {
                    continuation.resume(throwing: error)
                }
            }
        }
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

    func converse(to: String, message: String) throws {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var result: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(host, String(port), &hints, &result) == 0, let first = result else {
            throw Failure(description: "cannot resolve the SMTP relay \(host)")
        }
        defer { freeaddrinfo(result) }
        let socket = Glibc.socket(first.pointee.ai_family, first.pointee.ai_socktype, first.pointee.ai_protocol)
        guard socket >= 0 else { throw Failure(description: "cannot open a socket") }
        defer { close(socket) }
        var timeout = timeval(tv_sec: 20, tv_usec: 0)
        setsockopt(socket, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(socket, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        guard connect(socket, first.pointee.ai_addr, first.pointee.ai_addrlen) == 0 else {
            throw Failure(description: "the SMTP relay \(host):\(port) refused the connection")
        }
        var buffer = [UInt8]()
        func reply() throws -> Int {
            // A reply is lines "NNN-…" ending with "NNN …".
            while true {
                if let end = buffer.firstIndex(of: 0x0A) {
                    let line = String(decoding: buffer[..<end], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
                    buffer.removeSubrange(...end)
                    if line.count >= 4, Array(line)[3] == "-" { continue }
                    guard let code = Int(line.prefix(3)) else { throw Failure(description: "the SMTP relay answered: \(line.prefix(100))") }
                    return code
                }
                var chunk = [UInt8](repeating: 0, count: 4096)
                let count = recv(socket, &chunk, chunk.count, 0)
                guard count > 0 else { throw Failure(description: "the SMTP relay closed the connection") }
                buffer.append(contentsOf: chunk[..<count])
            }
        }
        func say(_ line: String, expect codes: ClosedRange<Int>) throws {
            let bytes = Array(line.utf8)
            var sent = 0
            while sent < bytes.count {
                let count = bytes[sent...].withUnsafeBufferPointer { Glibc.send(socket, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
                guard count > 0 else { throw Failure(description: "cannot write to the SMTP relay") }
                sent += count
            }
            let code = try reply()
            guard codes.contains(code) else { throw Failure(description: "the SMTP relay answered \(code) to \(line.prefix(20).trimmingCharacters(in: .newlines))") }
        }
        guard try reply() == 220 else { throw Failure(description: "the SMTP relay did not greet") }
        try say("EHLO award-engine\r\n", expect: 250...250)
        try say("MAIL FROM:<\(from)>\r\n", expect: 250...250)
        try say("RCPT TO:<\(to)>\r\n", expect: 250...251)
        try say("DATA\r\n", expect: 354...354)
        try say(message, expect: 250...250)
        try? say("QUIT\r\n", expect: 221...221)
    }
}

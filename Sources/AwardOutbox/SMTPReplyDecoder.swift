import NIOCore

/// One reply of an SMTP relay: its code and the text of its lines (without the code).
struct SMTPReply: Sendable {
    let code: Int
    let lines: [String]

    /// The reply as a log shows it: the code and the first line, at most 200 characters, printable only.
    var summary: String {
        let text = "\(code) \(lines.first ?? "")".unicodeScalars.map { $0.value >= 0x20 && $0.value < 0x7F ? Character($0) : "?" }
        return String(text.prefix(200))
    }
}

/// Cuts what the relay sends into replies, bounded so a hostile relay cannot bloat awardd: a line
/// is at most `lineLimit` bytes, a reply at most `maxLines` lines. The client never pipelines, so
/// the relay speaks only when a command (or the greeting) is awaited: bytes that come after a
/// complete reply, before the next command, are refused (after STARTTLS's 220 they would be
/// plaintext read as if it came through TLS).
final class SMTPReplyDecoder: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = SMTPReply
    typealias OutboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    let lineLimit: Int
    let maxLines: Int
    private var pending: ByteBuffer?
    private var lines: [String] = []
    /// The greeting is awaited first; then a reply after each write.
    private var awaiting = true
    private var failed = false

    init(lineLimit: Int = 4096, maxLines: Int = 100) {
        self.lineLimit = lineLimit
        self.maxLines = maxLines
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        awaiting = true
        context.write(data, promise: promise)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard !failed else { return }
        var bytes = unwrapInboundIn(data)
        guard awaiting else { return fail(context, "the SMTP relay sent text no command asked for") }
        if pending == nil { pending = bytes } else { pending!.writeBuffer(&bytes) }
        while let view = pending?.readableBytesView, let newline = view.firstIndex(of: UInt8(ascii: "\n")) {
            let length = newline - view.startIndex + 1
            guard length <= lineLimit else { return fail(context, "the SMTP relay sent a line longer than \(lineLimit) bytes") }
            var utf8 = pending!.readBytes(length: length) ?? []
            while utf8.last == UInt8(ascii: "\n") || utf8.last == UInt8(ascii: "\r") { utf8.removeLast() }
            guard utf8.count >= 3, let code = Int(String(decoding: utf8[0..<3], as: UTF8.self)), (200...599).contains(code),
                  utf8.count == 3 || utf8[3] == UInt8(ascii: " ") || utf8[3] == UInt8(ascii: "-") else {
                return fail(context, "the SMTP relay answered with something that is not a reply: \(SMTPReply(code: 0, lines: [String(decoding: utf8, as: UTF8.self)]).summary.dropFirst(2))")
            }
            lines.append(utf8.count > 4 ? String(decoding: utf8[4...], as: UTF8.self) : "")
            guard lines.count <= maxLines else { return fail(context, "the SMTP relay sent a reply of more than \(maxLines) lines") }
            if utf8.count > 3 && utf8[3] == UInt8(ascii: "-") { continue }
            guard pending!.readableBytes == 0 else { return fail(context, "the SMTP relay sent text no command asked for") }
            let reply = SMTPReply(code: code, lines: lines)
            lines = []
            pending = nil
            awaiting = false
            context.fireChannelRead(wrapInboundOut(reply))
            return
        }
        if let pending, pending.readableBytes > lineLimit { return fail(context, "the SMTP relay sent a line longer than \(lineLimit) bytes") }
        pending?.discardReadBytes()
    }

    private func fail(_ context: ChannelHandlerContext, _ description: String) {
        failed = true
        pending = nil
        context.fireErrorCaught(SMTPClient.Failure(description: description))
        context.close(promise: nil)
    }
}

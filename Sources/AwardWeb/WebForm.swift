import Foundation
import AwardHTTP
import Hummingbird
import MultipartKit

/// A submitted form: `application/x-www-form-urlencoded` fields, or `multipart/form-data` fields
/// and files (parsed by multipart-kit as the body arrives). Values are NFC-normalized by the
/// engine, not here.
///
/// Reading is bounded: a body larger than the limit stops being read where it crosses it, and the
/// form keeps the fields that came before (``truncated``), so that the page can answer 413 and show
/// the form again with what was typed.
struct WebForm: Sendable {
    struct File: Sendable {
        var name: String
        var content: [UInt8]
    }

    var fields: [String: String] = [:]
    var files: [String: File] = [:]
    /// The body was larger than allowed: reading stopped there, the fields before it are kept.
    var truncated = false

    /// Limits of a form's parts.
    static let maxFieldBytes = 64 * 1024
    static let maxParts = 500
    static let maxURLEncodedBytes = 256 * 1024

    subscript(_ name: String) -> String? {
        fields[name].flatMap { $0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ? nil : $0 }
    }

    init(fields: [String: String] = [:], files: [String: File] = [:], truncated: Bool = false) {
        self.fields = fields
        self.files = files
        self.truncated = truncated
    }

    /// Reads the request's form, `limit` bytes at most (multipart; a URL-encoded form has its own,
    /// smaller limit).
    static func read(_ request: Request, limit: Int) async throws -> WebForm {
        let type = request.headers[.contentType] ?? ""
        if type.lowercased().hasPrefix("multipart/form-data") {
            guard let boundary = boundary(type) else { return WebForm() }
            return try await multipart(request.body, boundary: boundary, limit: limit)
        }
        var request = request
        do {
            let body = try await request.collectBody(upTo: maxURLEncodedBytes)
            return WebForm(fields: FormURLEncoded.decode(String(decoding: Array(buffer: body), as: UTF8.self)))
        } catch let error as HTTPError where error.status == .contentTooLarge {
            return WebForm(truncated: true)
        }
    }

    /// The boundary of a `multipart/form-data` type, as Hummingbird's media-type parser reads it.
    static func boundary(_ contentType: String) -> String? {
        guard let type = MediaType(from: contentType), let parameter = type.parameter, parameter.name.lowercased() == "boundary",
              (1...200).contains(parameter.value.count) else { return nil }
        return parameter.value
    }

    /// Parses a multipart body as it streams in.
    static func multipart(_ body: RequestBody, boundary: String, limit: Int) async throws -> WebForm {
        let collector = PartCollector()
        let parser = MultipartParser(boundary: boundary)
        parser.onHeader = { name, value in collector.header(name, value) }
        parser.onBody = { buffer in collector.body(&buffer) }
        parser.onPartComplete = { collector.complete() }
        var seen = 0
        for try await chunk in body {
            seen += chunk.readableBytes
            if seen > limit || collector.parts > maxParts || collector.oversizedField {
                collector.form.truncated = true
                break
            }
            do { try parser.execute(chunk) } catch { break }
        }
        return collector.form
    }

    /// What the parser's callbacks build: the part being read and the form so far.
    final class PartCollector {
        var form = WebForm()
        var parts = 0
        var oversizedField = false
        private var disposition = ""
        private var content: [UInt8] = []

        func header(_ name: String, _ value: String) {
            if name.lowercased() == "content-disposition" { disposition = value }
        }

        func body(_ buffer: inout ByteBuffer) {
            content.append(contentsOf: buffer.readableBytesView)
            buffer.moveReaderIndex(forwardBy: buffer.readableBytes)
            if WebForm.parameter("filename", in: Substring(disposition)) == nil, content.count > WebForm.maxFieldBytes { oversizedField = true }
        }

        func complete() {
            defer { disposition = ""; content = []; parts += 1 }
            guard let name = WebForm.parameter("name", in: Substring(disposition)) else { return }
            if let filename = WebForm.parameter("filename", in: Substring(disposition)) {
                if !filename.isEmpty { form.files[name] = File(name: filename, content: content) }
            } else if form.fields[name] == nil {
                form.fields[name] = String(decoding: content, as: UTF8.self)
            }
        }
    }

    static func parameter(_ key: String, in header: Substring) -> String? {
        for piece in header.split(separator: ";").dropFirst() {
            let pair = piece.trimmingCharacters(in: .whitespaces).split(separator: "=", maxSplits: 1)
            if pair.count == 2, pair[0].lowercased() == key {
                return String(pair[1]).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
            }
        }
        return nil
    }
}

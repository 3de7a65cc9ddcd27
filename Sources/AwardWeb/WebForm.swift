import Foundation

/// A submitted form: `application/x-www-form-urlencoded` fields, or `multipart/form-data` fields
/// and files. Values are NFC-normalized by the engine, not here.
struct WebForm: Sendable {
    struct File: Sendable {
        var name: String
        var content: [UInt8]
    }

    var fields: [String: String] = [:]
    var files: [String: File] = [:]

    subscript(_ name: String) -> String? {
        fields[name].flatMap { $0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ? nil : $0 }
    }

    /// Parses a body by its content type; anything else is an empty form.
    init(body: [UInt8], contentType: String?) {
        let type = contentType?.lowercased() ?? ""
        if type.hasPrefix("multipart/form-data"), let boundary = Self.boundary(contentType ?? "") {
            parseMultipart(body, boundary: boundary)
        } else {
            fields = Self.urlEncoded(String(decoding: body, as: UTF8.self))
        }
    }

    /// `a=1&b=x+y` → `["a": "1", "b": "x y"]` (the first value of a repeated name wins).
    static func urlEncoded(_ text: String) -> [String: String] {
        var fields: [String: String] = [:]
        for pair in text.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ part: Substring) -> String {
                String(part).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? ""
            }
            let name = decode(parts[0])
            if fields[name] == nil { fields[name] = parts.count > 1 ? decode(parts[1]) : "" }
        }
        return fields
    }

    static func boundary(_ contentType: String) -> String? {
        for parameter in contentType.split(separator: ";").dropFirst() {
            let pair = parameter.trimmingCharacters(in: .whitespaces).split(separator: "=", maxSplits: 1)
            if pair.count == 2, pair[0].lowercased() == "boundary" {
                let value = pair[1].trimmingCharacters(in: CharacterSet(charactersIn: "\""))
                return (1...200).contains(value.count) ? value : nil
            }
        }
        return nil
    }

    /// Splits the body at `--boundary` lines; each part has headers, a blank line, and content.
    mutating func parseMultipart(_ body: [UInt8], boundary: String) {
        let delimiter = Array("--\(boundary)".utf8)
        var starts: [Int] = []
        var i = 0
        while let found = Self.find(delimiter, in: body, from: i) {
            starts.append(found)
            i = found + delimiter.count
        }
        for (index, start) in starts.enumerated() where index + 1 < starts.count {
            var partStart = start + delimiter.count
            // Skip the CRLF after the delimiter; the part ends before the CRLF of the next one.
            if partStart + 1 < body.count, body[partStart] == 13, body[partStart + 1] == 10 { partStart += 2 }
            var partEnd = starts[index + 1]
            if partEnd >= 2, body[partEnd - 2] == 13, body[partEnd - 1] == 10 { partEnd -= 2 }
            guard partStart < partEnd, let headerEnd = Self.find([13, 10, 13, 10], in: body, from: partStart), headerEnd < partEnd else { continue }
            let headers = String(decoding: body[partStart..<headerEnd], as: UTF8.self)
            let content = Array(body[(headerEnd + 4)..<partEnd])
            guard let disposition = headers.split(separator: "\r\n").first(where: { $0.lowercased().hasPrefix("content-disposition:") }) else { continue }
            let name = Self.parameter("name", in: disposition)
            guard let name else { continue }
            if let filename = Self.parameter("filename", in: disposition) {
                if !filename.isEmpty { files[name] = File(name: filename, content: content) }
            } else if fields[name] == nil {
                fields[name] = String(decoding: content, as: UTF8.self)
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

    static func find(_ needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
        guard !needle.isEmpty, haystack.count >= needle.count, start <= haystack.count - needle.count else { return nil }
        var i = start
        let last = haystack.count - needle.count
        while i <= last {
            if haystack[i] == needle[0] && haystack[i..<(i + needle.count)].elementsEqual(needle) { return i }
            i += 1
        }
        return nil
    }
}

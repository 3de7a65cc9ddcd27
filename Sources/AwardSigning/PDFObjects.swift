import Foundation

/// Just enough of a PDF's structure to append a signature as an incremental update: the last
/// trailer, the newest version of an object, and a dictionary's text. Chromium's PDFs (classic
/// cross-reference tables, no object streams) and the revisions this module appends are read; a
/// file it cannot read is refused, never guessed at.
struct PDFObjects {
    let bytes: [UInt8]

    struct Trailer { var size: Int; var root: Int; var info: Int?; var startxref: Int }

    enum Failure: Error, Equatable { case unreadable(String) }

    /// The last trailer and `startxref`.
    func trailer() throws -> Trailer {
        guard let start = lastIndex(of: "startxref"), let offset = Int(token(after: start + 9)) else { throw Failure.unreadable("no startxref") }
        guard let t = lastIndex(of: "trailer", before: start) else { throw Failure.unreadable("no trailer (a cross-reference stream?)") }
        let dict = try dictionary(at: t + 7)
        guard let size = Self.integer(dict, "/Size"), let root = Self.reference(dict, "/Root") else { throw Failure.unreadable("trailer without /Size or /Root") }
        return Trailer(size: size, root: root, info: Self.reference(dict, "/Info"), startxref: offset)
    }

    /// The dictionary of the newest version of object `number` (`<<…>>`, with the brackets).
    func object(_ number: Int) throws -> String {
        guard let at = lastIndex(of: "\n\(number) 0 obj") ?? lastIndex(of: "\r\(number) 0 obj") else {
            throw Failure.unreadable("object \(number) not found")
        }
        return try dictionary(at: at)
    }

    /// The first page: the catalog's page tree followed down its first kids.
    func firstPage(catalog: String) throws -> Int {
        guard var node = Self.reference(catalog, "/Pages") else { throw Failure.unreadable("catalog without /Pages") }
        for _ in 0..<32 {
            let dict = try object(node)
            guard dict.contains("/Type /Pages") || dict.contains("/Type/Pages") else { return node }
            guard let kids = Self.references(dict, "/Kids").first else { throw Failure.unreadable("page tree without kids") }
            node = kids
        }
        throw Failure.unreadable("page tree too deep")
    }

    /// The balanced `<<…>>` starting at the first `<<` at or after `from`.
    func dictionary(at from: Int) throws -> String {
        var i = from
        while i + 1 < bytes.count, !(bytes[i] == 0x3C && bytes[i + 1] == 0x3C) { i += 1; if i - from > 4096 { break } }
        guard i + 1 < bytes.count, bytes[i] == 0x3C, bytes[i + 1] == 0x3C else { throw Failure.unreadable("no dictionary") }
        var depth = 0, j = i, inString = 0
        while j + 1 < bytes.count {
            let c = bytes[j]
            if inString > 0 {
                if c == 0x5C { j += 2; continue }
                if c == 0x28 { inString += 1 } else if c == 0x29 { inString -= 1 }
                j += 1; continue
            }
            if c == 0x28 { inString = 1; j += 1; continue }
            if c == 0x3C && bytes[j + 1] == 0x3C { depth += 1; j += 2; continue }
            if c == 0x3E && bytes[j + 1] == 0x3E {
                depth -= 1; j += 2
                if depth == 0 { return String(decoding: bytes[i..<j], as: UTF8.self) }
                continue
            }
            j += 1
        }
        throw Failure.unreadable("unbalanced dictionary")
    }

    func lastIndex(of text: String, before limit: Int? = nil) -> Int? {
        let needle = Array(text.utf8)
        var i = min(limit ?? bytes.count, bytes.count) - needle.count
        while i >= 0 {
            if bytes[i] == needle[0], Array(bytes[i..<i + needle.count]) == needle { return i }
            i -= 1
        }
        return nil
    }

    func token(after index: Int) -> String {
        var i = index
        while i < bytes.count, [0x20, 0x0A, 0x0D].contains(bytes[i]) { i += 1 }
        var j = i
        while j < bytes.count, ![0x20, 0x0A, 0x0D].contains(bytes[j]) { j += 1 }
        return String(decoding: bytes[i..<j], as: UTF8.self)
    }

    static func integer(_ dict: String, _ key: String) -> Int? {
        guard let r = dict.range(of: key + " ") ?? dict.range(of: key) else { return nil }
        return Int(dict[r.upperBound...].prefix { $0.isNumber })
    }

    static func reference(_ dict: String, _ key: String) -> Int? {
        guard let r = dict.range(of: key + " ") else { return nil }
        let rest = dict[r.upperBound...]
        let parts = rest.split(separator: " ", maxSplits: 2)
        guard parts.count >= 2, let n = Int(parts[0]), parts[1] == "0" else { return nil }
        return n
    }

    /// The object numbers of an array of references (`/Kids [3 0 R 9 0 R]`).
    static func references(_ dict: String, _ key: String) -> [Int] {
        guard let r = dict.range(of: key), let open = dict[r.upperBound...].firstIndex(of: "["),
              let close = dict[open...].firstIndex(of: "]") else { return [] }
        let words = dict[dict.index(after: open)..<close].split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\r" })
        return stride(from: 0, to: words.count - 2, by: 3).compactMap { words[$0 + 2] == "R" ? Int(words[$0]) : nil }
    }
}

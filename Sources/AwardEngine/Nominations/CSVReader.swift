import Foundation
import AwardPostgres

/// Reads CSV as spreadsheets write it (RFC 4180): comma-separated, fields optionally quoted with
/// `"` (a quote inside doubled), line breaks inside quoted fields, CRLF or LF line ends, and the
/// UTF-8 byte-order mark Excel puts first. Records come with the line they start on (1-based),
/// so errors can name it. Bytes are read as they are; text checks belong to the caller.
public struct CSVReader: Sequence, IteratorProtocol {
    private let bytes: [UInt8]
    private var position: Int
    private var line = 1

    public init(_ data: Data) {
        bytes = [UInt8](data)
        position = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
    }

    /// The next record and the line it starts on, or `nil` at the end. Blank lines are skipped.
    /// A quoted field left open at the end of the input is an error.
    public mutating func next() -> Result<(line: Int, fields: [String]), CSVError>? {
        // Skip blank lines.
        while position < bytes.count, bytes[position] == 0x0A || bytes[position] == 0x0D {
            if bytes[position] == 0x0A { line += 1 }
            position += 1
        }
        guard position < bytes.count else { return nil }
        let startLine = line
        var fields: [String] = []
        var field: [UInt8] = []
        var quoted = false
        var wasQuoted = false
        while position < bytes.count {
            let byte = bytes[position]
            position += 1
            if quoted {
                if byte == 0x22 {
                    if position < bytes.count, bytes[position] == 0x22 {
                        field.append(0x22)
                        position += 1
                    } else {
                        quoted = false
                    }
                } else {
                    if byte == 0x0A { line += 1 }
                    field.append(byte)
                }
                continue
            }
            switch byte {
            case 0x22 where field.isEmpty && !wasQuoted:
                quoted = true
                wasQuoted = true
            case 0x2C:
                fields.append(String(decoding: field, as: UTF8.self))
                field.removeAll(keepingCapacity: true)
                wasQuoted = false
            case 0x0D:
                continue
            case 0x0A:
                line += 1
                fields.append(String(decoding: field, as: UTF8.self))
                return .success((startLine, fields))
            default:
                field.append(byte)
            }
        }
        if quoted {
            return .failure(CSVError(line: startLine, message: "a quoted field opened on line \(startLine) is never closed"))
        }
        fields.append(String(decoding: field, as: UTF8.self))
        return .success((startLine, fields))
    }
}

/// A CSV the reader cannot split into records.
public struct CSVError: Error, Sendable {
    public var line: Int
    public var message: String
}

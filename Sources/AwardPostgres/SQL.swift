import Foundation

/// A parameterized SQL statement built by string interpolation.
///
/// Every interpolated value becomes a placeholder (`$1`, `$2`, …) and a bind parameter, so a value
/// can never change the statement's text: SQL injection is impossible by construction. The only
/// way to put raw text into the statement is ``SQL/StringInterpolation/appendInterpolation(unsafeRaw:)``,
/// which takes a `StaticString` so that it cannot carry input.
///
/// ```swift
/// let query: SQL = "SELECT id FROM orgs WHERE lower(code) = lower(\(code))"
/// // text: SELECT id FROM orgs WHERE lower(code) = lower($1)   binds: [code]
/// ```
public struct SQL: Sendable, ExpressibleByStringInterpolation, CustomStringConvertible {
    /// The statement's text with `$n` placeholders.
    public private(set) var text: String
    /// The bind values in text format (`nil` is SQL NULL).
    public private(set) var binds: [String?]

    public init(stringLiteral value: String) {
        text = value
        binds = []
    }

    public init(stringInterpolation: StringInterpolation) {
        text = stringInterpolation.text
        binds = stringInterpolation.binds
    }

    /// The text only: bind values are never printed.
    public var description: String { text }

    /// Builds the interpolated statement.
    public struct StringInterpolation: StringInterpolationProtocol {
        package var text = ""
        package var binds: [String?] = []

        public init(literalCapacity: Int, interpolationCount: Int) {
            text.reserveCapacity(literalCapacity + 4 * interpolationCount)
            binds.reserveCapacity(interpolationCount)
        }

        public mutating func appendLiteral(_ literal: String) {
            text += literal
        }

        /// Binds a value as the next parameter.
        public mutating func appendInterpolation<Value: SQLBindable>(_ value: Value) {
            binds.append(value.sqlText)
            text += "$\(binds.count)"
        }

        /// Binds an optional value; `nil` becomes NULL.
        public mutating func appendInterpolation<Value: SQLBindable>(_ value: Value?) {
            binds.append(value?.sqlText)
            text += "$\(binds.count)"
        }

        /// Appends text that is part of the program, never of the input.
        public mutating func appendInterpolation(unsafeRaw raw: StaticString) {
            text += raw.description
        }
    }
}

/// A Swift value that can be sent as a text-format bind parameter.
public protocol SQLBindable: Sendable {
    /// The value in PostgreSQL's text input format.
    var sqlText: String { get }
}

extension String: SQLBindable {
    public var sqlText: String { self }
}

extension Int: SQLBindable {
    public var sqlText: String { String(self) }
}

extension Int64: SQLBindable {
    public var sqlText: String { String(self) }
}

extension Int32: SQLBindable {
    public var sqlText: String { String(self) }
}

extension Bool: SQLBindable {
    public var sqlText: String { self ? "t" : "f" }
}

extension Array: SQLBindable where Element == Int64 {
    /// An array literal such as `{1,2,3}`.
    public var sqlText: String { "{" + map(String.init).joined(separator: ",") + "}" }
}

extension Date: SQLBindable {
    /// ISO 8601 in UTC with microseconds, as `timestamptz` reads it.
    public var sqlText: String {
        let seconds = timeIntervalSince1970
        let whole = seconds.rounded(.down)
        let micros = min(999_999, Int(((seconds - whole) * 1_000_000).rounded()))
        let day = Date(timeIntervalSince1970: whole)
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: day)
        return String(
            format: "%04d-%02d-%02d %02d:%02d:%02d.%06d+00",
            c.year!, c.month!, c.day!, c.hour!, c.minute!, c.second!, micros)
    }
}

extension SQL {
    /// This statement followed by `other`, whose placeholders are renumbered after this one's.
    /// A text without binds (or after a statement without any) is appended as it is, and the
    /// renumbering walks UTF-8 bytes: a transition appends a long constant view to its write.
    public func appending(_ other: SQL) -> SQL {
        var result = self
        result.binds += other.binds
        guard !binds.isEmpty, !other.binds.isEmpty else {
            result.text += other.text
            return result
        }
        let offset = binds.count
        let source = Array(other.text.utf8)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(source.count + 16)
        var index = 0
        while index < source.count {
            if source[index] == UInt8(ascii: "$") {
                var end = index + 1, number = 0
                while end < source.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(source[end]) {
                    number = number * 10 + Int(source[end] - UInt8(ascii: "0"))
                    end += 1
                }
                if end > index + 1 {
                    bytes.append(contentsOf: "$\(number + offset)".utf8)
                    index = end
                    continue
                }
            }
            bytes.append(source[index])
            index += 1
        }
        result.text += String(decoding: bytes, as: UTF8.self)
        return result
    }
}

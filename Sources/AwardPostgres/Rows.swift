import Foundation

/// The rows of a result, copied out of libpq into Swift values before the `PGresult` is cleared.
public struct Rows: Sendable, Sequence {
    /// Column names in result order.
    public let columns: [String]
    /// Cell texts, row by row; `nil` is SQL NULL.
    package let cells: [[String?]]
    /// The number of rows a command touched (`PQcmdTuples`), for INSERT/UPDATE/DELETE.
    public let affected: Int

    package init(columns: [String], cells: [[String?]], affected: Int) {
        self.columns = columns
        self.cells = cells
        self.affected = affected
    }

    /// No rows (what a read that was not needed gives).
    public static let none = Rows(columns: [], cells: [], affected: 0)

    /// The number of rows.
    public var count: Int { cells.count }
    /// Whether there are no rows.
    public var isEmpty: Bool { cells.isEmpty }
    /// The first row, if any.
    public var first: Row? { cells.first.map { Row(columns: columns, values: $0) } }

    public func makeIterator() -> AnyIterator<Row> {
        var index = 0
        return AnyIterator {
            guard index < cells.count else { return nil }
            defer { index += 1 }
            return Row(columns: columns, values: cells[index])
        }
    }
}

/// A Swift value read from a column's text output format (the counterpart of ``SQLBindable``).
public protocol SQLDecodable: Sendable {
    init?(sqlText: String)
}

/// One row of a result, read by column name.
public struct Row: Sendable {
    /// Column names in result order.
    public let columns: [String]
    package let values: [String?]

    package func raw(_ name: String) throws(PostgresError) -> String? {
        guard let index = columns.firstIndex(of: name) else {
            throw PostgresError(kind: .protocolViolation, message: "result has no column \(name)")
        }
        return values[index]
    }

    /// A text column that may be NULL.
    public func optionalString(_ name: String) throws(PostgresError) -> String? { try raw(name) }

    /// A text column that must not be NULL.
    public func string(_ name: String) throws(PostgresError) -> String {
        guard let value = try raw(name) else { throw Self.unexpectedNull(name) }
        return value
    }

    /// An integer column that may be NULL.
    public func optionalInt(_ name: String) throws(PostgresError) -> Int64? {
        guard let text = try raw(name) else { return nil }
        guard let value = Int64(text) else {
            throw PostgresError(kind: .protocolViolation, message: "column \(name) is not an integer")
        }
        return value
    }

    /// An integer column that must not be NULL.
    public func int(_ name: String) throws(PostgresError) -> Int64 {
        guard let value = try optionalInt(name) else { throw Self.unexpectedNull(name) }
        return value
    }

    /// A boolean column.
    public func bool(_ name: String) throws(PostgresError) -> Bool {
        try string(name) == "t"
    }

    /// A column decoded by its type's own reading of PostgreSQL's text output, or `nil` for NULL.
    public func optional<Value: SQLDecodable>(_ type: Value.Type, _ name: String) throws(PostgresError) -> Value? {
        guard let text = try raw(name) else { return nil }
        guard let value = Value(sqlText: text) else {
            throw PostgresError(kind: .protocolViolation, message: "column \(name) does not hold a \(Value.self)")
        }
        return value
    }

    /// A `timestamptz` column, read from its epoch form (select `extract(epoch FROM …)`).
    public func epoch(_ name: String) throws(PostgresError) -> Date {
        guard let value = Double(try string(name)) else {
            throw PostgresError(kind: .protocolViolation, message: "column \(name) is not an epoch")
        }
        return Date(timeIntervalSince1970: value)
    }

    /// A `text[]` or `bigint[]` column in PostgreSQL's array literal form, for simple elements
    /// (no quoting or NULLs), as the engine's own arrays are.
    public func simpleArray(_ name: String) throws(PostgresError) -> [String] {
        let text = try string(name)
        guard text.first == "{", text.last == "}" else {
            throw PostgresError(kind: .protocolViolation, message: "column \(name) is not an array")
        }
        let body = text.dropFirst().dropLast()
        return body.isEmpty ? [] : body.split(separator: ",").map(String.init)
    }

    package static func unexpectedNull(_ name: String) -> PostgresError {
        PostgresError(kind: .protocolViolation, message: "column \(name) is unexpectedly NULL")
    }
}

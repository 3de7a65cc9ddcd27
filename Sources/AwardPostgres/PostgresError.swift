import CLibPQ

/// An error from PostgreSQL or libpq, with the fields the server sent.
///
/// Like PostgresNIO's `PSQLError`, its description never includes bind values: only the SQLSTATE,
/// the server's message and, when present, the constraint that refused the statement.
public struct PostgresError: Error, Sendable, CustomStringConvertible {
    /// What went wrong, at the level a caller can act on.
    public enum Kind: Sendable, Hashable {
        /// The connection could not be opened.
        case connectionFailed
        /// The connection broke while in use (server restart, network loss).
        case connectionLost
        /// The server refused the statement; see `sqlState`.
        case server
        /// A result did not have the shape the engine expected.
        case protocolViolation
        /// The embedded cluster could not be created, started or stopped.
        case localCluster
    }

    /// The kind of failure.
    public let kind: Kind
    /// The five-character SQLSTATE, when the server sent one (e.g. `23505` unique violation).
    public let sqlState: String?
    /// The server's primary message, or libpq's.
    public let message: String
    /// The server's detail line, if any.
    public let detail: String?
    /// The constraint that refused the statement, if any.
    public let constraint: String?

    public init(kind: Kind, sqlState: String? = nil, message: String, detail: String? = nil, constraint: String? = nil) {
        self.kind = kind
        self.sqlState = sqlState
        self.message = message
        self.detail = detail
        self.constraint = constraint
    }

    /// Builds the error from a failed result, reading the diagnostic fields.
    package init(result: OpaquePointer, connection: OpaquePointer?) {
        func field(_ code: Int32) -> String? {
            guard let value = PQresultErrorField(result, code) else { return nil }
            return String(cString: value)
        }
        let state = field(AWARD_PG_DIAG_SQLSTATE)
        let primary = field(AWARD_PG_DIAG_MESSAGE_PRIMARY)
            ?? String(cString: PQresultErrorMessage(result)).trimmingTrailingNewlines()
        let lost = connection.map { PQstatus($0) != CONNECTION_OK } ?? false
        self.init(
            kind: lost || (state?.hasPrefix("08") ?? false) || state == "57P01" ? .connectionLost : .server,
            sqlState: state,
            message: primary,
            detail: field(AWARD_PG_DIAG_MESSAGE_DETAIL),
            constraint: field(AWARD_PG_DIAG_CONSTRAINT_NAME)
        )
    }

    /// True when the statement lost a race: a unique violation, a serialization failure or a deadlock.
    public var isConflict: Bool {
        sqlState == "23505" || sqlState == "40001" || sqlState == "40P01"
    }

    /// True when the connection can no longer be used and should be replaced.
    public var isConnectionFailure: Bool {
        kind == .connectionLost || kind == .connectionFailed
    }

    public var description: String {
        var text = "PostgreSQL"
        if let sqlState { text += " [\(sqlState)]" }
        text += ": \(message)"
        if let constraint { text += " (constraint \(constraint))" }
        return text
    }
}

extension String {
    package func trimmingTrailingNewlines() -> String {
        var text = self
        while let last = text.last, last.isNewline { text.removeLast() }
        return text
    }
}

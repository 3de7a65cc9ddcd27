import CLibPQ
import Foundation

// Round trips saved: a read ahead of a queued BEGIN, and a queue of statements sent as one libpq
// pipeline with a single Sync.

extension Connection {
    /// Whether BEGIN is queued and nothing else: the transaction has not reached the server yet.
    package var transactionPending: Bool {
        queue.count == 1 && queue[0].slot == nil && !inTransaction
    }

    /// Runs a read before a queued BEGIN reaches the server, in its own implicit transaction, and
    /// leaves BEGIN queued. For the first read of a command whose write is version-checked: the
    /// read needs no transaction of its own, and the transaction then costs no extra round trip.
    /// Without a queued BEGIN alone, this is ``execute(_:)``.
    public func executeAhead(_ query: SQL) throws(PostgresError) -> Rows {
        try executeAhead([query])[0]
    }

    /// Several reads ahead of a queued BEGIN, in one round trip (see ``executeAhead(_:)``).
    public func executeAhead(_ queries: [SQL]) throws(PostgresError) -> [Rows] {
        let waiting = transactionPending ? queue : []
        if !waiting.isEmpty { queue = [] }
        defer { if !waiting.isEmpty { queue = waiting + queue } }
        var slots: [Deferred] = []
        for query in queries { slots.append(try enqueue(query)) }
        try flush()
        return slots.map { $0.rows ?? Rows.none }
    }

    /// Several statements, one round trip: libpq pipeline mode with a single Sync at the end.
    /// Statements after the first error come back aborted; the first error is thrown once the
    /// whole pipeline was read, so the connection is idle again.
    func pipeline(_ items: [(statement: Statement, slot: Deferred?)]) throws(PostgresError) {
        guard PQenterPipelineMode(handle) == 1 else { throw lastError("could not enter pipeline mode") }
        for item in items {
            let sent: Int32 = switch item.statement {
            case .prepared(let name, let binds):
                withBinds(binds) { count, values in PQsendQueryPrepared(handle, name, count, values, nil, nil, 0) }
            case .unnamed(let text, let binds):
                withBinds(binds) { count, values in PQsendQueryParams(handle, text, count, nil, values, nil, nil, 0) }
            case .afterCommit(let text, let name):
                if let name { PQsendQueryPrepared(handle, name, 0, nil, nil, nil, 0) } else { PQsendQueryParams(handle, text, 0, nil, nil, nil, nil, 0) }
            }
            guard sent == 1 else { throw lastError("could not send a statement") }
        }
        guard PQpipelineSync(handle) == 1 else { throw lastError("could not send the pipeline") }
        var index = 0
        var firstError: PostgresError? = nil
        while true {
            guard let result = PQgetResult(handle) else {
                // The end of one statement's results.
                guard PQstatus(handle) == CONNECTION_OK else { throw lastError("the connection broke during a pipeline") }
                index += 1
                guard index <= items.count else {
                    throw PostgresError(kind: .protocolViolation, message: "a pipeline returned more results than it sent statements")
                }
                continue
            }
            let status = PQresultStatus(result)
            if status == PGRES_PIPELINE_SYNC {
                PQclear(result)
                break
            }
            if status == PGRES_PIPELINE_ABORTED || index >= items.count {
                PQclear(result)
                continue
            }
            do {
                let rows = try consume(result)
                items[index].slot?.rows = rows
            } catch {
                if case .afterCommit = items[index].statement {} else if firstError == nil { firstError = error }
            }
        }
        _ = PQexitPipelineMode(handle)
        if let firstError { throw firstError }
    }
}

/// The rows of a queued statement, there once the queue was sent.
public final class Deferred: @unchecked Sendable {
    /// `nil` until the statement's round trip completed.
    public internal(set) var rows: Rows?
    package init() {}

    /// The rows, once the statement was sent; one never sent (read too early, or queued after a
    /// statement that failed) throws.
    public func sent() throws(PostgresError) -> Rows {
        guard let rows else { throw PostgresError(kind: .protocolViolation, message: "a queued statement was read before its round trip") }
        return rows
    }
}

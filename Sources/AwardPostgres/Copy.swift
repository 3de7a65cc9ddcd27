import CLibPQ
import Foundation

extension Connection {
    /// Runs `COPY … FROM STDIN` (the engine's own statement text) and streams into it what
    /// `produce` writes, in rows of COPY's text format; returns how many rows the server took.
    /// An error thrown by `produce` aborts the COPY (the server discards every row) and is rethrown.
    public func copyIn(_ statement: String, _ produce: (CopyWriter) throws -> Void) throws -> Int {
        try flush()
        roundTripsSinceCheckout += 1
        let start = PQexecParams(handle, statement, 0, nil, nil, nil, nil, 0)
        guard let start, PQresultStatus(start) == PGRES_COPY_IN else {
            _ = try consume(start)
            throw PostgresError(kind: .protocolViolation, message: "\(statement) did not start a COPY")
        }
        PQclear(start)
        let writer = CopyWriter(handle: handle)
        do {
            try produce(writer)
            try writer.send()
        } catch {
            _ = PQputCopyEnd(handle, "the import was abandoned")
            while let result = PQgetResult(handle) { PQclear(result) }
            throw error
        }
        guard PQputCopyEnd(handle, nil) == 1 else { throw lastError("could not end the COPY") }
        let rows = try consume(PQgetResult(handle))
        while let result = PQgetResult(handle) { PQclear(result) }
        return rows.affected
    }
}

/// Writes the rows of a `COPY … FROM STDIN` in PostgreSQL's text format, in 256 KiB chunks.
public final class CopyWriter {
    private let handle: OpaquePointer
    private var buffer: [UInt8] = []
    private static let chunk = 256 * 1024

    fileprivate init(handle: OpaquePointer) {
        self.handle = handle
        buffer.reserveCapacity(Self.chunk + 4096)
    }

    /// One row: `nil` is SQL NULL; tabs, line breaks and backslashes are escaped.
    public func row(_ fields: [String?]) throws(PostgresError) {
        for (index, field) in fields.enumerated() {
            if index > 0 { buffer.append(UInt8(ascii: "\t")) }
            guard let field else {
                buffer.append(UInt8(ascii: "\\"))
                buffer.append(UInt8(ascii: "N"))
                continue
            }
            for byte in field.utf8 {
                switch byte {
                case UInt8(ascii: "\\"): buffer.append(UInt8(ascii: "\\")); buffer.append(UInt8(ascii: "\\"))
                case UInt8(ascii: "\t"): buffer.append(UInt8(ascii: "\\")); buffer.append(UInt8(ascii: "t"))
                case UInt8(ascii: "\n"): buffer.append(UInt8(ascii: "\\")); buffer.append(UInt8(ascii: "n"))
                case UInt8(ascii: "\r"): buffer.append(UInt8(ascii: "\\")); buffer.append(UInt8(ascii: "r"))
                default: buffer.append(byte)
                }
            }
        }
        buffer.append(UInt8(ascii: "\n"))
        if buffer.count >= Self.chunk { try send() }
    }

    fileprivate func send() throws(PostgresError) {
        guard !buffer.isEmpty else { return }
        let sent = buffer.withUnsafeBufferPointer { bytes in
            bytes.withMemoryRebound(to: CChar.self) { PQputCopyData(handle, $0.baseAddress, Int32($0.count)) }
        }
        guard sent == 1 else {
            throw PostgresError(kind: PQstatus(handle) == CONNECTION_OK ? .server : .connectionLost,
                                message: String(cString: PQerrorMessage(handle)).trimmingTrailingNewlines())
        }
        buffer.removeAll(keepingCapacity: true)
    }
}

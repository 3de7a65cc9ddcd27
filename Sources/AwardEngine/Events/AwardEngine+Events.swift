import AwardPostgres
import Foundation

extension AwardEngine {
    /// The events after `cursor` (the `TXID-ID` of the last one seen, as SSE's `Last-Event-ID`;
    /// nil for the oldest kept) that the viewer's jurisdiction sees, oldest first, at most `limit`.
    public func events(after cursor: String?, viewer: Principal? = nil, limit: Int = 100) async throws(AwardError) -> [OutboxEvent] {
        var txid: String? = nil
        var id: Int64 = 0
        if let cursor, !cursor.isEmpty {
            let parts = cursor.split(separator: "-")
            guard parts.count == 2, let tx = UInt64(parts[0]), let last = Int64(parts[1]), last >= 0 else {
                throw AwardError(.invalidInput, code: .badCursor, "Last-Event-ID \(cursor.prefix(40)) is not one this server sent (TXID-ID)",
                                 vi: "Last-Event-ID «\(cursor.prefix(40))» không phải mã sự kiện do máy chủ gửi (dạng TXID-ID).")
            }
            txid = String(tx)
            id = last
        }
        let (tx, last) = (txid, id)
        return try await lease { c in try EventStore.after(c, txid: tx, id: last, root: try Policy.scope(viewer, .readEvents).root, limit: max(1, min(limit, 1000))) }
    }

    /// A nomination's events, in order (what a webhook receives of its life).
    public func events(ofNomination id: Int64) async throws(AwardError) -> [OutboxEvent] {
        try await lease { c in try EventStore.ofNomination(c, id) }
    }
}

import AwardPostgres
import Foundation

/// The outbox's events as readers take them, and the webhook subscriptions and deliveries.
enum EventStore {
    static let eventColumns: StaticString = """
        e.txid::text || '-' || e.id AS cursor, e.id, e.type, to_char(e.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS at,
        e.actor, e.nomination_id, e.nomination_seq, award_event_data(e)::text AS data
        """

    /// The same columns where the event may be missing (a LEFT JOIN).
    static let eventColumnsOrNull: StaticString = """
        coalesce(e.txid::text || '-' || e.id, '') AS cursor, coalesce(e.id, 0) AS id, coalesce(e.type, '') AS type,
        coalesce(to_char(e.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'), '') AS at,
        coalesce(e.actor, '') AS actor, e.nomination_id, e.nomination_seq, coalesce(award_event_data(e)::text, '{}') AS data
        """

    static func event(_ row: Row) throws -> OutboxEvent {
        OutboxEvent(cursor: try row.string("cursor"), id: try row.int("id"), type: try row.string("type"), at: try row.string("at"),
                    actor: try row.string("actor"), nominationId: try row.optionalInt("nomination_id"),
                    seq: try row.optionalInt("nomination_seq").map(Int.init), data: try row.string("data"))
    }

    /// The events after `cursor` (`TXID-ID`; nil: from the start) that `root`'s subtree sees, in
    /// (txid, id) order, taking only transactions older than every one still running, so that no
    /// event can later appear before the last one returned.
    static func after(_ c: Connection, txid: String?, id: Int64, root: Int64?, limit: Int) throws -> [OutboxEvent] {
        try c.execute("""
            SELECT \(unsafeRaw: eventColumns) FROM events e
            WHERE (e.txid, e.id) > (coalesce(\(txid)::xid8, '0'::xid8), \(id))
              AND e.txid < pg_snapshot_xmin(pg_current_snapshot())
              AND (\(root)::bigint IS NULL OR e.org_path @> ARRAY[\(root)]::bigint[])
            ORDER BY e.txid, e.id LIMIT \(limit)
            """).map(event)
    }

    /// The newest event now, where a live stream starts (the inbox reads it in its snapshot).
    static let latestQuery: SQL = """
        SELECT coalesce((SELECT txid::text || '-' || id FROM events WHERE txid < pg_snapshot_xmin(pg_current_snapshot())
                         ORDER BY txid DESC, id DESC LIMIT 1), '') AS cursor
        """

    /// The events of one nomination, in order.
    static func ofNomination(_ c: Connection, _ id: Int64) throws -> [OutboxEvent] {
        try c.execute("SELECT \(unsafeRaw: eventColumns) FROM events e WHERE e.nomination_id = \(id) ORDER BY e.nomination_seq, e.id").map(event)
    }
}

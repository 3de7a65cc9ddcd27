import AwardPostgres
import Foundation

/// A nominee's moves between home units (migration 15).
extension NomineeStore {
    /// Records the transfer and moves the home in one transaction (the database refuses the move
    /// without the row).
    static func transfer(_ c: Connection, nominee: Int64, from: Int64?, to: Int64, reason: String, actor: String) throws -> NomineeTransfer {
        try c.execute("""
            INSERT INTO nominee_transfers (nominee_id, from_org_id, to_org_id, reason, actor) VALUES (\(nominee), \(from), \(to), \(reason), \(actor))
            """)
        try c.execute("UPDATE nominees SET home_org_id = \(to) WHERE id = \(nominee)")
        return try transfers(c, nominee: nominee).last!
    }

    static func transfers(_ c: Connection, nominee: Int64) throws -> [NomineeTransfer] {
        try c.execute("""
            SELECT t.nominee_id, f.code AS from_code, o.code AS to_code, t.reason, t.actor, floor(extract(epoch FROM t.at)) AS at
            FROM nominee_transfers t JOIN orgs o ON o.id = t.to_org_id LEFT JOIN orgs f ON f.id = t.from_org_id
            WHERE t.nominee_id = \(nominee) ORDER BY t.id
            """).map { row in
            NomineeTransfer(nomineeId: try row.int("nominee_id"), from: try row.optionalString("from_code"), to: try row.string("to_code"),
                            reason: try row.string("reason"), actor: try row.string("actor"),
                            at: Date(timeIntervalSince1970: TimeInterval(try row.int("at"))))
        }
    }
}

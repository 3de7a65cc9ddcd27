import AwardPostgres
import Foundation

/// Objections received during a public notice, and the council's findings on them.
enum ObjectionStore {
    static func insert(_ c: Connection, nomination id: Int64, text: String, receivedOn: CivilDate, by actor: String) throws -> Int64 {
        try c.execute("""
            INSERT INTO objections (nomination_id, text, received_on, recorded_by) VALUES (\(id), \(text), \(receivedOn)::date, \(actor))
            RETURNING id
            """).first!.int("id")
    }

    /// Resolves an open objection; `nil` when there is none with that id.
    static func resolve(_ c: Connection, id: Int64, resolution: String, by actor: String) throws -> (nomination: Int64, info: ObjectionInfo)? {
        guard let row = try c.execute("""
            UPDATE objections SET resolved_at = now(), resolution = \(resolution), resolved_by = \(actor)
            WHERE id = \(id) AND resolved_at IS NULL
            RETURNING nomination_id, text, received_on
            """).first else { return nil }
        return (try row.int("nomination_id"),
                ObjectionInfo(id: id, text: try row.string("text"), receivedOn: try row.optionalDate("received_on")!, resolution: resolution))
    }
}

import AwardPostgres
import Foundation

/// Forms' one-time keys (migration 18): a sending is claimed by its primary key.
enum FormSubmissionStore {
    static func claim(_ c: Connection, actor: String, key: String, path: String) throws -> FormClaim {
        let claimed = try c.execute("""
            INSERT INTO form_submissions (actor, key, path) VALUES (\(actor), \(key), \(path))
            ON CONFLICT (actor, key, path) DO NOTHING RETURNING 1 AS claimed
            """)
        if !claimed.isEmpty {
            try c.execute("DELETE FROM form_submissions WHERE claimed_at < now() - interval '1 day' AND actor = \(actor)")
            return .first
        }
        let row = try c.execute("SELECT location FROM form_submissions WHERE actor = \(actor) AND key = \(key) AND path = \(path)").first
        if let location = try row?.optionalString("location") { return .done(location: location) }
        return .inProgress
    }

    static func complete(_ c: Connection, actor: String, key: String, path: String, location: String) throws {
        try c.execute("UPDATE form_submissions SET location = \(location) WHERE actor = \(actor) AND key = \(key) AND path = \(path)")
    }

    static func release(_ c: Connection, actor: String, key: String, path: String) throws {
        try c.execute("DELETE FROM form_submissions WHERE actor = \(actor) AND key = \(key) AND path = \(path) AND location IS NULL")
    }
}

import AwardPostgres
import Foundation

/// Uploaded import files waiting between their preview and their confirmation (migration 19).
enum ImportUploadStore {
    /// Keeps a file for `actor` in the session `session` (a hash) until `expires`; drops expired ones.
    static func keep(_ c: Connection, token: String, actor: String, session: String, fileName: String, content: Data, expires: Date) throws {
        let hex = "\\x" + content.map { String(format: "%02x", $0) }.joined()
        try c.execute("DELETE FROM import_uploads WHERE expires_at < now()")
        try c.execute("""
            INSERT INTO import_uploads (token, actor, session_hash, file_name, content, sha256, expires_at)
            VALUES (\(token), \(actor), \(session), \(fileName), \(hex)::bytea, encode(sha256(\(hex)::bytea), 'hex'),
                    to_timestamp(\(Int64(expires.timeIntervalSince1970))))
            """)
    }

    /// The file kept under `token` for this actor and session, while it has not expired.
    static func find(_ c: Connection, token: String, actor: String, session: String) throws -> (content: Data, fileName: String, expires: Date)? {
        try c.execute("""
            SELECT encode(content, 'base64') AS content, file_name, extract(epoch FROM expires_at) AS expires
            FROM import_uploads
            WHERE token = \(token) AND actor = \(actor) AND session_hash = \(session) AND expires_at > now()
            """).first.map { row in
            (Data(base64Encoded: try row.string("content"), options: .ignoreUnknownCharacters) ?? Data(), try row.string("file_name"),
             try row.epoch("expires"))
        }
    }

    /// Takes the file (deletes it); false when it was taken already, expired or is another's.
    static func take(_ c: Connection, token: String, actor: String, session: String) throws -> Bool {
        !(try c.execute("""
            DELETE FROM import_uploads WHERE token = \(token) AND actor = \(actor) AND session_hash = \(session) AND expires_at > now()
            RETURNING token
            """)).isEmpty
    }
}

import AwardPostgres
import Foundation

/// The site's settings (migration 24): the public address printed papers' QR codes lead to.
enum SiteStore {
    static func publicURL(_ c: Connection) throws -> String? {
        try c.execute("SELECT value FROM site_settings WHERE key = 'public_url'").first.map { try $0.string("value") }
    }

    static func setPublicURL(_ c: Connection, _ url: String, by actor: String) throws {
        try c.execute("""
            INSERT INTO site_settings (key, value, updated_by) VALUES ('public_url', \(url), \(actor))
            ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_by = excluded.updated_by, updated_at = now()
            """)
    }
}

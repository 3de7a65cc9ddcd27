import AwardDomain
import AwardPostgres
import Foundation

/// A nominee's profile in the database: the facts in the clear, the CCCD sealed with its HMAC.
enum ProfileStore {
    struct Stored {
        var profile: NomineeProfile
        /// The sealed number (hex), when one is recorded.
        var sealed: String?
    }

    /// The nominee's profile, masked; `nil` when there is no such nominee. `lock` holds the row
    /// for a write in the same transaction.
    static func read(_ c: Connection, nominee: Int64, lock: Bool = false) throws -> Stored? {
        let sql: SQL = """
            SELECT x.type, x.birth_date, x.sex, x.position_class, x.enterprise, encode(x.cccd_sealed, 'hex') AS sealed,
                   x.facts_recorded_by, extract(epoch FROM x.facts_recorded_at) AS recorded_at,
                   (SELECT u.display_name FROM users u WHERE lower(u.name) = lower(x.facts_recorded_by) LIMIT 1) AS recorder_name
            FROM nominees x WHERE x.id = \(nominee)
            """
        guard let row = try c.execute(lock ? sql.appending(" FOR UPDATE OF x") : sql).first else { return nil }
        return try stored(row, nominee: nominee)
    }

    static func stored(_ row: Row, nominee: Int64) throws -> Stored {
        let sealed = try row.optionalString("sealed")
        let profile = NomineeProfile(
            nomineeId: nominee, type: NomineeType(rawValue: try row.string("type")) ?? .individual,
            birthDate: try row.optional(CivilDate.self, "birth_date"),
            sex: try row.optionalString("sex").flatMap(Sex.init(rawValue:)),
            positionClass: try row.optionalString("position_class").flatMap(PositionClass.init(rawValue:)),
            enterprise: try row.optionalString("enterprise").map { $0 == "t" },
            cccd: sealed == nil ? nil : "************", cccdMasked: true,
            recordedBy: try row.optionalString("facts_recorded_by"), recordedByName: try row.optionalString("recorder_name"),
            recordedAt: try row.optionalString("recorded_at").flatMap(Double.init).map(Date.init(timeIntervalSince1970:)))
        return Stored(profile: profile, sealed: sealed)
    }

    /// Writes the facts; `cccd` is `.keep`, `.remove` or the sealed number and its HMAC (hex).
    static func write(_ c: Connection, nominee: Int64, _ input: ProfileInput, cccd: CCCDChange, by actor: String) throws {
        var sql: SQL = """
            UPDATE nominees SET birth_date = \(input.birthDate)::date, sex = \(input.sex?.rawValue),
                position_class = \(input.positionClass?.rawValue), enterprise = \(input.enterprise)::boolean,
                facts_recorded_by = \(actor), facts_recorded_at = now()
            """
        switch cccd {
        case .keep: break
        case .remove: sql = sql.appending(", cccd_sealed = NULL, cccd_digest = NULL")
        case .set(let sealed, let digest):
            sql = sql.appending(", cccd_sealed = decode(\(sealed), 'hex'), cccd_digest = decode(\(digest), 'hex')")
        }
        try c.execute(sql.appending(" WHERE id = \(nominee)"))
    }

    enum CCCDChange {
        case keep, remove
        case set(sealed: String, digest: String)
    }

    /// The sealed numbers (hex) of the nominees of these nominations, by nomination, for nominees
    /// whose home lies under `root` (all when `nil`).
    static func sealed(_ c: Connection, nominations: [Int64], within root: Int64?) throws -> [Int64: String] {
        let rows = try c.execute("""
            SELECT n.id, encode(x.cccd_sealed, 'hex') AS sealed
            FROM nominations n JOIN nominees x ON x.id = n.nominee_id LEFT JOIN orgs h ON h.id = x.home_org_id
            WHERE n.id = ANY(\(nominations)::bigint[]) AND x.cccd_sealed IS NOT NULL
              AND (\(root)::bigint IS NULL OR h.path @> ARRAY[\(root)::bigint])
            """)
        var found: [Int64: String] = [:]
        for row in rows { found[try row.int("id")] = try row.string("sealed") }
        return found
    }

    /// The nominee that already holds the number with this HMAC, if any.
    static func holder(_ c: Connection, digest: String) throws -> Int64? {
        try c.execute("SELECT id FROM nominees WHERE cccd_digest = decode(\(digest), 'hex')").first?.int("id")
    }
}

enum Hex {
    static func encode(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 15)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    static func decode(_ text: String) -> [UInt8]? {
        let chars = Array(text.utf8)
        guard chars.count % 2 == 0 else { return nil }
        func value(_ c: UInt8) -> UInt8? {
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): c - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): c - UInt8(ascii: "a") + 10
            default: nil
            }
        }
        var out: [UInt8] = []
        out.reserveCapacity(chars.count / 2)
        var i = 0
        while i < chars.count {
            guard let high = value(chars[i]), let low = value(chars[i + 1]) else { return nil }
            out.append(high << 4 | low)
            i += 2
        }
        return out
    }
}

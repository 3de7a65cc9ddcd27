import Foundation
import Synchronization
import AwardPostgres

/// Rule packs in the database, decoded once per process: a pack never changes after import, so
/// a pack read by id can be cached for the life of the engine.
///
/// It also keeps the last working calendar read, with the `calendar_stamp` it was read at: a
/// transition reads the stamp with its nomination and reloads the calendar only when it moved.
final class PackCache: Sendable {
    private let packs = Mutex<[Int64: RulePack]>([:])
    private let calendars = Mutex<(stamp: Int64, from: CivilDate, calendar: WorkingCalendar)?>(nil)
    private let orgTree = Mutex<(stamp: Int64, orgs: [Organisation])?>(nil)

    /// Every org in tree order, from the cache while `org_stamp` has not moved (migration 29, `national-reads`): one
    /// row read instead of the whole tree. A change committed between the two reads is cached
    /// under the older stamp, so the next call reads the tree again.
    func orgs(_ c: Connection) throws -> [Organisation] {
        let stamp = try OrgStore.stamp(c)
        if let cached = orgTree.withLock({ $0 }), cached.stamp == stamp { return cached.orgs }
        let orgs = try OrgStore.all(c)
        orgTree.withLock { $0 = (stamp, orgs) }
        return orgs
    }

    /// The working calendar around `from` as of `stamp`, from the cache when the stamp is current.
    func calendar(_ c: Connection, from: CivilDate, stamp: Int64) throws -> WorkingCalendar {
        if let cached = calendars.withLock({ $0 }), cached.stamp == stamp, cached.from == from { return cached.calendar }
        let calendar = try CalendarStore.calendar(c, from: from)
        calendars.withLock { $0 = (stamp, from, calendar) }
        return calendar
    }

    func pack(_ c: Connection, id: Int64) throws -> RulePack {
        if let pack = packs.withLock({ $0[id] }) { return pack }
        guard let pack = try PackStore.document(c, id: id) else {
            throw AwardError(.internal, code: .missingPack, "rule pack \(id) is missing")
        }
        packs.withLock { $0[id] = pack }
        return pack
    }

    /// The pack in force on `date`: the latest starting on or before it (the newest import when two start together).
    func packInForce(_ c: Connection, on date: CivilDate) throws -> (id: Int64, pack: RulePack) {
        guard let id = try PackStore.idInForce(c, on: date) else {
            throw AwardError(.refused, code: .noRulePack, "no rule pack is in force on \(date.vietnamese) (see `awardctl rules list`)")
        }
        return (id, try pack(c, id: id))
    }
}

/// Rule packs as rows: stored once, never changed; their kinds registered in the catalog.
enum PackStore {
    /// Inserts a pack and registers its kinds; `false` when that code and version exist.
    static func insert(_ c: Connection, _ pack: RulePack) throws -> Bool {
        let document = String(decoding: try JSONEncoder().encode(pack), as: UTF8.self)
        let inserted = try c.execute("""
            INSERT INTO rule_packs (code, version, name, valid_from, valid_to, document)
            VALUES (\(pack.code), \(pack.version), \(pack.name.precomposedStringWithCanonicalMapping), \(pack.validFrom)::date,
                    \(pack.validTo)::date, \(document)::jsonb)
            ON CONFLICT (code, version) DO NOTHING RETURNING id
            """)
        guard !inserted.isEmpty else { return false }
        for kind in pack.kinds {
            try c.execute("""
                INSERT INTO award_kinds (code, name_vi, name_en, category, nominee_types)
                VALUES (\(kind.code), \(kind.nameVi.precomposedStringWithCanonicalMapping), \(kind.nameEn), \(kind.category),
                        \(Queries.textArray(kind.nomineeTypes.map(\.rawValue)))::text[])
                ON CONFLICT (code) DO NOTHING
                """)
        }
        return true
    }

    /// Every pack's id, oldest validity first.
    static func ids(_ c: Connection) throws -> [Int64] {
        try c.execute("SELECT id FROM rule_packs ORDER BY valid_from, code, version").map { try $0.int("id") }
    }

    /// The id of a pack by code (the highest version unless given).
    static func id(_ c: Connection, code: String, version: Int?) throws -> Int64? {
        try c.execute("""
            SELECT id FROM rule_packs WHERE code = \(code) AND (\(version)::int IS NULL OR version = \(version)::int)
            ORDER BY version DESC LIMIT 1
            """).first?.int("id")
    }

    /// The pack's document.
    static func document(_ c: Connection, id: Int64) throws -> RulePack? {
        guard let row = try c.execute("SELECT document::text AS document FROM rule_packs WHERE id = \(id)").first else { return nil }
        return try JSONDecoder().decode(RulePack.self, from: Data(try row.string("document").utf8))
    }

    /// The id of the pack in force on `date`: the latest starting on or before it (the newest import when two start together).
    static func idInForce(_ c: Connection, on date: CivilDate) throws -> Int64? {
        try c.execute(idInForceQuery(on: date)).first?.int("id")
    }

    static func idInForceQuery(on date: CivilDate) -> SQL {
        """
            SELECT id FROM rule_packs
            WHERE valid_from <= \(date)::date AND (valid_to IS NULL OR valid_to >= \(date)::date)
            ORDER BY valid_from DESC, id DESC LIMIT 1
            """
    }
}

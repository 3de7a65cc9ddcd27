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

    /// The working calendar around `from` as of `stamp`, from the cache when the stamp is current.
    func calendar(_ c: Connection, from: CivilDate, stamp: Int64) throws -> WorkingCalendar {
        if let cached = calendars.withLock({ $0 }), cached.stamp == stamp, cached.from == from { return cached.calendar }
        let calendar = try CalendarStore.calendar(c, from: from)
        calendars.withLock { $0 = (stamp, from, calendar) }
        return calendar
    }

    func pack(_ c: Connection, id: Int64) throws -> RulePack {
        if let pack = packs.withLock({ $0[id] }) { return pack }
        guard let row = try c.execute("SELECT document::text AS document FROM rule_packs WHERE id = \(id)").first else {
            throw AwardError(.internal, code: .missingPack, "rule pack \(id) is missing")
        }
        let pack = try JSONDecoder().decode(RulePack.self, from: Data(try row.string("document").utf8))
        packs.withLock { $0[id] = pack }
        return pack
    }

    /// The pack in force on `date`: the latest starting on or before it (the newest import when two start together).
    func packInForce(_ c: Connection, on date: CivilDate) throws -> (id: Int64, pack: RulePack) {
        guard let row = try c.execute("""
            SELECT id FROM rule_packs
            WHERE valid_from <= \(date)::date AND (valid_to IS NULL OR valid_to >= \(date)::date)
            ORDER BY valid_from DESC, id DESC LIMIT 1
            """).first else {
            throw AwardError(.refused, code: .noRulePack, "no rule pack is in force on \(date.vietnamese) (see `awardctl rules list`)")
        }
        let id = try row.int("id")
        return (id, try pack(c, id: id))
    }
}

/// A pack as `rules list` shows it.
public struct PackSummary: Sendable, Codable, Equatable {
    public var code: String
    public var version: Int
    public var name: String
    public var validFrom: CivilDate
    public var validTo: CivilDate?
    public var kinds: Int

    enum CodingKeys: String, CodingKey { case code, version, name, validFrom = "valid_from", validTo = "valid_to", kinds }
}

extension AwardEngine {
    /// The packs shipped with the engine (rules/*.json), imported by `migrate` when missing.
    static var bundledPacks: [String] {
        [String(decoding: PackageResources.nd98_2023_json, as: UTF8.self), String(decoding: PackageResources.nd152_2025_json, as: UTF8.self)]
    }

    /// Imports a rule pack from its file's text. A pack with the same code and version is refused:
    /// a change is a new version.
    public func importPack(_ text: String) async throws(AwardError) -> PackSummary {
        let pack = try RulePack.parse(text)
        return try await transaction { c in
            guard try Self.storePack(c, pack) else {
                throw AwardError(.refused, code: .duplicatePack, "rule pack \(pack.code) version \(pack.version) exists already; packs never change, import a new version")
            }
            return Self.summary(pack)
        }
    }

    /// Inserts a pack and registers its kinds; `false` when that code and version exist.
    static func storePack(_ c: Connection, _ pack: RulePack) throws -> Bool {
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
                        \(Self.textArray(kind.nomineeTypes.map(\.rawValue)))::text[])
                ON CONFLICT (code) DO NOTHING
                """)
        }
        return true
    }

    static func summary(_ pack: RulePack) -> PackSummary {
        PackSummary(code: pack.code, version: pack.version, name: pack.name, validFrom: pack.validFrom, validTo: pack.validTo, kinds: pack.kinds.count)
    }

    /// Every pack, oldest validity first.
    public func packs() async throws(AwardError) -> [PackSummary] {
        let cache = packCache
        return try await lease { c in
            try c.execute("SELECT id FROM rule_packs ORDER BY valid_from, code, version").map { row in
                Self.summary(try cache.pack(c, id: try row.int("id")))
            }
        }
    }

    /// One pack by code (the highest version unless given), or the one in force on a date.
    public func pack(code: String? = nil, version: Int? = nil, on date: CivilDate? = nil) async throws(AwardError) -> RulePack {
        let cache = packCache
        return try await lease { c in
            if let code {
                guard let row = try c.execute("""
                    SELECT id FROM rule_packs WHERE code = \(code) AND (\(version)::int IS NULL OR version = \(version)::int)
                    ORDER BY version DESC LIMIT 1
                    """).first else {
                    throw AwardError(.notFound, code: .unknownPack, "no rule pack \(code)\(version.map { " version \($0)" } ?? "")")
                }
                return try cache.pack(c, id: try row.int("id"))
            }
            return try cache.packInForce(c, on: date ?? Self.today(Date())).pack
        }
    }
}

import AwardPostgres
import Foundation

/// Quotas: a count per issuer, kind and year (optionally per nominee type or campaign), or a ratio
/// of another kind's awards. The database's CHECK (used ≤ max_count) makes overflow impossible.
enum QuotaStore {
    /// Moves a quota as a transition's effect says.
    static func apply(_ c: Connection, _ effect: QuotaEffect) throws {
        switch effect.movement {
        case .consume: try consume(c, issuer: effect.issuer, kind: effect.kind, year: effect.year, nomineeType: effect.nomineeType, campaign: effect.campaign)
        case .release: try release(c, issuer: effect.issuer, kind: effect.kind, year: effect.year, nomineeType: effect.nomineeType, campaign: effect.campaign)
        }
    }

    /// Counts an award against the issuer's quotas, inside the deciding transaction. The row lock
    /// serialises concurrent approvals and the CHECK (used ≤ max_count) makes overflow impossible.
    static func consume(_ c: Connection, issuer: Int64, kind: String, year: Int, nomineeType: NomineeType, campaign: String?) throws {
        try c.execute("""
            UPDATE quotas SET used = used + 1
            WHERE org_id = \(issuer) AND kind_code = \(kind) AND year = \(year) AND max_count IS NOT NULL
              AND (nominee_type IS NULL OR nominee_type = \(nomineeType.rawValue))
              AND (campaign IS NULL OR campaign = \(campaign)::text)
            """)
        for row in try c.execute("""
            SELECT id, ratio::float8 AS ratio, ratio_of_kind FROM quotas
            WHERE org_id = \(issuer) AND kind_code = \(kind) AND year = \(year) AND ratio IS NOT NULL
            FOR UPDATE
            """) {
            let ratio = Double(try row.string("ratio")) ?? 0
            let base = try row.string("ratio_of_kind")
            let counts = try c.execute("""
                SELECT count(*) FILTER (WHERE n.kind_code = \(kind)) AS mine, count(*) FILTER (WHERE n.kind_code = \(base)) AS base
                FROM nominations n JOIN decisions d ON d.id = n.decision_id
                WHERE d.issuer_org_id = ANY(award_org_with_predecessors(\(issuer)::bigint)) AND d.year = \(year) AND n.state = 'awarded'
                """).first!
            let allowed = Int((ratio * Double(try counts.int("base")) + 1e-9).rounded(.down))
            if try counts.int("mine") + 1 > allowed {
                throw AwardError(.refused, code: .quotaExceeded,
                                 "the quota for \(kind) in \(year) is \(Int((ratio * 100).rounded()))% of \(base) awards (\(allowed) now), and it is reached")
            }
        }
    }

    /// Gives back the quota an award used when it is revoked.
    static func release(_ c: Connection, issuer: Int64, kind: String, year: Int, nomineeType: NomineeType, campaign: String?) throws {
        try c.execute("""
            UPDATE quotas SET used = used - 1
            WHERE org_id = \(issuer) AND kind_code = \(kind) AND year = \(year) AND max_count IS NOT NULL AND used > 0
              AND (nominee_type IS NULL OR nominee_type = \(nomineeType.rawValue))
              AND (campaign IS NULL OR campaign = \(campaign)::text)
            """)
    }

    /// Sets a quota. A count starts from what the org already decided, so a quota set mid-year starts
    /// from the truth; for a unit made by the 2025 reform, what the units it continues decided that
    /// year counts too (a new province's 2025 quota holds the old provinces' January–June awards).
    static func set(_ c: Connection, org: Organisation, kind: String, year: Int, limit: Int?, ratio: Double?, ratioOf: String?,
                    nomineeType: NomineeType?, campaign: String?) throws -> QuotaInfo {
        for code in [kind] + (ratioOf.map { [$0] } ?? []) { try OrgStore.requireKind(c, code: code) }
        let used = try c.execute("""
            SELECT count(*) AS n FROM nominations n JOIN decisions d ON d.id = n.decision_id JOIN nominees e ON e.id = n.nominee_id
            WHERE d.issuer_org_id = ANY(award_org_with_predecessors(\(org.id)::bigint)) AND n.kind_code = \(kind) AND d.year = \(year)
              AND n.state = 'awarded' AND (\(nomineeType?.rawValue)::text IS NULL OR e.type = \(nomineeType?.rawValue)::text)
              AND (\(campaign)::text IS NULL OR n.campaign = \(campaign)::text)
            """).first!.int("n")
        try c.execute("""
            INSERT INTO quotas (org_id, kind_code, year, nominee_type, campaign, max_count, ratio, ratio_of_kind, used)
            VALUES (\(org.id), \(kind), \(year), \(nomineeType?.rawValue), \(campaign), \(limit), \(ratio.map { String($0) })::numeric, \(ratioOf), \(limit == nil ? 0 : used))
            ON CONFLICT (org_id, kind_code, year, coalesce(nominee_type, ''), coalesce(campaign, ''))
            DO UPDATE SET max_count = EXCLUDED.max_count, ratio = EXCLUDED.ratio, ratio_of_kind = EXCLUDED.ratio_of_kind, used = EXCLUDED.used
            """)
        return QuotaInfo(org: org.code, kind: kind, year: year, nomineeType: nomineeType, campaign: campaign, limit: limit,
                         ratio: ratio, ratioOf: ratioOf, used: limit == nil ? 0 : Int(used))
    }

    /// Every quota, newest year first.
    static func all(_ c: Connection) throws -> [QuotaInfo] {
        try c.execute("""
            SELECT o.code, q.kind_code, q.year, q.nominee_type, q.campaign, q.max_count, q.ratio::float8 AS ratio, q.ratio_of_kind, q.used
            FROM quotas q JOIN orgs o ON o.id = q.org_id ORDER BY q.year DESC, o.code, q.kind_code
            """).map { row in
            QuotaInfo(org: try row.string("code"), kind: try row.string("kind_code"), year: Int(try row.int("year")),
                      nomineeType: try row.optionalString("nominee_type").flatMap(NomineeType.init(rawValue:)),
                      campaign: try row.optionalString("campaign"), limit: try row.optionalInt("max_count").map(Int.init),
                      ratio: try row.optionalString("ratio").flatMap(Double.init), ratioOf: try row.optionalString("ratio_of_kind"),
                      used: Int(try row.int("used")))
        }
    }
}

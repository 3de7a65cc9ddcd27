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
                WHERE d.issuer_org_id = \(issuer) AND d.year = \(year) AND n.state = 'awarded'
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
}

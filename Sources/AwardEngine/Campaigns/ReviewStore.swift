import AwardPostgres
import Foundation

/// The unit councils' reviews (bình xét) of registrants, and their link to the nominations they became.
enum ReviewStore {
    private static let reviewJSON: StaticString = """
        json_build_object(
          'campaign', k.code, 'year', v.year, 'nominee_id', n.id, 'nominee', n.name, 'nominee_type', n.type, 'org', o.code,
          'result', v.result, 'kind', v.kind_code, 'criteria_met', v.criteria_met,
          'vote', CASE WHEN v.vote_members IS NULL THEN NULL ELSE json_build_object('members', v.vote_members, 'present', v.vote_present,
                                                                             'in_favour', v.vote_in_favour) END,
          'note', v.note, 'nomination_id', v.nomination_id)::text AS review
        """

    static func decode(_ row: Row) throws -> Review {
        try JSON.decoder.decode(Review.self, from: Data(try row.string("review").utf8))
    }

    static func review(_ c: Connection, campaign: Int64, year: Int, nominee: Int64) throws -> Review {
        try decode(try c.execute("""
            SELECT \(unsafeRaw: reviewJSON) FROM campaign_reviews v JOIN campaigns k ON k.id = v.campaign_id JOIN nominees n ON n.id = v.nominee_id
            JOIN orgs o ON o.id = v.org_id WHERE v.campaign_id = \(campaign) AND v.year = \(year) AND v.nominee_id = \(nominee)
            """).first!)
    }

    static func list(_ c: Connection, campaign: Int64, org: Int64?, year: Int?, root: Int64?) throws -> [Review] {
        try c.execute(listQuery(campaign: campaign, org: org, year: year, root: root)).map(decode)
    }

    static func listQuery(campaign: Int64, org: Int64?, year: Int?, root: Int64?) -> SQL {
        """
            SELECT \(unsafeRaw: reviewJSON) FROM campaign_reviews v JOIN campaigns k ON k.id = v.campaign_id JOIN nominees n ON n.id = v.nominee_id
            JOIN orgs o ON o.id = v.org_id JOIN orgs ko ON ko.id = k.org_id
            WHERE v.campaign_id = \(campaign) AND (\(org)::bigint IS NULL OR v.org_id = \(org)) AND (\(year)::int IS NULL OR v.year = \(year))
              AND (\(root)::bigint IS NULL OR o.path @> ARRAY[\(root)]::bigint[] OR ko.path @> ARRAY[\(root)]::bigint[])
            ORDER BY o.name COLLATE vi, n.name COLLATE vi
            """
    }

    /// Whether the nominee's review has become a nomination (and so is final).
    static func isFinal(_ c: Connection, campaign: Int64, year: Int, nominee: Int64) throws -> Bool {
        try !c.execute("""
            SELECT 1 FROM campaign_reviews WHERE campaign_id = \(campaign) AND year = \(year) AND nominee_id = \(nominee) AND nomination_id IS NOT NULL
            """).isEmpty
    }

    static func upsert(_ c: Connection, campaign: Int64, year: Int, entry: Int64, org: Int64, input: ReviewInput, actor: String) throws {
        try c.execute("""
            INSERT INTO campaign_reviews (campaign_id, year, nominee_id, entry_id, org_id, result, kind_code, criteria_met,
                                          vote_members, vote_present, vote_in_favour, note, recorded_by)
            VALUES (\(campaign), \(year), \(input.nomineeId), \(entry), \(org), \(input.result.rawValue), \(input.kind), \(input.criteriaMet),
                    \(input.vote?.members)::int, \(input.vote?.present)::int, \(input.vote?.inFavour)::int, \(input.note), \(actor))
            ON CONFLICT (campaign_id, year, nominee_id) DO UPDATE SET
                result = EXCLUDED.result, kind_code = EXCLUDED.kind_code, criteria_met = EXCLUDED.criteria_met,
                vote_members = EXCLUDED.vote_members, vote_present = EXCLUDED.vote_present, vote_in_favour = EXCLUDED.vote_in_favour,
                note = EXCLUDED.note, recorded_by = EXCLUDED.recorded_by, recorded_at = now()
            WHERE campaign_reviews.nomination_id IS NULL
            """)
    }

    /// The unit's proposals not yet turned into nominations, locked so a concurrent command waits and then finds none.
    static func pendingProposals(_ c: Connection, campaign: Int64, org: Int64, year: Int) throws -> [(nominee: Int64, name: String, kind: String, note: String?)] {
        try c.execute("""
            SELECT v.nominee_id, n.name, v.kind_code, v.note FROM campaign_reviews v JOIN nominees n ON n.id = v.nominee_id
            WHERE v.campaign_id = \(campaign) AND v.org_id = \(org) AND v.year = \(year) AND v.result <> 'not_reached' AND v.nomination_id IS NULL
            ORDER BY n.name COLLATE vi, v.nominee_id
            FOR UPDATE OF v
            """).map { (try $0.int("nominee_id"), try $0.string("name"), try $0.string("kind_code"), try $0.optionalString("note")) }
    }

    static func link(_ c: Connection, campaign: Int64, year: Int, nominee: Int64, nomination: Int64) throws {
        try c.execute("""
            UPDATE campaign_reviews SET nomination_id = \(nomination) WHERE campaign_id = \(campaign) AND year = \(year) AND nominee_id = \(nominee)
            """)
    }
}

import AwardPostgres
import Foundation

/// A campaign's figures (per unit and per award) and the campaigns counted for form 0601.
enum CampaignReportStore {
    /// Per registering unit: registered, reviewed, proposed, not reached, raised higher, awarded.
    static func units(_ c: Connection, campaign: Int64, year: Int?, root: Int64?) throws -> [CampaignReport.UnitRow] {
        try units(c.execute(unitsQuery(campaign: campaign, year: year, root: root)))
    }

    static func unitsQuery(campaign: Int64, year: Int?, root: Int64?) -> SQL {
        """
            SELECT o.code, o.name, r.state,
              (SELECT count(*) FROM registration_entries e WHERE e.registration_id = r.id) AS registered,
              count(v.*) AS reviewed,
              count(v.*) FILTER (WHERE v.result <> 'not_reached') AS proposed,
              count(v.*) FILTER (WHERE v.result = 'not_reached') AS not_reached,
              count(v.*) FILTER (WHERE v.result = 'higher') AS raised_higher,
              count(n.*) FILTER (WHERE n.state = 'awarded' AND v.result = 'here') AS awarded_here,
              count(n.*) FILTER (WHERE n.state = 'awarded') AS awarded
            FROM registrations r JOIN orgs o ON o.id = r.org_id JOIN campaigns k ON k.id = r.campaign_id JOIN orgs ko ON ko.id = k.org_id
            LEFT JOIN campaign_reviews v ON v.campaign_id = r.campaign_id AND v.org_id = r.org_id AND v.year = r.year
            LEFT JOIN nominations n ON n.id = v.nomination_id
            WHERE r.campaign_id = \(campaign) AND (\(year)::int IS NULL OR r.year = \(year))
              AND (\(root)::bigint IS NULL OR o.path @> ARRAY[\(root)]::bigint[] OR ko.path @> ARRAY[\(root)]::bigint[])
            GROUP BY o.code, o.name, r.id, r.state
            ORDER BY o.name COLLATE vi, r.id
            """
    }

    static func units(_ rows: Rows) throws -> [CampaignReport.UnitRow] {
        try rows.map { row in
            CampaignReport.UnitRow(
                org: try row.string("code"), orgName: try row.string("name"), registrationState: try Queries.enumValue(row, "state"),
                registered: Int(try row.int("registered")), reviewed: Int(try row.int("reviewed")), proposed: Int(try row.int("proposed")),
                notReached: Int(try row.int("not_reached")), raisedHigher: Int(try row.int("raised_higher")),
                awardedHere: Int(try row.int("awarded_here")), awarded: Int(try row.int("awarded")))
    }
    }

    /// The campaign's awards (nominations carrying its code, awarded) by kind and nominee type.
    static func awards(_ c: Connection, campaign: Campaign, year: Int?, root: Int64?) throws -> [CampaignReport.AwardRow] {
        try awards(c.execute(awardsQuery(campaign: campaign, year: year, root: root)))
    }

    static func awardsQuery(campaign: Campaign, year: Int?, root: Int64?) -> SQL {
        """
            SELECT n.kind_code, ak.name_vi,
              count(*) FILTER (WHERE e.type = 'collective') AS collectives,
              count(*) FILTER (WHERE e.type = 'individual') AS individuals,
              count(*) FILTER (WHERE e.type = 'household') AS households,
              (SELECT per_unit_quota FROM campaign_awards WHERE campaign_id = \(campaign.id) AND kind_code = n.kind_code) AS quota
            FROM nominations n JOIN nominees e ON e.id = n.nominee_id JOIN award_kinds ak ON ak.code = n.kind_code JOIN orgs u ON u.id = n.unit_id
            WHERE n.campaign = \(campaign.code) AND n.state = 'awarded' AND (\(year)::int IS NULL OR n.year = \(year))
              AND (\(root)::bigint IS NULL OR u.path @> ARRAY[\(root)]::bigint[]
                   OR EXISTS (SELECT 1 FROM campaigns k JOIN orgs ko ON ko.id = k.org_id
                              WHERE k.id = \(campaign.id) AND ko.path @> ARRAY[\(root)]::bigint[]))
            GROUP BY n.kind_code, ak.name_vi ORDER BY n.kind_code
            """
    }

    static func awards(_ rows: Rows) throws -> [CampaignReport.AwardRow] {
        try rows.map { row in
            CampaignReport.AwardRow(kind: try row.string("kind_code"), kindName: try row.string("name_vi"),
                                    collectives: Int(try row.int("collectives")), individuals: Int(try row.int("individuals")),
                                    households: Int(try row.int("households")), perUnitQuota: try row.optionalInt("quota").map(Int.init))
    }
    }

    /// Campaigns launched from `from` to `to` by body, kind and duration.
    static func counts(_ c: Connection, from: CivilDate, to: CivilDate, root: Int64?, withPredecessors: Bool) throws -> [CampaignCount] {
        try c.execute("""
            WITH r AS MATERIALIZED (SELECT award_report_roots(\(root), \(withPredecessors)) AS roots)
            SELECT b.code, b.name, k.kind, award_campaign_duration(k.starts_on, k.ends_on) AS duration, count(*) AS n
            FROM campaigns k JOIN orgs o ON o.id = k.org_id
            JOIN orgs b ON b.id = award_report_body(o.path, (SELECT roots FROM r))
            WHERE k.state <> 'draft' AND k.launch_date BETWEEN \(from)::date AND \(to)::date
              AND (\(root)::bigint IS NULL OR o.path && (SELECT roots FROM r))
            GROUP BY b.code, b.name, k.kind, 4
            ORDER BY b.name COLLATE vi, k.kind, 4
            """).map { row in
            CampaignCount(body: try row.string("code"), bodyName: try row.string("name"), kind: try Queries.enumValue(row, "kind"),
                          duration: try Queries.enumValue(row, "duration"), count: Int(try row.int("n")))
    }
    }
}

import AwardPostgres
import Foundation

extension AwardEngine {
    /// A campaign's figures for the viewer's units: per unit, what was registered, reviewed,
    /// proposed (here or higher), not reached and awarded; per award, the awards by nominee type
    /// against the per-unit quota; and the report's Vietnamese sentence.
    public func campaignReport(_ code: String, year: Int? = nil, viewer: Principal? = nil) async throws(AwardError) -> CampaignReport {
        if let year { try Self.checkYear(year) }
        return try await lease { c in
            let campaign = try CampaignStore.campaign(c, code: code)
            let root = Jurisdiction(viewer).root
            let units = try c.execute("""
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
                WHERE r.campaign_id = \(campaign.id) AND (\(year)::int IS NULL OR r.year = \(year))
                  AND (\(root)::bigint IS NULL OR o.path @> ARRAY[\(root)]::bigint[] OR ko.path @> ARRAY[\(root)]::bigint[])
                GROUP BY o.code, o.name, r.id, r.state
                ORDER BY o.name COLLATE vi, r.id
                """).map { row in
                CampaignReport.UnitRow(
                    org: try row.string("code"), orgName: try row.string("name"), registrationState: try Queries.enumValue(row, "state"),
                    registered: Int(try row.int("registered")), reviewed: Int(try row.int("reviewed")), proposed: Int(try row.int("proposed")),
                    notReached: Int(try row.int("not_reached")), raisedHigher: Int(try row.int("raised_higher")),
                    awardedHere: Int(try row.int("awarded_here")), awarded: Int(try row.int("awarded")))
            }
            let awards = try c.execute("""
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
                """).map { row in
                CampaignReport.AwardRow(kind: try row.string("kind_code"), kindName: try row.string("name_vi"),
                                        collectives: Int(try row.int("collectives")), individuals: Int(try row.int("individuals")),
                                        households: Int(try row.int("households")), perUnitQuota: try row.optionalInt("quota").map(Int.init))
            }
            var total = CampaignReport.UnitRow(org: "", orgName: "Tổng số", registrationState: nil, registered: 0, reviewed: 0, proposed: 0,
                                               notReached: 0, raisedHigher: 0, awardedHere: 0, awarded: 0)
            for unit in units {
                total.registered += unit.registered
                total.reviewed += unit.reviewed
                total.proposed += unit.proposed
                total.notReached += unit.notReached
                total.raisedHigher += unit.raisedHigher
                total.awardedHere += unit.awardedHere
                total.awarded += unit.awarded
            }
            return CampaignReport(campaign: campaign.code, name: campaign.name, year: year, units: units, total: total, awards: awards,
                                  sentence: Self.campaignSentence(campaign: campaign, year: year, awards: awards))
        }
    }

    /// Campaigns launched in a reporting period (1 December of the year before to 30 November), by
    /// the body that launched them (the direct child of `org` it lies under, or `org` itself), kind
    /// and duration: what statistics form 0601 adds up.
    public func campaignCounts(period: Int, org: String? = nil, viewer: Principal? = nil) async throws(AwardError) -> [CampaignCount] {
        try Self.checkYear(period)
        let from = CivilDate(year: period - 1, month: 12, day: 1)!
        let to = CivilDate(year: period, month: 11, day: 30)!
        return try await lease { c in
            let root = try Jurisdiction(viewer).scope(c, requested: org)
            return try c.execute("""
                SELECT b.code, b.name, k.kind, award_campaign_duration(k.starts_on, k.ends_on) AS duration, count(*) AS n
                FROM campaigns k JOIN orgs o ON o.id = k.org_id
                JOIN orgs b ON b.id = coalesce(
                    CASE WHEN \(root)::bigint IS NULL THEN o.path[least(2, cardinality(o.path))]
                         ELSE o.path[array_position(o.path, \(root)::bigint) + 1] END,
                    coalesce(\(root)::bigint, o.path[1]))
                WHERE k.state <> 'draft' AND k.launch_date BETWEEN \(from)::date AND \(to)::date
                  AND (\(root)::bigint IS NULL OR o.path @> ARRAY[\(root)::bigint])
                GROUP BY b.code, b.name, k.kind, 4
                ORDER BY b.name COLLATE vi, k.kind, 4
                """).map { row in
                CampaignCount(body: try row.string("code"), bodyName: try row.string("name"), kind: try Queries.enumValue(row, "kind"),
                              duration: try Queries.enumValue(row, "duration"), count: Int(try row.int("n")))
            }
        }
    }

    /// "Qua đó khen thưởng 13 tập thể, 36 cá nhân có thành tích tiêu biểu trong phong trào «…» (…)."
    static func campaignSentence(campaign: Campaign, year: Int?, awards: [CampaignReport.AwardRow]) -> String {
        let collectives = awards.reduce(0) { $0 + $1.collectives }
        let individuals = awards.reduce(0) { $0 + $1.individuals }
        let households = awards.reduce(0) { $0 + $1.households }
        let period = year.map { " năm \($0)" } ?? ""
        guard collectives + individuals + households > 0 else {
            return "Phong trào «\(campaign.name)»\(period) chưa có tập thể, cá nhân nào được khen thưởng."
        }
        var who: [String] = []
        if collectives > 0 { who.append("\(collectives) tập thể") }
        if households > 0 { who.append("\(households) hộ gia đình") }
        if individuals > 0 { who.append("\(individuals) cá nhân") }
        let forms = awards.map { "\($0.collectives + $0.individuals + $0.households) \($0.kindName)" }.joined(separator: ", ")
        return "Qua phong trào «\(campaign.name)»\(period), đã khen thưởng \(who.joined(separator: ", ")) có thành tích tiêu biểu (\(forms))."
    }
}

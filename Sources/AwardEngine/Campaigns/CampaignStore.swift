import AwardPostgres
import Foundation

/// Campaigns: their rows, scope, offered awards and criteria, and their history.
enum CampaignStore {
    /// The JSON of one campaign, with everything it holds, as ``Campaign`` decodes it.
    private static let campaignJSON: StaticString = """
        json_build_object(
          'id', k.id, 'code', k.code, 'org', o.code, 'org_name', o.name, 'name', k.name, 'theme', k.theme, 'kind', k.kind,
          'duration', award_campaign_duration(k.starts_on, k.ends_on), 'starts_on', k.starts_on, 'ends_on', k.ends_on, 'requires_registration', k.requires_registration,
          'launch_number', k.launch_number, 'launch_date', k.launch_date, 'cluster', (SELECT code FROM clusters WHERE id = k.cluster_id),
          'state', k.state, 'version', k.version,
          'units', (SELECT coalesce(json_agg(u.code ORDER BY u.code), '[]') FROM campaign_units cu JOIN orgs u ON u.id = cu.org_id WHERE cu.campaign_id = k.id),
          'documents', (SELECT coalesce(json_agg(json_build_object('title', title, 'number', number, 'issued_on', issued_on) ORDER BY id), '[]')
                        FROM campaign_documents WHERE campaign_id = k.id),
          'awards', (SELECT coalesce(json_agg(json_build_object('kind', a.kind_code, 'kind_name', ak.name_vi, 'per_unit_quota', a.per_unit_quota,
                                                              'amount_vnd', a.amount_vnd) ORDER BY a.kind_code), '[]')
                     FROM campaign_awards a JOIN award_kinds ak ON ak.code = a.kind_code WHERE a.campaign_id = k.id),
          'criteria', (SELECT coalesce(json_agg(json_build_object('kind', kind_code, 'text', text, 'mandatory', mandatory, 'source', source) ORDER BY id), '[]')
                       FROM campaign_criteria WHERE campaign_id = k.id),
          'history', (SELECT coalesce(json_agg(json_build_object('seq', seq, 'from', from_state, 'to', to_state, 'actor', actor, 'reason', reason,
                                                               'at', to_char(at AT TIME ZONE 'Asia/Ho_Chi_Minh', 'DD/MM/YYYY HH24:MI')) ORDER BY seq), '[]')
                      FROM campaign_history WHERE campaign_id = k.id))::text AS campaign
        """

    static func decode(_ row: Row) throws -> Campaign {
        try JSON.decoder.decode(Campaign.self, from: Data(try row.string("campaign").utf8))
    }

    /// A campaign by code (case-insensitive); `forUpdate` locks its row for a state change.
    static func campaign(_ c: Connection, code: String) throws -> Campaign {
        guard let row = try c.execute("""
            SELECT \(unsafeRaw: campaignJSON) FROM campaigns k JOIN orgs o ON o.id = k.org_id WHERE lower(k.code) = lower(\(code))
            """).first else {
            throw AwardError(.notFound, code: .unknownCampaign, "no campaign with code \(code)", vi: "Không có phong trào thi đua mã \(code).")
        }
        return try decode(row)
    }

    /// A campaign by code with what the policy weighs: its launcher (`l_` columns), and the viewer's
    /// org (`v_` columns) with whether the campaign covers it.
    static func accessQuery(code: String, viewerOrg: Int64) -> SQL {
        """
            SELECT \(unsafeRaw: campaignJSON), o.id AS l_id, o.code AS l_code, o.path AS l_path,
                   v.id AS v_id, v.code AS v_code, v.path AS v_path, award_campaign_covers(k.id, v.id) AS covers
            FROM campaigns k JOIN orgs o ON o.id = k.org_id JOIN orgs v ON v.id = \(viewerOrg)
            WHERE lower(k.code) = lower(\(code))
            """
    }

    /// The campaign's id, org and state, its row locked until the transaction ends.
    static func lock(_ c: Connection, code: String) throws -> (id: Int64, org: Int64, state: CampaignState, version: Int) {
        guard let row = try c.execute("""
            SELECT id, org_id, state, version FROM campaigns WHERE lower(code) = lower(\(code)) FOR UPDATE
            """).first else {
            throw AwardError(.notFound, code: .unknownCampaign, "no campaign with code \(code)", vi: "Không có phong trào thi đua mã \(code).")
        }
        return (try row.int("id"), try row.int("org_id"), try Queries.enumValue(row, "state"), Int(try row.int("version")))
    }

    /// Holds the campaign's state until the transaction ends (a state change waits for it).
    static func holdState(_ c: Connection, id: Int64) throws {
        try c.execute("SELECT 1 FROM campaigns WHERE id = \(id) FOR SHARE")
    }

    /// The campaigns launched within `root`'s subtree or covering it (all when nil), newest first.
    static func list(_ c: Connection, root: Int64?, state: CampaignState?) throws -> [Campaign] {
        try c.execute("""
            SELECT \(unsafeRaw: campaignJSON) FROM campaigns k JOIN orgs o ON o.id = k.org_id
            WHERE (\(root)::bigint IS NULL OR o.path @> ARRAY[\(root)]::bigint[] OR award_campaign_covers(k.id, \(root)))
              AND (\(state?.rawValue)::text IS NULL OR k.state = \(state?.rawValue))
            ORDER BY k.starts_on DESC, k.id DESC
            """).map(decode)
    }

    /// Launched campaigns still open (registration, running, reviewing) whose scope covers `org`.
    static func open(_ c: Connection, covering org: Int64) throws -> [Campaign] {
        try c.execute(openQuery(covering: org)).map(decode)
    }

    /// Campaigns under way (registration, running, reviewing) that cover `org`, ending soonest first.
    static func openQuery(covering org: Int64) -> SQL {
        """
            SELECT \(unsafeRaw: campaignJSON) FROM campaigns k JOIN orgs o ON o.id = k.org_id
            WHERE k.state IN ('registration', 'running', 'reviewing') AND award_campaign_covers(k.id, \(org))
            ORDER BY k.ends_on, k.id
            """
    }

    /// Inserts a campaign with its scope, documents, awards and criteria, and its first history row.
    static func insert(_ c: Connection, _ r: CampaignRequest, org: Int64, cluster: Int64?, units: [Int64], actor: String) throws -> Int64 {
        guard let id = try c.execute("""
            INSERT INTO campaigns (code, org_id, name, theme, kind, starts_on, ends_on, requires_registration, launch_number, launch_date,
                                   cluster_id, created_by)
            VALUES (\(r.code), \(org), \(r.name), \(r.theme), \(r.kind.rawValue), \(r.startsOn)::date, \(r.endsOn)::date,
                    \(r.requiresRegistration), \(r.launchNumber), \(r.launchDate)::date, \(cluster)::bigint, \(actor))
            ON CONFLICT DO NOTHING RETURNING id
            """).first?.int("id") else {
            throw AwardError(.conflict, code: .duplicateCampaign, "a campaign with code \(r.code) exists already",
                             vi: "Đã có phong trào thi đua mã \(r.code); chọn mã khác.")
        }
        try c.execute("""
            WITH units AS (INSERT INTO campaign_units (campaign_id, org_id) SELECT \(id), unnest(\(units.map(String.init).joined(separator: ",").wrappedInBraces)::bigint[]) RETURNING 1),
            documents AS (INSERT INTO campaign_documents (campaign_id, title, number, issued_on)
                SELECT \(id), d.title, d.number, d.issued_on FROM jsonb_to_recordset(\(try Queries.json(r.documents))::jsonb)
                AS d(title text, number text, issued_on date) RETURNING 1),
            awards AS (INSERT INTO campaign_awards (campaign_id, kind_code, per_unit_quota, amount_vnd)
                SELECT \(id), a.kind, a.per_unit_quota, a.amount_vnd FROM jsonb_to_recordset(\(try Queries.json(r.awards))::jsonb)
                AS a(kind text, per_unit_quota int, amount_vnd bigint) RETURNING 1),
            criteria AS (INSERT INTO campaign_criteria (campaign_id, kind_code, text, mandatory, source)
                SELECT \(id), k.kind, k.text, k.mandatory, k.source FROM jsonb_to_recordset(\(try Queries.json(r.criteria))::jsonb)
                AS k(kind text, text text, mandatory boolean, source text) RETURNING 1)
            INSERT INTO campaign_history (campaign_id, seq, from_state, to_state, actor) VALUES (\(id), 1, NULL, 'draft', \(actor))
            """)
        return id
    }

    /// Moves a locked campaign to `state`, recording the step; a launch sets its decision.
    static func move(_ c: Connection, id: Int64, from: CampaignState, to: CampaignState, version: Int, launchNumber: String?,
                     launchDate: CivilDate?, reason: String?, actor: String) throws {
        try c.execute("""
            WITH moved AS (
                UPDATE campaigns SET state = \(to.rawValue), version = version + 1,
                    launch_number = coalesce(\(launchNumber), launch_number), launch_date = coalesce(\(launchDate)::date, launch_date)
                WHERE id = \(id) RETURNING version)
            INSERT INTO campaign_history (campaign_id, seq, from_state, to_state, actor, reason)
            SELECT \(id), version, \(from.rawValue), \(to.rawValue), \(actor), \(reason) FROM moved
            """)
    }

    /// Whether `org` lies in the campaign's scope.
    static func covers(_ c: Connection, campaign: Int64, org: Int64) throws -> Bool {
        try c.execute("SELECT award_campaign_covers(\(campaign), \(org)) AS covers").first!.bool("covers")
    }

    /// The years in which a launched campaign requiring registration covers `unit`.
    static func registrationYears(_ c: Connection, unit: Int64) throws -> [Int] {
        try c.execute("""
            SELECT DISTINCT y FROM campaigns k, generate_series(extract(year FROM k.starts_on)::int, extract(year FROM k.ends_on)::int) y
            WHERE k.requires_registration AND k.state <> 'draft' AND award_campaign_covers(k.id, \(unit))
            """).map { Int(try $0.int("y")) }
    }
}

extension String {
    /// `{…}`: a PostgreSQL array literal around comma-separated numbers.
    var wrappedInBraces: String { "{" + self + "}" }
}

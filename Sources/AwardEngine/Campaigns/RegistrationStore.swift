import AwardPostgres
import Foundation

/// Registrations (đăng ký thi đua): a unit's row per campaign and year, its entries, its history.
enum RegistrationStore {
    private static let registrationJSON: StaticString = """
        json_build_object(
          'id', r.id, 'campaign', k.code, 'org', o.code, 'org_name', o.name, 'year', r.year, 'state', r.state, 'version', r.version,
          'entries', (SELECT coalesce(json_agg(json_build_object('id', e.id, 'nominee_id', n.id, 'nominee', n.name, 'nominee_type', n.type,
                                                                'kinds', e.kinds, 'targets', e.targets) ORDER BY n.name COLLATE vi, e.id), '[]')
                      FROM registration_entries e JOIN nominees n ON n.id = e.nominee_id WHERE e.registration_id = r.id),
          'history', (SELECT coalesce(json_agg(json_build_object('seq', seq, 'from', from_state, 'to', to_state, 'actor', actor, 'reason', reason,
                                                               'at', to_char(at AT TIME ZONE 'Asia/Ho_Chi_Minh', 'DD/MM/YYYY HH24:MI')) ORDER BY seq), '[]')
                      FROM registration_history WHERE registration_id = r.id))::text AS registration
        """

    static func decode(_ row: Row) throws -> Registration {
        try JSON.decoder.decode(Registration.self, from: Data(try row.string("registration").utf8))
    }

    static func registration(_ c: Connection, id: Int64) throws -> Registration {
        guard let row = try c.execute("""
            SELECT \(unsafeRaw: registrationJSON) FROM registrations r JOIN campaigns k ON k.id = r.campaign_id JOIN orgs o ON o.id = r.org_id
            WHERE r.id = \(id)
            """).first else { throw unknown(id) }
        return try decode(row)
    }

    /// The registering unit and the campaign's launching org.
    static func orgs(_ c: Connection, id: Int64) throws -> (unit: Int64, campaign: Int64) {
        guard let row = try c.execute("""
            SELECT r.org_id, k.org_id AS campaign_org FROM registrations r JOIN campaigns k ON k.id = r.campaign_id WHERE r.id = \(id)
            """).first else { throw unknown(id) }
        return (try row.int("org_id"), try row.int("campaign_org"))
    }

    static func unknown(_ id: Int64) -> AwardError {
        AwardError(.notFound, code: .unknownRegistration, "no registration with id \(id)", vi: "Không có bản đăng ký thi đua số \(id) (hoặc ngoài phạm vi của người dùng).")
    }

    /// A campaign's registrations that `root` may see (its units', or all when it launched the campaign).
    static func list(_ c: Connection, campaign: Int64, year: Int?, root: Int64?) throws -> [Registration] {
        try c.execute(listQuery(campaign: campaign, year: year, root: root)).map(decode)
    }

    static func listQuery(campaign: Int64, year: Int?, root: Int64?) -> SQL {
        """
            SELECT \(unsafeRaw: registrationJSON) FROM registrations r JOIN campaigns k ON k.id = r.campaign_id JOIN orgs o ON o.id = r.org_id
            JOIN orgs ko ON ko.id = k.org_id
            WHERE r.campaign_id = \(campaign) AND (\(year)::int IS NULL OR r.year = \(year))
              AND (\(root)::bigint IS NULL OR o.path @> ARRAY[\(root)]::bigint[] OR ko.path @> ARRAY[\(root)]::bigint[])
            ORDER BY r.year DESC, o.name COLLATE vi
            """
    }

    /// The unit's registration for the campaign and year, created as a draft if missing; its row locked.
    static func open(_ c: Connection, campaign: Int64, org: Int64, year: Int, actor: String) throws -> (id: Int64, state: RegistrationState, version: Int) {
        if let created = try c.execute("""
            WITH created AS (
                INSERT INTO registrations (campaign_id, org_id, year, created_by) VALUES (\(campaign), \(org), \(year), \(actor))
                ON CONFLICT (campaign_id, org_id, year) DO NOTHING RETURNING id)
            INSERT INTO registration_history (registration_id, seq, from_state, to_state, actor)
            SELECT id, 1, NULL, 'draft', \(actor) FROM created RETURNING registration_id
            """).first {
            return (try created.int("registration_id"), .draft, 1)
        }
        return try lock(c, campaign: campaign, org: org, year: year)
    }

    static func lock(_ c: Connection, campaign: Int64, org: Int64, year: Int) throws -> (id: Int64, state: RegistrationState, version: Int) {
        let row = try c.execute("""
            SELECT id, state, version FROM registrations WHERE campaign_id = \(campaign) AND org_id = \(org) AND year = \(year) FOR UPDATE
            """).first!
        return (try row.int("id"), try Queries.enumValue(row, "state"), Int(try row.int("version")))
    }

    /// The registration's row, locked, with its campaign's org, code and state.
    static func lock(_ c: Connection, id: Int64) throws -> (state: RegistrationState, version: Int, org: Int64, campaign: Int64,
                                                          campaignOrg: Int64, campaignState: CampaignState, entries: Int) {
        guard let row = try c.execute("""
            SELECT r.state, r.version, r.org_id, r.campaign_id, k.org_id AS campaign_org, k.state AS campaign_state,
                   (SELECT count(*) FROM registration_entries WHERE registration_id = r.id) AS entries
            FROM registrations r JOIN campaigns k ON k.id = r.campaign_id WHERE r.id = \(id) FOR UPDATE OF r
            """).first else { throw unknown(id) }
        return (try Queries.enumValue(row, "state"), Int(try row.int("version")), try row.int("org_id"), try row.int("campaign_id"),
                try row.int("campaign_org"), try Queries.enumValue(row, "campaign_state"), Int(try row.int("entries")))
    }

    /// Adds one entry; `false` when the nominee is registered for the campaign and year already.
    static func addEntry(_ c: Connection, registration: Int64, campaign: Int64, year: Int, nominee: Int64, kinds: [String],
                         targets: String?, actor: String) throws -> Bool {
        try !c.execute("""
            INSERT INTO registration_entries (registration_id, campaign_id, year, nominee_id, kinds, targets, created_by)
            VALUES (\(registration), \(campaign), \(year), \(nominee), \(Queries.textArray(kinds))::text[], \(targets), \(actor))
            ON CONFLICT (campaign_id, year, nominee_id) DO NOTHING RETURNING id
            """).isEmpty
    }

    static func move(_ c: Connection, id: Int64, from: RegistrationState, to: RegistrationState, reason: String?, actor: String) throws {
        try c.execute("""
            WITH moved AS (UPDATE registrations SET state = \(to.rawValue), version = version + 1 WHERE id = \(id) RETURNING version)
            INSERT INTO registration_history (registration_id, seq, from_state, to_state, actor, reason)
            SELECT \(id), version, \(from.rawValue), \(to.rawValue), \(actor), \(reason) FROM moved
            """)
    }

    /// The accepted entry that registers `nominee` for the campaign and year: its id and unit.
    static func acceptedEntry(_ c: Connection, campaign: Int64, year: Int, nominee: Int64) throws -> (entry: Int64, org: Int64, kinds: [String])? {
        guard let row = try c.execute("""
            SELECT e.id, r.org_id, array_to_json(e.kinds)::text AS kinds FROM registration_entries e JOIN registrations r ON r.id = e.registration_id
            WHERE e.campaign_id = \(campaign) AND e.year = \(year) AND e.nominee_id = \(nominee) AND r.state = 'accepted'
            """).first else { return nil }
        return (try row.int("id"), try row.int("org_id"), try JSONDecoder().decode([String].self, from: Data(try row.string("kinds").utf8)))
    }
}

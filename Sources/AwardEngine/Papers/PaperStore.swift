import AwardPostgres
import Foundation

/// The SQL behind the papers: template versions, certificate layouts, and the facts a decision,
/// a proposal letter or a statistics form prints.
enum PaperStore {
    // MARK: Templates

    static func insertTemplate(_ c: Connection, org: Organisation, kind: TemplateKind, format: TemplateFormat, body: [UInt8],
                               by actor: String) throws -> TemplateVersion {
        let hex = "\\x" + body.map { String($0, radix: 16).leftPadded(2) }.joined()
        // The org's versions are numbered under a lock on the org row, so two admins never take one number.
        try c.execute("SELECT 1 FROM orgs WHERE id = \(org.id) FOR UPDATE")
        let row = try c.execute("""
            INSERT INTO document_templates (org_id, kind, format, version, body, sha256, created_by)
            SELECT \(org.id), \(kind.rawValue), \(format.rawValue), coalesce(max(version), 0) + 1, \(hex)::bytea,
                   encode(sha256(\(hex)::bytea), 'hex'), \(actor)
            FROM document_templates WHERE org_id = \(org.id) AND kind = \(kind.rawValue) AND format = \(format.rawValue)
            RETURNING version, sha256, floor(extract(epoch FROM created_at)) AS at
            """).first!
        return TemplateVersion(org: org.code, kind: kind, format: format, version: Int(try row.int("version")), sha256: try row.string("sha256"),
                               size: body.count, createdBy: actor, createdAt: try row.epoch("at"))
    }

    static func templateVersions(_ c: Connection, org: Int64?) throws -> [TemplateVersion] {
        try c.execute("""
            SELECT o.code, t.kind, t.format, t.version, t.sha256, octet_length(t.body) AS size, t.created_by,
                   floor(extract(epoch FROM t.created_at)) AS at
            FROM document_templates t JOIN orgs o ON o.id = t.org_id
            WHERE \(org)::bigint IS NULL OR t.org_id = \(org)::bigint
            ORDER BY o.code, t.kind, t.format, t.version
            """).map { row in
            TemplateVersion(org: try row.string("code"), kind: try Queries.enumValue(row, "kind"), format: try Queries.enumValue(row, "format"),
                            version: Int(try row.int("version")), sha256: try row.string("sha256"), size: Int(try row.int("size")),
                            createdBy: try row.string("created_by"), createdAt: try row.epoch("at"))
        }
    }

    /// The org's templates in force at `asOf`: for each kind and format, the newest version created
    /// before it. Absent kinds use the project's defaults.
    static func templates(_ c: Connection, org: Int64, asOf: Date) throws -> [TemplateKind: [TemplateFormat: Data]] {
        var found: [TemplateKind: [TemplateFormat: Data]] = [:]
        for row in try c.execute("""
            SELECT DISTINCT ON (kind, format) kind, format, encode(body, 'base64') AS body
            FROM document_templates WHERE org_id = \(org) AND created_at <= \(asOf)
            ORDER BY kind, format, version DESC
            """) {
            let kind: TemplateKind = try Queries.enumValue(row, "kind")
            let format: TemplateFormat = try Queries.enumValue(row, "format")
            found[kind, default: [:]][format] = Data(base64Encoded: try row.string("body"), options: .ignoreUnknownCharacters)
        }
        return found
    }

    /// One version's body, for `template get`.
    static func templateBody(_ c: Connection, org: Int64, kind: TemplateKind, format: TemplateFormat, version: Int?) throws -> Data? {
        try c.execute("""
            SELECT encode(body, 'base64') AS body FROM document_templates
            WHERE org_id = \(org) AND kind = \(kind.rawValue) AND format = \(format.rawValue) AND (\(version)::int IS NULL OR version = \(version)::int)
            ORDER BY version DESC LIMIT 1
            """).first.flatMap { Data(base64Encoded: try $0.string("body"), options: .ignoreUnknownCharacters) }
    }

    // MARK: Certificate layouts

    static func insertLayout(_ c: Connection, org: Int64, json: String, by actor: String) throws {
        try c.execute("INSERT INTO certificate_layouts (org_id, layout, created_by) VALUES (\(org), \(json)::jsonb, \(actor))")
    }

    static func layout(_ c: Connection, org: Int64) throws -> String? {
        try c.execute("SELECT layout::text AS layout FROM certificate_layouts WHERE org_id = \(org) ORDER BY id DESC LIMIT 1")
            .first.map { try $0.string("layout") }
    }

    // MARK: Facts

    static func paperOrg(_ c: Connection, id: Int64) throws -> PaperOrg {
        let row = try c.execute("""
            SELECT o.code, o.name, o.level,
                   array_to_json(array(SELECT a.name FROM unnest(o.path) WITH ORDINALITY p(id, i) JOIN orgs a ON a.id = p.id
                                       WHERE p.id <> o.id ORDER BY p.i))::text AS ancestors
            FROM orgs o WHERE o.id = \(id)
            """).first!
        let ancestors = (try? JSONDecoder().decode([String].self, from: Data(try row.string("ancestors").utf8))) ?? []
        return PaperOrg(code: try row.string("code"), name: try row.string("name"), level: try Queries.enumValue(row, "level"), ancestors: ancestors)
    }

    /// The issuer, creation time and proposers of a decision.
    static func decisionFacts(_ c: Connection, id: Int64) throws -> (issuer: Int64, kindName: String, createdAt: Date, proposers: [String],
                                                                      verifyCode: String, publicURL: String?) {
        let row = try c.execute("""
            SELECT d.issuer_org_id, k.name_vi, extract(epoch FROM d.created_at) AS at, d.verify_code,
                   (SELECT value FROM site_settings WHERE key = 'public_url') AS public_url,
                   array_to_json(array(
                       SELECT DISTINCT o.name FROM nominations n
                       JOIN orgs o ON o.id = CASE WHEN n.tier > 1 THEN n.route[n.tier - 1] ELSE n.unit_id END
                       WHERE (n.decision_id = d.id OR n.revocation_id = d.id) AND o.id <> d.issuer_org_id ORDER BY o.name))::text AS proposers
            FROM decisions d JOIN award_kinds k ON k.code = d.kind_code WHERE d.id = \(id)
            """).first!
        let proposers = (try? JSONDecoder().decode([String].self, from: Data(try row.string("proposers").utf8))) ?? []
        return (try row.int("issuer_org_id"), try row.string("name_vi"), try row.epoch("at"), proposers,
                try row.string("verify_code"), try row.optionalString("public_url"))
    }

    /// The lines of an attached list: a decision's recipients, or the nominations a proposal forwards.
    static func recipients(_ c: Connection, decision: Int64? = nil, nominations ids: [Int64] = [], votesAt org: Int64? = nil) throws -> [PaperRecipient] {
        try c.execute("""
            SELECT n.id, e.name, e.type, u.name AS unit, n.reason, n.year, n.bonus_vnd, n.verify_code,
                   v.vote_members, v.vote_present, v.vote_in_favour, coalesce(v.vote_secret, true) AS vote_secret
            FROM nominations n JOIN nominees e ON e.id = n.nominee_id JOIN orgs u ON u.id = n.unit_id
            LEFT JOIN LATERAL (
                SELECT t.vote_members, t.vote_present, t.vote_in_favour, t.vote_secret FROM transitions t
                WHERE t.nomination_id = n.id AND t.command = 'approve' AND t.vote_members IS NOT NULL
                  AND (\(org)::bigint IS NULL OR t.org_id = \(org)::bigint)
                ORDER BY t.seq DESC LIMIT 1) v ON true
            WHERE (\(decision)::bigint IS NOT NULL AND (n.decision_id = \(decision)::bigint OR n.revocation_id = \(decision)::bigint))
               OR n.id = ANY(\(ids)::bigint[])
            ORDER BY e.type = 'individual', e.name COLLATE vi, n.id
            """).map { row in
            var vote: VoteTally? = nil
            if let members = try row.optionalInt("vote_members") {
                vote = VoteTally(members: Int(members), present: Int(try row.int("vote_present")), inFavour: Int(try row.int("vote_in_favour")),
                                 secretBallot: try row.bool("vote_secret"))
            }
            return PaperRecipient(nominationId: try row.int("id"), name: try row.string("name"), type: try Queries.enumValue(row, "type"),
                                  unit: try row.string("unit"), reason: try row.optionalString("reason"), year: try row.optionalInt("year").map(Int.init),
                                  bonusVnd: try row.optionalInt("bonus_vnd"), vote: vote, verifyCode: try row.string("verify_code"))
        }
    }

    /// How `org` forwarded a nomination to the next tier: the latest create, submit, resubmit or approve
    /// by `org` that sent it up, with the org it went to, the kind's name, the actor and when.
    /// `nil` when `org` never sent it up.
    static func forwarding(_ c: Connection, nomination id: Int64, from org: Int64?)
        throws -> (from: Int64, to: Int64, decider: Int64, kindName: String, actor: String, at: Date)? {
        guard let row = try c.execute("""
            SELECT t.org_id, CASE WHEN t.command = 'approve' THEN n.route[t.tier + 1] ELSE n.route[t.tier] END AS next_org,
                   n.route[cardinality(n.route)] AS decider, k.name_vi, t.actor, extract(epoch FROM t.at) AS at
            FROM transitions t JOIN nominations n ON n.id = t.nomination_id JOIN award_kinds k ON k.code = n.kind_code
            WHERE t.nomination_id = \(id) AND (\(org)::bigint IS NULL OR t.org_id = \(org)::bigint)
              AND t.to_state IN ('pending', 'public_notice')
              AND (t.command = 'approve' OR (t.command IN ('create', 'submit', 'resubmit') AND n.route[t.tier] <> t.org_id))
            ORDER BY t.seq DESC LIMIT 1
            """).first, let next = try row.optionalInt("next_org") else { return nil }
        return (try row.int("org_id"), next, try row.int("decider"), try row.string("name_vi"), try row.string("actor"), try row.epoch("at"))
    }

    /// Awards decided from `from` to `to` (inclusive), proposed within `org`'s subtree, counted by
    /// the body that submitted them (the direct child of `org` the unit lies under, or `org` itself).
    static func formCounts(_ c: Connection, from: CivilDate, to: CivilDate, org: Int64?, withPredecessors: Bool) throws -> [FormCount] {
        try c.execute("""
            WITH r AS MATERIALIZED (SELECT award_report_roots(\(org), \(withPredecessors)) AS roots)
            SELECT b.code, b.name, a.kind_code, a.nominee_type, n.commendation_type, count(*) AS n
            FROM awardees a JOIN nominations n ON n.id = a.nomination_id
            JOIN orgs b ON b.id = award_report_body(a.unit_path, (SELECT roots FROM r))
            WHERE a.decided_on BETWEEN \(from)::date AND \(to)::date
              AND (\(org)::bigint IS NULL OR a.unit_path && (SELECT roots FROM r))
            GROUP BY b.code, b.name, a.kind_code, a.nominee_type, n.commendation_type
            ORDER BY b.name COLLATE vi, a.kind_code, a.nominee_type, n.commendation_type
            """).map { row in
            FormCount(body: try row.string("code"), bodyName: try row.string("name"), kind: try row.string("kind_code"),
                      nomineeType: try Queries.enumValue(row, "nominee_type"), commendationType: try Queries.enumValue(row, "commendation_type"),
                      count: Int(try row.int("n")))
        }
    }
}

extension PaperStore {
    /// The decisions of a year that a jurisdiction sees: issued within it, or awarding someone in it.
    /// The years in which the viewer sees decisions (as ``decisions(_:year:under:)`` scopes them), newest first.
    /// The years that have decisions the scope sees: issued within it, awarding a unit within it
    /// (the report table's rows), or revoking such an award. Read from indexes whatever the
    /// number of decisions: the whole country's years by skipping from year to year down
    /// `decisions_year_idx`; a scope's from its units (migration 29's `award_counts_unit_year`).
    static func decisionYears(_ c: Connection, under root: Int64?) throws -> [Int] {
        guard let root else {
            return try c.execute("""
                WITH RECURSIVE y AS (
                    (SELECT year FROM decisions ORDER BY year DESC LIMIT 1)
                    UNION ALL
                    SELECT (SELECT d.year FROM decisions d WHERE d.year < y.year ORDER BY d.year DESC LIMIT 1) FROM y WHERE y.year IS NOT NULL)
                SELECT year FROM y WHERE year IS NOT NULL LIMIT 100
                """).map { Int(try $0.int("year")) }
        }
        return try c.execute("""
            SELECT year FROM (
                SELECT d.year FROM decisions d JOIN orgs o ON o.id = d.issuer_org_id WHERE o.path @> ARRAY[\(root)::bigint]
                UNION
                SELECT a.year FROM award_counts a JOIN orgs u ON u.id = a.unit_id WHERE u.path @> ARRAY[\(root)::bigint]
                UNION
                SELECT d.year FROM nominations n JOIN orgs u ON u.id = n.unit_id JOIN decisions d ON d.id = n.revocation_id
                WHERE n.revocation_id IS NOT NULL AND u.path @> ARRAY[\(root)::bigint]) AS y
            ORDER BY year DESC LIMIT 100
            """).map { Int(try $0.int("year")) }
    }

    static func decisions(_ c: Connection, year: Int, under root: Int64?) throws -> [DecisionListItem] {
        try c.execute("""
            SELECT d.id, d.number, d.decided_on, o.code AS issuer, d.kind_code, d.purpose,
                   (SELECT count(*) FROM nominations n WHERE n.decision_id = d.id OR n.revocation_id = d.id) AS recipients
            FROM decisions d JOIN orgs o ON o.id = d.issuer_org_id
            WHERE d.year = \(year)
              AND (\(root)::bigint IS NULL OR o.path @> ARRAY[\(root)::bigint]
                   OR EXISTS (SELECT 1 FROM nominations n JOIN orgs u ON u.id = n.unit_id
                              WHERE (n.decision_id = d.id OR n.revocation_id = d.id) AND u.path @> ARRAY[\(root)::bigint]))
            ORDER BY d.decided_on DESC, d.id DESC LIMIT 1000
            """).map { row in
            DecisionListItem(id: try row.int("id"), number: try row.string("number"), date: try row.optional(CivilDate.self, "decided_on")!,
                             issuer: try row.string("issuer"), kind: try row.string("kind_code"), purpose: try row.string("purpose"),
                             recipients: Int(try row.int("recipients")))
        }
    }
}

import Foundation
import AwardPostgres

/// The SQL that reads and writes the domain. Every function runs on a leased connection, on the
/// pool's threads, inside whatever transaction the caller opened.
enum Queries {
    // MARK: Nomination views

    /// The nomination view. The lookups are scalar subqueries rather than joins: each is planned
    /// on its own, so the statement plans in a fraction of a millisecond instead of the tens of
    /// milliseconds a nine-table join order search took on every custom plan.
    static let viewColumns = """
        SELECT n.id, n.kind_code, n.state, n.tier, cardinality(n.route) AS tiers, n.year, n.reason, n.version,
               (SELECT t.level FROM orgs t WHERE t.id = n.route[n.tier]) AS tier_level,
               (SELECT c.code FROM orgs c WHERE c.id = n.current_org_id) AS org_code,
               (SELECT u.code FROM orgs u WHERE u.id = n.unit_id) AS unit_code,
               e.id AS nominee_id, e.name AS nominee_name, e.type AS nominee_type,
               d.number AS d_number, d.decided_on AS d_date, d.issuer AS d_issuer,
               r.number AS r_number, r.decided_on AS r_date, r.issuer AS r_issuer,
               floor(extract(epoch FROM n.created_at)) AS created, floor(extract(epoch FROM n.updated_at)) AS updated,
               n.due_on, n.notice_until, n.bonus_vnd, n.step,
               CASE WHEN n.step IS NULL THEN NULL ELSE (
                   SELECT x->>'name_vi' FROM rule_packs p, orgs o, jsonb_array_elements(p.document->'steps'->o.level) x
                   WHERE p.id = n.pack_id AND o.id = n.current_org_id AND x->>'code' = n.step) END AS step_name,
               CASE WHEN n.assignee_id IS NULL THEN NULL ELSE (SELECT a.name FROM users a WHERE a.id = n.assignee_id) END AS assignee,
               CASE WHEN n.assignee_id IS NULL THEN NULL
                    ELSE (SELECT coalesce(a.display_name, a.name) FROM users a WHERE a.id = n.assignee_id) END AS assignee_name
        """

    /// The view's joins over `source` as `n`: the nominations table, or the rows a write returned.
    /// Each lookup is LATERAL, so that over a write's returned row (whose count the planner
    /// cannot know) it stays an index probe rather than a hash of the whole table.
    static func viewJoins(_ source: StaticString) -> String {
        """
        FROM \(source) n
        CROSS JOIN LATERAL (SELECT x.id, x.name, x.type FROM nominees x WHERE x.id = n.nominee_id) e
        LEFT JOIN LATERAL (SELECT x.number, x.decided_on, (SELECT o.code FROM orgs o WHERE o.id = x.issuer_org_id) AS issuer
                           FROM decisions x WHERE x.id = n.decision_id) d ON true
        LEFT JOIN LATERAL (SELECT x.number, x.decided_on, (SELECT o.code FROM orgs o WHERE o.id = x.issuer_org_id) AS issuer
                           FROM decisions x WHERE x.id = n.revocation_id) r ON true
        """
    }

    static let viewSelect = viewColumns + "\n" + viewJoins("nominations")

    static func viewQuery(id: Int64) -> SQL {
        SQL(constant: viewSelect).appending(" WHERE n.id = \(id)")
    }

    static func view(_ c: Connection, id: Int64) throws -> NominationView {
        let rows = try c.execute(viewQuery(id: id))
        guard let row = rows.first else {
            throw AwardError(.notFound, code: .unknownNomination, "no nomination with id \(id)", vi: "Không có hồ sơ số \(id) (hoặc hồ sơ ngoài phạm vi của người dùng).")
        }
        return try nominationView(row)
    }

    /// A nominee's nominations, oldest first.
    static func views(_ c: Connection, ofNominee id: Int64) throws -> [NominationView] {
        try c.execute(SQL(constant: viewSelect).appending(" WHERE n.nominee_id = \(id) ORDER BY n.id")).map(nominationView)
    }

    /// The nominations of several nominees, oldest first, in one read.
    static func views(_ c: Connection, ofNominees ids: [Int64]) throws -> [NominationView] {
        guard !ids.isEmpty else { return [] }
        return try c.execute(SQL(constant: viewSelect).appending(" WHERE n.nominee_id = ANY(\(ids)::bigint[]) ORDER BY n.id")).map(nominationView)
    }

    static func nominationView(_ row: Row) throws -> NominationView {
        func decision(_ prefix: String) throws -> NominationView.DecisionRef? {
            guard let number = try row.optionalString("\(prefix)_number"), let date = try row.optionalDate("\(prefix)_date") else { return nil }
            return .init(number: number, date: date, issuer: try row.string("\(prefix)_issuer"))
        }
        return NominationView(
            id: try row.int("id"), kind: try row.string("kind_code"), state: try enumValue(row, "state"),
            tier: try enumValue(row, "tier_level"), tierIndex: Int(try row.int("tier")), tiers: Int(try row.int("tiers")),
            org: try row.string("org_code"),
            nominee: .init(id: try row.int("nominee_id"), name: try row.string("nominee_name"), type: try enumValue(row, "nominee_type")),
            unit: try row.string("unit_code"), year: try row.optionalInt("year").map(Int.init), reason: try row.optionalString("reason"),
            decision: try decision("d"), revocation: try decision("r"), version: Int(try row.int("version")),
            createdAt: try row.epoch("created"), updatedAt: try row.epoch("updated"),
            dueOn: try row.optionalDate("due_on"), noticeUntil: try row.optionalDate("notice_until"), bonusVnd: try row.optionalInt("bonus_vnd"),
            step: try row.optionalString("step"), stepName: try row.optionalString("step_name"),
            assignee: try row.optionalString("assignee"), assigneeName: try row.optionalString("assignee_name"))
    }

    /// An awardee row (`id, name, type, kind_code, unit_code, number, decided_on`), as both the
    /// paged list and the streaming export select it.
    static func awardee(_ row: Row) throws -> Awardee {
        Awardee(nominationId: try row.int("id"), nominee: try row.string("name"), nomineeType: try enumValue(row, "type"),
                kind: try row.string("kind_code"), unit: try row.string("unit_code"), decisionNumber: try row.string("number"),
                decisionDate: try row.optionalDate("decided_on")!)
    }

    // MARK: Idempotency

    /// The stored response for a key, or `nil` when the key is new. The same key with a different
    /// request is refused.
    static func storedResponse(_ c: Connection, scope: String, key: String, request: String) throws -> NominationView? {
        guard let row = try c.execute("""
            SELECT response::text AS response,
                   request_hash = encode(sha256(convert_to(\(request), 'UTF8')), 'hex') AS same
            FROM idempotency_keys WHERE scope = \(scope) AND key = \(key)
            """).first else { return nil }
        guard try row.bool("same") else {
            throw AwardError(
                .refused, code: .idempotencyKeyReused,
                "idempotency key \(key) was already used for a different request")
        }
        return try JSON.decoder.decode(NominationView.self, from: Data(try row.string("response").utf8))
    }

    static func storeResponse(_ c: Connection, scope: String, key: String, request: String, view: NominationView) throws {
        let body = String(decoding: try JSON.encoder.encode(view), as: UTF8.self)
        try c.execute("""
            INSERT INTO idempotency_keys (scope, key, request_hash, nomination_id, response)
            VALUES (\(scope), \(key), encode(sha256(convert_to(\(request), 'UTF8')), 'hex'), \(view.id), \(body)::jsonb)
            """)
    }

    // MARK: Helpers

    /// One trivial round trip: the database answers.
    static func ping(_ c: Connection) throws {
        try c.execute("SELECT 1 AS ok")
    }

    /// A `text[]` literal of simple values (codes, states).
    static func textArray(_ values: [String]) -> String {
        "{" + values.map { "\"" + $0 + "\"" }.joined(separator: ",") + "}"
    }

    static func enumValue<T: RawRepresentable>(_ row: Row, _ column: String) throws -> T where T.RawValue == String {
        try parse(T.self, try row.string(column), column)
    }

    static func parse<T: RawRepresentable>(_ type: T.Type, _ text: String, _ column: String) throws -> T where T.RawValue == String {
        guard let value = T(rawValue: text) else {
            throw PostgresError(kind: .protocolViolation, message: "column \(column) holds an unknown value")
        }
        return value
    }
}

extension SQL {
    /// A statement from one of the engine's own constant texts (no binds).
    init(constant text: String) {
        self.init(stringLiteral: text)
    }
}

import AwardDomain
import AwardPostgres
import Foundation

/// Delegations and their revocations (migration 25).
enum DelegationStore {
    static let columns = """
        SELECT d.id, d.org_id, o.code AS org, g.name AS delegator, g.display_name AS delegator_name, g.title AS delegator_title,
               e.name AS delegate, e.display_name AS delegate_name, e.title AS delegate_title, d.prefix, d.acts, d.kinds,
               d.valid_from, d.valid_to, d.basis, d.created_by, r.reason AS revoke_reason, r.revoked_by,
               to_char(r.revoked_at AT TIME ZONE 'Asia/Ho_Chi_Minh', 'DD/MM/YYYY HH24:MI') AS revoked_at
        FROM delegations d JOIN orgs o ON o.id = d.org_id JOIN users g ON g.id = d.delegator_id JOIN users e ON e.id = d.delegate_id
        LEFT JOIN delegation_revocations r ON r.delegation_id = d.id
        """

    /// The active user `name` of org `org`: their id and role, or nil.
    static func member(_ c: Connection, user name: String, org: Int64) throws -> (id: Int64, role: Role)? {
        try c.execute("""
            SELECT id, role FROM users WHERE lower(name) = lower(\(name)) AND revoked_at IS NULL AND org_id = \(org)
            """).first.map { (try $0.int("id"), try Queries.enumValue($0, "role")) }
    }

    static func insert(_ c: Connection, org: Int64, delegator: Int64, delegate: Int64, prefix: SignerPrefix, acts: [DelegatedAct],
                       kinds: [String], from: CivilDate, to: CivilDate, basis: String?, by actor: String) throws -> Int64 {
        try c.execute("""
            INSERT INTO delegations (org_id, delegator_id, delegate_id, prefix, acts, kinds, valid_from, valid_to, basis, created_by)
            VALUES (\(org), \(delegator), \(delegate), \(prefix.rawValue), \(Queries.textArray(acts.map(\.rawValue)))::text[],
                    \(Queries.textArray(kinds))::text[], \(from)::date, \(to)::date, \(basis), \(actor))
            RETURNING id
            """).first!.int("id")
    }

    /// Revokes a delegation not yet revoked; false when it was.
    static func revoke(_ c: Connection, id: Int64, reason: String, by actor: String) throws -> Bool {
        try !c.execute("""
            INSERT INTO delegation_revocations (delegation_id, reason, revoked_by) VALUES (\(id), \(reason), \(actor))
            ON CONFLICT (delegation_id) DO NOTHING RETURNING delegation_id
            """).isEmpty
    }

    static func one(_ c: Connection, id: Int64) throws -> (view: Delegation, orgId: Int64)? {
        try c.execute(SQL(constant: columns).appending(" WHERE d.id = \(id)"))
            .first.map { (try view($0), try $0.int("org_id")) }
    }

    /// An org's delegations, those still running first, newest first.
    static func list(_ c: Connection, org: Int64) throws -> [Delegation] {
        try c.execute(SQL(constant: columns).appending("""
             WHERE d.org_id = \(org) ORDER BY (r.delegation_id IS NULL) DESC, d.valid_to DESC, d.id DESC LIMIT 200
            """)).map(view)
    }

    /// The delegations not revoked that name `user` (of org `org`) as the delegate and have not
    /// ended long ago: the policy picks the one that covers an act, or says why none does.
    static func grants(_ c: Connection, delegate user: String, org: Int64, around day: CivilDate) throws -> [DelegationGrant] {
        try c.execute(SQL(constant: columns).appending("""
             WHERE d.org_id = \(org) AND lower(e.name) = lower(\(user)) AND r.delegation_id IS NULL
               AND d.valid_to >= \(day)::date - 366 ORDER BY d.valid_from, d.id
            """)).map { row in
            let view = try view(row)
            return DelegationGrant(id: view.id, delegator: view.delegator, delegatorName: view.delegatorName, delegatorTitle: view.delegatorTitle,
                                   delegateName: view.delegateName, delegateTitle: view.delegateTitle, prefix: view.prefix,
                                   acts: Set(view.acts), kinds: view.kinds, from: view.from, to: view.to)
        }
    }

    static func view(_ row: Row) throws -> Delegation {
        Delegation(
            id: try row.int("id"), org: try row.string("org"), delegator: try row.string("delegator"),
            delegatorName: try row.optionalString("delegator_name"), delegatorTitle: try row.optionalString("delegator_title"),
            delegate: try row.string("delegate"), delegateName: try row.optionalString("delegate_name"),
            delegateTitle: try row.optionalString("delegate_title"), prefix: try Queries.enumValue(row, "prefix"),
            acts: try row.simpleArray("acts").compactMap(DelegatedAct.init(rawValue:)), kinds: try row.simpleArray("kinds"),
            from: try row.civilDate("valid_from"), to: try row.civilDate("valid_to"), basis: try row.optionalString("basis"),
            createdBy: try row.string("created_by"), revokedAt: try row.optionalString("revoked_at"), revokedBy: try row.optionalString("revoked_by"),
            revokeReason: try row.optionalString("revoke_reason"))
    }

    /// The org's active users who may be named delegates (not admins), in Vietnamese order.
    static func candidates(_ c: Connection, org: Int64) throws -> [PersonName] {
        try c.execute("""
            SELECT name, display_name, title FROM users WHERE org_id = \(org) AND revoked_at IS NULL AND role <> 'admin'
            ORDER BY coalesce(display_name, name) COLLATE vi LIMIT 500
            """).map { PersonName(user: try $0.string("name"), displayName: try $0.optionalString("display_name"), title: try $0.optionalString("title")) }
    }
}

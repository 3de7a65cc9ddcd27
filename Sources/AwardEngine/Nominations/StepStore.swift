import AwardDomain
import AwardPostgres
import Foundation

/// The SQL of the steps inside a tier: the step a dossier is at and who it is assigned to, their
/// version-checked moves with a history row each, the orgs that work in steps, and "việc của tôi".
enum StepStore {
    /// The name of the step `n.step` and the code of its tier's last step, from the pinned pack's
    /// steps for the level of the org the dossier waits at.
    static let stepLookup: StaticString = """
        SELECT (SELECT x->>'name_vi' FROM jsonb_array_elements(p.document->'steps'->o.level) x WHERE x->>'code' = n.step) AS step_name,
               p.document->'steps'->o.level->-1->>'code' AS final_step
        FROM rule_packs p, orgs o WHERE p.id = n.pack_id AND o.id = n.current_org_id
        """

    /// One move inside a tier, as recorded.
    struct Move {
        /// The history row's command: `step`, `step_back` or `assign`.
        var command: String
        /// The step the dossier was at when it moved (nil: the tier is one box).
        var atStep: String?
        /// The step and the assignee it has after the move.
        var step: String?
        var assigneeId: Int64?
        /// The assignee's login, for an assignment's history row.
        var assigneeLogin: String?
        var org: Int64
        var actor: String
        var reason: String?
        var comment: String?
    }

    /// Records `move` under the version read: the dossier's step and assignee, and its history row
    /// (in the chain, with its event). A lost race changes nothing and is refused.
    static func record(_ c: Connection, id: Int64, version: Int64, _ move: Move) throws {
        let written = try c.execute("""
            WITH upd AS (
                UPDATE nominations SET step = \(move.step), assignee_id = \(move.assigneeId), version = version + 1, updated_at = now()
                WHERE id = \(id) AND version = \(version) AND state = 'pending'
                RETURNING id, version, tier),
            appended AS (
                INSERT INTO transitions (nomination_id, seq, command, from_state, to_state, tier, org_id, actor, reason, comment, at, step, assignee)
                SELECT upd.id, upd.version, \(move.command), 'pending', 'pending', upd.tier, \(move.org), \(move.actor), \(move.reason),
                       \(move.comment), now(), \(move.atStep), \(move.assigneeLogin)
                FROM upd
                RETURNING seq)
            SELECT count(*) AS n FROM appended
            """)
        guard try written.first?.int("n") == 1 else {
            throw AwardError(.conflict, code: .concurrentChange, "nomination \(id) changed meanwhile; reload it",
                             vi: "Hồ sơ số \(id) vừa được người khác xử lý; hãy tải lại trang để xem hồ sơ đang ở bước nào.")
        }
        // The person given it is told by e-mail, when they take mail as it happens (the step's event,
        // which the history row's trigger wrote, is the message's subject).
        if let assignee = move.assigneeId {
            try c.execute("""
                INSERT INTO email_outbox (user_id, event_id)
                SELECT u.id, (SELECT e.id FROM events e WHERE e.nomination_id = \(id) ORDER BY e.nomination_seq DESC NULLS LAST, e.id DESC LIMIT 1)
                FROM users u WHERE u.id = \(assignee) AND u.email IS NOT NULL AND u.email_mode = 'immediate' AND u.revoked_at IS NULL
                ON CONFLICT DO NOTHING
                """)
        }
    }

    /// A user who may be given a dossier: id, role, org, whether revoked, and the name shown.
    static func assignable(_ c: Connection, login: String) throws
        -> (id: Int64, login: String, role: Role, orgId: Int64, revoked: Bool, display: String)? {
        try c.execute("""
            SELECT id, name, role, org_id, revoked_at IS NOT NULL AS revoked, coalesce(display_name, name) AS display
            FROM users WHERE lower(name) = lower(\(login))
            """).first.map { row in
            (try row.int("id"), try row.string("name"), try Queries.enumValue(row, "role"), try row.int("org_id"),
             try row.bool("revoked"), try row.string("display"))
        }
    }

    /// The people of `org` a dossier waiting there can be given: its active approvers, by name.
    static func assigneesQuery(org: Int64) -> SQL {
        """
            SELECT name, coalesce(display_name, name) AS display, title FROM users
            WHERE org_id = \(org) AND revoked_at IS NULL AND role = ANY (\(Queries.textArray(Permission.workStep.roles.map(\.rawValue)))::text[])
            ORDER BY coalesce(display_name, name) COLLATE vi, name
            """
    }

    static func assignees(_ rows: Rows) throws -> [Assignee] {
        try rows.map { Assignee(login: try $0.string("name"), name: try $0.string("display"), title: try $0.optionalString("title")) }
    }

    /// Whether an org works in steps; sets it.
    static func setWorksInSteps(_ c: Connection, org: Int64, on: Bool) throws {
        try c.execute("UPDATE orgs SET works_in_steps = \(on) WHERE id = \(org)")
    }

    /// What waits for `login`: the dossiers assigned to them, oldest first.
    static func assignedQuery(login: String, limit: Int) -> SQL {
        SQL(constant: Queries.viewSelect).appending("""
             WHERE n.assignee_id = (SELECT u.id FROM users u WHERE lower(u.name) = lower(\(login)))
            ORDER BY n.id LIMIT \(limit)
            """)
    }

    /// Who did each step at `org` on the nominations a proposal letter forwards, in the order the
    /// steps were first done: "Thẩm định: Trần Thị An, Chuyên viên Ban Thi đua - Khen thưởng".
    static func processing(_ c: Connection, nominations ids: [Int64], at org: Int64) throws -> [String] {
        try c.execute("""
            SELECT min(t.seq) AS first, coalesce(x.name_vi, t.step) AS step_name, coalesce(u.display_name, t.actor) AS person, u.title
            FROM transitions t JOIN nominations n ON n.id = t.nomination_id JOIN orgs o ON o.id = t.org_id
            LEFT JOIN users u ON lower(u.name) = lower(t.actor)
            LEFT JOIN LATERAL (SELECT s->>'name_vi' AS name_vi FROM rule_packs p, jsonb_array_elements(p.document->'steps'->o.level) s
                               WHERE p.id = n.pack_id AND s->>'code' = t.step) x ON true
            WHERE t.nomination_id = ANY (\(Queries.textArray(ids.map(String.init)))::bigint[]) AND t.org_id = \(org)
              AND t.step IS NOT NULL AND t.command IN ('step', 'approve')
            GROUP BY 2, 3, 4 ORDER BY 1
            """).map { row in
            "\(try row.string("step_name")): \(try row.string("person"))" + (try row.optionalString("title").map { ", " + $0 } ?? "")
        }
    }
}

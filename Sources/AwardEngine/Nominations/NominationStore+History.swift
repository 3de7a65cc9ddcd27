import AwardDomain
import AwardPostgres
import Foundation

/// A nomination's history as its timeline shows it: each row with the person behind the login,
/// the leader a delegate acted for, the step inside the tier and the person a dossier was given to.
extension NominationStore {
    static func history(_ c: Connection, id: Int64) throws -> [HistoryEntry] {
        try history(c.execute(historyQuery(id: id)))
    }

    static func historyQuery(id: Int64) -> SQL {
        """
            SELECT h.seq, h.command, h.from_state, h.to_state, t.level AS tier_level, o.code AS org_code,
                   h.actor, u.display_name AS actor_name, u.title AS actor_title, h.on_behalf_of, ob.display_name AS on_behalf_name,
                   ob.title AS on_behalf_title, dg.prefix AS delegation_prefix, h.reason, h.comment, d.number AS d_number, d.decided_on AS d_date, di.code AS d_issuer,
                   floor(extract(epoch FROM h.at)) AS at, h.step, h.assignee, coalesce(asg.display_name, asg.name) AS assignee_name,
                   (SELECT x->>'name_vi' FROM rule_packs p, jsonb_array_elements(p.document->'steps'->o.level) x
                    WHERE p.id = n.pack_id AND x->>'code' = h.step) AS step_name
            FROM transitions h
            JOIN nominations n ON n.id = h.nomination_id
            JOIN orgs t ON t.id = n.route[h.tier]
            JOIN orgs o ON o.id = h.org_id
            LEFT JOIN decisions d ON d.id = h.decision_id
            LEFT JOIN orgs di ON di.id = d.issuer_org_id
            LEFT JOIN users u ON lower(u.name) = lower(h.actor)
            LEFT JOIN users ob ON lower(ob.name) = lower(h.on_behalf_of)
            LEFT JOIN delegations dg ON dg.id = h.delegation_id
            LEFT JOIN users asg ON lower(asg.name) = lower(h.assignee)
            WHERE h.nomination_id = \(id)
            ORDER BY h.seq
            """
    }

    static func history(_ rows: Rows) throws -> [HistoryEntry] {
        try rows.map { row in
            var decision: NominationView.DecisionRef? = nil
            if let number = try row.optionalString("d_number"), let date = try row.optionalDate("d_date") {
                decision = .init(number: number, date: date, issuer: try row.string("d_issuer"))
            }
            return HistoryEntry(
                seq: Int(try row.int("seq")), command: try row.string("command"),
                fromState: try row.optionalString("from_state").map { try Queries.parse(NominationState.self, $0, "from_state") },
                toState: try Queries.enumValue(row, "to_state"), tier: try Queries.enumValue(row, "tier_level"),
                org: try row.string("org_code"), actor: try row.string("actor"), actorName: try row.optionalString("actor_name"),
                actorTitle: try row.optionalString("actor_title"), onBehalfOf: try row.optionalString("on_behalf_of"),
                onBehalfName: try row.optionalString("on_behalf_name"), onBehalfTitle: try row.optionalString("on_behalf_title"),
                delegationPrefix: try row.optionalString("delegation_prefix").flatMap(SignerPrefix.init(rawValue:)), reason: try row.optionalString("reason"),
                comment: try row.optionalString("comment"), decision: decision, at: try row.epoch("at"),
                step: try row.optionalString("step"), stepName: try row.optionalString("step_name"),
                assignee: try row.optionalString("assignee"), assigneeName: try row.optionalString("assignee_name"))
        }
    }
}

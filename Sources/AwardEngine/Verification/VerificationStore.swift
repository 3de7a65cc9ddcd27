import AwardDomain
import AwardPostgres
import Foundation

/// The reads behind `/verify/{code}`: what a code names, and what its decision publishes.
enum VerificationStore {
    /// The decision a code names, and the nomination when it is a certificate's.
    static func find(_ c: Connection, code: String) throws -> (decision: Int64, nomination: Int64?)? {
        try c.execute("""
            SELECT d.id AS decision, NULL::bigint AS nomination FROM decisions d WHERE d.verify_code = \(code)
            UNION ALL
            SELECT n.decision_id, n.id FROM nominations n WHERE n.verify_code = \(code) AND n.decision_id IS NOT NULL
            LIMIT 1
            """).first.map { (try $0.int("decision"), try $0.optionalInt("nomination")) }
    }

    static func decision(_ c: Connection, id: Int64) throws -> (number: String, date: CivilDate, purpose: String, issuer: String, issuerCode: String,
                                                                   kindName: String, recipients: Int, annulled: Int) {
        let row = try c.execute("""
            SELECT d.number, d.decided_on, d.purpose, i.name AS issuer, i.code AS issuer_code, k.name_vi,
                   (SELECT count(*) FROM nominations n WHERE n.decision_id = d.id OR n.revocation_id = d.id) AS recipients,
                   (SELECT count(*) FROM nominations n WHERE n.decision_id = d.id AND n.revocation_id IS NOT NULL) AS annulled
            FROM decisions d JOIN orgs i ON i.id = d.issuer_org_id JOIN award_kinds k ON k.code = d.kind_code
            WHERE d.id = \(id)
            """).first!
        return (try row.string("number"), try row.civilDate("decided_on"), try row.string("purpose"), try row.string("issuer"),
                try row.string("issuer_code"), try row.string("name_vi"), Int(try row.int("recipients")), Int(try row.int("annulled")))
    }

    /// The decision's recipients as its list prints them (or the one nomination's), at most 500.
    static func recipients(_ c: Connection, decision: Int64, only nomination: Int64?) throws -> [(id: Int64, recipient: Verification.Recipient)] {
        try c.execute("""
            SELECT n.id, e.name, e.type, u.name AS unit, n.revocation_id IS NOT NULL AS annulled
            FROM nominations n JOIN nominees e ON e.id = n.nominee_id JOIN orgs u ON u.id = n.unit_id
            WHERE (n.decision_id = \(decision) OR n.revocation_id = \(decision)) AND (\(nomination)::bigint IS NULL OR n.id = \(nomination)::bigint)
            ORDER BY e.type = 'individual', e.name COLLATE vi, n.id
            LIMIT 500
            """).map { row in
            (try row.int("id"), Verification.Recipient(name: try row.string("name"), type: try Queries.enumValue(row, "type"),
                                                        unit: try row.string("unit"), annulled: try row.bool("annulled")))
        }
    }

    /// The decision that annulled a nomination's award, if one did.
    static func annulment(_ c: Connection, nomination: Int64) throws -> Verification.Annulment? {
        try c.execute("""
            SELECT r.number, r.decided_on, i.name AS issuer FROM nominations n
            JOIN decisions r ON r.id = n.revocation_id JOIN orgs i ON i.id = r.issuer_org_id
            WHERE n.id = \(nomination)
            """).first.map { Verification.Annulment(number: try $0.string("number"), decidedOn: try $0.civilDate("decided_on"), issuer: try $0.string("issuer")) }
    }

    /// Whether every history row of these nominations recomputes (at most 500 of them).
    static func chainsHold(_ c: Connection, nominations ids: [Int64]) throws -> Bool {
        let (problems, _) = AuditStore.verifyQueries(nominations: ids)
        return try c.execute(problems).isEmpty
    }
}

import AwardPostgres
import Foundation

/// Signed decisions' files and the trusted roots (migration 26).
enum SignatureStore {
    struct DecisionFacts { var id: Int64; var issuer: Int64; var issuerCode: String; var issuerPath: [Int64]; var signing: Bool; var kind: String }

    static func decision(_ c: Connection, id: Int64) throws -> DecisionFacts? {
        try c.execute("""
            SELECT d.id, d.issuer_org_id, o.code, o.path, d.signing, d.kind_code FROM decisions d JOIN orgs o ON o.id = d.issuer_org_id WHERE d.id = \(id)
            """).first.map { row in
            DecisionFacts(id: try row.int("id"), issuer: try row.int("issuer_org_id"), issuerCode: try row.string("code"),
                          issuerPath: try row.simpleArray("path").compactMap { Int64($0) }, signing: try row.bool("signing"), kind: try row.string("kind_code"))
        }
    }

    /// The units of the decision's recipients (whoever sees one may read the decision).
    static func recipientUnits(_ c: Connection, decision: Int64) throws -> [OrgRef] {
        try c.execute("""
            SELECT DISTINCT u.id, u.code, u.path FROM nominations n JOIN orgs u ON u.id = n.unit_id
            WHERE n.decision_id = \(decision) OR n.revocation_id = \(decision) LIMIT 1000
            """).map { OrgRef(id: try $0.int("id"), code: try $0.string("code"), path: try $0.simpleArray("path").compactMap { Int64($0) }) }
    }

    /// The decision's file at `stage`, or nil.
    static func file(_ c: Connection, decision: Int64, stage: DecisionStage) throws -> [UInt8]? {
        try c.execute("""
            SELECT encode(pdf, 'base64') AS pdf FROM decision_files WHERE decision_id = \(decision) AND stage = \(stage.rawValue)
              AND encode(sha256(pdf), 'hex') = sha256
            """).first.map { Data(base64Encoded: try $0.string("pdf"), options: .ignoreUnknownCharacters).map(Array.init) ?? [] }
    }

    /// Records the file at `stage` unless one is there; the stored file (this one, or the first).
    static func record(_ c: Connection, decision: Int64, stage: DecisionStage, pdf: [UInt8], signer: String?, method: String?, by actor: String) throws -> Bool {
        let hex = "\\x" + pdf.map { String($0, radix: 16).leftPadded(2) }.joined()
        return try !c.execute("""
            INSERT INTO decision_files (decision_id, stage, pdf, sha256, signer, method, recorded_by)
            VALUES (\(decision), \(stage.rawValue), \(hex)::bytea, encode(sha256(\(hex)::bytea), 'hex'), \(signer), \(method), \(actor))
            ON CONFLICT (decision_id, stage) DO NOTHING RETURNING stage
            """).isEmpty
    }

    /// What is recorded of each stage (no file bytes).
    static func stages(_ c: Connection, decision: Int64) throws -> [DecisionSignatures.Stage] {
        try c.execute("""
            SELECT stage, sha256, signer, method, recorded_by, floor(extract(epoch FROM recorded_at)) AS at, octet_length(pdf) AS size
            FROM decision_files WHERE decision_id = \(decision) ORDER BY array_position(ARRAY['unsigned', 'signed', 'sealed'], stage)
            """).map { row in
            DecisionSignatures.Stage(stage: try Queries.enumValue(row, "stage"), sha256: try row.string("sha256"), signer: try row.optionalString("signer"),
                                     method: try row.optionalString("method"), recordedBy: try row.string("recorded_by"), at: try row.epoch("at"),
                                     bytes: Int(try row.int("size")))
        }
    }

    static func setSignsDigitally(_ c: Connection, org: Int64, on: Bool) throws {
        try c.execute("UPDATE orgs SET signs_digitally = \(on) WHERE id = \(org)")
    }

    static func roots(_ c: Connection) throws -> [(sha256: String, name: String, pem: String)] {
        try c.execute("SELECT sha256, name, pem FROM trusted_roots ORDER BY added_at, sha256").map {
            (try $0.string("sha256"), try $0.string("name"), try $0.string("pem"))
        }
    }

    static func addRoot(_ c: Connection, sha256: String, name: String, pem: String, by actor: String) throws {
        try c.execute("""
            INSERT INTO trusted_roots (sha256, name, pem, added_by) VALUES (\(sha256), \(name), \(pem), \(actor))
            ON CONFLICT (sha256) DO UPDATE SET name = excluded.name
            """)
    }

    /// An org's decisions awaiting a signature or the seal, oldest first.
    static func awaiting(_ c: Connection, org: Int64) throws -> [Int64] {
        try c.execute("""
            SELECT d.id FROM decisions d
            WHERE d.issuer_org_id = \(org) AND d.signing
              AND NOT EXISTS (SELECT 1 FROM decision_files f WHERE f.decision_id = d.id AND f.stage = 'sealed')
            ORDER BY d.id LIMIT 500
            """).map { try $0.int("id") }
    }
}

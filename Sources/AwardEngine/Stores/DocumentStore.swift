import AwardPostgres
import Foundation

/// Dossier documents: content stored once with its SHA-256, never altered.
enum DocumentStore {
    static func insert(_ c: Connection, nomination id: Int64, type: DocumentType, name: String, mediaType: String, content: [UInt8],
                       by actor: String) throws -> DocumentInfo {
        let hex = "\\x" + content.map { String($0, radix: 16).leftPadded(2) }.joined()
        let row = try c.execute("""
            INSERT INTO documents (nomination_id, type, name, media_type, size_bytes, sha256, content, uploaded_by)
            VALUES (\(id), \(type.rawValue), \(name), \(mediaType), \(content.count), encode(sha256(\(hex)::bytea), 'hex'), \(hex)::bytea, \(actor))
            RETURNING id, sha256, floor(extract(epoch FROM uploaded_at)) AS at
            """).first!
        return DocumentInfo(id: try row.int("id"), type: type, name: name, mediaType: mediaType, size: content.count,
                            sha256: try row.string("sha256"), uploadedBy: actor, uploadedAt: try row.epoch("at"))
    }

    static func list(_ c: Connection, nomination id: Int64) throws -> [DocumentInfo] {
        try c.execute("""
            SELECT id, type, name, media_type, size_bytes, sha256, uploaded_by, floor(extract(epoch FROM uploaded_at)) AS at
            FROM documents WHERE nomination_id = \(id) ORDER BY id
            """).map { row in
            DocumentInfo(id: try row.int("id"), type: try Queries.enumValue(row, "type"), name: try row.string("name"),
                         mediaType: try row.string("media_type"), size: Int(try row.int("size_bytes")), sha256: try row.string("sha256"),
                         uploadedBy: try row.string("uploaded_by"), uploadedAt: try row.epoch("at"))
        }
    }

    /// One document of a nomination with its content, or `nil`; `intact` says whether the content
    /// still hashes to the SHA-256 recorded at upload.
    static func content(_ c: Connection, nomination id: Int64, document: Int64) throws -> (info: DocumentInfo, content: [UInt8], intact: Bool)? {
        guard let row = try c.execute("""
            SELECT id, type, name, media_type, size_bytes, sha256, uploaded_by, floor(extract(epoch FROM uploaded_at)) AS at,
                   encode(content, 'base64') AS content, encode(sha256(content), 'hex') = sha256 AS intact
            FROM documents WHERE nomination_id = \(id) AND id = \(document)
            """).first else { return nil }
        let info = DocumentInfo(id: try row.int("id"), type: try Queries.enumValue(row, "type"), name: try row.string("name"),
                                mediaType: try row.string("media_type"), size: Int(try row.int("size_bytes")), sha256: try row.string("sha256"),
                                uploadedBy: try row.string("uploaded_by"), uploadedAt: try row.epoch("at"))
        let bytes = Data(base64Encoded: try row.string("content"), options: .ignoreUnknownCharacters).map(Array.init) ?? []
        return (info, bytes, try row.bool("intact") && bytes.count == info.size)
    }

    /// For a nomination waiting at a tier whose clock has not started: what decides whether it starts now.
    static func clockToStart(_ c: Connection, nomination id: Int64)
        throws -> (kind: String, packId: Int64, level: OrgLevel, daysUsed: Int, documentTypes: Set<String>)? {
        guard let row = try c.execute("""
            SELECT n.kind_code, n.pack_id, n.tier, n.clock_days_used,
                   (SELECT o.level FROM orgs o WHERE o.id = n.route[n.tier]) AS level,
                   array(SELECT DISTINCT type FROM documents WHERE nomination_id = n.id) AS document_types
            FROM nominations n WHERE n.id = \(id) AND n.state IN ('pending', 'public_notice') AND n.clock_started_on IS NULL
            """).first, let packId = try row.optionalInt("pack_id"), let level = OrgLevel(rawValue: try row.string("level")) else { return nil }
        return (try row.string("kind_code"), packId, level, Int(try row.int("clock_days_used")), Set(try row.simpleArray("document_types")))
    }
}

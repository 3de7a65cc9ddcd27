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
        try documents(c.execute(listQuery(nomination: id)))
    }

    /// A dossier's documents, withdrawn ones included and marked, in upload order.
    static func listQuery(nomination id: Int64) -> SQL {
        """
            SELECT d.id, d.type, d.name, d.media_type, d.size_bytes, d.sha256, d.uploaded_by, floor(extract(epoch FROM d.uploaded_at)) AS at,
                   w.actor AS withdrawn_by, floor(extract(epoch FROM w.at)) AS withdrawn_at, w.reason AS withdrawn_reason
            FROM documents d LEFT JOIN document_withdrawals w ON w.document_id = d.id
            WHERE d.nomination_id = \(id) ORDER BY d.id
            """
    }

    static func documents(_ rows: Rows) throws -> [DocumentInfo] {
        try rows.map { row in
            var info = DocumentInfo(id: try row.int("id"), type: try Queries.enumValue(row, "type"), name: try row.string("name"),
                                    mediaType: try row.string("media_type"), size: Int(try row.int("size_bytes")), sha256: try row.string("sha256"),
                                    uploadedBy: try row.string("uploaded_by"), uploadedAt: try row.epoch("at"))
            if let by = try row.optionalString("withdrawn_by") {
                info.withdrawn = DocumentWithdrawal(by: by, at: try row.epoch("withdrawn_at"), reason: try row.optionalString("withdrawn_reason"))
            }
            return info
        }
    }

    /// The document types the nominations' dossiers hold, withdrawn ones left out.
    static func typesHeld(_ c: Connection, nominations ids: [Int64]) throws -> Set<String> {
        Set(try c.execute("""
            SELECT DISTINCT d.type FROM documents d
            WHERE d.nomination_id = ANY(\(ids)::bigint[]) AND NOT EXISTS (SELECT 1 FROM document_withdrawals w WHERE w.document_id = d.id)
            """).map { try $0.string("type") })
    }

    /// Marks a document withdrawn, when its uploader (or an admin) asks while the dossier has
    /// taken no step since the upload and is still open; the file stays. Returns why it may not, or nil.
    static func withdraw(_ c: Connection, nomination id: Int64, document: Int64, by principal: Principal, reason: String?) throws -> String? {
        guard let row = try c.execute("""
            SELECT d.uploaded_by, n.state,
                   EXISTS (SELECT 1 FROM document_withdrawals w WHERE w.document_id = d.id) AS withdrawn,
                   EXISTS (SELECT 1 FROM transitions t WHERE t.nomination_id = n.id AND t.at > d.uploaded_at AND t.command <> 'amend') AS moved
            FROM documents d JOIN nominations n ON n.id = d.nomination_id
            WHERE d.nomination_id = \(id) AND d.id = \(document)
            FOR UPDATE OF n
            """).first else {
            throw AwardError(.notFound, code: .unknownDocument, "nomination \(id) has no document \(document)",
                             vi: "Hồ sơ số \(id) không có tài liệu số \(document).")
        }
        if try row.bool("withdrawn") { return "Tài liệu này đã được rút trước đó." }
        let uploader = try row.string("uploaded_by")
        if !Policy.ownsUpload(principal, uploadedBy: uploader) {
            return "Chỉ người đã tải tài liệu lên (\(uploader)) mới rút được tài liệu này."
        }
        let state: NominationState = try Queries.enumValue(row, "state")
        let moved = try row.bool("moved")
        if state.isFinal || state == .awarded || moved {
            return "Hồ sơ đã được xử lý tiếp sau khi tải tài liệu lên, nên tài liệu không rút được nữa."
        }
        try c.execute("""
            INSERT INTO document_withdrawals (document_id, actor, reason) VALUES (\(document), \(principal.name), \(reason))
            """)
        return nil
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
                   array(SELECT DISTINCT type FROM documents m WHERE m.nomination_id = n.id
                         AND NOT EXISTS (SELECT 1 FROM document_withdrawals w WHERE w.document_id = m.id)) AS document_types
            FROM nominations n WHERE n.id = \(id) AND n.state IN ('pending', 'public_notice') AND n.clock_started_on IS NULL
            """).first, let packId = try row.optionalInt("pack_id"), let level = OrgLevel(rawValue: try row.string("level")) else { return nil }
        return (try row.string("kind_code"), packId, level, Int(try row.int("clock_days_used")), Set(try row.simpleArray("document_types")))
    }
}

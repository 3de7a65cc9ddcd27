import AwardPostgres
import Foundation

/// A dossier document as listed (never its content).
public struct DocumentInfo: Sendable, Codable, Equatable {
    public var id: Int64
    public var type: DocumentType
    public var name: String
    public var mediaType: String
    public var size: Int
    public var sha256: String
    public var uploadedBy: String
    public var uploadedAt: Date
    /// Set once withdrawn: the file stays, marked, and no longer counts towards a tier's documents.
    @ExplicitNull public var withdrawn: DocumentWithdrawal? = nil

    enum CodingKeys: String, CodingKey {
        case id, type, name, mediaType = "media_type", size, sha256, uploadedBy = "uploaded_by", uploadedAt = "uploaded_at", withdrawn
    }
}

/// Who withdrew a document uploaded by mistake, when and why.
public struct DocumentWithdrawal: Sendable, Codable, Equatable {
    public var by: String
    public var at: Date
    @ExplicitNull public var reason: String?
}

extension AwardEngine {
    /// The largest document accepted.
    public static let maxDocumentBytes = 10 * 1024 * 1024

    /// Attaches a document to a nomination's dossier. The content is checked against its kind
    /// (PDF, Word, ODF, JPEG or PNG), stored with its SHA-256, and never altered. When it completes
    /// the documents the current tier needs, the tier's processing clock starts.
    public func addDocument(to id: Int64, type: DocumentType, name: String, content: [UInt8], by principal: Principal,
                            now: Date = Date()) async throws(AwardError) -> DocumentInfo {
        let name = try Text.required(name, field: .documentName, maxLength: 255, multiline: false)
        guard !content.isEmpty else { throw AwardError(.invalidInput, code: .emptyDocument, "the document is empty") }
        guard content.count <= Self.maxDocumentBytes else {
            throw AwardError(.invalidInput, code: .documentTooLarge, "the document is larger than \(Self.maxDocumentBytes / 1024 / 1024) MiB")
        }
        guard let mediaType = Self.mediaType(of: content) else {
            throw AwardError(.invalidInput, code: .documentType, "the document must be PDF, Word/ODF, JPEG or PNG")
        }
        try Policy.require(principal, .uploadDocument)
        let today = Self.today(now)
        let cache = packCache
        return try await transaction { c in
            try Access.nomination(c, id, principal, .uploadDocument)
            let document = try DocumentStore.insert(c, nomination: id, type: type, name: name, mediaType: mediaType, content: content,
                                                    by: principal.name)
            if let waiting = try DocumentStore.clockToStart(c, nomination: id),
               let tier = try cache.pack(c, id: waiting.packId).kind(waiting.kind)?.tier(at: waiting.level),
               (tier.documents ?? []).allSatisfy(waiting.documentTypes.contains) {
                let calendar = try CalendarStore.calendar(c, from: today)
                let due = tier.limitDays.map { calendar.add(workingDays: max(0, $0 - waiting.daysUsed), to: today) }
                try NominationStore.startClock(c, id: id, on: today, due: due)
                if let due { try TimerStore.set(c, nomination: id, TimerEffect(kind: .deadline, due: due)) }
            }
            return document
        }
    }

    /// Withdraws a document uploaded by mistake: by its uploader (or an admin), while the dossier
    /// is open and has taken no step since the upload. It is kept and marked, never deleted, and no
    /// longer counts towards what a tier requires.
    public func withdrawDocument(_ document: Int64, of id: Int64, reason: String?, by principal: Principal) async throws(AwardError) -> DocumentInfo {
        let reason = try Text.optional(reason, field: .reason, maxLength: 1000)
        return try await transaction { c in
            try Access.nomination(c, id, principal, .withdrawDocument)
            if let refusal = try DocumentStore.withdraw(c, nomination: id, document: document, by: principal, reason: reason) {
                throw AwardError(.refused, code: .documentNotWithdrawable, "document \(document) cannot be withdrawn: \(refusal)", vi: refusal)
            }
            guard let info = try DocumentStore.list(c, nomination: id).first(where: { $0.id == document }) else {
                throw AwardError(.notFound, code: .unknownDocument, "nomination \(id) has no document \(document)")
            }
            return info
        }
    }

    /// A nomination's documents, oldest first.
    public func documents(of id: Int64, viewer: Principal? = nil) async throws(AwardError) -> [DocumentInfo] {
        try await lease { c in
            try Access.nomination(c, id, viewer)
            return try DocumentStore.list(c, nomination: id)
        }
    }

    /// One document with its content, as it was uploaded (its SHA-256 in the info).
    public func document(_ document: Int64, of id: Int64, viewer: Principal? = nil) async throws(AwardError) -> (info: DocumentInfo, content: [UInt8]) {
        try await lease { c in
            try Access.nomination(c, id, viewer)
            guard let found = try DocumentStore.content(c, nomination: id, document: document) else {
                throw AwardError(.notFound, code: .unknownDocument, "nomination \(id) has no document \(document)",
                                 vi: "Hồ sơ số \(id) không có tài liệu số \(document).")
            }
            guard found.intact else {
                throw AwardError(.internal, code: .internal, "document \(document) of nomination \(id) no longer matches its SHA-256")
            }
            return (found.info, found.content)
        }
    }

    /// Recognises PDF, OOXML/ODF (zip), legacy Office, JPEG and PNG by their first bytes.
    static func mediaType(of content: [UInt8]) -> String? {
        func starts(_ prefix: [UInt8]) -> Bool { content.count >= prefix.count && Array(content.prefix(prefix.count)) == prefix }
        if starts([0x25, 0x50, 0x44, 0x46, 0x2D]) { return "application/pdf" }
        if starts([0x50, 0x4B, 0x03, 0x04]) { return "application/zip" }
        if starts([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) { return "application/msword" }
        if starts([0xFF, 0xD8, 0xFF]) { return "image/jpeg" }
        if starts([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return "image/png" }
        return nil
    }
}

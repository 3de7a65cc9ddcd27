import Foundation
import AwardPostgres

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

    enum CodingKeys: String, CodingKey {
        case id, type, name, mediaType = "media_type", size, sha256, uploadedBy = "uploaded_by", uploadedAt = "uploaded_at"
    }
}

/// An objection received during a public notice.
public struct ObjectionInfo: Sendable, Codable, Equatable {
    public var id: Int64
    public var text: String
    public var receivedOn: CivilDate
    public var resolution: String?

    enum CodingKeys: String, CodingKey { case id, text, receivedOn = "received_on", resolution }
}

/// A nomination that is late or due soon.
public struct DeadlineInfo: Sendable, Codable, Equatable {
    public var nomination: NominationView
    public var dueOn: CivilDate
    /// Working days left (negative when late).
    public var workingDaysLeft: Int

    enum CodingKeys: String, CodingKey { case nomination, dueOn = "due_on", workingDaysLeft = "working_days_left" }
}

extension AwardEngine {
    /// The largest document accepted.
    public static let maxDocumentBytes = 10 * 1024 * 1024

    /// Attaches a document to a nomination's dossier. The content is checked against its kind
    /// (PDF, Word, ODF, JPEG or PNG), stored with its SHA-256, and never altered.
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
        guard principal.role != .auditor else {
            throw AwardError(.forbidden, code: .roleNotAllowed, "an auditor only reads")
        }
        let hex = "\\x" + content.map { String($0, radix: 16).leftPadded(2) }.joined()
        let today = Self.today(now)
        let cache = packCache
        return try await transaction { c in
            try Self.checkVisible(c, id: id, viewer: principal)
            let row = try c.execute("""
                INSERT INTO documents (nomination_id, type, name, media_type, size_bytes, sha256, content, uploaded_by)
                VALUES (\(id), \(type.rawValue), \(name), \(mediaType), \(content.count), encode(sha256(\(hex)::bytea), 'hex'), \(hex)::bytea, \(principal.name))
                RETURNING id, sha256, floor(extract(epoch FROM uploaded_at)) AS at
                """).first!
            try Self.startClockIfComplete(c, id: id, today: today, cache: cache)
            return DocumentInfo(id: try row.int("id"), type: type, name: name, mediaType: mediaType, size: content.count,
                                sha256: try row.string("sha256"), uploadedBy: principal.name, uploadedAt: try row.epoch("at"))
        }
    }

    /// A nomination's documents, oldest first.
    public func documents(of id: Int64, viewer: Principal? = nil) async throws(AwardError) -> [DocumentInfo] {
        try await lease { c in
            try Self.checkVisible(c, id: id, viewer: viewer)
            return try c.execute("""
                SELECT id, type, name, media_type, size_bytes, sha256, uploaded_by, floor(extract(epoch FROM uploaded_at)) AS at
                FROM documents WHERE nomination_id = \(id) ORDER BY id
                """).map { row in
                DocumentInfo(id: try row.int("id"), type: try Queries.enumValue(row, "type"), name: try row.string("name"),
                             mediaType: try row.string("media_type"), size: Int(try row.int("size_bytes")), sha256: try row.string("sha256"),
                             uploadedBy: try row.string("uploaded_by"), uploadedAt: try row.epoch("at"))
            }
        }
    }

    /// When the last required document of the tier arrives, the tier's clock starts.
    static func startClockIfComplete(_ c: Connection, id: Int64, today: CivilDate, cache: PackCache) throws {
        guard let row = try c.execute("""
            SELECT n.kind_code, n.pack_id, n.tier, n.clock_days_used,
                   (SELECT o.level FROM orgs o WHERE o.id = n.route[n.tier]) AS level,
                   array(SELECT DISTINCT type FROM documents WHERE nomination_id = n.id) AS document_types
            FROM nominations n WHERE n.id = \(id) AND n.state IN ('pending', 'public_notice') AND n.clock_started_on IS NULL
            """).first, let packId = try row.optionalInt("pack_id") else { return }
        guard let level = OrgLevel(rawValue: try row.string("level")),
              let tier = try cache.pack(c, id: packId).kind(try row.string("kind_code"))?.tier(at: level) else { return }
        let have = Set(try row.simpleArray("document_types"))
        guard (tier.documents ?? []).allSatisfy(have.contains) else { return }
        let due = try tier.limitDays.map { try CalendarStore.calendar(c, from: today).add(workingDays: max(0, $0 - Int(try row.int("clock_days_used"))), to: today) }
        try c.execute("UPDATE nominations SET clock_started_on = \(today)::date, due_on = \(due)::date WHERE id = \(id)")
        if let due { try TimerStore.set(c, nomination: id, TimerEffect(kind: .deadline, due: due)) }
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

    // MARK: Public notice

    /// Records an objection received during a nomination's public notice.
    public func addObjection(to id: Int64, text: String, receivedOn: CivilDate, by principal: Principal) async throws(AwardError) -> ObjectionInfo {
        let text = try Text.required(text, field: .objection, maxLength: 4000, multiline: true)
        guard principal.role != .auditor else { throw AwardError(.forbidden, code: .roleNotAllowed, "an auditor only reads") }
        return try await transaction { c in
            try Self.checkVisible(c, id: id, viewer: principal)
            let row = try c.execute("""
                INSERT INTO objections (nomination_id, text, received_on, recorded_by) VALUES (\(id), \(text), \(receivedOn)::date, \(principal.name))
                RETURNING id
                """).first!
            return ObjectionInfo(id: try row.int("id"), text: text, receivedOn: receivedOn, resolution: nil)
        }
    }

    /// Resolves an objection with a note (the council's finding).
    public func resolveObjection(_ objection: Int64, resolution: String, by principal: Principal) async throws(AwardError) -> ObjectionInfo {
        let resolution = try Text.required(resolution, field: .resolution, maxLength: 4000, multiline: true)
        guard principal.role == .approver || principal.role == .admin else {
            throw AwardError(.forbidden, code: .roleNotAllowed, "only an approver resolves objections")
        }
        return try await transaction { c in
            guard let row = try c.execute("""
                UPDATE objections SET resolved_at = now(), resolution = \(resolution), resolved_by = \(principal.name)
                WHERE id = \(objection) AND resolved_at IS NULL
                RETURNING nomination_id, text, received_on
                """).first else {
                throw AwardError(.notFound, code: .unknownObjection, "no open objection with id \(objection)")
            }
            try Self.checkVisible(c, id: try row.int("nomination_id"), viewer: principal)
            return ObjectionInfo(id: objection, text: try row.string("text"), receivedOn: try row.optionalDate("received_on")!, resolution: resolution)
        }
    }

    // MARK: Calendar and deadlines

    /// Marks days from `from` to `to` (inclusive) as holidays, or one day as a make-up working day.
    public func setCalendar(from: CivilDate, to: CivilDate? = nil, working: Bool, name: String? = nil) async throws(AwardError) -> Int {
        let end = to ?? from
        guard end >= from else { throw AwardError(.invalidInput, code: .badPeriod, "the end is before the start") }
        guard end.dayNumber - from.dayNumber <= 366 else { throw AwardError(.invalidInput, code: .badPeriod, "at most a year at a time") }
        let name = try Text.optional(name, field: .name, maxLength: 200, multiline: false)
        return try await transaction { c in
            var day = from
            var count = 0
            while day <= end {
                try c.execute("""
                    INSERT INTO calendar_days (day, working, name) VALUES (\(day)::date, \(working), \(name))
                    ON CONFLICT (day) DO UPDATE SET working = EXCLUDED.working, name = EXCLUDED.name
                    """)
                day = day.adding(days: 1)
                count += 1
            }
            return count
        }
    }

    /// The day a period of `days` working days from `from` ends, under the recorded calendar.
    public func dueDate(from: CivilDate, workingDays days: Int) async throws(AwardError) -> CivilDate {
        guard (0...2000).contains(days) else { throw AwardError(.invalidInput, code: .badDays, "days must be 0–2000") }
        return try await lease { c in try CalendarStore.calendar(c, from: from, span: days * 2 + 60).add(workingDays: days, to: from) }
    }

    /// Nominations late or due within `within` working days, at `org` and below (all for `nil`).
    public func overdue(org: String? = nil, within: Int = 0, viewer: Principal? = nil, now: Date = Date()) async throws(AwardError) -> [DeadlineInfo] {
        let today = Self.today(now)
        return try await lease { c in
            var orgId = try org.map { try OrgStore.org(c, code: $0).id }
            if let viewer, viewer.role != .admin { orgId = orgId ?? viewer.orgId }
            let calendar = try CalendarStore.calendar(c, from: today)
            let horizon = calendar.add(workingDays: max(0, within), to: today)
            return try c.execute(SQL(constant: Queries.viewSelect).appending("""
                 JOIN orgs w ON w.id = n.current_org_id
                 WHERE n.due_on IS NOT NULL AND n.due_on <= \(horizon)::date AND n.state IN ('pending', 'public_notice')
                   AND (\(orgId)::bigint IS NULL OR w.path @> ARRAY[\(orgId)::bigint])
                 ORDER BY n.due_on, n.id LIMIT 10000
                """)).map { row in
                let due = try row.optionalDate("due_on")!
                let left = due >= today ? calendar.workingDays(from: today, to: due) : -calendar.workingDays(from: due, to: today)
                return DeadlineInfo(nomination: try Queries.nominationView(row), dueOn: due, workingDaysLeft: left)
            }
        }
    }

    // MARK: Durable timers

    /// Fires the timers due by today: ends public notices (the nomination becomes pending for its
    /// council) and raises deadline warnings. Picked with FOR UPDATE SKIP LOCKED and marked fired in
    /// the same transaction, so concurrent workers never fire one twice. Returns how many fired.
    public func runDueTimers(now: Date = Date(), limit: Int = 100) async throws(AwardError) -> Int {
        let today = Self.today(now)
        return try await transaction { c in
            let due = try TimerStore.lockDue(c, by: today, limit: limit)
            for timer in due {
                let id = try timer.int("nomination_id")
                var outcome = "stale"
                switch try timer.string("kind") {
                case "notice_end":
                    if try timer.string("state") == "public_notice", try timer.optionalDate("notice_until") == timer.optionalDate("due_on") {
                        let version = try timer.int("version")
                        let updated = try c.execute("""
                            WITH upd AS (
                                UPDATE nominations SET state = 'pending', version = version + 1, updated_at = now()
                                WHERE id = \(id) AND version = \(version) RETURNING id, version, tier, current_org_id)
                            INSERT INTO transitions (nomination_id, seq, command, from_state, to_state, tier, org_id, actor, reason, at)
                            SELECT id, version, 'notice_end', 'public_notice', 'pending', tier, current_org_id, 'system',
                                   'Hết thời hạn công khai / public notice ended', now() FROM upd
                            RETURNING seq
                            """)
                        outcome = updated.isEmpty ? "conflict" : "notice ended"
                    }
                case "deadline":
                    if ["pending", "public_notice"].contains(try timer.string("state")), try timer.optionalDate("nomination_due") == timer.optionalDate("due_on") {
                        try c.execute("""
                            INSERT INTO notifications (nomination_id, org_id, kind, message)
                            VALUES (\(id), \(try timer.int("current_org_id")), 'deadline',
                                    \("Hồ sơ #\(id) đến hạn xử lý ngày \(try timer.optionalDate("due_on")!.vietnamese) / nomination \(id) is due"))
                            """)
                        outcome = "warned"
                    }
                default:
                    break
                }
                try TimerStore.markFired(c, timer: try timer.int("id"), outcome: outcome)
            }
            return due.count
        }
    }
}

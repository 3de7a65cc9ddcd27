import Foundation
import AwardPostgres

/// A broken link found by `audit verify`.
public struct ChainProblem: Sendable, Codable, Equatable {
    public var nominationId: Int64
    /// The history row at fault (for a missing tail, the last row the nomination's version expects).
    public var seq: Int
    public var problem: String

    enum CodingKeys: String, CodingKey { case nominationId = "nomination_id", seq, problem }
}

/// The outcome of `audit verify`.
public struct AuditReport: Sendable, Encodable, Equatable {
    public var nominations: Int
    public var rows: Int
    /// The first broken link of each broken chain (empty when every chain holds).
    public var problems: [ChainProblem]
    public var ok: Bool { problems.isEmpty }

    enum CodingKeys: String, CodingKey { case nominations, rows, problems, ok }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(nominations, forKey: .nominations)
        try c.encode(rows, forKey: .rows)
        try c.encode(problems, forKey: .problems)
        try c.encode(ok, forKey: .ok)
    }
}

/// The hash over every chain's head as of a moment: kept outside, it proves later that no history
/// up to that moment changed.
public struct AuditDigest: Sendable, Codable, Equatable {
    public var asOf: Date
    public var nominations: Int
    public var digest: String

    enum CodingKeys: String, CodingKey { case asOf = "as_of", nominations, digest }
}

/// One action in the audit log.
public struct AuditEntry: Sendable, Codable, Equatable {
    public var nominationId: Int64
    public var seq: Int
    public var kind: String
    public var nominee: String
    public var command: String
    public var fromState: String?
    public var toState: String
    public var org: String
    public var actor: String
    public var reason: String?
    public var at: Date

    enum CodingKeys: String, CodingKey {
        case nominationId = "nomination_id", seq, kind, nominee, command, fromState = "from_state", toState = "to_state", org, actor, reason, at
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(nominationId, forKey: .nominationId)
        try c.encode(seq, forKey: .seq)
        try c.encode(kind, forKey: .kind)
        try c.encode(nominee, forKey: .nominee)
        try c.encode(command, forKey: .command)
        try c.encode(fromState, forKey: .fromState)
        try c.encode(toState, forKey: .toState)
        try c.encode(org, forKey: .org)
        try c.encode(actor, forKey: .actor)
        try c.encode(reason, forKey: .reason)
        try c.encode(at, forKey: .at)
    }
}

extension AuditEntry: Tabular {
    public static var headers: [String] { ["nomination_id", "seq", "kind", "nominee", "command", "from_state", "to_state", "org", "actor", "at", "reason"] }
    public var cells: [String] {
        [String(nominationId), String(seq), kind, nominee, command, fromState ?? "", toState, org, actor, CSV.vietnameseDateTime(at), reason ?? ""]
    }
}

extension AwardEngine {
    /// Recomputes every chain (or one nomination's) and reports the first broken link of each.
    public func verifyAudit(nomination: Int64? = nil) async throws(AwardError) -> AuditReport {
        try await lease { c in
            let problems = try c.execute("""
                WITH chain AS (
                    SELECT t.nomination_id, t.seq, t.hash, t.prev_hash,
                           row_number() OVER w AS position,
                           lag(t.hash) OVER w AS previous,
                           award_chain_hash(t.prev_hash, t) AS expected
                    FROM transitions t
                    WHERE \(nomination)::bigint IS NULL OR t.nomination_id = \(nomination)::bigint
                    WINDOW w AS (PARTITION BY t.nomination_id ORDER BY t.seq)),
                broken AS (
                    SELECT nomination_id, seq,
                           CASE WHEN seq <> position THEN 'a row before this one is missing, or one was inserted'
                                WHEN prev_hash <> coalesce(previous, repeat('0', 64)) THEN 'the link to the previous row is broken (a row was changed, removed or reordered)'
                                ELSE 'the row was changed after it was written' END AS problem
                    FROM chain
                    WHERE seq <> position OR prev_hash <> coalesce(previous, repeat('0', 64)) OR hash IS DISTINCT FROM expected
                    UNION ALL
                    SELECT n.id, n.version, 'the last rows of the history are missing (version ' || n.version || ', history ends at ' || coalesce(max(t.seq), 0) || ')'
                    FROM nominations n LEFT JOIN transitions t ON t.nomination_id = n.id
                    WHERE \(nomination)::bigint IS NULL OR n.id = \(nomination)::bigint
                    GROUP BY n.id HAVING coalesce(max(t.seq), 0) < n.version)
                SELECT DISTINCT ON (nomination_id) nomination_id, seq, problem FROM broken ORDER BY nomination_id, seq
                """).map { row in
                ChainProblem(nominationId: try row.int("nomination_id"), seq: Int(try row.int("seq")), problem: try row.string("problem"))
            }
            let totals = try c.execute("""
                SELECT count(DISTINCT nomination_id) AS nominations, count(*) AS rows FROM transitions
                WHERE \(nomination)::bigint IS NULL OR nomination_id = \(nomination)::bigint
                """).first!
            if let nomination, try totals.int("rows") == 0, try c.execute("SELECT 1 FROM nominations WHERE id = \(nomination)").isEmpty {
                throw AwardError(.notFound, code: .unknownNomination, "no nomination with id \(nomination)")
            }
            return AuditReport(nominations: Int(try totals.int("nominations")), rows: Int(try totals.int("rows")), problems: problems)
        }
    }

    /// The hash over every chain's head as it stood at `asOf` (now by default).
    public func auditDigest(asOf: Date = Date()) async throws(AwardError) -> AuditDigest {
        try await lease { c in
            let row = try c.execute("""
                WITH heads AS (
                    SELECT DISTINCT ON (nomination_id) nomination_id, hash FROM transitions
                    WHERE at <= \(asOf)::timestamptz ORDER BY nomination_id, seq DESC)
                SELECT count(*) AS nominations,
                       encode(sha256(convert_to(coalesce(string_agg(nomination_id || ':' || hash, E'\\n' ORDER BY nomination_id), ''), 'UTF8')), 'hex') AS digest
                FROM heads
                """).first!
            return AuditDigest(asOf: asOf, nominations: Int(try row.int("nominations")), digest: try row.string("digest"))
        }
    }

    /// Every action of a user, or at an org and below, in a period (both ends included).
    public func auditLog(actor: String? = nil, org: String? = nil, from: CivilDate? = nil, to: CivilDate? = nil,
                         viewer: Principal? = nil, limit: Int = 100_000) async throws(AwardError) -> [AuditEntry] {
        if let viewer, viewer.role != .auditor && viewer.role != .admin {
            throw AwardError(.forbidden, code: .roleNotAllowed, "only auditors and admins read the audit log")
        }
        return try await lease { c in
            var orgId = try org.map { try OrgStore.org(c, code: $0).id }
            if let viewer, viewer.role != .admin {
                if let requested = orgId {
                    let inside = try c.execute("SELECT path @> ARRAY[\(viewer.orgId)]::bigint[] AS inside FROM orgs WHERE id = \(requested)").first?.bool("inside") ?? false
                    guard inside else { throw AwardError(.forbidden, code: .outsideJurisdiction, "\(org ?? "") is outside the jurisdiction of \(viewer.orgCode)") }
                } else {
                    orgId = viewer.orgId
                }
            }
            return try c.execute("""
                SELECT t.nomination_id, t.seq, n.kind_code, e.name, t.command, t.from_state, t.to_state, o.code, t.actor, t.reason,
                       floor(extract(epoch FROM t.at)) AS at
                FROM transitions t
                JOIN orgs o ON o.id = t.org_id
                JOIN nominations n ON n.id = t.nomination_id
                JOIN nominees e ON e.id = n.nominee_id
                WHERE (\(actor)::text IS NULL OR lower(t.actor) = lower(\(actor)::text))
                  AND (\(orgId)::bigint IS NULL OR o.path @> ARRAY[\(orgId)::bigint])
                  AND (\(from)::date IS NULL OR t.at >= ((\(from)::date)::timestamp AT TIME ZONE 'UTC') - interval '7 hours')
                  AND (\(to)::date IS NULL OR t.at < ((\(to)::date + 1)::timestamp AT TIME ZONE 'UTC') - interval '7 hours')
                ORDER BY t.at, t.nomination_id, t.seq
                LIMIT \(max(1, min(limit, 1_000_000)))
                """).map { row in
                AuditEntry(nominationId: try row.int("nomination_id"), seq: Int(try row.int("seq")), kind: try row.string("kind_code"),
                           nominee: try row.string("name"), command: try row.string("command"), fromState: try row.optionalString("from_state"),
                           toState: try row.string("to_state"), org: try row.string("code"), actor: try row.string("actor"),
                           reason: try row.optionalString("reason"), at: try row.epoch("at"))
            }
        }
    }
}

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
    /// Whether every chain holds.
    public private(set) var ok: Bool

    public init(nominations: Int, rows: Int, problems: [ChainProblem]) {
        self.nominations = nominations
        self.rows = rows
        self.problems = problems
        ok = problems.isEmpty
    }

    enum CodingKeys: String, CodingKey { case nominations, rows, problems, ok }

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
    @ExplicitNull public var fromState: String?
    public var toState: String
    public var org: String
    public var actor: String
    @ExplicitNull public var reason: String?
    public var at: Date

    enum CodingKeys: String, CodingKey {
        case nominationId = "nomination_id", seq, kind, nominee, command, fromState = "from_state", toState = "to_state", org, actor, reason, at
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
    /// One nomination's chain is verified for whoever may read the nomination; every chain, for an
    /// auditor or admin.
    public func verifyAudit(nomination: Int64? = nil, viewer: Principal? = nil) async throws(AwardError) -> AuditReport {
        if nomination == nil { try Policy.require(viewer, .readAudit) }
        return try await lease { c in
            if let nomination, viewer != nil { try Access.nomination(c, nomination, viewer) }
            let result = try AuditStore.verify(c, nomination: nomination)
            if let nomination, result.rows == 0 { try NominationStore.require(c, nomination) }
            return AuditReport(nominations: result.nominations, rows: result.rows, problems: result.problems)
        }
    }

    /// The hash over every chain's head as it stood at `asOf` (now by default).
    public func auditDigest(asOf: Date = Date()) async throws(AwardError) -> AuditDigest {
        try await lease { c in try AuditStore.digest(c, asOf: asOf) }
    }

    /// Every action of a user, or at an org and below, in a period (both ends included).
    public func auditLog(actor: String? = nil, org: String? = nil, from: CivilDate? = nil, to: CivilDate? = nil,
                         viewer: Principal? = nil, limit: Int = 100_000) async throws(AwardError) -> [AuditEntry] {
        try Policy.require(viewer, .readAudit)
        return try await lease { c in
            let orgId = try Access.scope(c, viewer, .readAudit, requested: org).root
            return try AuditStore.log(c, actor: actor, org: orgId, from: from, to: to, limit: max(1, min(limit, 1_000_000)))
        }
    }
}

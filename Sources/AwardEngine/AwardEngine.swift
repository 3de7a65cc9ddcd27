import Foundation
import Logging

/// The engine: every command of awardctl and awardd goes through here, each in one transaction.
///
/// ```swift
/// let engine = AwardEngine(conninfo: ProcessInfo.processInfo.environment["AWARD_DATABASE_URL"])
/// _ = try await engine.migrate()
/// let n = try await engine.nominate(.init(kind: "giay-khen", unit: "P-HB", nomineeName: "Nguyễn Văn A", nomineeType: .individual), actor: "lan")
/// let awarded = try await engine.perform(.approve, on: n.id, actingFor: "TX-HL", actor: "minh",
///                                        decision: .init(number: "15/QĐ-UBND", date: CivilDate(iso: "2023-11-18")!))
/// ```
public final class AwardEngine: Sendable {
    /// The pool every command leases from.
    public let pool: ConnectionPool
    let logger: Logger
    /// The zone in which "today" is reckoned for decision dates (Vietnam, UTC+7, no DST).
    static let zone = TimeZone(secondsFromGMT: 7 * 3600)!

    /// Creates an engine over a pool; nothing is opened until the first command.
    ///
    /// - Parameter conninfo: a libpq connection string or URI, or `nil` for libpq's `PG*` variables.
    public init(conninfo: String?, poolSize: Int = 4, applicationName: String = "award-engine", logger: Logger = Logger(label: "award-engine")) {
        self.logger = logger
        pool = ConnectionPool(conninfo: conninfo, size: poolSize, applicationName: applicationName, logger: logger)
    }

    /// Closes the pool.
    public func close() async throws {
        try await pool.close()
    }

    /// Applies the schema migrations the database lacks.
    public func migrate() async throws(AwardError) -> MigrationReport {
        let report = try await transaction { c in try Migrator.migrate(c, schema: Migrator.bundledSchema) }
        logger.info("schema migrated", metadata: ["schema.from": "\(report.from)", "schema.to": "\(report.to)"])
        return report
    }

    // MARK: Organisations and the catalog

    /// Adds an org under `parent` (or as a root).
    public func addOrg(code: String, name: String, level: OrgLevel, parent: String?) async throws(AwardError) -> Organisation {
        let name = try Text.required(name, field: "name")
        let code = code.trimmingCharacters(in: .whitespaces)
        guard code.range(of: "^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$", options: .regularExpression) != nil else {
            throw AwardError(.invalidInput, code: "bad_org_code", "org code \(code) must be 1–64 letters, digits, '.', '_' or '-', starting with a letter or digit")
        }
        return try await transaction { c in
            let parentOrg = try parent.map { try Queries.org(c, code: $0) }
            let rows = try c.execute("""
                INSERT INTO orgs (code, name, level, parent_id)
                VALUES (\(code), \(name), \(level.rawValue), \(parentOrg?.id))
                ON CONFLICT DO NOTHING
                RETURNING id
                """)
            guard rows.first != nil else {
                throw AwardError(.refused, code: "duplicate_org", "an organisation with code \(code) already exists")
            }
            return try Queries.org(c, code: code)
        }
    }

    /// Every org, in tree order (each parent before its children, siblings by Vietnamese name).
    public func orgs() async throws(AwardError) -> [Organisation] {
        try await lease { c in
            try c.execute("""
                WITH RECURSIVE tree AS (
                    SELECT o.id, ARRAY[o.name COLLATE vi] AS sort_path FROM orgs o WHERE o.parent_id IS NULL
                    UNION ALL
                    SELECT o.id, t.sort_path || (o.name COLLATE vi) FROM orgs o JOIN tree t ON o.parent_id = t.id)
                SELECT o.id, o.code, o.name, o.level, p.code AS parent
                FROM tree JOIN orgs o ON o.id = tree.id LEFT JOIN orgs p ON p.id = o.parent_id
                ORDER BY tree.sort_path
                """).map(Queries.organisation)
        }
    }

    /// The catalog.
    public func kinds() async throws(AwardError) -> [AwardKind] {
        try await lease { c in
            try c.execute(SQL(constant: Queries.kindSelect + " ORDER BY k.code")).map(Queries.awardKind)
        }
    }

    // MARK: Commands

    /// Creates a nomination and, unless `draft`, submits it to the first tier of its route.
    public func nominate(
        _ request: NominationRequest, actor: String, idempotencyKey: String? = nil
    ) async throws(AwardError) -> NominationView {
        let actor = try Self.actorName(actor)
        let nomineeName = try request.nomineeName.map { name throws(AwardError) in try Text.required(name, field: "nominee") }
        let reason = try Text.optional(request.reason, field: "reason")
        if let year = request.year, !(1945...2200).contains(year) {
            throw AwardError(.invalidInput, code: "bad_year", "year \(year) is out of range (1945–2200)")
        }
        guard nomineeName != nil || request.nomineeId != nil else {
            throw AwardError(.invalidInput, code: "nominee_required", "a nomination needs a nominee name or an existing nominee id")
        }
        let key = try Self.idempotencyKey(idempotencyKey)
        let fingerprint = ["nominate", request.kind, request.unit.lowercased(), nomineeName ?? "", request.nomineeType?.rawValue ?? "",
                           request.nomineeId.map(String.init) ?? "", request.year.map(String.init) ?? "", reason ?? "",
                           request.draft ? "draft" : "submit"].joined(separator: "\u{1F}")
        return try await transaction { c in
            if let key, let stored = try Queries.storedResponse(c, scope: actor, key: key, request: fingerprint) {
                return stored
            }
            let kind = try Queries.kind(c, code: request.kind)
            let unit = try Queries.org(c, code: request.unit)
            let ancestry = try c.execute("""
                SELECT o.id, o.level FROM orgs u JOIN orgs o ON o.id = ANY(u.path)
                WHERE u.id = \(unit.id) ORDER BY array_position(u.path, o.id)
                """).map { row in Routing.Ancestor(id: try row.int("id"), level: try Queries.enumValue(row, "level")) }
            let route = try Routing.route(chain: kind.chain, ancestry: ancestry, kind: kind.code, unitCode: unit.code)

            let nomineeId: Int64
            let nomineeType: NomineeType
            if let existing = request.nomineeId {
                guard let row = try c.execute("SELECT id, type FROM nominees WHERE id = \(existing)").first else {
                    throw AwardError(.notFound, code: "unknown_nominee", "no nominee with id \(existing)")
                }
                nomineeType = try Queries.enumValue(row, "type")
                if let given = request.nomineeType, given != nomineeType {
                    throw AwardError(.invalidInput, code: "nominee_type_mismatch", "nominee \(existing) is a \(nomineeType.rawValue) nominee, not \(given.rawValue)")
                }
                nomineeId = existing
            } else {
                guard let type = request.nomineeType else {
                    throw AwardError(.invalidInput, code: "nominee_type_required", "a new nominee needs a type: individual, collective or household")
                }
                nomineeType = type
                nomineeId = 0
            }
            guard kind.nomineeTypes.contains(nomineeType) else {
                throw AwardError(
                    .refused, code: "nominee_type_not_accepted",
                    "\(kind.code) (\(kind.nameVi)) is not awarded to \(nomineeType.rawValue) nominees; it accepts \(kind.nomineeTypes.map(\.rawValue).joined(separator: ", "))")
            }
            let resolvedNominee: Int64 = nomineeId != 0 ? nomineeId : try c.execute("""
                INSERT INTO nominees (name, type, home_org_id) VALUES (\(nomineeName!), \(nomineeType.rawValue), \(unit.id))
                RETURNING id
                """).first!.int("id")

            let state: NominationState = request.draft ? .draft : .pending
            let position = Position(state: state, tier: 1, route: route, unit: unit.id)
            let id = try c.execute("""
                WITH n AS (
                    INSERT INTO nominations (kind_code, nominee_id, unit_id, year, reason, route, tier, state, current_org_id, version)
                    VALUES (\(kind.code), \(resolvedNominee), \(unit.id), \(request.year), \(reason), \(route)::bigint[], 1,
                            \(state.rawValue), \(position.currentOrg), 1)
                    RETURNING id)
                INSERT INTO transitions (nomination_id, seq, command, from_state, to_state, tier, org_id, actor, reason, at)
                SELECT n.id, 1, 'create', NULL, \(state.rawValue), 1, \(unit.id), \(actor), \(reason), now() FROM n
                RETURNING nomination_id
                """).first!.int("nomination_id")
            let view = try Queries.view(c, id: id)
            if let key { try Queries.storeResponse(c, scope: actor, key: key, request: fingerprint, view: view) }
            return view
        }
    }

    /// Performs `action` on nomination `id` for the org `actingFor`.
    ///
    /// The nomination is read, the ``Workflow`` judges the command, and the new state is written
    /// under a version check in the same transaction: if another command changed the nomination
    /// meanwhile, this one fails with a `conflict` and records nothing.
    public func perform(
        _ action: Action, on id: Int64, actingFor orgCode: String, actor: String,
        reason: String? = nil, comment: String? = nil, decision: DecisionInput? = nil,
        idempotencyKey: String? = nil, now: Date = Date()
    ) async throws(AwardError) -> NominationView {
        let actor = try Self.actorName(actor)
        let reason = try Text.optional(reason, field: "reason")
        let comment = try Text.optional(comment, field: "comment")
        let decision = try decision.map { d throws(AwardError) in
            DecisionInput(number: try Text.required(d.number, field: "decision number", maxLength: 100), date: d.date)
        }
        let key = try Self.idempotencyKey(idempotencyKey)
        let today = Self.today(now)
        let fingerprint = [action.rawValue, String(id), orgCode.lowercased(), reason ?? "", comment ?? "",
                           decision?.number ?? "", decision?.date.iso ?? ""].joined(separator: "\u{1F}")
        let logger = self.logger
        return try await transaction { c in
            if let key, let stored = try Queries.storedResponse(c, scope: actor, key: key, request: fingerprint) {
                return stored
            }
            guard let row = try c.execute("""
                SELECT n.state, n.tier, n.route, n.unit_id, n.version, n.kind_code, d.decided_on AS award_date
                FROM nominations n LEFT JOIN decisions d ON d.id = n.decision_id
                WHERE n.id = \(id)
                """).first else {
                throw AwardError(.notFound, code: "unknown_nomination", "no nomination with id \(id)")
            }
            let acting = try Queries.org(c, code: orgCode)
            let version = try row.int("version")
            let kind = try row.string("kind_code")
            let position = Position(
                state: try Queries.enumValue(row, "state"), tier: Int(try row.int("tier")),
                route: try row.simpleArray("route").compactMap { Int64($0) }, unit: try row.int("unit_id"),
                awardDate: try row.optionalDate("award_date"))
            let command = Command(action: action, actingOrg: acting.id, reason: reason, decision: decision)

            let transition: Transition
            do {
                transition = try Workflow.apply(command, to: position, today: today)
            } catch let error as WorkflowError {
                if error.code == .wrongOrg, let expected = error.expectedOrg {
                    let expectedCode = try Queries.orgCode(c, id: expected)
                    throw AwardError(.refused, code: error.code.rawValue,
                                     "\(error.message): it is for \(expectedCode), not \(acting.code)")
                }
                throw AwardError(.refused, code: error.code.rawValue, error.message)
            }

            var awardId: Int64? = nil
            var revocationId: Int64? = nil
            if let given = transition.decision {
                let purpose = action == .revoke ? "revocation" : "award"
                let decisionId = try Queries.recordDecision(c, issuer: acting.id, decision: given, purpose: purpose, kind: kind, actor: actor)
                if action == .revoke { revocationId = decisionId } else { awardId = decisionId }
            }
            let next = transition.to
            let updated = try c.execute("""
                WITH upd AS (
                    UPDATE nominations
                    SET state = \(next.state.rawValue), tier = \(next.tier), current_org_id = \(next.currentOrg),
                        version = version + 1, decision_id = coalesce(\(awardId), decision_id),
                        revocation_id = \(revocationId), updated_at = now()
                    WHERE id = \(id) AND version = \(version)
                    RETURNING id, version)
                INSERT INTO transitions (nomination_id, seq, command, from_state, to_state, tier, org_id, actor, reason, comment, decision_id, at)
                SELECT upd.id, upd.version, \(action.rawValue), \(transition.from.rawValue), \(next.state.rawValue),
                       \(transition.tier), \(acting.id), \(actor), \(reason), \(comment), \(awardId ?? revocationId), now()
                FROM upd
                RETURNING seq
                """)
            guard !updated.isEmpty else {
                throw AwardError(.conflict, code: "concurrent_change",
                                 "nomination \(id) was changed by someone else meanwhile; read it again and retry")
            }
            logger.info("transition", metadata: [
                "nomination.id": "\(id)", "transition.command": "\(action.rawValue)", "transition.to": "\(next.state.rawValue)",
            ])
            let view = try Queries.view(c, id: id)
            if let key { try Queries.storeResponse(c, scope: actor, key: key, request: fingerprint, view: view) }
            return view
        }
    }

    // MARK: Reads

    /// One nomination.
    public func nomination(_ id: Int64) async throws(AwardError) -> NominationView {
        try await lease { c in try Queries.view(c, id: id) }
    }

    /// A nomination's history, oldest first.
    public func history(_ id: Int64) async throws(AwardError) -> [HistoryEntry] {
        try await lease { c in
            guard try !c.execute("SELECT 1 FROM nominations WHERE id = \(id)").isEmpty else {
                throw AwardError(.notFound, code: "unknown_nomination", "no nomination with id \(id)")
            }
            return try c.execute("""
                SELECT h.seq, h.command, h.from_state, h.to_state, t.level AS tier_level, o.code AS org_code,
                       h.actor, h.reason, h.comment, d.number AS d_number, d.decided_on AS d_date, di.code AS d_issuer,
                       floor(extract(epoch FROM h.at)) AS at
                FROM transitions h
                JOIN nominations n ON n.id = h.nomination_id
                JOIN orgs t ON t.id = n.route[h.tier]
                JOIN orgs o ON o.id = h.org_id
                LEFT JOIN decisions d ON d.id = h.decision_id
                LEFT JOIN orgs di ON di.id = d.issuer_org_id
                WHERE h.nomination_id = \(id)
                ORDER BY h.seq
                """).map { row in
                var decision: NominationView.DecisionRef? = nil
                if let number = try row.optionalString("d_number"), let date = try row.optionalDate("d_date") {
                    decision = .init(number: number, date: date, issuer: try row.string("d_issuer"))
                }
                return HistoryEntry(
                    seq: Int(try row.int("seq")), command: try row.string("command"),
                    fromState: try row.optionalString("from_state").map { try Queries.parse(NominationState.self, $0, "from_state") },
                    toState: try Queries.enumValue(row, "to_state"), tier: try Queries.enumValue(row, "tier_level"),
                    org: try row.string("org_code"), actor: try row.string("actor"), reason: try row.optionalString("reason"),
                    comment: try row.optionalString("comment"), decision: decision, at: try row.epoch("at"))
            }
        }
    }

    /// Nominations waiting at `org` for its officer, oldest first.
    public func pending(org code: String, limit: Int = 1000, after: Int64 = 0) async throws(AwardError) -> [NominationView] {
        try await lease { c in
            let org = try Queries.org(c, code: code)
            return try c.execute(SQL(constant: Queries.viewSelect).appending("""
                 WHERE n.current_org_id = \(org.id) AND n.state = 'pending' AND n.id > \(after)
                 ORDER BY n.id LIMIT \(max(1, min(limit, 10_000)))
                """)).map(Queries.nominationView)
        }
    }

    /// Awardees of decisions dated in `query.year`, ordered by decision date then Vietnamese name.
    public func awardees(_ query: AwardeeQuery) async throws(AwardError) -> [Awardee] {
        try await lease { c in
            let orgId = try query.org.map { try Queries.org(c, code: $0).id }
            if let kind = query.kind { _ = try Queries.kind(c, code: kind) }
            return try c.execute("""
                SELECT n.id, e.name, e.type, n.kind_code, u.code AS unit_code, d.number, d.decided_on
                FROM decisions d
                JOIN nominations n ON n.decision_id = d.id
                JOIN nominees e ON e.id = n.nominee_id
                JOIN orgs u ON u.id = n.unit_id
                WHERE d.year = \(query.year) AND n.state = 'awarded'
                  AND (\(query.kind)::text IS NULL OR n.kind_code = \(query.kind))
                  AND (\(query.nomineeType?.rawValue)::text IS NULL OR e.type = \(query.nomineeType?.rawValue))
                  AND (\(orgId)::bigint IS NULL OR u.path @> ARRAY[\(orgId)::bigint])
                ORDER BY d.decided_on, e.name COLLATE vi, n.id
                """).map { row in
                Awardee(
                    nominationId: try row.int("id"), nominee: try row.string("name"), nomineeType: try Queries.enumValue(row, "type"),
                    kind: try row.string("kind_code"), unit: try row.string("unit_code"), decisionNumber: try row.string("number"),
                    decisionDate: try row.optionalDate("decided_on")!)
            }
        }
    }

    // MARK: Plumbing

    /// "Today" in Vietnam for `now`.
    static func today(_ now: Date) -> CivilDate {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let c = calendar.dateComponents([.year, .month, .day], from: now)
        return CivilDate(year: c.year!, month: c.month!, day: c.day!)!
    }

    static func actorName(_ actor: String) throws(AwardError) -> String {
        try Text.required(actor, field: "actor", maxLength: 200)
    }

    static func idempotencyKey(_ key: String?) throws(AwardError) -> String? {
        guard let key else { return nil }
        guard (1...200).contains(key.utf8.count), key.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value < 0x7F }) else {
            throw AwardError(.invalidInput, code: "bad_idempotency_key", "an idempotency key is 1–200 visible ASCII characters")
        }
        return key
    }

    /// Runs `body` in one transaction and maps every failure to an ``AwardError``.
    func transaction<T: Sendable>(_ body: @escaping @Sendable (Connection) throws -> T) async throws(AwardError) -> T {
        do {
            return try await pool.withTransaction(body)
        } catch {
            throw Self.map(error)
        }
    }

    /// Runs `body` on a leased connection (autocommit) and maps every failure.
    func lease<T: Sendable>(_ body: @escaping @Sendable (Connection) throws -> T) async throws(AwardError) -> T {
        do {
            return try await pool.withConnection(body)
        } catch {
            throw Self.map(error)
        }
    }

    static func map(_ error: any Error) -> AwardError {
        if let error = error as? AwardError { return error }
        guard let error = error as? PostgresError else {
            return AwardError(.internal, code: "internal", "internal error: \(error)")
        }
        if error.isConnectionFailure {
            return AwardError(.unavailable, code: "database_unavailable", "the database is unavailable: \(error.message)")
        }
        if error.isConflict {
            return AwardError(.conflict, code: "concurrent_change", "a concurrent change won (\(error.constraint ?? error.sqlState ?? "conflict")); read again and retry")
        }
        switch error.sqlState {
        case "23514", "23502", "23503", "22001", "22P02", "22007", "22008", "22003":
            return AwardError(.invalidInput, code: "constraint_violation",
                              "refused by the database: \(error.message)\(error.constraint.map { " (\($0))" } ?? "")")
        case "42501":
            return AwardError(.forbidden, code: "append_only", error.message)
        default:
            return AwardError(.internal, code: "database_error", error.description)
        }
    }
}

/// What a new nomination needs.
public struct NominationRequest: Sendable, Equatable {
    /// The award kind's code.
    public var kind: String
    /// The proposing unit's code.
    public var unit: String
    /// A new nominee's name (NFC or NFD; stored NFC).
    public var nomineeName: String?
    /// A new nominee's type (or, with `nomineeId`, a check of it).
    public var nomineeType: NomineeType?
    /// An existing nominee, nominated again.
    public var nomineeId: Int64?
    /// The achievement year.
    public var year: Int?
    /// Why the unit proposes it.
    public var reason: String?
    /// Keep it as a draft instead of submitting it.
    public var draft: Bool

    public init(kind: String, unit: String, nomineeName: String? = nil, nomineeType: NomineeType? = nil, nomineeId: Int64? = nil,
                year: Int? = nil, reason: String? = nil, draft: Bool = false) {
        self.kind = kind
        self.unit = unit
        self.nomineeName = nomineeName
        self.nomineeType = nomineeType
        self.nomineeId = nomineeId
        self.year = year
        self.reason = reason
        self.draft = draft
    }
}

/// Filters for the awardees of a year.
public struct AwardeeQuery: Sendable, Equatable {
    public var year: Int
    public var kind: String?
    /// An org code: awardees proposed by it or any org below it.
    public var org: String?
    public var nomineeType: NomineeType?

    public init(year: Int, kind: String? = nil, org: String? = nil, nomineeType: NomineeType? = nil) {
        self.year = year
        self.kind = kind
        self.org = org
        self.nomineeType = nomineeType
    }
}

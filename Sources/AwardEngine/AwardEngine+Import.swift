import Foundation
import AwardPostgres

/// What a bulk import recorded.
public struct ImportSummary: Sendable, Codable, Equatable {
    /// Nominations created (each submitted to the first tier of its route).
    public var nominations: Int
    /// The ids given to them, first and last (consecutive, in the file's order).
    public var firstId: Int64?
    public var lastId: Int64?
}

extension AwardEngine {
    /// The columns a nominations CSV may have, in any order; the first four are required.
    public static let importColumns = ["kind", "unit", "nominee", "nominee_type", "year", "reason", "submitted_on", "campaign", "type"]
    static let requiredImportColumns = ["kind", "unit", "nominee", "nominee_type"]

    /// Records many nominations at once from a CSV with a header line (see ``importColumns``):
    /// each becomes a new nominee and a nomination submitted to the first tier of its route, with
    /// its `create` history row, exactly as ``nominate(_:by:idempotencyKey:now:)`` would record it.
    ///
    /// All or nothing, in one transaction: the rows are streamed to PostgreSQL with COPY into a
    /// temporary table, checked there set-wise (unknown kinds and units, jurisdiction), routed and
    /// judged in Swift once per distinct (unit, kind, pack, nominee type, year), and inserted with
    /// a handful of INSERT … SELECT statements. The first bad row refuses the whole file, naming
    /// its line. Rules as for a single nomination: a nominator imports for units under their org,
    /// only an admin dates submissions in the past (`submitted_on`, which picks the rule pack) or
    /// lets ineligible rows through with `overrideReason`.
    public func importNominations(
        csv: Data, by principal: Principal, overrideReason: String? = nil, now: Date = Date()
    ) async throws(AwardError) -> ImportSummary {
        guard principal.role == .nominator || principal.role == .admin else {
            throw AwardError(.forbidden, code: .roleNotAllowed, "user \(principal.name) is \(principal.role.rawValue): only a nominator or admin imports nominations")
        }
        let overrideReason = try Text.optional(overrideReason, field: .overrideReason)
        if overrideReason != nil && principal.role != .admin {
            throw AwardError(.forbidden, code: .roleNotAllowed, "only an admin may override an eligibility rule")
        }
        let today = Self.today(now)
        let cache = packCache
        let summary = try await transaction { c -> ImportSummary in
            try c.executeUnprepared("""
                CREATE TEMP TABLE award_import (
                    line int NOT NULL, kind text NOT NULL, unit text NOT NULL, nominee text NOT NULL, nominee_type text NOT NULL,
                    year int, reason text, submitted_on date NOT NULL, campaign text, commendation_type text NOT NULL
                ) ON COMMIT DROP
                """)
            var reader = CSVReader(csv)
            let copied = try c.copyIn("COPY award_import FROM STDIN") { writer in
                try Self.streamImport(&reader, to: writer, principal: principal, today: today)
            }
            guard copied > 0 else {
                throw AwardError(.invalidInput, code: .emptyImport, "the file has a header but no nominations")
            }
            func firstLine(_ condition: SQL) throws -> Int {
                Int(try c.execute(SQL(constant: "SELECT min(line) AS line FROM award_import WHERE ").appending(condition)).first?.int("line") ?? 0)
            }

            // Kinds and units, once each.
            for row in try c.execute("SELECT DISTINCT i.kind FROM award_import i WHERE NOT EXISTS (SELECT 1 FROM award_kinds k WHERE k.code = i.kind)") {
                let kind = try row.string("kind")
                throw AwardError(.notFound, code: .unknownKind, "line \(try firstLine("kind = \(kind)")): no award kind with code \(kind) (see `awardctl kind list`)")
            }
            var ancestries: [String: (id: Int64, code: String, ancestry: [Routing.Ancestor])] = [:]
            for row in try c.execute("""
                SELECT u.unit, o.id, o.code, o.path,
                       array(SELECT a.level FROM unnest(o.path) WITH ORDINALITY AS p(org, i) JOIN orgs a ON a.id = p.org ORDER BY p.i) AS levels
                FROM (SELECT DISTINCT lower(unit) AS unit FROM award_import) u LEFT JOIN orgs o ON lower(o.code) = u.unit
                """) {
                let unit = try row.string("unit")
                guard let id = try row.optionalInt("id") else {
                    throw AwardError(.notFound, code: .unknownOrg, "line \(try firstLine("lower(unit) = \(unit)")): no organisation with code \(unit)")
                }
                let path = try row.simpleArray("path").compactMap { Int64($0) }
                let levels = try row.simpleArray("levels").compactMap(OrgLevel.init(rawValue:))
                guard principal.role == .admin || path.contains(principal.orgId) else {
                    throw AwardError(.forbidden, code: .outsideJurisdiction,
                                     "line \(try firstLine("lower(unit) = \(unit)")): user \(principal.name) of \(principal.orgCode) cannot nominate for \(try row.string("code")), which is not under it")
                }
                ancestries[unit] = (id, try row.string("code"), zip(path, levels).map { Routing.Ancestor(id: $0, level: $1) })
            }

            // The pack in force on each submission day.
            var dayPacks: [(day: CivilDate, pack: Int64)] = []
            for row in try c.execute("SELECT DISTINCT submitted_on FROM award_import") {
                let day = try row.optionalDate("submitted_on")!
                do {
                    dayPacks.append((day, try cache.packInForce(c, on: day).id))
                } catch let error as AwardError {
                    throw AwardError(error.category, code: error.code, "line \(try firstLine("submitted_on = \(day)::date")): \(error.message)")
                }
            }
            try c.executeUnprepared("CREATE TEMP TABLE award_import_packs (day date PRIMARY KEY, pack_id bigint NOT NULL) ON COMMIT DROP")
            _ = try c.copyIn("COPY award_import_packs FROM STDIN") { writer in
                for (day, pack) in dayPacks { try writer.row([day.iso, String(pack)]) }
            }

            // Route, first state, deadlines and eligibility, once per distinct combination.
            let calendar = try CalendarStore.calendar(c, from: today)
            var plan: [[String?]] = []
            for row in try c.execute("""
                SELECT lower(i.unit) AS unit, i.kind, d.pack_id, i.nominee_type, i.year, min(i.line) AS line
                FROM award_import i JOIN award_import_packs d ON d.day = i.submitted_on
                GROUP BY 1, 2, 3, 4, 5
                """) {
                let unit = try row.string("unit"), kind = try row.string("kind"), packId = try row.int("pack_id")
                let line = try row.int("line")
                let nomineeType: NomineeType = try Queries.enumValue(row, "nominee_type")
                let year = try row.optionalInt("year").map(Int.init)
                let pack = try cache.pack(c, id: packId)
                guard let rule = pack.kind(kind) else {
                    throw AwardError(.refused, code: .kindNotInPack, "line \(line): \(kind) is not awarded under \(pack.name)")
                }
                guard rule.nomineeTypes.contains(nomineeType) else {
                    throw AwardError(.refused, code: .nomineeTypeNotAccepted,
                                     "line \(line): \(rule.code) (\(rule.nameVi)) is not awarded to \(nomineeType.rawValue) nominees; it accepts \(rule.nomineeTypes.map(\.rawValue).joined(separator: ", "))")
                }
                let unitInfo = ancestries[unit]!
                let route: [Int64]
                do {
                    route = try Routing.route(chain: rule.chain.map(\.level), ancestry: unitInfo.ancestry, kind: rule.code, unitCode: unitInfo.code)
                } catch let error as AwardError {
                    throw AwardError(error.category, code: error.code, "line \(line): \(error.message)")
                }
                var result = Eligibility.evaluate(kind: rule, nomineeType: nomineeType, year: year, facts: NomineeFacts(), today: today)
                if !result.eligible {
                    guard let overrideReason else {
                        let error = result.refusal(kind: rule.code)
                        throw AwardError(error.category, code: error.code, "line \(line): \(error.message)")
                    }
                    result.override = overrideReason
                }
                let routeLevels = route.compactMap { id in unitInfo.ancestry.first { $0.id == id }?.level }
                let admission = Admission(rule: rule, routeLevels: routeLevels, draft: false, calendar: calendar, today: today)
                plan.append([unit, kind, String(packId), nomineeType.rawValue, year.map(String.init), route.sqlText, admission.state.rawValue,
                             admission.clockStartedOn?.iso, admission.dueOn?.iso, admission.noticeUntil?.iso, try Queries.json(result)])
            }
            try c.executeUnprepared("""
                CREATE TEMP TABLE award_import_plan (
                    unit text, kind text, pack_id bigint, nominee_type text, year int, route bigint[], state text,
                    clock_started_on date, due_on date, notice_until date, eligibility jsonb
                ) ON COMMIT DROP
                """)
            _ = try c.copyIn("COPY award_import_plan FROM STDIN") { writer in
                for row in plan { try writer.row(row) }
            }

            // Ids in the file's order, then every table in one pipeline with the COMMIT.
            try c.executeUnprepared("""
                CREATE TEMP TABLE award_import_ready ON COMMIT DROP AS
                SELECT nextval(pg_get_serial_sequence('nominees', 'id')) AS nominee_id,
                       nextval(pg_get_serial_sequence('nominations', 'id')) AS nomination_id, j.*
                FROM (SELECT i.line, i.kind, i.nominee, i.nominee_type, i.year, i.reason, i.submitted_on, i.campaign, i.commendation_type,
                             o.id AS unit_id, p.pack_id, p.route, p.state, p.clock_started_on, p.due_on, p.notice_until, p.eligibility
                      FROM award_import i
                      JOIN award_import_packs d ON d.day = i.submitted_on
                      JOIN orgs o ON lower(o.code) = lower(i.unit)
                      JOIN award_import_plan p ON p.unit = lower(i.unit) AND p.kind = i.kind AND p.pack_id = d.pack_id
                           AND p.nominee_type = i.nominee_type AND p.year IS NOT DISTINCT FROM i.year
                      ORDER BY i.line) j
                """)
            try c.enqueue("""
                INSERT INTO nominees (id, name, type, home_org_id) OVERRIDING SYSTEM VALUE
                SELECT nominee_id, nominee, nominee_type, unit_id FROM award_import_ready
                """)
            try c.enqueue("""
                INSERT INTO nominations (id, kind_code, nominee_id, unit_id, year, reason, route, tier, state, current_org_id, version,
                                         pack_id, submitted_on, commendation_type, campaign, eligibility, clock_started_on, due_on, notice_until)
                OVERRIDING SYSTEM VALUE
                SELECT nomination_id, kind, nominee_id, unit_id, year, reason, route, 1, state, route[1], 1,
                       pack_id, submitted_on, commendation_type, campaign, eligibility, clock_started_on, due_on, notice_until
                FROM award_import_ready
                """)
            try c.enqueue("""
                INSERT INTO transitions (nomination_id, seq, command, from_state, to_state, tier, org_id, actor, reason, override_reason, at)
                SELECT nomination_id, 1, 'create', NULL, state, 1, unit_id, \(principal.name), reason, eligibility->>'override', now()
                FROM award_import_ready ORDER BY nomination_id
                """)
            try c.enqueue("""
                INSERT INTO timers (nomination_id, kind, due_on)
                SELECT nomination_id, 'deadline', due_on FROM award_import_ready WHERE due_on IS NOT NULL
                UNION ALL
                SELECT nomination_id, 'notice_end', notice_until FROM award_import_ready WHERE notice_until IS NOT NULL
                """)
            let totals = try c.enqueue("SELECT count(*) AS n, min(nomination_id) AS first, max(nomination_id) AS last FROM award_import_ready")
            try c.flush()
            guard let row = totals.rows?.first, try row.int("n") == copied else {
                throw AwardError(.internal, code: .importMismatch, "the import planned a different number of rows than it read; nothing was recorded")
            }
            return ImportSummary(nominations: copied, firstId: try row.optionalInt("first"), lastId: try row.optionalInt("last"))
        }
        metrics.transition(kind: "import", to: .pending, count: summary.nominations)
        return summary
    }

    /// Reads the CSV record by record, checks each field as a single nomination would, and writes
    /// the rows to the COPY. Throws on the first bad record, naming its line.
    static func streamImport(_ reader: inout CSVReader, to writer: CopyWriter, principal: Principal, today: CivilDate) throws {
        guard let header = reader.next() else {
            throw AwardError(.invalidInput, code: .emptyImport, "the file is empty: it needs a header line naming its columns (\(importColumns.joined(separator: ",")))")
        }
        let names = try header.get().fields.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        for name in names where !importColumns.contains(name) {
            throw AwardError(.invalidInput, code: .badCsv, "line 1: unknown column \"\(name)\"; the columns are \(importColumns.joined(separator: ","))")
        }
        for name in requiredImportColumns where !names.contains(name) {
            throw AwardError(.invalidInput, code: .badCsv, "line 1: the column \(name) is missing (required: \(requiredImportColumns.joined(separator: ",")))")
        }
        let index = Dictionary(names.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        while let record = reader.next() {
            let (line, fields) = try record.mapError { AwardError(.invalidInput, code: .badCsv, "line \($0.line): \($0.message)") }.get()
            guard fields.count == names.count else {
                throw AwardError(.invalidInput, code: .badCsv, "line \(line): \(fields.count) fields, the header has \(names.count)")
            }
            func field(_ name: String) -> String? {
                index[name].map { Text.trimmed(fields[$0]) }.flatMap { $0.isEmpty ? nil : $0 }
            }
            func failing<T>(_ body: () throws(AwardError) -> T) throws(AwardError) -> T {
                do { return try body() } catch { throw AwardError(error.category, code: error.code, "line \(line): \(error.message)") }
            }
            let kind = try failing { () throws(AwardError) in try Text.required(field("kind") ?? "", field: .kind, maxLength: 100) }
            let unit = try failing { () throws(AwardError) in try Text.required(field("unit") ?? "", field: .unit, maxLength: 100) }
            let nominee = try failing { () throws(AwardError) in try Text.required(field("nominee") ?? "", field: .nominee) }
            guard let nomineeType = field("nominee_type").flatMap({ NomineeType(rawValue: $0.lowercased()) }) else {
                throw AwardError(.invalidInput, code: .badNomineeType, "line \(line): nominee_type must be individual, collective or household, not \"\(field("nominee_type") ?? "")\"")
            }
            var year: Int? = nil
            if let text = field("year") {
                guard let value = Int(text), (1945...2200).contains(value) else {
                    throw AwardError(.invalidInput, code: .badYear, "line \(line): year must be a number from 1945 to 2200, not \"\(text)\"")
                }
                year = value
            }
            let reason = try failing { () throws(AwardError) in try Text.optional(field("reason"), field: .reason) }
            let campaign = try failing { () throws(AwardError) in try Text.optional(field("campaign"), field: .campaign, maxLength: 100, multiline: false) }
            var submittedOn = today
            if let text = field("submitted_on") {
                guard let date = CivilDate(parsing: text) else {
                    throw AwardError(.invalidInput, code: .badSubmissionDate, "line \(line): submitted_on \"\(text)\" is not a date (YYYY-MM-DD or dd/mm/yyyy)")
                }
                guard date <= today else {
                    throw AwardError(.invalidInput, code: .badSubmissionDate, "line \(line): the submission date \(date.vietnamese) is in the future")
                }
                guard principal.role == .admin || date == today else {
                    throw AwardError(.forbidden, code: .roleNotAllowed, "line \(line): only an admin may date a submission in the past (submitted_on)")
                }
                submittedOn = date
            }
            var type = CommendationType.annual
            if let text = field("type") {
                guard let value = CommendationType(rawValue: text.lowercased()) else {
                    throw AwardError(.invalidInput, code: .badCommendationType, "line \(line): type must be annual, thematic, adhoc, long_service or foreign, not \"\(text)\"")
                }
                type = value
            }
            try writer.row([String(line), kind, unit, nominee, nomineeType.rawValue, year.map(String.init), reason, submittedOn.iso, campaign, type.rawValue])
        }
    }
}

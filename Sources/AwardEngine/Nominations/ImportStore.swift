import AwardPostgres
import Foundation

/// The SQL of a bulk import: the file's rows staged by COPY in temporary tables, checked there
/// set-wise, then inserted with a handful of INSERT … SELECT statements. Everything is dropped at
/// the end of the transaction.
enum ImportStore {
    /// A unit named in the file, as found (or not) among the orgs.
    struct Unit {
        var name: String
        var id: Int64?
        var code: String
        var ancestry: [Routing.Ancestor]

        /// The unit as the policy sees it.
        var ref: OrgRef { OrgRef(id: id ?? 0, code: code, path: ancestry.map(\.id)) }
    }

    /// One distinct (unit, kind, pack, nominee type, year) of the file, with its first line.
    struct Combination {
        var unit: String
        var kind: String
        var packId: Int64
        var nomineeType: NomineeType
        var year: Int?
        var line: Int
    }

    /// Stages the rows `produce` writes; returns how many the server took.
    static func stage(_ c: Connection, _ produce: (CopyWriter) throws -> Void) throws -> Int {
        try c.executeUnprepared("""
            CREATE TEMP TABLE award_import (
                line int NOT NULL, kind text NOT NULL, unit text NOT NULL, nominee text NOT NULL, nominee_type text NOT NULL,
                year int, reason text, submitted_on date NOT NULL, campaign text, commendation_type text NOT NULL
            ) ON COMMIT DROP
            """)
        return try c.copyIn("COPY award_import FROM STDIN", produce)
    }

    /// The first line of the staged rows with a kind, a unit (lower-cased) or a submission day.
    static func firstLine(_ c: Connection, kind: String? = nil, unit: String? = nil, submittedOn: CivilDate? = nil) throws -> Int {
        Int(try c.execute("""
            SELECT min(line) AS line FROM award_import
            WHERE (\(kind)::text IS NULL OR kind = \(kind)::text) AND (\(unit)::text IS NULL OR lower(unit) = \(unit)::text)
              AND (\(submittedOn)::date IS NULL OR submitted_on = \(submittedOn)::date)
            """).first?.int("line") ?? 0)
    }

    /// Every line of the staged rows with a kind, a unit (lower-cased) or a submission day.
    static func lines(_ c: Connection, kind: String? = nil, unit: String? = nil, submittedOn: CivilDate? = nil) throws -> [Int] {
        try c.execute("""
            SELECT line FROM award_import
            WHERE (\(kind)::text IS NULL OR kind = \(kind)::text) AND (\(unit)::text IS NULL OR lower(unit) = \(unit)::text)
              AND (\(submittedOn)::date IS NULL OR submitted_on = \(submittedOn)::date)
            ORDER BY line
            """).map { Int(try $0.int("line")) }
    }

    /// Every line of one combination (unit, kind, pack, nominee type, year).
    static func lines(_ c: Connection, of combination: Combination) throws -> [Int] {
        try c.execute("""
            SELECT i.line FROM award_import i JOIN award_import_packs d ON d.day = i.submitted_on
            WHERE lower(i.unit) = \(combination.unit) AND i.kind = \(combination.kind) AND d.pack_id = \(combination.packId)
              AND i.nominee_type = \(combination.nomineeType.rawValue) AND i.year IS NOT DISTINCT FROM \(combination.year)::int
            ORDER BY i.line
            """).map { Int(try $0.int("line")) }
    }

    /// Kind codes the catalog lacks.
    static func unknownKinds(_ c: Connection) throws -> [String] {
        try c.execute("SELECT DISTINCT i.kind FROM award_import i WHERE NOT EXISTS (SELECT 1 FROM award_kinds k WHERE k.code = i.kind)")
            .map { try $0.string("kind") }
    }

    /// Every unit the file names, with its ancestry when it exists.
    static func units(_ c: Connection) throws -> [Unit] {
        try c.execute("""
            SELECT u.unit, o.id, o.code, o.path,
                   array(SELECT a.level FROM unnest(o.path) WITH ORDINALITY AS p(org, i) JOIN orgs a ON a.id = p.org ORDER BY p.i) AS levels
            FROM (SELECT DISTINCT lower(unit) AS unit FROM award_import) u LEFT JOIN orgs o ON lower(o.code) = u.unit
            """).map { row in
            guard let id = try row.optionalInt("id") else { return Unit(name: try row.string("unit"), id: nil, code: "", ancestry: []) }
            let path = try row.simpleArray("path").compactMap { Int64($0) }
            let levels = try row.simpleArray("levels").compactMap(OrgLevel.init(rawValue:))
            return Unit(name: try row.string("unit"), id: id, code: try row.string("code"),
                        ancestry: zip(path, levels).map { Routing.Ancestor(id: $0, level: $1) })
        }
    }

    static func submissionDays(_ c: Connection) throws -> [CivilDate] {
        try c.execute("SELECT DISTINCT submitted_on FROM award_import").compactMap { try $0.optionalDate("submitted_on") }
    }

    /// Stages the pack in force on each submission day.
    static func stagePacks(_ c: Connection, _ dayPacks: [(day: CivilDate, pack: Int64)]) throws {
        try c.executeUnprepared("CREATE TEMP TABLE award_import_packs (day date PRIMARY KEY, pack_id bigint NOT NULL) ON COMMIT DROP")
        _ = try c.copyIn("COPY award_import_packs FROM STDIN") { writer in
            for (day, pack) in dayPacks { try writer.row([day.iso, String(pack)]) }
        }
    }

    static func combinations(_ c: Connection) throws -> [Combination] {
        try c.execute("""
            SELECT lower(i.unit) AS unit, i.kind, d.pack_id, i.nominee_type, i.year, min(i.line) AS line
            FROM award_import i JOIN award_import_packs d ON d.day = i.submitted_on
            GROUP BY 1, 2, 3, 4, 5
            """).map { row in
            Combination(unit: try row.string("unit"), kind: try row.string("kind"), packId: try row.int("pack_id"),
                        nomineeType: try Queries.enumValue(row, "nominee_type"), year: try row.optionalInt("year").map(Int.init),
                        line: Int(try row.int("line")))
        }
    }

    /// Stages each combination's route, first state, clocks and eligibility.
    static func stagePlan(_ c: Connection, _ plan: [(Combination, route: [Int64], Admission, EligibilityResult)]) throws {
        try c.executeUnprepared("""
            CREATE TEMP TABLE award_import_plan (
                unit text, kind text, pack_id bigint, nominee_type text, year int, route bigint[], state text,
                clock_started_on date, due_on date, notice_until date, eligibility jsonb
            ) ON COMMIT DROP
            """)
        _ = try c.copyIn("COPY award_import_plan FROM STDIN") { writer in
            for (combination, route, admission, eligibility) in plan {
                try writer.row([combination.unit, combination.kind, String(combination.packId), combination.nomineeType.rawValue,
                                combination.year.map(String.init), route.sqlText, admission.state.rawValue,
                                admission.clockStartedOn?.iso, admission.dueOn?.iso, admission.noticeUntil?.iso, try Queries.json(eligibility)])
            }
        }
    }

    /// Gives ids in the file's order, then inserts nominees, nominations, history and timers in
    /// one pipeline; returns how many nominations, and the first and last id.
    static func insertAll(_ c: Connection, actor: String) throws -> (count: Int, first: Int64?, last: Int64?) {
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
            SELECT nomination_id, 1, 'create', NULL, state, 1, unit_id, \(actor), reason, eligibility->>'override', now()
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
        guard let row = totals.rows?.first else { return (0, nil, nil) }
        return (Int(try row.int("n")), try row.optionalInt("first"), try row.optionalInt("last"))
    }
}

import AwardPostgres
import Foundation

/// The history's proof: chains recomputed, the digest of every chain's head, the action log.
enum AuditStore {
    /// The first broken link of each broken chain (or of one nomination's), and the rows read.
    static func verify(_ c: Connection, nomination: Int64?) throws -> (problems: [ChainProblem], nominations: Int, rows: Int) {
        let (problems, totals) = verifyQueries(nominations: nomination.map { [$0] })
        return try verified(problems: c.execute(problems), totals: c.execute(totals))
    }

    /// The two reads of a check: the first broken row of each chain, and how many rows were checked.
    static func verifyQueries(nominations ids: [Int64]?) -> (problems: SQL, totals: SQL) {
        ("""
            WITH chain AS (
                SELECT t.nomination_id, t.seq, t.hash, t.prev_hash,
                       row_number() OVER w AS position,
                       lag(t.hash) OVER w AS previous,
                       award_chain_hash(t.prev_hash, t) AS expected
                FROM transitions t
                WHERE \(ids)::bigint[] IS NULL OR t.nomination_id = ANY(\(ids)::bigint[])
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
                WHERE \(ids)::bigint[] IS NULL OR n.id = ANY(\(ids)::bigint[])
                GROUP BY n.id HAVING coalesce(max(t.seq), 0) < n.version)
            SELECT DISTINCT ON (nomination_id) nomination_id, seq, problem FROM broken ORDER BY nomination_id, seq
            """, """
            SELECT count(DISTINCT nomination_id) AS nominations, count(*) AS rows FROM transitions
            WHERE \(ids)::bigint[] IS NULL OR nomination_id = ANY(\(ids)::bigint[])
            """)
    }

    static func verified(problems: Rows, totals: Rows) throws -> (problems: [ChainProblem], nominations: Int, rows: Int) {
        let found = try problems.map { row in
            ChainProblem(nominationId: try row.int("nomination_id"), seq: Int(try row.int("seq")), problem: try row.string("problem"))
        }
        guard let totals = totals.first else { throw PostgresError(kind: .protocolViolation, message: "the chain totals returned no row") }
        return (found, Int(try totals.int("nominations")), Int(try totals.int("rows")))
    }

    /// The hash over every chain's head as it stood at `asOf`.
    static func digest(_ c: Connection, asOf: Date) throws -> AuditDigest {
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

    /// Actions by `actor`, at `org` and below, between two days (Vietnam time), oldest first.
    static func log(_ c: Connection, actor: String?, org: Int64?, from: CivilDate?, to: CivilDate?, limit: Int) throws -> [AuditEntry] {
        return try c.execute("""
            SELECT t.nomination_id, t.seq, n.kind_code, e.name, t.command, t.from_state, t.to_state, o.code, t.actor, t.reason,
                   floor(extract(epoch FROM t.at)) AS at
            FROM transitions t
            JOIN orgs o ON o.id = t.org_id
            JOIN nominations n ON n.id = t.nomination_id
            JOIN nominees e ON e.id = n.nominee_id
            WHERE (\(actor)::text IS NULL OR lower(t.actor) = lower(\(actor)::text))
              AND (\(org)::bigint IS NULL OR o.path @> ARRAY[\(org)::bigint])
              AND (\(from)::date IS NULL OR t.at >= ((\(from)::date)::timestamp AT TIME ZONE 'UTC') - interval '7 hours')
              AND (\(to)::date IS NULL OR t.at < ((\(to)::date + 1)::timestamp AT TIME ZONE 'UTC') - interval '7 hours')
            ORDER BY t.at, t.nomination_id, t.seq
            LIMIT \(limit)
            """).map { row in
            AuditEntry(nominationId: try row.int("nomination_id"), seq: Int(try row.int("seq")), kind: try row.string("kind_code"),
                       nominee: try row.string("name"), command: try row.string("command"), fromState: try row.optionalString("from_state"),
                       toState: try row.string("to_state"), org: try row.string("code"), actor: try row.string("actor"),
                       reason: try row.optionalString("reason"), at: try row.epoch("at"))
        }
    }
}

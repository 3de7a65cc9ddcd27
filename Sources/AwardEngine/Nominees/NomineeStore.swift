import AwardPostgres
import Foundation

/// Nominees and their record: ratings, initiatives, discipline and awards decided before the engine.
enum NomineeStore {
    /// Everything the rules need about a nominee, in one round trip. Awards count when decided
    /// (by the engine, not revoked, or imported) and not ad hoc or thematic.
    ///
    /// Registrations: the nominee's accepted ones, and the years in which a launched campaign that
    /// requires registration covers `unit` (the proposing unit).
    static func facts(_ c: Connection, nominee: Int64, unit: Int64) throws -> NomineeFacts {
        try facts(c.execute(factsQuery(nominee: nominee, unit: unit)))
    }

    /// What eligibility weighs of a nominee: earlier awards, ratings, initiatives, discipline and
    /// campaign registrations, each as JSON.
    static func factsQuery(nominee: Int64, unit: Int64) -> SQL {
        """
            SELECT
              (SELECT coalesce(json_agg(json_build_object('kind', a.kind, 'year', a.year)), '[]')::text FROM (
                  SELECT n.kind_code AS kind, coalesce(n.year, d.year) AS year
                  FROM nominations n JOIN decisions d ON d.id = n.decision_id
                  WHERE n.nominee_id = \(nominee) AND n.state = 'awarded' AND n.commendation_type NOT IN ('adhoc', 'thematic')
                  UNION ALL
                  SELECT kind_code, year FROM prior_awards
                  WHERE nominee_id = \(nominee) AND commendation_type NOT IN ('adhoc', 'thematic')) a) AS awards,
              (SELECT coalesce(json_agg(json_build_object('year', year, 'rating', rating)), '[]')::text
                 FROM nominee_ratings WHERE nominee_id = \(nominee)) AS ratings,
              (SELECT coalesce(json_agg(json_build_object('year', year, 'scope', scope)), '[]')::text
                 FROM nominee_initiatives WHERE nominee_id = \(nominee)) AS initiatives,
              (SELECT coalesce(json_agg(json_build_object('status', status, 'from', from_date, 'to', to_date)), '[]')::text
                 FROM nominee_discipline WHERE nominee_id = \(nominee)) AS discipline,
              (SELECT coalesce(json_agg(json_build_object('year', e.year, 'kinds', e.kinds, 'campaign', k.code)), '[]')::text
                 FROM registration_entries e JOIN registrations r ON r.id = e.registration_id JOIN campaigns k ON k.id = e.campaign_id
                 WHERE e.nominee_id = \(nominee) AND r.state = 'accepted') AS registrations,
              (SELECT coalesce(json_agg(DISTINCT y), '[]')::text
                 FROM campaigns k, generate_series(extract(year FROM k.starts_on)::int, extract(year FROM k.ends_on)::int) y
                 WHERE k.requires_registration AND k.state <> 'draft' AND award_campaign_covers(k.id, \(unit))) AS registration_years
            """
    }

    static func facts(_ rows: Rows) throws -> NomineeFacts {
        guard let row = rows.first else {
            throw PostgresError(kind: .protocolViolation, message: "facts query returned no row")
        }
        let decoder = JSONDecoder()
        func decode<T: Decodable>(_ column: String, _ type: T.Type) throws -> T {
            try decoder.decode(T.self, from: Data(try row.string(column).utf8))
        }
        return NomineeFacts(
            awards: try decode("awards", [NomineeFacts.Award].self),
            ratings: try decode("ratings", [NomineeFacts.Rating].self),
            initiatives: try decode("initiatives", [NomineeFacts.Initiative].self),
            discipline: try decode("discipline", [NomineeFacts.Discipline].self),
            registrations: try decode("registrations", [NomineeFacts.Registration].self),
            registrationYears: try decode("registration_years", [Int].self))
    }

    /// Refuses an id that names no nominee.
    static func require(_ c: Connection, _ id: Int64) throws {
        guard try !c.execute("SELECT 1 FROM nominees WHERE id = \(id)").isEmpty else {
            throw AwardError(.notFound, code: .unknownNominee, "no nominee with id \(id)", vi: "Không có đối tượng số \(id).")
        }
    }

    /// Records (or corrects) a rating.
    static func setRating(_ c: Connection, nominee: Int64, year: Int, rating: TaskRating, by actor: String) throws {
        try require(c, nominee)
        try c.execute("""
            INSERT INTO nominee_ratings (nominee_id, year, rating, recorded_by) VALUES (\(nominee), \(year), \(rating.rawValue), \(actor))
            ON CONFLICT (nominee_id, year) DO UPDATE SET rating = EXCLUDED.rating, recorded_by = EXCLUDED.recorded_by, recorded_at = now()
            """)
    }

    static func addInitiative(_ c: Connection, nominee: Int64, year: Int, scope: String, title: String) throws {
        try require(c, nominee)
        try c.execute("INSERT INTO nominee_initiatives (nominee_id, year, scope, title) VALUES (\(nominee), \(year), \(scope), \(title))")
    }

    static func addDiscipline(_ c: Connection, nominee: Int64, status: String, from: CivilDate, to: CivilDate?, note: String?) throws {
        try require(c, nominee)
        try c.execute("""
            INSERT INTO nominee_discipline (nominee_id, status, from_date, to_date, note)
            VALUES (\(nominee), \(status), \(from)::date, \(to)::date, \(note))
            """)
    }

    /// Records an award decided before the engine existed; `false` when it is recorded already.
    static func addPriorAward(_ c: Connection, nominee: Int64, kind: String, year: Int, type: CommendationType, number: String,
                              date: CivilDate, issuer: String, by actor: String) throws -> Bool {
        try require(c, nominee)
        try OrgStore.requireKind(c, code: kind)
        return try !c.execute("""
            INSERT INTO prior_awards (nominee_id, kind_code, year, commendation_type, decision_number, decision_date, issuer, imported_by)
            VALUES (\(nominee), \(kind), \(year), \(type.rawValue), \(number), \(date)::date, \(issuer), \(actor))
            ON CONFLICT DO NOTHING RETURNING id
            """).isEmpty
    }
}

extension Queries {
    static func json<T: Encodable>(_ value: T) throws -> String {
        String(decoding: try JSON.encoder.encode(value), as: UTF8.self)
    }

    /// A LIKE pattern matching text that contains `text`, its `\`, `%` and `_` taken literally.
    static func containing(_ text: String) -> String {
        "%" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%")
            .replacingOccurrences(of: "_", with: "\\_") + "%"
    }
}

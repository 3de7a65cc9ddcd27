import Foundation
import AwardPostgres

extension Queries {
    /// Everything the rules need about a nominee, in one round trip. Awards count when decided
    /// (by the engine, not revoked, or imported) and not ad hoc or thematic.
    static func facts(_ c: Connection, nominee: Int64) throws -> NomineeFacts {
        guard let row = try c.execute("""
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
                 FROM nominee_discipline WHERE nominee_id = \(nominee)) AS discipline
            """).first else {
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
            discipline: try decode("discipline", [NomineeFacts.Discipline].self))
    }

    /// The refusal for an ineligible nomination: the first failed rule's code, and every reason.
    static func ineligible(_ result: EligibilityResult, kind: String) -> AwardError {
        let text = result.reasons.map { "\($0.messageEn) [\($0.code); \($0.source)]" }.joined(separator: " ")
        return AwardError(.refused, code: result.reasons.first?.code ?? .ineligible, "not eligible for \(kind): \(text)")
    }

    static func json<T: Encodable>(_ value: T) throws -> String {
        String(decoding: try JSON.encoder.encode(value), as: UTF8.self)
    }
}

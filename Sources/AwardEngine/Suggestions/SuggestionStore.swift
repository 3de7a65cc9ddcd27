import AwardDomain
import AwardPostgres
import Foundation

/// What the list of who qualifies reads: the people and collectives whose home is a unit, and
/// what they are already proposed for in a year.
enum SuggestionStore {
    /// The most nominees one list weighs (a unit's staff; a larger unit is listed by its sub-units).
    static let nomineeLimit = 2_000

    /// The nominees whose home is `unit`, in Vietnamese order (at most ``nomineeLimit`` + 1, to tell a cut list).
    static func nominees(_ c: Connection, unit: Int64) throws -> [(id: Int64, name: String, type: NomineeType)] {
        try c.execute("""
            SELECT id, name, type FROM nominees WHERE home_org_id = \(unit)
            ORDER BY type = 'individual' DESC, name COLLATE vi, id LIMIT \(nomineeLimit + 1)
            """).map { (try $0.int("id"), try $0.string("name"), try Queries.enumValue($0, "type")) }
    }

    /// The (nominee, kind) pairs already proposed for achievement year `year` and not ended (a
    /// withdrawn, rejected or revoked dossier does not count).
    static func proposed(_ c: Connection, unit: Int64, year: Int) throws -> Set<String> {
        Set(try c.execute("""
            SELECT n.nominee_id, n.kind_code FROM nominations n JOIN nominees e ON e.id = n.nominee_id
            WHERE e.home_org_id = \(unit) AND n.year = \(year) AND n.state NOT IN ('withdrawn', 'rejected', 'revoked')
            """).map { "\(try $0.int("nominee_id"))/\(try $0.string("kind_code"))" })
    }
}

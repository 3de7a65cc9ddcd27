import AwardDomain
import AwardPostgres
import Foundation

/// What a statistics form counts: awards decided, campaigns launched, emulation bodies, or the
/// civil servants in them.
public enum FormCounting: String, Sendable, Codable {
    case awards, campaigns, bodies, staff
}

/// A count of like things in a reporting period, by the dimensions the forms' rows and columns
/// select on (`kind`, `nominee_type`, `enterprise`, `position_class`, `commendation_type`,
/// `proposer`; `scope`, `duration`, `method`, `launcher`; `structure`; `age`, `education`,
/// `experience`, `sex`). An unrecorded fact is `unknown`.
public struct FormFact: Sendable, Codable, Equatable {
    public var dimensions: [String: String]
    public var count: Int

    public init(_ dimensions: [String: String], count: Int) {
        self.dimensions = dimensions
        self.count = count
    }
}

extension AwardEngine {
    /// The facts of a reporting period (1 December of the year before to 30 November) within the
    /// viewer's jurisdiction, or `org`'s subtree (with the units it continues when `includingPredecessors`).
    public func formFacts(_ counting: FormCounting, period: Int, org: String? = nil, includingPredecessors: Bool = false,
                          viewer: Principal? = nil) async throws(AwardError) -> [FormFact] {
        let (from, to) = try Self.reportingPeriod(period)
        return try await lease { c in
            let root = try Access.scope(c, viewer, .readReports, requested: org).root
            switch counting {
            case .awards: return try FormFactStore.awards(c, from: from, to: to, root: root, withPredecessors: includingPredecessors)
            case .campaigns: return try FormFactStore.campaigns(c, from: from, to: to, root: root, withPredecessors: includingPredecessors)
            case .bodies:
                return try StaffStore.register(c, under: root, asOf: to).map { FormFact(["structure": $0.structure.rawValue], count: 1) }
            case .staff:
                return try StaffStore.register(c, under: root, asOf: to).flatMap(\.staff).map { Self.staffFact($0, on: to) }
            }
        }
    }

    /// The reporting period of year `period`: 1 December of the year before to 30 November.
    static func reportingPeriod(_ period: Int) throws(AwardError) -> (from: CivilDate, to: CivilDate) {
        try checkYear(period)
        return (CivilDate(year: period - 1, month: 12, day: 1)!, CivilDate(year: period, month: 11, day: 30)!)
    }

    /// A civil servant as form 0605 counts them on the last day of the period.
    static func staffFact(_ member: StaffMember, on day: CivilDate) -> FormFact {
        let age = member.age(on: day), years = member.yearsInWork(on: day)
        let ageBin = switch age {
        case ...30: "30_or_under"
        case 31...40: "31_40"
        case 41...50: "41_50"
        case 51...55: "51_55"
        case 56...60: "56_60"
        default: "over_60"
        }
        // "Từ 5 đến 10 năm" and "Từ 10 năm trở lên" share 10: ten years counts in the second.
        let experience = years < 5 ? "under_5" : years < 10 ? "5_to_10" : "10_or_more"
        return FormFact(["age": ageBin, "education": member.education.rawValue, "experience": experience, "sex": member.sex.rawValue], count: 1)
    }
}

/// The forms' counts, each one round trip grouped by the dimensions.
enum FormFactStore {
    static func awards(_ c: Connection, from: CivilDate, to: CivilDate, root: Int64?, withPredecessors: Bool) throws -> [FormFact] {
        try c.execute("""
            WITH r AS MATERIALIZED (SELECT award_report_roots(\(root), \(withPredecessors)) AS roots)
            SELECT a.kind_code, a.nominee_type, n.commendation_type,
                   CASE WHEN x.enterprise THEN 'yes' WHEN NOT x.enterprise THEN 'no' ELSE 'unknown' END AS enterprise,
                   coalesce(x.position_class, 'unknown') AS position_class,
                   coalesce((SELECT o.level FROM orgs o WHERE o.id = ANY (a.unit_path) AND o.level IN ('ministry', 'province')
                             ORDER BY array_position(a.unit_path, o.id) LIMIT 1), 'other') AS proposer,
                   count(*) AS n
            FROM awardees a JOIN nominations n ON n.id = a.nomination_id JOIN nominees x ON x.id = n.nominee_id
            WHERE a.decided_on BETWEEN \(from)::date AND \(to)::date
              AND (\(root)::bigint IS NULL OR a.unit_path && (SELECT roots FROM r))
            GROUP BY 1, 2, 3, 4, 5, 6
            """).map { row in
            FormFact(["kind": try row.string("kind_code"), "nominee_type": try row.string("nominee_type"),
                      "commendation_type": try row.string("commendation_type"), "enterprise": try row.string("enterprise"),
                      "position_class": try row.string("position_class"), "proposer": try row.string("proposer")],
                     count: Int(try row.int("n")))
        }
    }

    /// Campaigns launched in the period: by scope (who organises it), duration (whole months
    /// from start to end), method (thematic or regular) and the level that launched it.
    static func campaigns(_ c: Connection, from: CivilDate, to: CivilDate, root: Int64?, withPredecessors: Bool) throws -> [FormFact] {
        try c.execute("""
            WITH r AS MATERIALIZED (SELECT award_report_roots(\(root), \(withPredecessors)) AS roots),
            k AS (SELECT k.kind, k.cluster_id, o.level,
                         (extract(year FROM age(k.ends_on + 1, k.starts_on)) * 12 + extract(month FROM age(k.ends_on + 1, k.starts_on)))::int AS months
                  FROM campaigns k JOIN orgs o ON o.id = k.org_id
                  WHERE k.state <> 'draft' AND k.launch_date BETWEEN \(from)::date AND \(to)::date
                    AND (\(root)::bigint IS NULL OR o.path && (SELECT roots FROM r)))
            SELECT CASE WHEN cluster_id IS NOT NULL THEN 'cluster' WHEN level = 'central' THEN 'national'
                        WHEN level IN ('ministry', 'province') THEN 'ministry_province' ELSE 'agency' END AS scope,
                   CASE WHEN months < 12 THEN 'under_1_year' WHEN months = 12 THEN '1_year' WHEN months < 36 THEN '1_to_3_years'
                        WHEN months < 60 THEN '3_to_5_years' ELSE '5_years_or_more' END AS duration,
                   CASE WHEN kind = 'regular' THEN 'regular' ELSE 'thematic' END AS method,
                   CASE WHEN level = 'central' THEN 'central' WHEN level IN ('ministry', 'province') THEN 'ministry_province'
                        ELSE 'agency' END AS launcher,
                   count(*) AS n
            FROM k GROUP BY 1, 2, 3, 4
            """).map { row in
            FormFact(["scope": try row.string("scope"), "duration": try row.string("duration"), "method": try row.string("method"),
                      "launcher": try row.string("launcher")], count: Int(try row.int("n")))
        }
    }
}

import AwardDomain

/// An organisation's page in one read: the org in time (``OrgProfile``) and one decision year's
/// awardees, its own and those of the units it continues, each with the name of the unit that
/// proposed it (an old ward's name for an award of before the merger).
public struct OrgScreen: Sendable {
    public struct Row: Sendable {
        public var awardee: Awardee
        public var unitName: String
        public var kindName: String
        /// Whether a predecessor (not the org or a unit below it) proposed it.
        public var fromPredecessor: Bool
    }

    public var profile: OrgProfile
    /// The year shown: the one asked for, else the latest with awards.
    public var year: Int?
    public var rows: [Row]
    /// The list stops at this many rows (the awardees page has them all).
    public static let limit = 500
}

extension AwardEngine {
    /// The org's page (`GET /orgs/{code}`): who may read the org's reports sees its predecessors'
    /// awards too, since it took over their records.
    public func orgScreen(code: String, year asked: Int? = nil, viewer: Principal? = nil) async throws(AwardError) -> OrgScreen {
        if let asked { try Self.checkYear(asked) }
        return try await readLease { c in
            let org = try OrgStore.org(c, code: code)
            try Policy.require(viewer, .readReports, Subject(org: org.ref, alsoVisibleVia: try Access.continuers(c, viewer, org.ref)))
            let profile = try LineageStore.profile(c, org: org.id)
            let year = asked ?? profile.awardsByYear.last?.year
            var query = AwardeeQuery(year: year, org: org.code)
            query.includingPredecessors = true
            let awardees = year == nil ? [] : try NominationStore.awardees(c, query, org: org.id, limit: OrgScreen.limit, after: nil)
            let names = try LineageStore.unitNames(c, codes: Array(Set(awardees.map(\.unit))), below: org.id)
            let kinds = try LineageStore.kindNames(c)
            return OrgScreen(profile: profile, year: year, rows: awardees.map { a in
                OrgScreen.Row(awardee: a, unitName: names[a.unit]?.name ?? a.unit, kindName: kinds[a.kind] ?? a.kind,
                              fromPredecessor: !(names[a.unit]?.below ?? true))
            })
        }
    }
}

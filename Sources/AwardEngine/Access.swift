import AwardPostgres
import Foundation

/// Loads the facts of what a request names and asks ``Policy``: the engine's one way in to a
/// nomination, a nominee, an org or a list. It compares nothing itself.
enum Access {
    /// A nomination's proposing unit, after the policy allowed `permission` on it. An unknown id and
    /// one outside the caller's reach read the same: not found.
    @discardableResult
    static func nomination(_ c: Connection, _ id: Int64, _ principal: Principal?, _ permission: Permission = .readNomination) throws -> OrgRef {
        guard let row = try c.execute("""
            SELECT u.id, u.code, u.path FROM nominations n JOIN orgs u ON u.id = n.unit_id WHERE n.id = \(id)
            """).first else {
            throw unknownNomination(id)
        }
        let unit = try OrgStore.ref(row)
        // A unit closed by a merger is held by the unit that took over its records (a merged ward's dossiers are the new ward's).
        try Policy.require(principal, permission, Subject(org: try heldHome(c, principal, unit)))
        return unit
    }

    static func unknownNomination(_ id: Int64) -> AwardError {
        AwardError(.notFound, code: .unknownNomination, "no nomination with id \(id)",
                   vi: "Không có hồ sơ số \(id) (hoặc hồ sơ ngoài phạm vi của người dùng).")
    }

    /// An existing nominee's home unit, for a request that names the nominee by id (`nil`: no such
    /// nominee). A nominee recorded without a home unit is within nobody's reach but an admin's.
    static func nomineeHome(_ c: Connection, _ id: Int64) throws -> OrgRef? {
        try c.execute("""
            SELECT coalesce(o.id, 0) AS id, coalesce(o.code, '?') AS code, coalesce(o.path, '{}') AS path
            FROM nominees x LEFT JOIN orgs o ON o.id = x.home_org_id WHERE x.id = \(id)
            """).first.map { try OrgStore.ref($0) }
    }

    /// An existing nominee named by a command, which must be within the caller's reach: a person of
    /// another district is reached through a transfer, never by naming an id.
    static func requireNominee(_ c: Connection, _ id: Int64, _ principal: Principal?, _ permission: Permission, unit: OrgRef) throws {
        guard let home = try nomineeHome(c, id) else {
            throw AwardError(.notFound, code: .unknownNominee, "no nominee with id \(id)", vi: "Không có đối tượng số \(id).")
        }
        try Policy.require(principal, permission, Subject(org: unit, nomineeHome: try heldHome(c, principal, home)))
    }

    /// A nominee's home as the policy judges it: a home in a unit closed by a merger is held by the
    /// unit that took over its records whole (the successor's officers act for its people); a unit
    /// split among several is held by none of them, only by an officer above both.
    static func heldHome(_ c: Connection, _ principal: Principal?, _ home: OrgRef) throws -> OrgRef {
        guard let principal, home.id != 0, !Policy.reaches(principal, home) else { return home }
        return try LineageStore.continuers(c, org: home.id).first { Policy.reaches(principal, $0) } ?? home
    }

    /// A nominee the caller may read: its home unit is within reach, or one of its nominations was
    /// proposed by a unit within reach. Returns whether the caller reaches its home (and so its whole
    /// history) or only those nominations.
    static func nominee(_ c: Connection, _ id: Int64, _ principal: Principal?) throws -> NomineeReach {
        guard let home = try nomineeHome(c, id) else {
            throw AwardError(.notFound, code: .unknownNominee, "no nominee with id \(id)", vi: "Không có đối tượng số \(id).")
        }
        if Policy.allows(principal, .readNominee, Subject(org: try heldHome(c, principal, home))) { return .whole }
        let units = try c.execute("""
            SELECT DISTINCT u.id, u.code, u.path FROM nominations n JOIN orgs u ON u.id = n.unit_id WHERE n.nominee_id = \(id)
            """).map { try OrgStore.ref($0) }
        try Policy.require(principal, .readNominee, Subject(org: home, alsoVisibleVia: units))
        return .nominationsWithin(try Policy.scope(principal, .readNominee))
    }

    /// How much of a nominee a caller sees.
    enum NomineeReach: Equatable {
        /// Its home unit is within reach: everything.
        case whole
        /// Only the nominations proposed within this scope.
        case nominationsWithin(Scope)
    }

    /// An org by code, after the policy allowed `permission` on it.
    static func org(_ c: Connection, code: String, _ principal: Principal?, _ permission: Permission) throws -> Organisation {
        let org = try OrgStore.org(c, code: code)
        try Policy.require(principal, permission, Subject(org: org.ref))
        return org
    }

    /// What a list may show: the requested org's subtree (which must be within reach), or the
    /// caller's whole scope.
    static func scope(_ c: Connection, _ principal: Principal?, _ permission: Permission, requested code: String?) throws -> Scope {
        guard let code else { return try Policy.scope(principal, permission, requested: nil) }
        let org = try OrgStore.org(c, code: code).ref
        // A unit closed by a merger is seen by the officers of the units that took over its records.
        return try Policy.scope(principal, permission, requested: org, alsoVisibleVia: try continuers(c, principal, org))
    }

    /// The units that took over `org`'s records (or those of an org above it) through the lineage,
    /// when the principal does not reach `org` itself: the policy lets their officers see it.
    static func continuers(_ c: Connection, _ principal: Principal?, _ org: OrgRef) throws -> [OrgRef] {
        guard let principal, !Policy.reaches(principal, org) else { return [] }
        return try LineageStore.continuers(c, org: org.id)
    }
}

extension Access {
    /// An org by id, after the policy allowed `permission` on it.
    @discardableResult
    static func org(_ c: Connection, id: Int64, _ principal: Principal?, _ permission: Permission) throws -> OrgRef {
        let org = try OrgStore.ref(c, id: id)
        try Policy.require(principal, permission, Subject(org: org))
        return org
    }

    /// A campaign the caller may see under `permission`: launched within its reach, or covering its org.
    @discardableResult
    static func campaign(_ c: Connection, code: String, _ principal: Principal?, _ permission: Permission) throws -> Campaign {
        let campaign = try CampaignStore.campaign(c, code: code)
        let launcher = try OrgStore.org(c, code: campaign.org).ref
        var via: [OrgRef] = []
        if let principal, try CampaignStore.covers(c, campaign: campaign.id, org: principal.orgId) {
            via.append(try OrgStore.ref(c, id: principal.orgId))
        }
        try Policy.require(principal, permission, Subject(org: launcher, alsoVisibleVia: via))
        return campaign
    }
}

extension Organisation {
    /// Whether this org is `other` or lies below it in the tree (a structural fact of the tree, such
    /// as a campaign's named units under its launching org; not anyone's jurisdiction).
    func lies(under other: Organisation) -> Bool {
        path.contains(other.id)
    }
}

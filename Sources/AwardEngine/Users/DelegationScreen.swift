import AwardDomain
import AwardPostgres
import Foundation

/// An org's delegations page: the delegations, whether the viewer may delegate, and whom to.
public struct DelegationScreen: Sendable {
    public var org: String
    public var orgName: String
    public var delegations: [Delegation]
    /// The viewer may record and revoke the org's delegations (its approver, or an admin).
    public var mayDelegate: Bool
    /// The org's users who may be named delegates.
    public var candidates: [PersonName]
    public var today: CivilDate
}

extension AwardEngine {
    public func delegationScreen(org code: String, viewer: Principal, now: Date = Date()) async throws(AwardError) -> DelegationScreen {
        try await readLease { c in
            let org = try Access.org(c, code: code, viewer, .readDelegations)
            let mayDelegate = Policy.allows(viewer, .delegateAuthority, Subject(org: org.ref))
            return DelegationScreen(org: org.code, orgName: org.name, delegations: try DelegationStore.list(c, org: org.id), mayDelegate: mayDelegate,
                                    candidates: mayDelegate ? try DelegationStore.candidates(c, org: org.id) : [], today: Self.today(now))
        }
    }

    /// The code of the org a delegation belongs to (for a page that answers a refused revocation).
    public func delegationOrg(_ id: Int64, viewer: Principal) async throws(AwardError) -> String {
        try await readLease { c in
            guard let found = try DelegationStore.one(c, id: id) else {
                throw AwardError(.notFound, code: .unknownDelegation, "no delegation with id \(id)", vi: "Không có ủy quyền số \(id).")
            }
            try Access.org(c, id: found.orgId, viewer, .readDelegations)
            return found.view.org
        }
    }
}

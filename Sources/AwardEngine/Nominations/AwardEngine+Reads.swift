import Foundation
import AwardPostgres

extension AwardEngine {
    // MARK: Reads
    //
    // `viewer` is the authenticated user (awardd); `nil` is the operator at the database (awardctl
    // without --as), who sees everything. A non-admin viewer sees a nomination only when its
    // proposing unit is the viewer's org or below it (which covers every tier of its route, all
    // of them being the unit's ancestors); anything else is reported as not found.

    /// One nomination.
    public func nomination(_ id: Int64, viewer: Principal? = nil) async throws(AwardError) -> NominationView {
        try await lease { c in
            try Access.nomination(c, id, viewer)
            return try Queries.view(c, id: id)
        }
    }

    /// A nomination's history, oldest first.
    public func history(_ id: Int64, viewer: Principal? = nil) async throws(AwardError) -> [HistoryEntry] {
        try await lease { c in
            try Access.nomination(c, id, viewer)
            return try NominationStore.history(c, id: id)
        }
    }

    /// Nominations waiting at `org` for its officer (state `pending`), oldest first.
    public func pending(org code: String, limit: Int = 1000, after: Int64 = 0) async throws(AwardError) -> [NominationView] {
        try await lease { c in
            try NominationStore.waiting(c, org: try OrgStore.org(c, code: code).id, states: [.pending], limit: max(1, min(limit, 10_000)), after: after)
        }
    }

    /// What waits at the principal's org: pending nominations for its officers, and drafts and
    /// returned nominations for its proposers. Oldest first, `limit` at a time after id `after`.
    public func inbox(of principal: Principal, limit: Int = 100, after: Int64 = 0) async throws(AwardError) -> [NominationView] {
        try await inbox(of: principal, kind: nil, state: nil, limit: limit, after: after)
    }

    /// The inbox narrowed to one award kind and/or one of its states (for the web page's filters).
    public func inbox(of principal: Principal, kind: String?, state: NominationState?, limit: Int = 100,
                      after: Int64 = 0) async throws(AwardError) -> [NominationView] {
        let states: [NominationState] = state.map { [$0] } ?? [.draft, .pending, .returned]
        try Policy.require(principal, .readInbox)
        return try await lease { c in
            try NominationStore.waiting(c, org: principal.orgId, states: states, kind: kind, limit: max(1, min(limit, 10_000)), after: after)
        }
    }

    /// Awardees of decisions dated in `query.year`, ordered by decision date, Vietnamese name
    /// order, then id; `limit` at a time, after `cursor` (the last awardee of the previous page).
    /// A non-admin viewer sees its own subtree only.
    /// Asks the policy whether `principal` may do `permission` at all (before a page or a tool does
    /// work on its behalf, such as parsing an upload).
    public func authorize(_ principal: Principal?, _ permission: Permission) throws(AwardError) {
        try Policy.require(principal, permission)
    }

    /// Asks the policy whether `principal` may do `permission` for `org` (a page does, before it reads
    /// a form that names the org).
    public func authorize(_ principal: Principal?, _ permission: Permission, org code: String) async throws(AwardError) {
        try await lease { c in _ = try Access.org(c, code: code, principal, permission) }
    }

    /// What the person may do, from its role (the pages' menus and buttons).
    public func capabilities(of principal: Principal?) -> Capabilities {
        Policy.capabilities(of: principal)
    }

    /// The org a report is for: the one requested (within the viewer's reach), else the whole of
    /// the viewer's scope (`nil`: the whole system, for an admin or the operator).
    public func reportingOrg(_ requested: String?, viewer: Principal?) async throws(AwardError) -> Organisation? {
        try await lease { c in
            try Access.scope(c, viewer, .readReports, requested: requested).root.map { id in
                try OrgStore.org(c, code: try OrgStore.ref(c, id: id).code)
            }
        }
    }

    /// The orgs in which `principal` may do `permission`, in tree order (the pages' pickers).
    public func orgs(for principal: Principal, may permission: Permission) async throws(AwardError) -> [Organisation] {
        try await orgs().filter { Policy.allows(principal, permission, Subject(org: $0.ref)) }
    }

    /// How many nominations the database holds (every state).
    public func nominationCount() async throws(AwardError) -> Int {
        try await lease { c in try NominationStore.count(c) }
    }

    public func awardees(
        _ query: AwardeeQuery, viewer: Principal? = nil, limit: Int? = nil, after cursor: Awardee? = nil
    ) async throws(AwardError) -> [Awardee] {
        try query.validate()
        let key = personalDataKey
        return try await readLease { c in
            let org = try Access.scope(c, viewer, .readReports, requested: query.org).root
            if let kind = query.kind { try OrgStore.requireKind(c, code: kind) }
            var rows = try NominationStore.awardees(c, query, org: org, limit: limit.map { max(1, min($0, 100_000)) }, after: cursor)
            if query.withCitizenId {
                // Asked for, by a role that may export personal data of the units it lists.
                let scope = try Access.scope(c, viewer, .exportPersonalData, requested: query.org)
                try Self.fillCitizenIds(c, &rows, within: scope, key: key)
            }
            return rows
        }
    }

}

extension AwardEngine {
    /// Checks that the database answers (for readiness probes).
    public func ping() async throws(AwardError) {
        _ = try await lease { c in try Queries.ping(c) }
    }

    /// Connections open, idle and callers waiting for one.
    public func poolStatistics() async -> (open: Int, idle: Int, waiting: Int) {
        pool.statistics
    }
}

import AwardDomain
import AwardPostgres
import Foundation

/// Everything the inbox page shows, read in one lease and one snapshot: a page of what waits at
/// the viewer's org, the names of its units and of the viewer's org, the kinds of the pack in
/// force (the filter), the campaigns under way that cover the org, and where the live stream starts.
public struct InboxScreen: Sendable {
    public var rows: [NominationView]
    /// Code → name of the viewer's org and of every unit in `rows`.
    public var orgNames: [String: String]
    /// Code → Vietnamese name of the award kinds in force today.
    public var kindNames: [String: String]
    public var campaigns: [Campaign]
    /// The newest event now, where the page's live stream starts.
    public var eventCursor: String
    /// Whether the viewer proposes dossiers rather than judges them (the page's explanation).
    public var proposesRatherThanJudges: Bool

    public func orgName(_ code: String) -> String { orgNames[code] ?? code }
    public func kindName(_ code: String) -> String { kindNames[code] ?? code }
}

extension AwardEngine {
    /// The inbox page's read (``InboxScreen``): `limit` rows after id `after`, narrowed to one kind
    /// and/or state; two round trips in one read-only snapshot.
    public func inboxScreen(of viewer: Principal, kind: String?, state: NominationState?, limit: Int, after: Int64,
                            now: Date = Date()) async throws(AwardError) -> InboxScreen {
        try Policy.require(viewer, .readInbox)
        let states: [NominationState] = state.map { [$0] } ?? [.draft, .pending, .returned]
        let cache = packCache
        let today = Self.today(now)
        let mayReadCampaigns = (try? Policy.require(viewer, .readCampaign)) != nil
        do {
            return try await pool.withSnapshot { c in
                // Round trip 1: the page, the campaigns, the stream's start, the pack in force.
                let waiting = try c.enqueue(NominationStore.waitingQuery(org: viewer.orgId, states: states, kind: kind,
                                                                         limit: max(1, min(limit, 10_000)), after: max(0, after)))
                let campaigns = mayReadCampaigns ? try c.enqueue(CampaignStore.openQuery(covering: viewer.orgId)) : nil
                let cursor = try c.enqueue(EventStore.latestQuery)
                let inForce = try c.enqueue(PackStore.idInForceQuery(on: today))
                try c.flush()
                let rows = try waiting.sent().map(Queries.nominationView)
                // Round trip 2: the names of the units on the page, with COMMIT.
                let names = try c.enqueue(OrgStore.namesQuery(codes: Array(Set(rows.map(\.unit))), ids: [viewer.orgId]))
                try c.commit(wake: false)
                let pack = try inForce.sent().first.map { try cache.pack(c, id: try $0.int("id")) }
                return InboxScreen(
                    rows: rows, orgNames: try OrgStore.names(try names.sent()),
                    kindNames: pack?.kindNames ?? [:],
                    campaigns: try campaigns.map { try $0.sent().map(CampaignStore.decode) } ?? [],
                    eventCursor: try cursor.sent().first?.string("cursor") ?? "",
                    proposesRatherThanJudges: Policy.capabilities(of: viewer).proposesRatherThanJudges)
            }
        } catch {
            throw mapAndLog(error)
        }
    }
}

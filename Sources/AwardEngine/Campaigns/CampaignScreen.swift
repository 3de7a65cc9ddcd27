import AwardDomain
import AwardPostgres
import Foundation

/// Everything a campaign's page shows, read in one lease and one snapshot: the campaign, what the
/// viewer may do on it, the registrations and reviews it sees, the campaign's figures, and the
/// names of the orgs and kinds it names.
public struct CampaignScreen: Sendable {
    public var campaign: Campaign
    public var capabilities: CampaignCapabilities
    public var registrations: [Registration]
    public var reviews: [Review]
    public var report: CampaignReport
    /// Code → name of the launcher, the named units and the units that registered or were reviewed.
    public var orgNames: [String: String]
    /// Code → Vietnamese name of the award kinds in force today.
    public var kindNames: [String: String]
    /// The units the viewer may register for this campaign now (code, name), by name.
    public var registrableUnits: [(code: String, name: String)]

    public func orgName(_ code: String) -> String { orgNames[code] ?? code }
    public func kindName(_ code: String) -> String { kindNames[code] ?? code }
}

extension AwardEngine {
    /// A campaign page's read (``CampaignScreen``): two round trips in one read-only snapshot, the
    /// first for the campaign and the policy's check, the second for everything else.
    public func campaignScreen(_ code: String, viewer: Principal, now: Date = Date()) async throws(AwardError) -> CampaignScreen {
        let cache = packCache
        let today = Self.today(now)
        do {
            return try await pool.withSnapshot { c in
                // Round trip 1: the campaign with its launcher and the viewer's org, and the pack in force.
                let found = try c.enqueue(CampaignStore.accessQuery(code: code, viewerOrg: viewer.orgId))
                let inForce = try c.enqueue(PackStore.idInForceQuery(on: today))
                try c.flush()
                guard let row = try found.sent().first else {
                    throw AwardError(.notFound, code: .unknownCampaign, "no campaign with code \(code)", vi: "Không có phong trào thi đua mã \(code).")
                }
                let campaign = try CampaignStore.decode(row)
                let launcher = try OrgStore.ref(row, prefix: "l_")
                let via = try row.bool("covers") ? [try OrgStore.ref(row, prefix: "v_")] : []
                try Policy.require(viewer, .readCampaign, Subject(org: launcher, alsoVisibleVia: via))
                let campaignRoot = try Policy.scope(viewer, .readCampaign).root
                let registrationRoot = try Policy.scope(viewer, .readRegistration).root

                // Round trip 2: the rest, with COMMIT.
                let registrations = try c.enqueue(RegistrationStore.listQuery(campaign: campaign.id, year: nil, root: registrationRoot))
                let reviews = try c.enqueue(ReviewStore.listQuery(campaign: campaign.id, org: nil, year: nil, root: campaignRoot))
                let units = try c.enqueue(CampaignReportStore.unitsQuery(campaign: campaign.id, year: nil, root: campaignRoot))
                let awards = try c.enqueue(CampaignReportStore.awardsQuery(campaign: campaign, year: nil, root: campaignRoot))
                let names = try c.enqueue(OrgStore.namesQuery(campaign: campaign.id))
                let registrable = Policy.capabilities(of: viewer).mayRegister && campaign.state.takesRegistrations
                    ? try c.enqueue(OrgStore.coveredQuery(root: viewer.orgId, campaign: campaign.id)) : nil
                try c.commit(wake: false)
                let pack = try inForce.sent().first.map { try cache.pack(c, id: try $0.int("id")) }
                return CampaignScreen(
                    campaign: campaign, capabilities: Policy.campaignCapabilities(viewer, launcher: launcher),
                    registrations: try registrations.sent().map(RegistrationStore.decode),
                    reviews: try reviews.sent().map(ReviewStore.decode),
                    report: Self.campaignReport(campaign, year: nil, units: try CampaignReportStore.units(try units.sent()),
                                                awards: try CampaignReportStore.awards(try awards.sent())),
                    orgNames: try OrgStore.names(try names.sent()),
                    kindNames: pack?.kindNames ?? [:],
                    registrableUnits: try (registrable?.sent() ?? Rows.none).compactMap { row in
                        Policy.allows(viewer, .register, Subject(org: try OrgStore.ref(row))) ? (try row.string("code"), try row.string("name")) : nil
                    })
            }
        } catch {
            throw mapAndLog(error)
        }
    }
}

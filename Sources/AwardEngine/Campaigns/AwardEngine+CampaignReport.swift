import AwardPostgres
import Foundation

extension AwardEngine {
    /// A campaign's figures for the viewer's units: per unit, what was registered, reviewed,
    /// proposed (here or higher), not reached and awarded; per award, the awards by nominee type
    /// against the per-unit quota; and the report's Vietnamese sentence.
    public func campaignReport(_ code: String, year: Int? = nil, viewer: Principal? = nil) async throws(AwardError) -> CampaignReport {
        if let year { try Self.checkYear(year) }
        return try await lease { c in
            let campaign = try Access.campaign(c, code: code, viewer, .readCampaign)
            let root = try Policy.scope(viewer, .readCampaign).root
            let units = try CampaignReportStore.units(c, campaign: campaign.id, year: year, root: root)
            let awards = try CampaignReportStore.awards(c, campaign: campaign, year: year, root: root)
            return Self.campaignReport(campaign, year: year, units: units, awards: awards)
        }
    }

    /// The report from its two reads: the units' rows with their total, and the awards.
    static func campaignReport(_ campaign: Campaign, year: Int?, units: [CampaignReport.UnitRow], awards: [CampaignReport.AwardRow]) -> CampaignReport {
        var total = CampaignReport.UnitRow(org: "", orgName: "Tổng số", registrationState: nil, registered: 0, reviewed: 0, proposed: 0,
                                           notReached: 0, raisedHigher: 0, awardedHere: 0, awarded: 0)
        for unit in units {
            total.registered += unit.registered
            total.reviewed += unit.reviewed
            total.proposed += unit.proposed
            total.notReached += unit.notReached
            total.raisedHigher += unit.raisedHigher
            total.awardedHere += unit.awardedHere
            total.awarded += unit.awarded
        }
        return CampaignReport(campaign: campaign.code, name: campaign.name, year: year, units: units, total: total, awards: awards,
                              sentence: Self.campaignSentence(campaign: campaign, year: year, awards: awards))
    }

    /// Campaigns launched in a reporting period (1 December of the year before to 30 November), by
    /// the body that launched them (the direct child of `org` it lies under, or `org` itself), kind
    /// and duration: what statistics form 0601 adds up.
    public func campaignCounts(period: Int, org: String? = nil, includingPredecessors: Bool = false,
                               viewer: Principal? = nil) async throws(AwardError) -> [CampaignCount] {
        let (from, to) = try Self.reportingPeriod(period)
        return try await lease { c in
            let root = try Access.scope(c, viewer, .readReports, requested: org).root
            return try CampaignReportStore.counts(c, from: from, to: to, root: root, withPredecessors: includingPredecessors)
        }
    }

    /// "Qua đó khen thưởng 13 tập thể, 36 cá nhân có thành tích tiêu biểu trong phong trào «…» (…)."
    static func campaignSentence(campaign: Campaign, year: Int?, awards: [CampaignReport.AwardRow]) -> String {
        let collectives = awards.reduce(0) { $0 + $1.collectives }
        let individuals = awards.reduce(0) { $0 + $1.individuals }
        let households = awards.reduce(0) { $0 + $1.households }
        let period = year.map { " năm \($0)" } ?? ""
        guard collectives + individuals + households > 0 else {
            return "Phong trào «\(campaign.name)»\(period) chưa có tập thể, cá nhân nào được khen thưởng."
        }
        var who: [String] = []
        if collectives > 0 { who.append("\(collectives) tập thể") }
        if households > 0 { who.append("\(households) hộ gia đình") }
        if individuals > 0 { who.append("\(individuals) cá nhân") }
        let forms = awards.map { "\($0.collectives + $0.individuals + $0.households) \($0.kindName)" }.joined(separator: ", ")
        return "Qua phong trào «\(campaign.name)»\(period), đã khen thưởng \(who.joined(separator: ", ")) có thành tích tiêu biểu (\(forms))."
    }
}

import AwardPostgres
import Foundation

extension AwardEngine {
    /// Creates a campaign as a draft: the launching org (the caller's, or one below it), its
    /// period, scope (the org's subtree, a cluster's members, or named units within the org), the
    /// awards it offers with per-unit quotas, and criteria per title. An approver or admin launches.
    public func createCampaign(_ request: CampaignRequest, by principal: Principal) async throws(AwardError) -> Campaign {
        var request = request
        request.code = try Self.campaignCode(request.code)
        request.name = try Text.required(request.name, field: .name, maxLength: 500)
        request.theme = try Text.optional(request.theme, field: .note, maxLength: 2000)
        request.launchNumber = try Text.optional(request.launchNumber, field: .decisionNumber, maxLength: 100, multiline: false)
        guard request.endsOn >= request.startsOn else {
            throw AwardError(.invalidInput, code: .badPeriod,
                             "ends_on \(request.endsOn.vietnamese) is before starts_on \(request.startsOn.vietnamese): a campaign ends after it starts",
                             vi: "Ngày kết thúc (ends_on) \(request.endsOn.vietnamese) trước ngày bắt đầu (starts_on) \(request.startsOn.vietnamese): phong trào phải kết thúc sau khi bắt đầu.")
        }
        try Self.checkYear(request.startsOn.year)
        try Self.checkYear(request.endsOn.year)
        for i in request.documents.indices {
            request.documents[i].title = try Text.required(request.documents[i].title, field: .title, maxLength: 500)
            request.documents[i].number = try Text.optional(request.documents[i].number, field: .decisionNumber, maxLength: 100, multiline: false)
        }
        for i in request.criteria.indices {
            request.criteria[i].text = try Text.required(request.criteria[i].text, field: .note, maxLength: 2000, multiline: true)
            request.criteria[i].source = try Text.optional(request.criteria[i].source, field: .legalBasis, maxLength: 500)
        }
        for award in request.awards {
            if let quota = award.perUnitQuota { _ = try Bound.quota.check(quota) }
            if let amount = award.amountVnd { _ = try Bound.prizeVnd.check(amount) }
        }
        try Policy.require(principal, .launchCampaign)
        let request2 = request
        return try await transaction { c in
            let org = try Access.org(c, code: request2.org, principal, .launchCampaign)
            for kind in Set(request2.awards.map(\.kind) + request2.criteria.map(\.kind)) { try OrgStore.requireKind(c, code: kind) }
            var cluster: Int64? = nil
            if let code = request2.cluster { cluster = try ClusterStore.id(c, code: code) }
            var units: [Int64] = []
            for code in request2.units {
                let unit = try OrgStore.org(c, code: code)
                guard unit.lies(under: org) else {
                    throw AwardError(.invalidInput, code: .outsideCampaignScope, "\(unit.code) is not under \(org.code), which launches the campaign",
                                     vi: "Đơn vị \(unit.code) không trực thuộc \(org.code) (cơ quan phát động), nên không thể thuộc phạm vi phong trào.")
                }
                units.append(unit.id)
            }
            _ = try CampaignStore.insert(c, request2, org: org.id, cluster: cluster, units: units, actor: principal.name)
            return try CampaignStore.campaign(c, code: request2.code)
        }
    }

    /// Moves a campaign along draft → registration (launch; the launch decision's date defaults to
    /// today) → running → reviewing → closed; a closed campaign reopens for review with a reason.
    public func moveCampaign(_ code: String, to state: CampaignState, reason: String? = nil, launchNumber: String? = nil,
                             launchDate: CivilDate? = nil, by principal: Principal, now: Date = Date()) async throws(AwardError) -> Campaign {
        let reason = try Text.optional(reason, field: .reason)
        let launchNumber = try Text.optional(launchNumber, field: .decisionNumber, maxLength: 100, multiline: false)
        try Policy.require(principal, .moveCampaign)
        let today = Self.today(now)
        return try await transaction { c in
            let locked = try CampaignStore.lock(c, code: code)
            try Access.org(c, id: locked.org, principal, .moveCampaign)
            guard locked.state.next.contains(state) else {
                let allowed = locked.state.next.map(\.rawValue).joined(separator: ", ")
                throw AwardError(.refused, code: .campaignState, "campaign \(code) is \(locked.state.rawValue); it can move to \(allowed), not \(state.rawValue)",
                                 vi: "Phong trào \(code) đang «\(locked.state.vietnamese)»; chỉ chuyển được sang \(locked.state.next.map { "«\($0.vietnamese)»" }.joined(separator: ", ")), không sang «\(state.vietnamese)».")
            }
            if locked.state == .closed && reason == nil {
                throw AwardError(.invalidInput, code: .emptyReason, "reopening a closed campaign needs a reason",
                                 vi: "Mở lại phong trào đã kết thúc cần ghi lý do (reason).")
            }
            if let launchDate, launchDate > today {
                throw AwardError(.invalidInput, code: .dateInFuture, "the launch date \(launchDate.vietnamese) is in the future",
                                 vi: "Ngày quyết định phát động \(launchDate.vietnamese) ở tương lai.")
            }
            try CampaignStore.move(c, id: locked.id, from: locked.state, to: state, version: locked.version, launchNumber: launchNumber,
                                   launchDate: state == .registration ? (launchDate ?? today) : nil, reason: reason, actor: principal.name)
            return try CampaignStore.campaign(c, code: code)
        }
    }

    /// The campaigns a viewer sees: launched within its subtree or covering its org.
    public func campaigns(state: CampaignState? = nil, viewer: Principal? = nil) async throws(AwardError) -> [Campaign] {
        let scope = try Policy.scope(viewer, .readCampaign)
        return try await lease { c in try CampaignStore.list(c, root: scope.root, state: state) }
    }

    /// One campaign.
    public func campaign(_ code: String, viewer: Principal? = nil) async throws(AwardError) -> Campaign {
        try await lease { c in
            try Access.campaign(c, code: code, viewer, .readCampaign)
        }
    }

    /// The launched campaigns still open whose scope covers the viewer's org: what its inbox announces.
    public func openCampaigns(for viewer: Principal) async throws(AwardError) -> [Campaign] {
        try Policy.require(viewer, .readCampaign)
        return try await lease { c in try CampaignStore.open(c, covering: viewer.orgId) }
    }

    static func campaignCode(_ code: String) throws(AwardError) -> String {
        let code = code.trimmingCharacters(in: .whitespaces)
        func plain(_ s: Unicode.Scalar) -> Bool { s.isASCII && CharacterSet.alphanumerics.contains(s) }
        guard let first = code.unicodeScalars.first, plain(first), code.unicodeScalars.count <= 64,
              code.unicodeScalars.allSatisfy({ plain($0) || "._-".unicodeScalars.contains($0) }) else {
            throw AwardError(.invalidInput, code: .badCampaignCode, "code \"\(code)\" is not accepted: letters, digits, '.', '_' or '-', at most 64, starting with a letter or digit")
        }
        return code
    }
}

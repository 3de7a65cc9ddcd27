import AwardPostgres
import Foundation

extension AwardEngine {
    /// Records (or corrects) the unit council's review of one registrant while the campaign is
    /// being reviewed: criteria met, the vote, and the result — proposed here or higher for a
    /// title the campaign offers, or not reached. The registrant must be in an accepted
    /// registration; the unit's proposals per title are counted against the campaign's per-unit
    /// quota by the database. A review already turned into a nomination is final.
    public func recordReview(campaign code: String, year: Int, _ input: ReviewInput, by principal: Principal) async throws(AwardError) -> Review {
        try Policy.require(principal, .recordReview)
        try Self.checkYear(year)
        var input = input
        input.note = try Text.optional(input.note, field: .note)
        input.kind = input.kind.map { $0.trimmingCharacters(in: .whitespaces) }.flatMap { $0.isEmpty ? nil : $0 }
        if input.result.proposes && input.kind == nil {
            throw AwardError(.invalidInput, code: .emptyKind, "a proposal names the title or form proposed (kind)",
                             vi: "Kết quả đề nghị cần ghi danh hiệu, hình thức được đề nghị (kind).")
        }
        if !input.result.proposes { input.kind = nil }
        input.vote = try input.vote?.validated()
        let cleaned = input
        return try await transaction { c in
            // Seen before anything of it is told (its state included).
            let campaign = try Access.campaign(c, code: code, principal, .readCampaign)
            try CampaignStore.holdState(c, id: campaign.id)
            guard campaign.state == .reviewing else {
                throw AwardError(.refused, code: .campaignState, "campaign \(campaign.code) is \(campaign.state.rawValue): reviews are recorded while it is reviewing",
                                 vi: "Phong trào \(campaign.code) đang «\(campaign.state.vietnamese)»: chỉ ghi kết quả bình xét khi đang bình xét.")
            }
            guard let entry = try RegistrationStore.acceptedEntry(c, campaign: campaign.id, year: year, nominee: cleaned.nomineeId) else {
                throw AwardError(.refused, code: .notRegistered, "nominee \(cleaned.nomineeId) has no accepted registration for campaign \(campaign.code) in \(year)",
                                 vi: "Đối tượng số \(cleaned.nomineeId) chưa có trong bản đăng ký thi đua được chấp nhận của phong trào \(campaign.code) năm \(year).")
            }
            try Access.org(c, id: entry.org, principal, .recordReview)
            if let kind = cleaned.kind {
                try OrgStore.requireKind(c, code: kind)
                let offered = Set(campaign.awards.map(\.kind))
                guard offered.isEmpty || offered.contains(kind) else {
                    throw AwardError(.refused, code: .kindNotOffered, "campaign \(campaign.code) does not offer \(kind); it offers \(offered.sorted().joined(separator: ", "))",
                                     vi: "Phong trào \(campaign.code) không xét \(kind); chỉ xét: \(offered.sorted().joined(separator: ", ")).")
                }
            }
            if try ReviewStore.isFinal(c, campaign: campaign.id, year: year, nominee: cleaned.nomineeId) {
                throw AwardError(.refused, code: .reviewFinal, "the review of nominee \(cleaned.nomineeId) has become a nomination; it is final")
            }
            try ReviewStore.upsert(c, campaign: campaign.id, year: year, entry: entry.entry, org: entry.org, input: cleaned, actor: principal.name)
            return try ReviewStore.review(c, campaign: campaign.id, year: year, nominee: cleaned.nomineeId)
        }
    }

    /// Turns the unit's proposals for the campaign and year into nominations, all or none: each is
    /// submitted to the first tier of its kind's route under the rules in force today (eligibility
    /// included: a refusal names the registrant and refuses the whole command), carries the
    /// campaign's code, and is linked to its review and registration. Returns the nominations.
    public func proposeNominations(campaign code: String, unit: String, year: Int, by principal: Principal,
                                   now: Date = Date()) async throws(AwardError) -> [NominationView] {
        try Policy.require(principal, .proposeFromReviews)
        try Self.checkYear(year)
        let today = Self.today(now)
        let cache = packCache
        let views = try await transaction { c -> [NominationView] in
            let campaign = try Access.campaign(c, code: code, principal, .readCampaign)
            let org = try Access.org(c, code: unit, principal, .proposeFromReviews)
            try CampaignStore.holdState(c, id: campaign.id)
            guard campaign.state == .reviewing else {
                throw AwardError(.refused, code: .campaignState, "campaign \(campaign.code) is \(campaign.state.rawValue): proposals are made while it is reviewing",
                                 vi: "Phong trào \(campaign.code) đang «\(campaign.state.vietnamese)»: chỉ lập hồ sơ đề nghị khi đang bình xét.")
            }
            let proposals = try ReviewStore.pendingProposals(c, campaign: campaign.id, org: org.id, year: year)
            guard !proposals.isEmpty else {
                throw AwardError(.refused, code: .nothingToPropose, "\(org.code) has no proposals in campaign \(campaign.code) for \(year) waiting to become nominations",
                                 vi: "\(org.code) không có kết quả bình xét nào của phong trào \(campaign.code) năm \(year) đang chờ lập hồ sơ đề nghị.")
            }
            var ids: [Int64] = []
            for proposal in proposals {
                let request = NominationRequest(
                    kind: proposal.kind, unit: org.code, nomineeId: proposal.nominee, year: year,
                    reason: proposal.note ?? "Đề nghị qua bình xét phong trào «\(campaign.name)» năm \(year).",
                    commendationType: campaign.kind == .regular ? .annual : .thematic, campaign: campaign.code)
                do {
                    let id = try Self.record(c, request, principal: principal, nomineeName: nil, reason: request.reason, campaign: campaign.code,
                                             overrideReason: nil, submittedOn: today, today: today, cache: cache)
                    try ReviewStore.link(c, campaign: campaign.id, year: year, nominee: proposal.nominee, nomination: id)
                    ids.append(id)
                } catch let error as AwardError {
                    throw AwardError(error.category, code: error.code, "\(proposal.name) (nominee \(proposal.nominee)): \(error.message)",
                                     vi: "\(proposal.name) (đối tượng số \(proposal.nominee)): \(error.messageVI)")
                }
            }
            return try ids.map { try Queries.view(c, id: $0) }
        }
        for view in views { metrics.transition(kind: view.kind, to: view.state) }
        return views
    }

    /// A campaign's reviews the viewer may see, optionally of one unit and year.
    public func reviews(campaign code: String, unit: String? = nil, year: Int? = nil, viewer: Principal? = nil) async throws(AwardError) -> [Review] {
        try await lease { c in
            let campaign = try Access.campaign(c, code: code, viewer, .readCampaign)
            let org = try unit.map { try OrgStore.org(c, code: $0).id }
            return try ReviewStore.list(c, campaign: campaign.id, org: org, year: year, root: try Policy.scope(viewer, .readCampaign).root)
        }
    }
}

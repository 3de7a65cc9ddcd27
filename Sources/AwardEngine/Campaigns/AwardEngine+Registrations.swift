import AwardPostgres
import Foundation

extension AwardEngine {
    /// Registers collectives and individuals of `unit` for a campaign and year (đăng ký thi đua),
    /// with the titles they aim at and their pledged targets. The unit's registration is created as
    /// a draft on first use and may take entries while a draft or returned. All or nothing: an
    /// entry for someone registered already (for this campaign and year, by any unit) refuses the
    /// whole command. A nominator (or admin) of the unit or an org above it registers; the unit
    /// must lie in the campaign's scope and the campaign must be open for registration.
    public func register(campaign code: String, unit: String, year: Int, entries: [RegistrationEntryInput],
                         by principal: Principal) async throws(AwardError) -> Registration {
        try Policy.require(principal, .register)
        try Self.checkYear(year)
        guard !entries.isEmpty else {
            throw AwardError(.invalidInput, code: .emptyRegistration, "no collective or individual to register")
        }
        var cleaned: [RegistrationEntryInput] = []
        for entry in entries {
            var entry = entry
            entry.name = try entry.name.map { name throws(AwardError) in try Text.required(name, field: .nominee) }
            entry.targets = try Text.optional(entry.targets, field: .note, maxLength: 4000)
            entry.kinds = entry.kinds.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            guard !entry.kinds.isEmpty, entry.kinds.count <= 10 else {
                throw AwardError(.invalidInput, code: .emptyKind, "each registrant needs 1 to 10 titles (kinds) to aim at",
                                 vi: "Mỗi tập thể, cá nhân đăng ký cần từ 1 đến 10 danh hiệu (chọn trong «Danh hiệu đăng ký», hoặc cột kinds của tệp).")
            }
            guard entry.nomineeId != nil || (entry.name != nil && entry.type != nil) else {
                throw AwardError(.invalidInput, code: .nomineeRequired, "each registrant needs an existing nominee id, or a name and a type",
                                 vi: "Mỗi tập thể, cá nhân đăng ký cần mã đối tượng có sẵn, hoặc họ tên và loại đối tượng (individual, collective, household).")
            }
            cleaned.append(entry)
        }
        let entries = cleaned
        return try await transaction { c in
            let campaign = try Access.campaign(c, code: code, principal, .readCampaign)
            let org = try Access.org(c, code: unit, principal, .register)
            try CampaignStore.holdState(c, id: campaign.id)
            guard campaign.state.takesRegistrations else {
                throw AwardError(.refused, code: .campaignState, "campaign \(campaign.code) is \(campaign.state.rawValue): registrations are taken while it is open for registration or running",
                                 vi: "Phong trào \(campaign.code) đang «\(campaign.state.vietnamese)»: chỉ nhận đăng ký khi đang đăng ký hoặc đang thực hiện.")
            }
            guard campaign.years.contains(year) else {
                throw AwardError(.invalidInput, code: .badYear, "campaign \(campaign.code) runs \(campaign.startsOn.vietnamese)–\(campaign.endsOn.vietnamese): \(year) is outside it",
                                 vi: "Phong trào \(campaign.code) diễn ra từ \(campaign.startsOn.vietnamese) đến \(campaign.endsOn.vietnamese): năm \(year) nằm ngoài.")
            }
            guard try CampaignStore.covers(c, campaign: campaign.id, org: org.id) else {
                throw AwardError(.refused, code: .outsideCampaignScope, "\(org.code) is outside the scope of campaign \(campaign.code)",
                                 vi: "Đơn vị \(org.code) không thuộc phạm vi của phong trào \(campaign.code).")
            }
            let offered = Set(campaign.awards.map(\.kind))
            for kind in Set(entries.flatMap(\.kinds)) {
                try OrgStore.requireKind(c, code: kind)
                guard offered.isEmpty || offered.contains(kind) else {
                    throw AwardError(.refused, code: .kindNotOffered, "campaign \(campaign.code) does not offer \(kind); it offers \(offered.sorted().joined(separator: ", "))",
                                     vi: "Phong trào \(campaign.code) không xét \(kind); chỉ xét: \(offered.sorted().joined(separator: ", ")).")
                }
            }
            let registration = try RegistrationStore.open(c, campaign: campaign.id, org: org.id, year: year, actor: principal.name)
            guard registration.state.editable else {
                throw AwardError(.refused, code: .registrationState, "the registration of \(org.code) for \(year) is \(registration.state.rawValue): it takes entries while a draft or returned",
                                 vi: "Bản đăng ký của \(org.code) năm \(year) đang «\(registration.state.vietnamese)»: chỉ thêm được khi đang lập hoặc bị trả lại.")
            }
            for entry in entries {
                let nominee: Int64
                if let id = entry.nomineeId {
                    try Access.requireNominee(c, id, principal, .register, unit: org.ref)
                    guard let type = try NominationStore.nomineeType(c, id: id) else {
                        throw AwardError(.notFound, code: .unknownNominee, "no nominee with id \(id)", vi: "Không có đối tượng số \(id).")
                    }
                    if let given = entry.type, given != type {
                        throw AwardError(.invalidInput, code: .nomineeTypeMismatch, "nominee \(id) is a \(type.rawValue) nominee, not \(given.rawValue)")
                    }
                    nominee = id
                } else {
                    nominee = try NominationStore.insertNominee(c, name: entry.name!, type: entry.type!, homeOrg: org.id)
                }
                guard try RegistrationStore.addEntry(c, registration: registration.id, campaign: campaign.id, year: year, nominee: nominee,
                                                     kinds: entry.kinds, targets: entry.targets, actor: principal.name) else {
                    throw AwardError(.conflict, code: .alreadyRegistered, "nominee \(nominee) is registered for campaign \(campaign.code) in \(year) already",
                                     vi: "Đối tượng số \(nominee) đã được đăng ký trong phong trào \(campaign.code) năm \(year).")
                }
            }
            return try RegistrationStore.registration(c, id: registration.id)
        }
    }

    /// Sends a registration to the launching org (the unit's nominator), or returns it with a
    /// reason or accepts it (an approver of the launching org or above). Each step is kept.
    public func actOnRegistration(_ id: Int64, _ action: RegistrationAction, reason: String? = nil,
                                  by principal: Principal) async throws(AwardError) -> Registration {
        let reason = try Text.optional(reason, field: .reason)
        if action == .return && reason == nil {
            throw AwardError(.invalidInput, code: .emptyReason, "returning a registration needs a reason",
                             vi: "Trả lại bản đăng ký cần ghi lý do (reason).")
        }
        // The unit's nominator sends; an approver of the launching org returns or accepts.
        let permission: Permission = action.byUnit ? .sendRegistration : .judgeRegistration
        try Policy.require(principal, permission)
        return try await transaction { c in
            let locked = try RegistrationStore.lock(c, id: id)
            // Outside the caller's reach reads as unknown, as for nominations.
            try Access.org(c, id: action.byUnit ? locked.org : locked.campaignOrg, principal, permission)
            guard let target = action.target(from: locked.state) else {
                throw AwardError(.refused, code: .registrationState, "registration \(id) is \(locked.state.rawValue): it cannot be \(action.rawValue)ed now",
                                 vi: "Bản đăng ký số \(id) đang «\(locked.state.vietnamese)»: không thể \(action == .send ? "gửi" : action == .return ? "trả lại" : "chấp nhận") lúc này.")
            }
            guard locked.campaignState.takesRegistrations else {
                throw AwardError(.refused, code: .campaignState, "the campaign is \(locked.campaignState.rawValue): registrations are handled while it is open for registration or running",
                                 vi: "Phong trào đang «\(locked.campaignState.vietnamese)»: chỉ xử lý đăng ký khi đang đăng ký hoặc đang thực hiện.")
            }
            if action == .send && locked.entries == 0 {
                throw AwardError(.refused, code: .emptyRegistration, "registration \(id) has no entries to send")
            }
            try RegistrationStore.move(c, id: id, from: locked.state, to: target, reason: reason, actor: principal.name)
            return try RegistrationStore.registration(c, id: id)
        }
    }

    /// A campaign's registrations the viewer may see.
    public func registrations(campaign code: String, year: Int? = nil, viewer: Principal? = nil) async throws(AwardError) -> [Registration] {
        try await lease { c in
            let campaign = try Access.campaign(c, code: code, viewer, .readCampaign)
            return try RegistrationStore.list(c, campaign: campaign.id, year: year, root: try Policy.scope(viewer, .readRegistration).root)
        }
    }

    /// One registration.
    public func registration(_ id: Int64, viewer: Principal? = nil) async throws(AwardError) -> Registration {
        try await lease { c in
            let registration = try RegistrationStore.registration(c, id: id)
            let orgs = try RegistrationStore.orgs(c, id: id)
            try Policy.require(viewer, .readRegistration, Subject(org: try OrgStore.ref(c, id: orgs.unit), alsoVisibleVia: [try OrgStore.ref(c, id: orgs.campaign)]))
            return registration
        }
    }
}

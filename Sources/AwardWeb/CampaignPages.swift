import AwardDocuments
import AwardEngine
import AwardHTTP
import Foundation
import HTTPTypes
import Hummingbird

/// Campaigns on the web: the list (and the launch form), one campaign's page with its state,
/// registrations, the council's review and the report, and the award fund. Each form is one
/// engine call; a refusal re-renders the page with the engine's Vietnamese message and what was
/// typed, a success redirects.
extension WebRoutes {
    func registerCampaigns(on web: WebRouter) {
        web.get("campaigns", .permission(.readCampaign)) { _, context in try await campaignsPage(context, entered: [:], error: nil) }
        web.post("campaigns", .permission(.launchCampaign)) { _, context in try await createCampaign(context) }
        web.get("campaigns/{code}", .permission(.readCampaign)) { request, context in
            try await campaignPage(context, code: try Self.campaignCode(context), entered: [:], error: nil,
                                   flash: request.queryFields["done"].map { _ in "Đã ghi nhận." })
        }
        web.post("campaigns/{code}/{step}", .byParameter("step", ["move": .moveCampaign, "register": .register, "review": .recordReview, "propose": .proposeFromReviews])) { _, context in try await campaignStep(context) }
        web.post("registrations/{id}/{action}", .byParameter("action", ["send": .sendRegistration, "return": .judgeRegistration, "accept": .judgeRegistration])) { _, context in try await registrationStep(context) }
    }

    static func campaignCode(_ context: WebRequestContext) throws -> String {
        guard let code = context.parameters.get("code"), !code.isEmpty else {
            throw AwardError(.notFound, code: .unknownCampaign, "no such campaign", vi: ErrorCode.unknownCampaign.vietnamese)
        }
        return code
    }

    // MARK: The list and the launch form

    struct CampaignsModel: Sendable {
        struct Row: Sendable {
            var code: String; var name: String; var orgName: String; var kindName: String; var period: String; var state: String; var stateName: String
        }
        struct ClusterRow: Sendable { var code: String; var name: String; var kindName: String; var members: String; var heads: String; var proposed: String }
        var rows: [Row]
        var clusters: [ClusterRow]
        var canLaunch: Bool
        /// One award the campaign may offer: ticked, with its per-unit quota and prize.
        struct AwardRow: Sendable { var code: String; var name: String; var offered: Bool; var quota: String; var amount: String }
        var csrf: String
        var orgs: [Option]
        var kinds: [Option]
        var awardRows: [AwardRow]
        var entered: [String: String]
        var error: String?
    }

    func campaignsPage(_ context: WebRequestContext, entered: [String: String], error: String?) async throws -> Response {
        let session = try context.signedIn
        let principal = session.principal
        let labels = try await labels()
        let campaigns = try await engine.campaigns(viewer: principal)
        let clusters = try await engine.clusters(viewer: principal)
        // The launch form's pickers: the orgs it may launch for, the kinds in force.
        let launch = engine.capabilities(of: principal).mayLaunchCampaigns
        let launchOrgs = launch ? try await engine.orgs(for: principal, may: .launchCampaign) : []
        let awardKinds = launch ? try await engine.kinds() : []
        let model = CampaignsModel(
            rows: campaigns.map {
                .init(code: $0.code, name: $0.name, orgName: labels.org($0.org), kindName: $0.kind.vietnamese,
                      period: "\($0.startsOn.vietnamese) – \($0.endsOn.vietnamese)", state: $0.state.rawValue, stateName: $0.state.vietnamese)
            },
            clusters: clusters.map { cluster in
                .init(code: cluster.code, name: cluster.name, kindName: cluster.kind.vietnamese,
                      members: cluster.members.map(labels.org).joined(separator: "; "),
                      heads: cluster.heads.map { "\($0.year): \(labels.org($0.org))" }.joined(separator: "; "),
                      proposed: cluster.votes.filter(\.proposed).map { "\($0.year): \(labels.org($0.org)) (\($0.votes)/\($0.voters) phiếu)" }.joined(separator: "; "))
            },
            canLaunch: launch, csrf: session.csrf,
            orgs: launchOrgs.map { Option(code: $0.code, name: $0.name, selected: $0.code == (entered["org"] ?? principal.orgCode)) },
            kinds: CampaignKind.allCases.map { Option(code: $0.rawValue, name: $0.vietnamese, selected: $0.rawValue == (entered["kind"] ?? "regular")) },
            awardRows: awardKinds.map { kind in
                .init(code: kind.code, name: kind.nameVi, offered: entered["award_\(kind.code)"] != nil,
                      quota: entered["quota_\(kind.code)"] ?? "", amount: entered["amount_\(kind.code)"] ?? "")
            },
            entered: entered, error: error)
        return pages.page(.campaigns, model, title: "Phong trào thi đua", context: context, nav: "campaigns",
                          status: error == nil ? .ok : .badRequest)
    }

    func createCampaign(_ context: WebRequestContext) async throws -> Response {
        let principal = try context.principal
        let form = context.form
        // The org named is asked about before the rest of the form is read.
        try await engine.authorize(principal, .launchCampaign, org: form["org"] ?? principal.orgCode)
        do {
            let request = CampaignRequest(
                code: form["code"] ?? "", org: form["org"] ?? principal.orgCode, name: form["name"] ?? "", theme: form["theme"],
                kind: try Self.vocabulary(form["kind"] ?? "regular", CampaignKind.self, field: "Loại phong trào (kind)"),
                startsOn: try Self.date(form["starts_on"], field: "Ngày bắt đầu (starts_on)"), endsOn: try Self.date(form["ends_on"], field: "Ngày kết thúc (ends_on)"),
                requiresRegistration: form["requires_registration"] != nil, launchNumber: form["launch_number"],
                awards: try Self.offeredAwards(form))
            let campaign = try await engine.createCampaign(request, by: principal)
            return WebMiddleware.redirect("/campaigns/\(campaign.code)")
        } catch {
            let refusal = try Self.shown(error, notFoundToo: true)
            return try await campaignsPage(context, entered: form.fields, error: refusal.messageVI)
        }
    }

    // MARK: One campaign

    struct CampaignModel: Sendable {
        struct Line: Sendable { var label: String; var value: String }
        struct Move: Sendable { var to: String; var label: String; var needsReason: Bool }
        struct Registration: Sendable {
            var id: Int64; var orgName: String; var year: Int; var state: String; var stateName: String; var entries: String; var lastReason: String?
            var canSend: Bool; var canDecide: Bool
        }
        struct ReviewRow: Sendable {
            var nomineeId: Int64; var nominee: String; var orgName: String; var aims: String; var resultName: String; var nomination: Int64?
            var kinds: [Option]; var canReview: Bool
            /// The registration's year, which the review is for (the row's own, never the page's).
            var year: Int
        }
        struct Proposal: Sendable { var org: String; var orgName: String; var year: Int }
        struct Cells: Sendable { var cells: [String] }
        var code: String
        var name: String
        var theme: String?
        var stateName: String
        var state: String
        var facts: [Line]
        var awards: [Line]
        var criteria: [Line]
        var history: [Line]
        var moves: [Move]
        var registrations: [Registration]
        var canRegister: Bool
        /// The registration form (``RegistrationFields``).
        var register: FormState
        var offered: [Option]
        var reviewing: Bool
        var reviews: [ReviewRow]
        var proposals: [Proposal]
        var report: [Cells]
        var reportAwards: [Cells]
        var sentence: String
        var csrf: String
        var entered: [String: String]
        var error: String?
    }

    func campaignPage(_ context: WebRequestContext, code: String, entered: [String: String], error: String?, flash: String? = nil,
                      status: HTTPResponse.Status = .ok, registerRefused: AwardError? = nil) async throws -> Response {
        let session = try context.signedIn
        let principal = session.principal
        let screen = try await engine.campaignScreen(code, viewer: principal)
        let (campaign, registrations, reviews, report, may) = (screen.campaign, screen.registrations, screen.reviews, screen.report, screen.capabilities)
        let today = AwardEngine.today(Date())
        let ownsCampaign = may.mayMove
        let nominator = may.mayRegister
        let scope = !campaign.units.isEmpty ? campaign.units.map(screen.orgName).joined(separator: "; ")
            : campaign.cluster.map { "Các thành viên cụm, khối \($0)" } ?? "Các cơ quan, đơn vị thuộc \(screen.orgName(campaign.org))"
        var facts: [CampaignModel.Line] = [
            .init(label: "Cơ quan phát động", value: screen.orgName(campaign.org)),
            .init(label: "Loại", value: "\(campaign.kind.vietnamese) (\(campaign.duration.vietnamese.lowercased()))"),
            .init(label: "Thời gian", value: "\(campaign.startsOn.vietnamese) – \(campaign.endsOn.vietnamese)"),
            .init(label: "Phạm vi", value: scope),
            .init(label: "Đăng ký thi đua", value: campaign.requiresRegistration ? "Bắt buộc để xét danh hiệu thi đua" : "Không bắt buộc"),
        ]
        if let number = campaign.launchNumber ?? campaign.launchDate.map({ _ in "" }) {
            facts.append(.init(label: "Văn bản phát động", value: [number, campaign.launchDate.map { "ngày \($0.vietnamese)" }].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: " ")))
        }
        let reviewed = Dictionary(reviews.map { ($0.nomineeId, $0) }, uniquingKeysWith: { a, _ in a })
        let offered = campaign.awards.map { Option(code: $0.kind, name: screen.kindName($0.kind), selected: false) }
        var reviewRows: [CampaignModel.ReviewRow] = []
        for registration in registrations where registration.state == .accepted {
            for entry in registration.entries {
                let review = reviewed[entry.nomineeId]
                let choices = (offered.isEmpty ? entry.kinds.map { Option(code: $0, name: screen.kindName($0), selected: false) } : offered).map {
                    Option(code: $0.code, name: $0.name, selected: $0.code == (review?.kind ?? entry.kinds.first))
                }
                reviewRows.append(.init(
                    nomineeId: entry.nomineeId, nominee: "\(entry.nominee) (\(entry.nomineeType.vietnamese))", orgName: screen.orgName(registration.org),
                    aims: entry.kinds.map(screen.kindName).joined(separator: ", "),
                    resultName: review.map { $0.result.vietnamese + ($0.kind.map { ": \(screen.kindName($0))" } ?? "") } ?? "Chưa bình xét",
                    nomination: review?.nominationId, kinds: choices,
                    canReview: campaign.state == .reviewing && may.mayRecordReviews && review?.nominationId == nil, year: registration.year))
            }
        }
        let pendingUnits = Set(reviews.filter { $0.result.proposes && $0.nominationId == nil }.map { "\($0.org)|\($0.year)" })
        let model = CampaignModel(
            code: campaign.code, name: campaign.name, theme: campaign.theme, stateName: campaign.state.vietnamese, state: campaign.state.rawValue,
            facts: facts,
            awards: campaign.awards.map {
                .init(label: screen.kindName($0.kind), value: [$0.perUnitQuota.map { "chỉ tiêu \($0) mỗi đơn vị" }, $0.amountVnd.map { "mức thưởng \(Labels.money($0))" }]
                    .compactMap { $0 }.joined(separator: ", "))
            },
            criteria: campaign.criteria.map { .init(label: screen.kindName($0.kind), value: $0.text + ($0.mandatory ? "" : " (không bắt buộc)") + ($0.source.map { " — \($0)" } ?? "")) },
            history: campaign.history.map { .init(label: $0.at, value: "\($0.to.vietnamese) — \($0.actor)" + ($0.reason.map { ": \($0)" } ?? "")) },
            moves: ownsCampaign ? campaign.state.next.map {
                .init(to: $0.rawValue, label: campaign.state == .closed ? "Mở lại để bình xét" : $0 == .registration ? "Phát động (mở đăng ký)" : "Chuyển sang «\($0.vietnamese)»",
                      needsReason: campaign.state == .closed)
            } : [],
            registrations: registrations.map { registration in
                .init(id: registration.id, orgName: screen.orgName(registration.org), year: registration.year, state: registration.state.rawValue,
                      stateName: registration.state.vietnamese,
                      entries: registration.entries.map { "\($0.nominee) (\($0.kinds.map(screen.kindName).joined(separator: ", ")))" }.joined(separator: "; "),
                      lastReason: registration.history.last(where: { $0.to == .returned })?.reason,
                      canSend: nominator && registration.state.editable && !registration.entries.isEmpty && campaign.state.takesRegistrations,
                      canDecide: may.mayJudgeRegistrations && registration.state == .sent && campaign.state.takesRegistrations)
            },
            canRegister: nominator && campaign.state.takesRegistrations,
            register: RegistrationFields.form(units: screen.registrableUnits, defaultUnit: principal.orgCode,
                                              year: min(max(today.year, campaign.startsOn.year), campaign.endsOn.year),
                                              typed: entered.isEmpty ? nil : entered, refused: registerRefused),
            offered: (offered.isEmpty ? screen.kindNames.sorted { $0.value < $1.value }.map { Option(code: $0.key, name: $0.value, selected: false) } : offered)
                .map { Option(code: $0.code, name: $0.name, selected: entered["kind_\($0.code)"] != nil) },
            reviewing: campaign.state == .reviewing, reviews: reviewRows,
            proposals: nominator && campaign.state == .reviewing ? pendingUnits.sorted().map {
                let parts = $0.split(separator: "|")
                return .init(org: String(parts[0]), orgName: screen.orgName(String(parts[0])), year: Int(parts[1]) ?? 0)
            } : [],
            report: (report.units + [report.total]).map {
                .init(cells: [$0.org.isEmpty ? $0.orgName : screen.orgName($0.org), $0.registrationState?.vietnamese ?? "", String($0.registered), String($0.reviewed), String($0.proposed),
                 String($0.notReached), String($0.raisedHigher), String($0.awardedHere), String($0.awarded)])
            },
            reportAwards: report.awards.map { .init(cells: [$0.kindName, String($0.collectives), String($0.households), String($0.individuals), $0.perUnitQuota.map(String.init) ?? "—"]) },
            sentence: report.sentence, csrf: session.csrf, entered: entered, error: error)
        return pages.page(.campaign, model, title: campaign.name, context: context, nav: "campaigns", flash: flash, status: status)
    }

    /// The campaign's forms: move, register, review, propose.
    func campaignStep(_ context: WebRequestContext) async throws -> Response {
        let principal = try context.principal
        let code = try Self.campaignCode(context)
        let form = context.form
        do {
            switch context.parameters.get("step") {
            case "move":
                _ = try await engine.moveCampaign(code, to: try Self.vocabulary(form["to"] ?? "", CampaignState.self, field: "Trạng thái (to)"),
                                                  reason: form["reason"], launchNumber: form["launch_number"],
                                                  launchDate: try form["launch_date"].map { text throws(AwardError) in try Self.date(text, field: "Ngày phát động") },
                                                  by: principal)
            case "register":
                if form.truncated {
                    return try await campaignPage(context, code: code, entered: form.fields, error: WebMiddleware.tooLargeMessage, status: .contentTooLarge)
                }
                let year = Int(form["year"] ?? "") ?? 0
                var entries: [RegistrationEntryInput]
                if let file = form.files["file"], !file.content.isEmpty {
                    // Who may register is asked before a byte of the file is parsed.
                    try engine.authorize(principal, .register)
                    var data = Data(file.content)
                    if data.starts(with: [0x50, 0x4B, 0x03, 0x04]) { data = try XLSXReader.csv(data) }
                    entries = try AwardEngine.registrationEntries(csv: data)
                } else {
                    let kinds = form.fields.keys.filter { $0.hasPrefix("kind_") }.map { String($0.dropFirst(5)) }.sorted()
                    entries = [RegistrationEntryInput(name: form["nominee"], type: NomineeType(rawValue: form["nominee_type"] ?? ""), kinds: kinds, targets: form["targets"])]
                }
                _ = try await engine.register(campaign: code, unit: form["unit"] ?? principal.orgCode, year: year, entries: entries, by: principal)
            case "review":
                guard let nominee = form["nominee_id"].flatMap(Int64.init) else {
                    throw AwardError(.invalidInput, code: .badId, "nominee_id is missing", vi: "Thiếu mã đối tượng được bình xét.")
                }
                var vote: VoteTally? = nil
                if let members = form["members"].flatMap(Int.init), let present = form["present"].flatMap(Int.init), let inFavour = form["in_favour"].flatMap(Int.init) {
                    vote = VoteTally(members: members, present: present, inFavour: inFavour)
                }
                let result = try Self.vocabulary(form["result"] ?? "", ReviewResult.self, field: "Kết quả bình xét (result)")
                _ = try await engine.recordReview(campaign: code, year: Int(form["year"] ?? "") ?? 0,
                                                  .init(nomineeId: nominee, result: result, kind: result.proposes ? form["kind"] : nil,
                                                        criteriaMet: form["criteria_met"] == "1", vote: vote, note: form["note"]), by: principal)
            case "propose":
                _ = try await engine.proposeNominations(campaign: code, unit: form["unit"] ?? principal.orgCode, year: Int(form["year"] ?? "") ?? 0, by: principal)
            default:
                throw AwardError(.notFound, code: .unknownAction, "no such step", vi: ErrorCode.unknownAction.vietnamese)
            }
            return WebMiddleware.redirect("/campaigns/\(code)?done=1")
        } catch {
            let refusal = try Self.shown(error)
            let register = context.parameters.get("step") == "register"
            return try await campaignPage(context, code: code, entered: form.fields, error: register ? nil : refusal.messageVI,
                                          status: Self.status(of: refusal), registerRefused: register ? refusal : nil)
        }
    }

    func registrationStep(_ context: WebRequestContext) async throws -> Response {
        let principal = try context.principal
        let form = context.form
        guard let id = context.parameters.get("id").flatMap(Int64.init),
              let action = context.parameters.get("action").flatMap(RegistrationAction.init(rawValue:)) else {
            throw AwardError(.notFound, code: .unknownRegistration, "no such registration", vi: ErrorCode.unknownRegistration.vietnamese)
        }
        let registration = try await engine.registration(id, viewer: principal)
        do {
            _ = try await engine.actOnRegistration(id, action, reason: form["reason"], by: principal)
            return WebMiddleware.redirect("/campaigns/\(registration.campaign)?done=1")
        } catch {
            let refusal = try Self.shown(error)
            return try await campaignPage(context, code: registration.campaign, entered: form.fields, error: refusal.messageVI, status: Self.status(of: refusal))
        }
    }
}

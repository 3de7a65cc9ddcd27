import AwardEngine
import Hummingbird

/// Campaigns, registrations, reviews and their proposals, clusters, the award fund.
extension APIRoutes {
    func registerCampaigns(on group: RouterGroup<AwardRequestContext>) {
        group.get("campaigns") { request, context in
            let state = try HTTPIO.query(request, "state").map { text throws(AwardError) -> CampaignState in
                guard let state = CampaignState(rawValue: text) else {
                    throw AwardError(.invalidInput, code: .badStatus, "state \(text) is not one of \(CampaignState.acceptedValues)",
                                     vi: "Trạng thái (state) «\(text)» không hợp lệ; các giá trị được chấp nhận: \(CampaignState.acceptedValues).")
                }
                return state
            }
            return try HTTPIO.json(Page(items: try await engine.campaigns(state: state, viewer: try await context.principal(engine)), nextCursor: nil))
        }

        group.post("campaigns") { request, context in
            let principal = try await context.principal(engine)
            let body = try await HTTPIO.body(request, CampaignBody.self, limit: configuration.maxBodyBytes)!
            return try HTTPIO.json(try await engine.createCampaign(body.request, by: principal), status: .created)
        }

        group.get("campaigns/{code}") { _, context in
            try HTTPIO.json(try await engine.campaign(try Self.code(context), viewer: try await context.principal(engine)))
        }

        group.post("campaigns/{code}/move") { request, context in
            let principal = try await context.principal(engine)
            let body = try await HTTPIO.body(request, CampaignMoveBody.self, limit: configuration.maxBodyBytes)!
            return try HTTPIO.json(try await engine.moveCampaign(try Self.code(context), to: body.to, reason: body.reason, launchNumber: body.launchNumber,
                                                                 launchDate: body.launchDate, by: principal))
        }

        group.get("campaigns/{code}/registrations") { request, context in
            let year = try HTTPIO.query(request, "year").map { try Self.year($0) }
            return try HTTPIO.json(Page(items: try await engine.registrations(campaign: try Self.code(context), year: year,
                                                                             viewer: try await context.principal(engine)), nextCursor: nil))
        }

        group.post("campaigns/{code}/registrations") { request, context in
            let principal = try await context.principal(engine)
            let body = try await HTTPIO.body(request, RegistrationBody.self, limit: configuration.maxBodyBytes)!
            let entries = body.entries.map {
                RegistrationEntryInput(nomineeId: $0.nomineeId, name: $0.nominee?.name, type: $0.nominee?.type, kinds: $0.kinds, targets: $0.targets)
            }
            return try HTTPIO.json(try await engine.register(campaign: try Self.code(context), unit: body.unit, year: body.year, entries: entries, by: principal),
                                   status: .created)
        }

        group.get("registrations/{id}") { _, context in
            try HTTPIO.json(try await engine.registration(try HTTPIO.id(context), viewer: try await context.principal(engine)))
        }

        group.post("registrations/{id}/{action}") { request, context in
            let id = try HTTPIO.id(context)
            guard let action = context.parameters.get("action").flatMap(RegistrationAction.init(rawValue:)) else {
                throw AwardError(.notFound, code: .unknownAction, "unknown action; one of: \(RegistrationAction.acceptedValues)")
            }
            let body = try await HTTPIO.body(request, ReasonBody.self, limit: configuration.maxBodyBytes, optional: true)
            return try HTTPIO.json(try await engine.actOnRegistration(id, action, reason: body?.reason, by: try await context.principal(engine)))
        }

        group.get("campaigns/{code}/reviews") { request, context in
            let year = try HTTPIO.query(request, "year").map { try Self.year($0) }
            return try HTTPIO.json(Page(items: try await engine.reviews(campaign: try Self.code(context), unit: HTTPIO.query(request, "unit"), year: year,
                                                                       viewer: try await context.principal(engine)), nextCursor: nil))
        }

        group.post("campaigns/{code}/reviews") { request, context in
            let principal = try await context.principal(engine)
            let body = try await HTTPIO.body(request, ReviewBody.self, limit: configuration.maxBodyBytes)!
            let input = ReviewInput(nomineeId: body.nomineeId, result: body.result, kind: body.kind, criteriaMet: body.criteriaMet ?? true,
                                    vote: body.vote, note: body.note)
            return try HTTPIO.json(try await engine.recordReview(campaign: try Self.code(context), year: body.year, input, by: principal))
        }

        group.post("campaigns/{code}/proposals") { request, context in
            let principal = try await context.principal(engine)
            let body = try await HTTPIO.body(request, ProposalsBody.self, limit: configuration.maxBodyBytes)!
            let views = try await engine.proposeNominations(campaign: try Self.code(context), unit: body.unit, year: body.year, by: principal)
            return try HTTPIO.json(Page(items: views, nextCursor: nil), status: .created)
        }

        group.get("campaigns/{code}/report") { request, context in
            let year = try HTTPIO.query(request, "year").map { try Self.year($0) }
            return try HTTPIO.json(try await engine.campaignReport(try Self.code(context), year: year, viewer: try await context.principal(engine)))
        }

        group.get("clusters") { _, context in
            try HTTPIO.json(Page(items: try await engine.clusters(viewer: try await context.principal(engine)), nextCursor: nil))
        }

        group.get("funds/{org}/{year}") { _, context in
            let org = context.parameters.get("org") ?? ""
            let year = try Self.year(context.parameters.get("year") ?? "")
            return try HTTPIO.json(try await engine.fund(org: org, year: year, viewer: try await context.principal(engine)))
        }
    }

    static func code(_ context: AwardRequestContext) throws(AwardError) -> String {
        guard let code = context.parameters.get("code"), !code.isEmpty else {
            throw AwardError(.invalidInput, code: .badCampaignCode, "the path names no campaign code")
        }
        return code
    }

    static func year(_ text: String) throws(AwardError) -> Int {
        guard let year = Int(text), (1945...2200).contains(year) else {
            throw AwardError(.invalidInput, code: .badYear, "year \(text) is not a year between 1945 and 2200",
                             vi: "Năm (year) «\(text)» không hợp lệ: phải là năm từ 1945 đến 2200.")
        }
        return year
    }
}

/// `POST /v1/campaigns`.
struct CampaignBody: Decodable, Sendable {
    struct Criterion: Decodable, Sendable {
        var kind: String
        var text: String
        var mandatory: Bool?
        var source: String?
    }
    var code: String
    var org: String
    var name: String
    var theme: String?
    var kind: CampaignKind?
    var startsOn: CivilDate
    var endsOn: CivilDate
    var requiresRegistration: Bool?
    var launchNumber: String?
    var cluster: String?
    var units: [String]?
    var documents: [Campaign.Document]?
    var awards: [Campaign.Award]?
    var criteria: [Criterion]?

    enum CodingKeys: String, CodingKey {
        case code, org, name, theme, kind, startsOn = "starts_on", endsOn = "ends_on", requiresRegistration = "requires_registration",
             launchNumber = "launch_number", cluster, units, documents, awards, criteria
    }

    var request: CampaignRequest {
        CampaignRequest(code: code, org: org, name: name, theme: theme, kind: kind ?? .regular, startsOn: startsOn, endsOn: endsOn,
                        requiresRegistration: requiresRegistration ?? true, launchNumber: launchNumber, cluster: cluster, units: units ?? [],
                        documents: documents ?? [], awards: awards ?? [],
                        criteria: (criteria ?? []).map { .init(kind: $0.kind, text: $0.text, mandatory: $0.mandatory ?? true, source: $0.source) })
    }
}

/// `POST /v1/campaigns/{code}/move`.
struct CampaignMoveBody: Decodable, Sendable {
    var to: CampaignState
    var reason: String?
    var launchNumber: String?
    var launchDate: CivilDate?

    enum CodingKeys: String, CodingKey { case to, reason, launchNumber = "launch_number", launchDate = "launch_date" }
}

/// `POST /v1/campaigns/{code}/registrations`.
struct RegistrationBody: Decodable, Sendable {
    struct Entry: Decodable, Sendable {
        struct Nominee: Decodable, Sendable {
            var name: String
            var type: NomineeType
        }
        var nomineeId: Int64?
        var nominee: Nominee?
        var kinds: [String]
        var targets: String?

        enum CodingKeys: String, CodingKey { case nomineeId = "nominee_id", nominee, kinds, targets }
    }
    var unit: String
    var year: Int
    var entries: [Entry]
}

/// `POST /v1/registrations/{id}/{action}`.
struct ReasonBody: Decodable, Sendable {
    var reason: String?
}

/// `POST /v1/campaigns/{code}/reviews`.
struct ReviewBody: Decodable, Sendable {
    var year: Int
    var nomineeId: Int64
    var result: ReviewResult
    var kind: String?
    var criteriaMet: Bool?
    var vote: VoteTally?
    var note: String?

    enum CodingKeys: String, CodingKey { case year, nomineeId = "nominee_id", result, kind, criteriaMet = "criteria_met", vote, note }
}

/// `POST /v1/campaigns/{code}/proposals`.
struct ProposalsBody: Decodable, Sendable {
    var unit: String
    var year: Int
}

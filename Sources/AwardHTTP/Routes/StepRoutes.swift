import AwardEngine
import Hummingbird

/// `POST /v1/nominations/{id}/step`: a move inside the tier.
struct StepBody: Decodable, Sendable {
    var move: String
    /// The step the caller saw; when the dossier has moved on since, nothing is done (409).
    var from: String?
    var reason: String?
    var comment: String?
    var assignTo: String?

    enum CodingKeys: String, CodingKey { case move, from, reason, comment, assignTo = "assign_to" }
}

/// `POST /v1/nominations/{id}/assignment` and `POST /v1/inbox/assign`.
struct AssignBody: Decodable, Sendable {
    var to: String
    var comment: String?
    /// For the bulk form only: the dossiers.
    var ids: [Int64]?
}

/// `POST /v1/orgs/{code}/steps`.
struct WorksInStepsBody: Decodable, Sendable {
    var on: Bool

    struct Reply: Encodable, Sendable {
        var org: String
        var worksInSteps: Bool
        enum CodingKeys: String, CodingKey { case org, worksInSteps = "works_in_steps" }
    }
}

/// Steps within a tier: moving a dossier between the named people of the org it waits at,
/// assigning it, and what waits for one person.
extension APIRoutes {
    func registerSteps(on group: RouterGroup<AwardRequestContext>) {
        group.post("nominations/{id}/step") { request, context in
            let principal = try await context.principal(engine)
            let body = try await HTTPIO.body(request, StepBody.self, limit: configuration.maxBodyBytes)!
            guard let move = StepMove(rawValue: body.move) else {
                throw AwardError(.invalidInput, code: .unknownAction, "move is one of: complete, back",
                                 vi: "Thao tác chuyển bước là «complete» (hoàn thành bước) hoặc «back» (trả về bước trước).", field: "move")
            }
            return try HTTPIO.json(try await engine.moveStep(try HTTPIO.id(context), move, from: body.from, reason: body.reason,
                                                             comment: body.comment, assignTo: body.assignTo, by: principal))
        }

        group.post("nominations/{id}/assignment") { request, context in
            let principal = try await context.principal(engine)
            let body = try await HTTPIO.body(request, AssignBody.self, limit: configuration.maxBodyBytes)!
            return try HTTPIO.json(try await engine.assign(try HTTPIO.id(context), to: body.to, comment: body.comment, by: principal))
        }

        group.post("inbox/assign") { request, context in
            let body = try await HTTPIO.body(request, AssignBody.self, limit: configuration.maxBodyBytes)!
            let results = try await engine.assignEach(body.ids ?? [], to: body.to, as: try context.requireCaller(), comment: body.comment)
            let done = results.filter(\.ok).count
            return try HTTPIO.json(BulkReply(action: "assign", done: done, refused: results.count - done, results: results))
        }

        group.get("me/work") { _, context in
            try HTTPIO.json(try await engine.myWork(of: try await context.principal(engine)))
        }

        group.post("orgs/{code}/steps") { request, context in
            let principal = try await context.principal(engine)
            let body = try await HTTPIO.body(request, WorksInStepsBody.self, limit: configuration.maxBodyBytes)!
            let code = context.parameters.get("code") ?? ""
            try await engine.setWorksInSteps(org: code, body.on, by: principal)
            return try HTTPIO.json(WorksInStepsBody.Reply(org: code, worksInSteps: body.on))
        }
    }
}

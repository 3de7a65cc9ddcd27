import AwardEngine
import Hummingbird

/// Creating nominations and acting on them; reading one and its history.
extension APIRoutes {
    func registerNominations(on group: RouterGroup<AwardRequestContext>) {
        group.post("nominations") { request, context in
            let principal = try await context.principal(engine)
            let body = try await HTTPIO.body(request, CreateNominationBody.self, limit: configuration.maxBodyBytes)!
            let nomination = NominationRequest(
                kind: body.kind, unit: body.unit, nomineeName: body.nominee.name, nomineeType: body.nominee.type,
                nomineeId: body.nominee.id, year: body.year, reason: body.reason, draft: body.draft ?? false,
                submittedOn: body.submittedOn, commendationType: body.commendationType ?? .annual, campaign: body.campaign,
                overrideReason: body.overrideReason)
            let view = try await engine.nominate(nomination, by: principal, idempotencyKey: HTTPIO.idempotencyKey(request))
            return try HTTPIO.json(view, status: .created)
        }

        group.post("nominations/{id}/{action}") { request, context in
            let id = try HTTPIO.id(context)
            guard let action = context.parameters.get("action").flatMap(Action.init(rawValue:)) else {
                throw AwardError(.notFound, code: .unknownAction,
                                 "unknown action; one of: \(Action.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            let body = try await HTTPIO.body(request, ActionBody.self, limit: configuration.maxBodyBytes, optional: true) ?? .empty
            let command = ActionRequest(
                nomination: id,
                command: ActionCommand(action: action, reason: body.reason, comment: body.comment,
                                       decision: body.decision.map { DecisionInput(number: $0.number, date: $0.date) }, vote: body.vote,
                                       details: try body.details()),
                idempotencyKey: HTTPIO.idempotencyKey(request))
            return try HTTPIO.json(try await engine.perform(command, as: try context.requireCaller()))
        }

        group.post("inbox/{action}") { request, context in
            guard let action = context.parameters.get("action").flatMap(Action.init(rawValue:)), AwardEngine.bulkActions.contains(action) else {
                throw AwardError(.notFound, code: .unknownAction,
                                 "unknown bulk action; one of: \(AwardEngine.bulkActions.map(\.rawValue).joined(separator: ", "))")
            }
            guard let body = try await HTTPIO.body(request, BulkBody.self, limit: configuration.maxBodyBytes) else {
                throw AwardError(.invalidInput, code: .noNominations, "the body lists the dossiers: {\"ids\": [12, 13], \"reason\": \"…\"}", field: "ids")
            }
            let results = try await engine.performEach(action, on: body.ids, as: try context.requireCaller(), reason: body.reason, comment: body.comment)
            let done = results.filter(\.ok).count
            return try HTTPIO.json(BulkReply(action: action.rawValue, done: done, refused: results.count - done, results: results))
        }

        group.post("nominations/{id}/check") { _, context in
            let result = try await engine.check(try HTTPIO.id(context), viewer: try await context.principal(engine))
            return try HTTPIO.json(result)
        }

        group.get("nominations/{id}") { _, context in
            let view = try await engine.nomination(try HTTPIO.id(context), viewer: try await context.principal(engine))
            return try HTTPIO.json(view)
        }

        group.get("nominations/{id}/history") { request, context in
            let entries = try await engine.history(try HTTPIO.id(context), viewer: try await context.principal(engine))
            return try HTTPIO.json(Page(items: entries, nextCursor: nil))
        }
    }
}

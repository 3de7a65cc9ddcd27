import AwardEngine
import Hummingbird

/// `POST /v1/delegations`.
struct DelegationBody: Decodable, Sendable {
    var org: String
    var delegator: String?
    var delegate: String
    var prefix: String
    var acts: [DelegatedAct]
    var kinds: [String]?
    var from: CivilDate
    var to: CivilDate
    var basis: String?
}

/// `POST /v1/delegations/{id}/revoke`.
struct RevokeDelegationBody: Decodable, Sendable {
    var reason: String
}

/// Delegations: a leader lets a person of the org approve or sign for them.
extension APIRoutes {
    func registerDelegations(on group: RouterGroup<AwardRequestContext>) {
        group.get("orgs/{code}/delegations") { _, context in
            let code = context.parameters.get("code") ?? ""
            return try HTTPIO.json(try await engine.delegations(org: code, viewer: try await context.principal(engine)))
        }

        group.post("delegations") { request, context in
            let principal = try await context.principal(engine)
            let body = try await HTTPIO.body(request, DelegationBody.self, limit: configuration.maxBodyBytes)!
            guard let prefix = try SignerPrefix.parse(body.prefix) else {
                throw AwardError(.invalidInput, code: .badSignerPrefix, "prefix is one of \(SignerPrefix.accepted)",
                                 vi: "Hình thức ký: một trong \(SignerPrefix.accepted).", field: "prefix")
            }
            let request = DelegationRequest(org: body.org, delegator: body.delegator, delegate: body.delegate, prefix: prefix, acts: body.acts,
                                            kinds: body.kinds ?? [], from: body.from, to: body.to, basis: body.basis)
            return try HTTPIO.json(try await engine.delegate(request, by: principal), status: .created)
        }

        group.post("delegations/{id}/revoke") { request, context in
            let principal = try await context.principal(engine)
            let body = try await HTTPIO.body(request, RevokeDelegationBody.self, limit: configuration.maxBodyBytes)!
            return try HTTPIO.json(try await engine.revokeDelegation(try HTTPIO.id(context), reason: body.reason, by: principal))
        }
    }
}

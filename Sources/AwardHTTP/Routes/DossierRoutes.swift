import AwardEngine
import Foundation
import HTTPTypes
import Hummingbird

/// Decisions, dossier documents, objections and deadlines.
extension APIRoutes {
    struct DecideBody: Decodable, Sendable {
        var kind: String
        var date: CivilDate
        var number: String?
        var nominations: [Int64]
        var signer: String?
        var signerTitle: String?
        var signerPrefix: String?
        var onBehalf: Bool?
        var legalBasis: String?
        var commendationType: CommendationType?
        var achievementPeriod: String?
        var vote: VoteTally?

        enum CodingKeys: String, CodingKey {
            case kind, date, number, nominations, signer, signerTitle = "signer_title", signerPrefix = "signer_prefix", onBehalf = "on_behalf", legalBasis = "legal_basis",
                 commendationType = "commendation_type", achievementPeriod = "achievement_period", vote
        }
    }

    struct ObjectionBody: Decodable, Sendable {
        var text: String
        var receivedOn: CivilDate
        enum CodingKeys: String, CodingKey { case text, receivedOn = "received_on" }
    }

    struct ResolveBody: Decodable, Sendable {
        var resolution: String
    }

    struct WithdrawDocumentBody: Decodable, Sendable {
        var reason: String?
    }

    struct AmendmentBody: Decodable, Sendable {
        var nomineeName: String?
        var nomineeType: NomineeType?
        var year: Int?
        var reason: String?
        enum CodingKeys: String, CodingKey { case nomineeName = "nominee_name", nomineeType = "nominee_type", year, reason }
    }

    func registerDossiers(on group: RouterGroup<AwardRequestContext>) {
        group.post("decisions") { request, context in
            let principal = try await context.principal(engine)
            let body = try await HTTPIO.body(request, DecideBody.self, limit: configuration.maxBodyBytes)!
            let details = DecisionDetails(signer: body.signer, signerTitle: body.signerTitle, signerPrefix: try SignerPrefix.parse(body.signerPrefix),
                                          onBehalf: body.onBehalf ?? false, legalBasis: body.legalBasis,
                                          commendationType: body.commendationType ?? .annual, achievementPeriod: body.achievementPeriod)
            let decision = try await engine.decide(org: principal.orgCode, kind: body.kind, nominations: body.nominations, by: principal,
                                                   date: body.date, number: body.number, details: details, vote: body.vote)
            return try HTTPIO.json(decision, status: .created)
        }

        group.post("nominations/{id}/documents") { request, context in
            let principal = try await context.principal(engine)
            let id = try HTTPIO.id(context)
            guard let typeText = HTTPIO.query(request, "type"), let type = DocumentType(rawValue: typeText) else {
                throw AwardError(.invalidInput, code: .badDocumentType,
                                 "?type= must be one of \(DocumentType.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            guard let name = HTTPIO.query(request, "name") else {
                throw AwardError(.invalidInput, code: .nameRequired, "?name= gives the document's file name")
            }
            var request = request
            let limit = min(configuration.maxDocumentBytes, AwardEngine.maxDocumentBytes)
            if let length = request.headers[.contentLength].flatMap(Int.init), length > limit {
                try await HTTPIO.drain(request, length: length)
                throw HTTPError(.contentTooLarge, message: "the document is larger than \(limit) bytes")
            }
            let buffer = try await request.collectBody(upTo: limit)
            let document = try await engine.addDocument(to: id, type: type, name: name, content: Array(buffer: buffer), by: principal)
            return try HTTPIO.json(document, status: .created)
        }

        group.post("nominations/{id}/documents/{document}/withdraw") { request, context in
            let principal = try await context.principal(engine)
            guard let documentId = context.parameters.get("document").flatMap(Int64.init), documentId > 0 else {
                throw AwardError(.invalidInput, code: .badId, "the document id must be a positive whole number",
                                 vi: "Mã tài liệu phải là số nguyên dương.")
            }
            let body = try await HTTPIO.body(request, WithdrawDocumentBody.self, limit: configuration.maxBodyBytes, optional: true)
            let info = try await engine.withdrawDocument(documentId, of: try HTTPIO.id(context), reason: body?.reason, by: principal)
            return try HTTPIO.json(info)
        }

        group.post("nominations/{id}/amendment") { request, context in
            let principal = try await context.principal(engine)
            let body = try await HTTPIO.body(request, AmendmentBody.self, limit: configuration.maxBodyBytes)!
            let amended = try await engine.amend(try HTTPIO.id(context), Amendment(nomineeName: body.nomineeName, nomineeType: body.nomineeType,
                                                                                   year: body.year, reason: body.reason), by: principal)
            return try HTTPIO.json(amended)
        }

        group.get("nominations/{id}/documents/{document}") { _, context in
            let viewer = try await context.principal(engine)
            guard let documentId = context.parameters.get("document").flatMap(Int64.init), documentId > 0 else {
                throw AwardError(.invalidInput, code: .badId, "the document id must be a positive whole number",
                                 vi: "Mã tài liệu phải là số nguyên dương.")
            }
            let (info, content) = try await engine.document(documentId, of: try HTTPIO.id(context), viewer: viewer)
            var headers = HTTPFields()
            headers[.contentType] = info.mediaType
            headers[.contentDisposition] = HTTPIO.attachment(info.name)
            headers[.cacheControl] = "private, no-store"
            headers[HTTPField.Name("X-Content-SHA256")!] = info.sha256
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: content)))
        }

        group.get("nominations/{id}/documents") { _, context in
            let documents = try await engine.documents(of: try HTTPIO.id(context), viewer: try await context.principal(engine))
            return try HTTPIO.json(Page(items: documents, nextCursor: nil))
        }

        group.post("nominations/{id}/objections") { request, context in
            let principal = try await context.principal(engine)
            let body = try await HTTPIO.body(request, ObjectionBody.self, limit: configuration.maxBodyBytes)!
            let objection = try await engine.addObjection(to: try HTTPIO.id(context), text: body.text, receivedOn: body.receivedOn, by: principal)
            return try HTTPIO.json(objection, status: .created)
        }

        group.post("objections/{id}/resolve") { request, context in
            let principal = try await context.principal(engine)
            let body = try await HTTPIO.body(request, ResolveBody.self, limit: configuration.maxBodyBytes)!
            let objection = try await engine.resolveObjection(try HTTPIO.id(context), resolution: body.resolution, by: principal)
            return try HTTPIO.json(objection)
        }

        group.get("overdue") { request, context in
            let principal = try await context.principal(engine)
            var within = 0
            if let text = HTTPIO.query(request, "within") {
                guard let value = Int(text), (0...365).contains(value) else {
                    throw AwardError(.invalidInput, code: .badWithin, "within must be 0–365 working days")
                }
                within = value
            }
            let rows = try await engine.overdue(org: HTTPIO.query(request, "org"), within: within, viewer: principal)
            return try HTTPIO.json(Page(items: rows, nextCursor: nil))
        }
    }
}

import AwardDocuments
import AwardEngine
import Hummingbird
import NIOCore

/// A decision's digital signatures: where it stands, the file to sign, the leader's signature and the seal.
extension APIRoutes {
    func registerSignatures(on group: RouterGroup<AwardRequestContext>) {
        group.get("decisions/{id}/signatures") { _, context in
            try HTTPIO.json(try await engine.decisionSignatures(try HTTPIO.id(context), viewer: try await context.principal(engine)))
        }
        group.get("decisions/{id}/to-sign") { _, context in
            APIRoutes.paper(try await Papers(engine: engine).decisionToSign(try HTTPIO.id(context), by: try await context.principal(engine)))
        }
        // The body is the signed PDF (application/pdf); an empty body signs with the caller's key on the server's token.
        group.post("decisions/{id}/sign") { request, context in
            let principal = try await context.principal(engine)
            let id = try HTTPIO.id(context)
            let upload = try await Self.pdfBody(request, limit: min(configuration.maxDocumentBytes, 20 * 1024 * 1024))
            if upload == nil { _ = try await Papers(engine: engine).decisionToSign(id, by: principal) }
            return try HTTPIO.json(try await engine.signDecision(id, upload: upload, by: principal))
        }
        group.post("decisions/{id}/seal") { request, context in
            let principal = try await context.principal(engine)
            let upload = try await Self.pdfBody(request, limit: min(configuration.maxDocumentBytes, 20 * 1024 * 1024))
            return try HTTPIO.json(try await engine.sealDecision(try HTTPIO.id(context), upload: upload, by: principal))
        }
    }

    /// A request's PDF body, bounded; nil when empty.
    static func pdfBody(_ request: Request, limit: Int) async throws -> [UInt8]? {
        var request = request
        if let length = request.headers[.contentLength].flatMap(Int.init), length > limit {
            try await HTTPIO.drain(request, length: length)
            throw HTTPError(.contentTooLarge, message: "the signed file is larger than \(limit) bytes")
        }
        let bytes = Array(buffer: try await request.collectBody(upTo: limit))
        return bytes.isEmpty ? nil : bytes
    }
}

import AwardDocuments
import AwardEngine
import AwardHTTP
import Foundation
import Hummingbird

/// A decision's digital signatures on its page: its leader downloads the frozen PDF and uploads it
/// signed (or signs with their key on the server's token); its clerk seals and issues it.
extension WebRoutes {
    func registerSigning(on web: WebRouter) {
        let papers = Papers(engine: engine)
        web.get("decisions/{id}/to-sign", .permission(.decide)) { _, context in
            APIRoutes.paper(try await papers.decisionToSign(try Self.id(context), by: try context.principal))
        }
        web.post("decisions/{id}/sign", .permission(.decide)) { _, context in
            let id = try Self.id(context)
            let principal = try context.principal
            do {
                let upload = context.form.files["file"].map { Array($0.content) }
                if upload == nil { _ = try await papers.decisionToSign(id, by: principal) }
                _ = try await engine.signDecision(id, upload: upload, by: principal)
                return WebMiddleware.redirect("/decisions/\(id)#chu-ky-so")
            } catch let error as AwardError where ![.notFound, .forbidden, .unauthenticated, .internal, .unavailable].contains(error.category) {
                return try await decisionPage(context, refused: error)
            }
        }
        web.post("decisions/{id}/seal", .permission(.sealDecision)) { _, context in
            let id = try Self.id(context)
            do {
                _ = try await engine.sealDecision(id, upload: context.form.files["file"].map { Array($0.content) }, by: try context.principal)
                return WebMiddleware.redirect("/decisions/\(id)#chu-ky-so")
            } catch let error as AwardError where ![.notFound, .forbidden, .unauthenticated, .internal, .unavailable].contains(error.category) {
                return try await decisionPage(context, refused: error)
            }
        }
    }

    struct SigningModel: Sendable {
        struct Stage: Sendable { var name: String; var signer: String; var at: String; var sha256: String }
        var state: String
        var issued: Bool
        var stages: [Stage]
        var decisionId: Int64
        var maySign: Bool
        var maySeal: Bool
        var csrf: String
        var error: String?
    }

    /// The signing part of a decision's page (nil for a decision signed on paper).
    func signingModel(_ id: Int64, _ context: WebRequestContext, refused: AwardError?) async throws -> SigningModel? {
        let session = try context.signedIn
        let found = try await engine.decisionSignatures(id, viewer: session.principal)
        guard found.signing else { return nil }
        let names: [DecisionStage: String] = [.unsigned: "Bản lưu để ký", .signed: "Lãnh đạo ký số", .sealed: "Văn thư đóng dấu số, phát hành"]
        return SigningModel(
            state: found.stateVietnamese, issued: found.state == "issued",
            stages: found.stages.map { stage in
                let how = stage.method == "token" ? "bằng thiết bị ký số của máy chủ" : "tải lên bản đã ký"
                return .init(name: names[stage.stage] ?? stage.stage.rawValue, signer: stage.signer.map { "\($0), \(how)" } ?? "— (lưu bởi \(stage.recordedBy))",
                             at: Labels.time(stage.at), sha256: stage.sha256)
            },
            decisionId: id, maySign: found.maySign, maySeal: found.maySeal, csrf: session.csrf, error: refused?.messageVI)
    }
}

import AwardEngine
import Foundation

extension Papers {
    /// The decision's PDF for its leader to sign: printed and frozen the first time it is asked
    /// for, the same bytes every time after (a signature made elsewhere is checked against them).
    public func decisionToSign(_ id: Int64, by principal: Principal, now: Date = Date()) async throws(AwardError) -> RenderedPaper {
        let paper = try await engine.decisionPaper(id, viewer: principal)
        let printer = self
        do {
            let pdf = try await engine.fileToSign(id, by: principal, now: now) {
                Array(try await printer.render(.decision, PaperModel.decision(paper), stored: paper.templates, format: .pdf, name: "x").bytes)
            }
            return RenderedPaper(bytes: Data(pdf), contentType: "application/pdf",
                                 filename: "quyet-dinh-" + Self.slug(paper.sheet.decision.number) + "-de-ky.pdf")
        } catch let error as AwardError {
            throw error
        } catch {
            throw AwardError(.internal, code: .internal, "printing the decision to sign failed: \(error)")
        }
    }
}

import AwardDocuments
import AwardEngine
import AwardHTTP
import Foundation
import HTTPTypes
import Hummingbird

/// Importing nominations from a spreadsheet: upload an .xlsx or .csv, see every row and what the
/// import would say, confirm (all or none), then the dossiers it created. The file waits on the
/// server between the preview and the confirmation, bound to the session, for 30 minutes.
extension WebRoutes {
    func registerImport(on web: WebRouter) {
        web.get("nominations/import", .permission(.importNominations)) { _, context in try await importPage(context, review: nil, error: nil) }
        web.post("nominations/import", .permission(.importNominations)) { _, context in try await uploadImport(context) }
        web.get("nominations/import/{token}", .permission(.importNominations)) { _, context in
            let review = try await engine.importReview(token: context.parameters.get("token") ?? "", by: try context.principal,
                                                       sessionToken: context.sessionToken ?? "")
            return try await importPage(context, review: review, error: nil)
        }
        web.post("nominations/import/{token}/confirm", .permission(.importNominations)) { _, context in
            do {
                let summary = try await engine.confirmImport(token: context.parameters.get("token") ?? "", by: try context.principal,
                                                             sessionToken: context.sessionToken ?? "")
                return WebMiddleware.redirect("/nominations/import/done?first=\(summary.firstId ?? 0)&last=\(summary.lastId ?? 0)", flash: .imported)
            } catch let error as AwardError where ![.unauthenticated, .internal, .unavailable].contains(error.category) {
                return try await importPage(context, review: nil, error: error.messageVI, status: Self.status(of: error))
            }
        }
        web.get("nominations/import/done", .permission(.importNominations)) { request, context in try await importDone(request, context) }
    }

    struct ImportRow: Sendable {
        var line: Int
        var kind: String
        var unit: String
        var nominee: String
        var nomineeType: String
        var year: String
        /// What refuses this row, each in Vietnamese without its "Dòng N: ".
        var errors: [String]
        var refused: Bool
    }

    struct ImportReviewModel: Sendable {
        var token: String
        var fileName: String
        var count: Int
        var rows: [ImportRow]
        var refusal: String?
        /// Every refusal, in the error summary, each linking to its row.
        var problems: [ImportProblem]
        var expires: String
    }

    struct ImportProblem: Sendable { var line: Int?; var message: String }

    /// "Dòng 4: Không có …" → "Không có …" (the row already says its line).
    static func withoutLine(_ message: String) -> String {
        guard let match = message.firstMatch(of: #/^Dòng \d+: /#) else { return message }
        return String(message[match.range.upperBound...])
    }

    struct ImportModel: Sendable {
        var csrf: String
        var limit: String
        var maxRows: Int
        var review: ImportReviewModel?
        var error: String?
        var created: [CreatedRow]
        var done: Bool
    }

    struct CreatedRow: Sendable { var id: Int64; var nominee: String; var kindName: String; var unitName: String }

    func importPage(_ context: WebRequestContext, review: ImportReview?, error: String?, status: HTTPResponse.Status = .ok,
                    created: [CreatedRow] = [], done: Bool = false) async throws -> Response {
        let session = try context.signedIn
        let labels = try await labels()
        let model = ImportModel(
            csrf: session.csrf, limit: ByteSize.limit(WebRoutes.maxUpload), maxRows: AwardEngine.maxImportPreviewRows,
            review: review.map { review in
                ImportReviewModel(
                    token: review.token, fileName: review.fileName, count: review.rows.count,
                    rows: review.rows.map { row in
                        ImportRow(line: row.line, kind: row.kind.isEmpty ? "—" : labels.kind(row.kind), unit: row.unit.isEmpty ? "—" : labels.org(row.unit),
                                  nominee: row.nominee, nomineeType: row.nomineeType, year: row.year,
                                  errors: review.problems(atLine: row.line).map { Self.withoutLine($0.messageVI) },
                                  refused: !review.problems(atLine: row.line).isEmpty)
                    },
                    refusal: review.refusal.map { _ in
                        let lines = Set(review.problems.compactMap(\.line)).count
                        return lines > 0 ? "\(lines) dòng có lỗi; mỗi lỗi ghi ngay dưới dòng của nó." : review.refusal?.messageVI ?? ""
                    },
                    problems: review.problems.map { ImportProblem(line: $0.line, message: $0.messageVI) },
                    expires: Labels.time(review.expiresAt))
            },
            error: error, created: created, done: done)
        return pages.page(.importNominations, model, title: "Nhập hồ sơ từ tệp", context: context, nav: "new", status: status)
    }

    func uploadImport(_ context: WebRequestContext) async throws -> Response {
        let form = context.form
        if form.truncated {
            return try await importPage(context, review: nil, error: WebMiddleware.tooLargeMessage, status: .contentTooLarge)
        }
        do {
            guard let file = form.files["file"], !file.content.isEmpty else {
                throw AwardError(.invalidInput, code: .emptyImport, "choose a file", vi: "Chọn tệp .xlsx hoặc .csv cần nhập.", field: "file")
            }
            let data = Data(file.content)
            // An .xlsx (a zip) is read by the bounded reader, its first sheet as CSV text.
            let csv = data.starts(with: [0x50, 0x4B, 0x03, 0x04]) ? try XLSXReader.csv(data) : data
            let review = try await engine.reviewImport(csv: csv, fileName: file.name, by: try context.principal,
                                                       sessionToken: context.sessionToken ?? "")
            return try await importPage(context, review: review, error: nil, status: review.refusal == nil ? .ok : .unprocessableContent)
        } catch let error as AwardError where ![.unauthenticated, .internal, .unavailable].contains(error.category) {
            return try await importPage(context, review: nil, error: error.messageVI, status: Self.status(of: error))
        }
    }

    func importDone(_ request: Request, _ context: WebRequestContext) async throws -> Response {
        let principal = try context.principal
        let labels = try await labels()
        let first = request.queryFields["first"].flatMap { Int64($0) } ?? 0
        let last = request.queryFields["last"].flatMap { Int64($0) } ?? 0
        var created: [CreatedRow] = []
        if first > 0, last >= first, last - first < Int64(AwardEngine.maxImportPreviewRows) {
            for id in first...last {
                // Only what the viewer sees: another's ids in the range are skipped.
                guard let view = try? await engine.nomination(id, viewer: principal) else { continue }
                created.append(CreatedRow(id: id, nominee: view.nominee.name, kindName: labels.kind(view.kind), unitName: labels.org(view.unit)))
            }
        }
        return try await importPage(context, review: nil, error: nil, created: created, done: true)
    }
}

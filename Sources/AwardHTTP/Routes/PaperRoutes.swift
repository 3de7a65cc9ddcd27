import AwardDocuments
import AwardEngine
import Foundation
import Hummingbird

/// The papers over HTTP: a decision's document and certificates, a proposal letter, the
/// statistics forms; and Excel (`Accept:` the xlsx type) for the lists that CSV serves.
extension APIRoutes {
    /// The media type of an Excel workbook.
    package static let xlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

    func registerPapers(on group: RouterGroup<AwardRequestContext>) {
        let papers = Papers(engine: engine)
        group.get("decisions/{id}/document") { request, context in
            let principal = try await context.principal(engine)
            let format = try PaperFormat(parsing: HTTPIO.query(request, "format"))
            return Self.paper(try await papers.decision(try HTTPIO.id(context), format: format, viewer: principal))
        }

        group.get("decisions/{id}/certificates") { request, context in
            let principal = try await context.principal(engine)
            let format = try PaperFormat(parsing: HTTPIO.query(request, "format"))
            let nomination = try HTTPIO.query(request, "nomination").map { text throws(AwardError) in
                guard let id = Int64(text), id > 0 else { throw AwardError(.invalidInput, code: .badId, "nomination must be a positive integer") }
                return id
            }
            let background = ["1", "true", "yes"].contains(HTTPIO.query(request, "background")?.lowercased() ?? "")
            return Self.paper(try await papers.certificates(decision: try HTTPIO.id(context), nomination: nomination, background: background,
                                                            format: format, viewer: principal))
        }

        group.get("proposals") { request, context in
            let principal = try await context.principal(engine)
            let format = try PaperFormat(parsing: HTTPIO.query(request, "format"))
            let ids = try Self.ids(HTTPIO.query(request, "ids"))
            return Self.paper(try await papers.proposal(ids, format: format, viewer: principal))
        }

        group.get("reports/forms/{code}") { request, context in
            let principal = try await context.principal(engine)
            guard let period = try HTTPIO.year(request, "period") else {
                throw AwardError(.invalidInput, code: .periodRequired, "period is the reporting year, e.g. ?period=2025",
                                 vi: "Cần tham số period là năm báo cáo, ví dụ ?period=2025.")
            }
            let form = try await papers.form(context.parameters.get("code") ?? "", period: period, org: HTTPIO.query(request, "org"),
                                             includingPredecessors: try HTTPIO.flag(request, "including_predecessors"), viewer: principal)
            let accept = request.headers[.accept]?.lowercased() ?? ""
            if accept.contains(Self.xlsxType) {
                return Self.download(try form.xlsx(), type: Self.xlsxType, name: "bieu-\(form.code)-\(period).xlsx")
            }
            if accept.contains("text/csv") {
                return Self.download(Data(form.csv.utf8), type: "text/csv; charset=utf-8", name: "bieu-\(form.code)-\(period).csv")
            }
            return try HTTPIO.json(form)
        }
    }

    /// "1,2,3" → [1, 2, 3]; anything else names the parameter.
    static func ids(_ text: String?) throws(AwardError) -> [Int64] {
        let ids = (text ?? "").split(separator: ",").map { Int64($0.trimmingCharacters(in: .whitespaces)) }
        guard !ids.isEmpty, ids.allSatisfy({ ($0 ?? 0) > 0 }) else {
            throw AwardError(.invalidInput, code: .badId, "ids must be nomination ids separated by commas, e.g. ?ids=12,13",
                             vi: "Tham số ids là các số hồ sơ cách nhau bằng dấu phẩy, ví dụ ?ids=12,13.")
        }
        return ids.map { $0! }
    }

    /// A paper: inline for the print view (so it opens in the browser to print), an attachment otherwise.
    package static func paper(_ paper: RenderedPaper) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = paper.contentType
        headers[.cacheControl] = "no-store"
        if paper.contentType.hasPrefix("text/html") {
            // The print view carries its own styles and nothing else.
            headers[.contentSecurityPolicy] = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'"
        } else {
            headers[.contentDisposition] = HTTPIO.attachment(paper.filename)
        }
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: paper.bytes)))
    }

    /// Whether the caller asked for an Excel workbook.
    static func wantsWorkbook(_ request: Request) -> Bool {
        request.headers[.accept]?.lowercased().contains(xlsxType) == true
    }

    /// Rows as an Excel workbook: dates as dates, numbers as numbers.
    static func workbook<T: Tabular>(_ rows: [T], sheet: String, name: String) throws(AwardError) -> Response {
        download(try XLSXWriter.workbook(sheetName: sheet, headers: T.headers, rows: rows.map { $0.cells.map(XLSXCell.guess) }),
                 type: xlsxType, name: name)
    }

    package static func download(_ bytes: Data, type: String, name: String) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = type
        headers[.cacheControl] = "no-store"
        headers[.contentDisposition] = HTTPIO.attachment(name)
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }
}

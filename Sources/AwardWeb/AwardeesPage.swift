import AwardDocuments
import AwardEngine
import AwardHTTP
import Foundation
import HTTPTypes
import Hummingbird

/// The awardees page: a year's awardees within the viewer's reach, filtered and paged, and their
/// downloads for officers (Excel and CSV, `AwardeeSheet`).
extension WebRoutes {
    struct AwardeesModel: Sendable {
        var year: Int
        /// The years that have decisions, as links.
        var years: [Option]
        var kinds: [Option]
        var orgs: [Option]
        var types: [Option]
        var rows: [AwardeeRow]
        var csvLink: String
        var xlsxLink: String
        var next: String?
        var first: String?
        var error: String?
    }

    static let awardeesPageSize = 200

    func awardees(_ request: Request, _ context: WebRequestContext) async throws -> Response {
        let principal = try context.principal
        let labels = try await labels()
        let parameters = request.queryFields
        func value(_ name: String) -> String? { parameters[name].flatMap { $0.isEmpty ? nil : $0 } }
        // As the decisions list: this year, or the latest year with decisions when this one has none yet.
        let years = try await engine.decisionYears(viewer: principal)
        let year = value("year").flatMap(Int.init)
            ?? (years.contains(labels.today.year) ? labels.today.year : years.first { $0 < labels.today.year } ?? labels.today.year)
        let kind = value("kind"), org = value("org"), type = value("nominee_type").flatMap(NomineeType.init(rawValue:))
        let query = AwardeeQuery(year: year, kind: kind, org: org, nomineeType: type)
        if value("format") == "xlsx" {
            let rows = AwardeeSheet.rows(try await engine.awardees(query, viewer: principal), labels)
            let book = try XLSXWriter.workbook(sheetName: "Khen thưởng \(year)", title: ["DANH SÁCH KHEN THƯỞNG NĂM \(year)"],
                                               headers: AwardeeSheet.headers, rows: rows.map { $0.map(XLSXCell.guess) })
            return APIRoutes.download(book, type: APIRoutes.xlsxType, name: "danh-sach-khen-thuong-\(year).xlsx")
        }
        if value("format") == "csv" {
            let rows = AwardeeSheet.rows(try await engine.awardees(query, viewer: principal), labels)
            var headers = HTTPFields()
            headers[.contentType] = "text/csv; charset=utf-8"
            headers[.contentDisposition] = "attachment; filename=\"danh-sach-khen-thuong-\(year).csv\""
            let text = CSV.byteOrderMark + ([AwardeeSheet.headers] + rows).map(CSV.record).joined()
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: text)))
        }
        var message: String? = nil
        var rows: [Awardee] = []
        // Keyset paging on the list's order: decision date, Vietnamese name, id.
        var cursor: Awardee? = nil
        if let date = value("after_date").flatMap(CivilDate.init(parsing:)), let name = value("after_name"),
           let id = value("after_id").flatMap(Int64.init) {
            cursor = Awardee(nominationId: id, nominee: name, nomineeType: .individual, kind: "", unit: "", decisionNumber: "", decisionDate: date)
        }
        do {
            rows = try await engine.awardees(query, viewer: principal, limit: Self.awardeesPageSize + 1, after: cursor)
        } catch { try self.error(error, into: &message) }
        var filters = "year=\(year)"
        if let kind { filters += "&kind=\(kind)" }
        if let org { filters += "&org=\(org)" }
        if let type { filters += "&nominee_type=\(type.rawValue)" }
        let csv = "/awardees?format=csv&" + filters
        var next: String? = nil
        if rows.count > Self.awardeesPageSize {
            rows.removeLast()
            let last = rows.last!
            next = "/awardees?\(filters)&after_date=\(last.decisionDate.iso)&after_id=\(last.nominationId)&after_name="
                + (last.nominee.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")
        }
        let model = AwardeesModel(
            year: year, years: years.map { Option(code: String($0), name: String($0), selected: $0 == year) },
            kinds: labels.kinds.sorted { $0.value < $1.value }.map { Option(code: $0.key, name: $0.value, selected: $0.key == kind) },
            orgs: labels.filterOrgs(of: principal, selected: org),
            types: NomineeType.allCases.map { Option(code: $0.rawValue, name: $0.vietnamese, selected: $0 == type) },
            rows: rows.enumerated().map { index, a in
                AwardeeRow(index: index + 1, id: a.nominationId, nominee: a.nominee, nomineeType: a.nomineeType.vietnamese,
                           kindName: labels.kind(a.kind), unitName: labels.org(a.unit), number: a.decisionNumber, date: a.decisionDate.vietnamese)
            },
            csvLink: csv, xlsxLink: "/awardees?format=xlsx&" + filters, next: next, first: cursor == nil ? nil : "/awardees?" + filters, error: message)
        return pages.page(.awardees, model, title: "Danh sách khen thưởng", context: context, nav: "awardees")
    }
}

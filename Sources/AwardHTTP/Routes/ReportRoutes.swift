import AwardEngine
import Hummingbird

/// Audit log, year-end summary, nominee history, search.
extension APIRoutes {
    func registerReports(on group: RouterGroup<AwardRequestContext>) {
        group.get("audit") { request, context in
            let principal = try await context.principal(engine)
            let from = try HTTPIO.query(request, "from").map { try Self.date($0, "from") }
            let to = try HTTPIO.query(request, "to").map { try Self.date($0, "to") }
            let entries = try await engine.auditLog(actor: HTTPIO.query(request, "actor"), org: HTTPIO.query(request, "org"),
                                                    from: from, to: to, viewer: principal)
            if Self.wantsWorkbook(request) { return try Self.workbook(entries, sheet: "Nhật ký", name: "nhat-ky.xlsx") }
            if request.headers[.accept]?.lowercased().contains("text/csv") == true {
                var headers = HTTPFields()
                headers[.contentType] = "text/csv; charset=utf-8"
                return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: CSV.document(entries))))
            }
            return try HTTPIO.json(Page(items: entries, nextCursor: nil))
        }

        group.get("reports/summary") { request, context in
            let principal = try await context.principal(engine)
            guard let from = HTTPIO.query(request, "from").flatMap(Int.init), let to = HTTPIO.query(request, "to").flatMap(Int.init) else {
                throw AwardError(.invalidInput, code: .periodRequired, "from and to are years, e.g. ?from=2015&to=2020")
            }
            let report = try await engine.summary(fromYear: from, toYear: to, org: HTTPIO.query(request, "org"),
                                                  includingPredecessors: try HTTPIO.flag(request, "including_predecessors"), viewer: principal)
            if Self.wantsWorkbook(request) { return try Self.workbook(report.rows, sheet: "Tổng hợp", name: "tong-hop-\(from)-\(to).xlsx") }
            return try HTTPIO.json(report)
        }

        group.get("nominees/{id}/history") { _, context in
            let history = try await engine.nomineeHistory(try HTTPIO.id(context), viewer: try await context.principal(engine))
            return try HTTPIO.json(history)
        }

        group.post("nominees/{id}/transfer") { request, context in
            let principal = try await context.principal(engine)
            let body = try await HTTPIO.body(request, TransferBody.self, limit: configuration.maxBodyBytes)!
            return try HTTPIO.json(try await engine.transferNominee(try HTTPIO.id(context), to: body.to, reason: body.reason, by: principal))
        }

        group.get("search") { request, context in
            let principal = try await context.principal(engine)
            guard let text = HTTPIO.query(request, "q") else {
                throw AwardError(.invalidInput, code: .queryRequired, "?q= is the text to look for")
            }
            let hits = try await engine.search(text, viewer: principal,
                                               limit: try HTTPIO.limit(request, max: 1000, default: 50))
            return try HTTPIO.json(Page(items: hits, nextCursor: nil))
        }
    }

    static func date(_ text: String, _ name: String) throws(AwardError) -> CivilDate {
        guard let date = CivilDate(parsing: text) else {
            throw AwardError(.invalidInput, code: .badDate, "\(name) must be a date (YYYY-MM-DD)")
        }
        return date
    }
}

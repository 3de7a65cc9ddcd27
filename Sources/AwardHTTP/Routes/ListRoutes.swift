import AwardEngine
import Hummingbird

/// The caller's inbox, awardees by year (JSON or CSV), orgs and one org in time, kinds, and the caller itself.
extension APIRoutes {
    func registerLists(on group: RouterGroup<AwardRequestContext>) {
        group.get("me") { _, context in
            let principal = try await context.principal(engine)
            return try HTTPIO.json(["name": principal.name, "org": principal.orgCode, "role": principal.role.rawValue])
        }

        group.get("inbox") { request, context in
            let principal = try await context.principal(engine)
            let limit = try HTTPIO.limit(request, max: configuration.maxPageSize)
            let after = try HTTPIO.query(request, "cursor").map { cursor throws(AwardError) in try Cursor.decode(cursor, as: Int64.self) } ?? 0
            let items = try await engine.inbox(of: principal, limit: limit, after: after)
            if Self.wantsWorkbook(request) { return try Self.workbook(items, sheet: "Hộp việc", name: "hop-viec.xlsx") }
            return try HTTPIO.json(Page(items: items, nextCursor: items.count == limit ? items.last.map { Cursor.encode($0.id) } : nil))
        }

        group.get("awardees") { request, context in
            let principal = try await context.principal(engine)
            let year = try HTTPIO.year(request, "year")
            let achievementYear = try HTTPIO.year(request, "achievement_year")
            let type = try HTTPIO.query(request, "nominee_type").map { text throws(AwardError) in
                guard let type = NomineeType(rawValue: text) else {
                    throw AwardError(.invalidInput, code: .badNomineeType, "nominee_type must be individual, collective or household")
                }
                return type
            }
            var query = AwardeeQuery(year: year, achievementYear: achievementYear, kind: HTTPIO.query(request, "kind"),
                                     org: HTTPIO.query(request, "org"), nomineeType: type)
            query.includingPredecessors = try HTTPIO.flag(request, "including_predecessors")
            let csv = request.headers[.accept]?.lowercased().contains("text/csv") == true
            // The CCCD only in a file, when asked for: never in JSON.
            query.withCitizenId = try HTTPIO.flag(request, "with_cccd") && (csv || Self.wantsWorkbook(request))
            if csv {
                return try await self.csv(query, principal: principal)
            }
            if Self.wantsWorkbook(request) {
                let rows = try await engine.awardees(query, viewer: principal)
                if query.withCitizenId {
                    return try Self.workbook(rows.map(AwardeeWithCitizenId.init), sheet: "Khen thưởng", name: "danh-sach-khen-thuong.xlsx")
                }
                return try Self.workbook(rows, sheet: "Khen thưởng", name: "danh-sach-khen-thuong.xlsx")
            }
            let limit = try HTTPIO.limit(request, max: configuration.maxPageSize)
            let after = try HTTPIO.query(request, "cursor").map { cursor throws(AwardError) in try Cursor.decode(cursor, as: Awardee.self) }
            let items = try await engine.awardees(query, viewer: principal, limit: limit, after: after)
            return try HTTPIO.json(Page(items: items, nextCursor: items.count == limit ? items.last.map { Cursor.encode($0) } : nil))
        }

        group.get("orgs") { request, _ in
            let limit = try HTTPIO.limit(request, max: configuration.maxPageSize)
            let offset = try HTTPIO.query(request, "cursor").map { cursor throws(AwardError) in try Cursor.decode(cursor, as: Int.self) } ?? 0
            let all = try await engine.orgs()
            let items = Array(all.dropFirst(offset).prefix(limit))
            return try HTTPIO.json(Page(items: items, nextCursor: offset + items.count < all.count ? Cursor.encode(offset + items.count) : nil))
        }

        group.get("orgs/{code}") { _, context in
            let code = context.parameters.get("code") ?? ""
            return try HTTPIO.json(try await engine.orgProfile(code: code, viewer: try await context.principal(engine)))
        }

        group.get("kinds") { _, _ in
            try HTTPIO.json(Page(items: try await engine.kinds(), nextCursor: nil))
        }
    }

    /// The whole list as CSV for Excel, read from the engine a page at a time while it is sent.
    private func csv(_ query: AwardeeQuery, principal: Principal) async throws -> Response {
        // Read the first page before answering, so that a refused query still gets its problem status.
        let pageSize = 5000
        let first = try await engine.awardees(query, viewer: principal, limit: pageSize)
        let engine = self.engine
        var headers = HTTPFields()
        headers[.contentType] = "text/csv; charset=utf-8"
        headers[.contentDisposition] = "attachment; filename=\"awardees-\(query.year.map(String.init) ?? "achievement-\(query.achievementYear ?? 0)").csv\""
        return Response(status: .ok, headers: headers, body: ResponseBody { writer in
            var page = first
            let withCitizenId = query.withCitizenId
            try await writer.write(ByteBuffer(string: withCitizenId ? CSV.header(AwardeeWithCitizenId.self) : CSV.header(Awardee.self)))
            while true {
                try await writer.write(ByteBuffer(string: page.map { CSV.record(withCitizenId ? AwardeeWithCitizenId($0).cells : $0.cells) }.joined()))
                guard page.count == pageSize else { break }
                page = try await engine.awardees(query, viewer: principal, limit: pageSize, after: page.last)
            }
            try await writer.finish(nil)
        })
    }
}

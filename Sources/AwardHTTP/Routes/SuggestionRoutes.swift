import AwardEngine
import Hummingbird

/// `POST /v1/suggestions/drafts`.
struct SuggestionDraftsBody: Decodable, Sendable {
    struct Item: Decodable, Sendable {
        var nominee: Int64
        var kind: String
    }
    var unit: String
    var year: Int
    var items: [Item]
}

/// Who qualifies this year: the list for a unit, and drafts from chosen lines.
extension APIRoutes {
    func registerSuggestions(on group: RouterGroup<AwardRequestContext>) {
        group.get("suggestions") { request, context in
            let principal = try await context.principal(engine)
            guard let unit = HTTPIO.query(request, "unit"), let year = try HTTPIO.year(request, "year") else {
                throw AwardError(.invalidInput, code: .badYear, "unit and year are required: ?unit=CODE&year=YYYY",
                                 vi: "Cần chọn đơn vị (unit) và năm thành tích (year).", field: "year")
            }
            return try HTTPIO.json(try await engine.suggestions(unit: unit, year: year, viewer: principal))
        }

        group.post("suggestions/drafts") { request, context in
            let principal = try await context.principal(engine)
            let body = try await HTTPIO.body(request, SuggestionDraftsBody.self, limit: configuration.maxBodyBytes)!
            let made = try await engine.draftsFromSuggestions(unit: body.unit, year: body.year, choices: body.items.map { ($0.nominee, $0.kind) },
                                                              by: principal)
            return try HTTPIO.json(Page(items: made, nextCursor: nil), status: .created)
        }
    }
}

import AwardDomain
import AwardEngine
import AwardHTTP
import Foundation
import Hummingbird

/// «Gợi ý khen thưởng»: who of a unit qualifies for what this year (or lacks one condition), with
/// the chosen lines turned into draft nominations.
extension WebRoutes {
    struct SuggestionRow: Sendable {
        var key: String
        var name: String
        var typeName: String
        var kindName: String
        var eligible: Bool
        var proposed: Bool
        var missing: String
        var source: String
    }

    struct SuggestionModel: Sendable {
        var unit: String
        var unitName: String
        var year: String
        var pack: String
        var rows: [SuggestionRow]
        var cut: Bool
        var csrf: String
        var mayDraft: Bool
        var error: String?
    }

    func registerSuggestions(on web: WebRouter) {
        web.get("suggestions", .permission(.readNominee)) { request, context in
            try await suggestionsPage(context, unit: request.queryFields["unit"], year: request.queryFields["year"], error: nil)
        }
        web.post("suggestions", .permission(.createNomination)) { _, context in
            let form = context.form
            let unit = form["unit"] ?? ""
            do {
                let year = try Int(Bound.year.parse(form["year"] ?? ""))
                // The ticked lines: pick:12/ldtt=12/ldtt.
                let choices = form.fields.filter { $0.key.hasPrefix("pick:") }.values.sorted().compactMap { value -> (nominee: Int64, kind: String)? in
                    let parts = value.split(separator: "/", maxSplits: 1).map(String.init)
                    guard parts.count == 2, let nominee = Int64(parts[0]) else { return nil }
                    return (nominee, parts[1])
                }
                let made = try await engine.draftsFromSuggestions(unit: unit, year: year, choices: choices, by: try context.principal)
                return WebMiddleware.redirect("/?state=draft", flash: made.count == 1 ? .draftSaved : .draftsMade)
            } catch let error as AwardError where ![.notFound, .unauthenticated, .internal, .unavailable].contains(error.category) {
                return try await suggestionsPage(context, unit: unit, year: form["year"], error: error, status: Self.status(of: error))
            }
        }
    }

    func suggestionsPage(_ context: WebRequestContext, unit: String?, year: String?, error: AwardError?,
                         status: HTTPResponse.Status = .ok) async throws -> Response {
        let session = try context.signedIn
        let principal = session.principal
        let unit = unit.flatMap { $0.isEmpty ? nil : $0 } ?? principal.orgCode
        let today = AwardEngine.today(Date())
        // The emulation year ends on 30 November: in December the year just ended is the one to propose for.
        let shownYear = year.flatMap { Int($0) } ?? today.year
        let list = try await engine.suggestions(unit: unit, year: shownYear, viewer: principal)
        let labels = try await labels()
        let model = SuggestionModel(
            unit: list.unit, unitName: labels.org(list.unit), year: String(list.year), pack: list.pack,
            rows: list.items.map { item in
                SuggestionRow(key: "\(item.nominee)/\(item.kind)", name: item.nomineeName, typeName: item.nomineeType.vietnamese,
                              kindName: item.kindName, eligible: item.eligible, proposed: item.proposed,
                              missing: item.missing.map(\.messageVi).joined(separator: "; "), source: item.missing.map(\.source).joined(separator: "; "))
            },
            cut: list.cut, csrf: session.csrf, mayDraft: (try? engine.authorize(principal, .createNomination)) != nil, error: error?.messageVI)
        return pages.page(.suggestions, model, title: "Gợi ý khen thưởng", context: context, nav: "suggestions", status: status)
    }
}

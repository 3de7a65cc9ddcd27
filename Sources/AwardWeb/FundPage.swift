import AwardEngine
import AwardHTTP
import Foundation
import HTTPTypes
import Hummingbird

/// The award fund's page: an org's income for a year, the bonuses of its decisions as spending,
/// the balance, the decisions that overdrew it, and the form that records income.
extension WebRoutes {
    func registerFund(on web: WebRouter) {
        web.get("fund", .permission(.readFund)) { request, context in try await fundPage(request, context, refused: nil) }
        web.post("fund", .permission(.recordFundIncome)) { request, context in try await addIncome(request, context) }
    }

    struct FundModel: Sendable {
        struct Row: Sendable { var number: String; var decisionId: Int64; var date: String; var recipients: Int; var amount: String; var overdrawn: Bool }
        struct Income: Sendable { var amount: String; var source: String; var by: String }
        var orgName: String
        var year: Int
        var income: [Income]
        var rows: [Row]
        var incomeTotal: String
        var spent: String
        var balance: String
        var overdrawn: Bool
        var canRecord: Bool
        var csrf: String
        /// The income form: each input with its error beside it, what was typed kept.
        var form: FormState
    }

    /// The engine's field names → the income form's inputs.
    static let fundInputs = [Bound.amountVnd.field: "amount", TextField.note.rawValue: "source", Bound.year.field: "year"]

    func fundPage(_ request: Request, _ context: WebRequestContext, refused: AwardError?) async throws -> Response {
        let session = try context.signedIn
        let labels = try await labels()
        let typed = refused == nil ? nil : context.form
        let year = (typed?["year"] ?? request.queryFields["year"]).flatMap { Int($0) } ?? labels.today.year
        let fund = try await engine.fund(org: session.principal.orgCode, year: year, viewer: session.principal)
        let model = FundModel(
            orgName: labels.org(fund.org), year: year,
            income: fund.income.map { .init(amount: Labels.money($0.amountVnd), source: $0.source, by: $0.recordedBy) },
            rows: fund.spending.map { .init(number: $0.number, decisionId: $0.decisionId, date: $0.decidedOn.vietnamese, recipients: $0.recipients,
                                             amount: Labels.money($0.amountVnd), overdrawn: $0.overdrawn) },
            incomeTotal: Labels.money(fund.incomeVnd), spent: Labels.money(fund.spentVnd),
            balance: fund.balanceVnd < 0 ? "−" + Labels.money(-fund.balanceVnd) : Labels.money(fund.balanceVnd), overdrawn: fund.balanceVnd < 0,
            canRecord: engine.capabilities(of: session.principal).mayRecordFundIncome, csrf: session.csrf,
            form: FormState([
                FormField("amount", label: "Số tiền (đồng)", hint: "Số nguyên, có thể viết 150.000.000", value: typed?["amount"] ?? "", required: true, maxLength: 20),
                FormField("source", label: "Nguồn", hint: "Ví dụ: Ngân sách cấp năm \(year)", value: typed?["source"] ?? "", required: true, maxLength: 500),
            ], error: refused, inputs: Self.fundInputs, title: "Chưa ghi được nguồn quỹ"))
        return pages.page(.fund, model, title: "Quỹ thi đua, khen thưởng năm \(year)", context: context, nav: "campaigns",
                          status: refused == nil ? .ok : .badRequest)
    }

    func addIncome(_ request: Request, _ context: WebRequestContext) async throws -> Response {
        let principal = try context.principal
        let form = context.form
        let year = Int(form["year"] ?? "") ?? 0
        do {
            guard let amount = form["amount"].flatMap({ Int64($0.replacingOccurrences(of: ".", with: "").replacingOccurrences(of: " ", with: "")) }) else {
                throw AwardError(.invalidInput, code: .badAmount, "amount is not a whole number of đồng",
                                 vi: "«Số tiền» phải là số nguyên dương (đồng), ví dụ 150.000.000.", field: Bound.amountVnd.field)
            }
            _ = try await engine.addFundIncome(org: principal.orgCode, year: year, amountVnd: amount, source: form["source"] ?? "", by: principal)
            return WebMiddleware.redirect("/fund?year=\(year)")
        } catch {
            return try await fundPage(request, context, refused: try Self.shown(error))
        }
    }
}

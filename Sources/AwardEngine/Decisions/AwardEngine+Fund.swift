import AwardPostgres
import Foundation

/// An award decision that left its issuer's fund overdrawn: kept, and said.
public struct FundWarning: Sendable, Codable, Equatable {
    public var incomeVnd: Int64
    public var spentVnd: Int64
    public var messageVi: String

    enum CodingKeys: String, CodingKey { case incomeVnd = "income_vnd", spentVnd = "spent_vnd", messageVi = "message_vi" }

    init(income: Int64, spent: Int64) {
        incomeVnd = income
        spentVnd = spent
        messageVi = "Cảnh báo: tổng tiền thưởng đã quyết định trong năm (\(Money.vnd(spent))) vượt nguồn quỹ thi đua, khen thưởng (\(Money.vnd(income))), bội chi \(Money.vnd(spent - income))."
    }
}

/// Amounts as Vietnamese documents write them: `1.490.000 đồng`.
public enum Money {
    public static func vnd(_ amount: Int64) -> String {
        let digits = String(abs(amount))
        var grouped = ""
        for (i, ch) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { grouped += "." }
            grouped.append(ch)
        }
        return (amount < 0 ? "-" : "") + grouped + " đồng"
    }
}

extension AwardEngine {
    /// Records income of an org's award fund for a year (the budget allocation, contributions).
    /// From then on the org's award decisions of that year are checked against the fund.
    public func addFundIncome(org: String, year: Int, amountVnd: Int64, source: String, by principal: Principal) async throws(AwardError) -> FundStatement {
        try Self.checkYear(year)
        let source = try Text.required(source, field: .note, maxLength: 500)
        _ = try Bound.amountVnd.check(amountVnd)
        try Policy.require(principal, .recordFundIncome)
        return try await transaction { c in
            let organisation = try Access.org(c, code: org, principal, .recordFundIncome)
            try FundStore.addIncome(c, org: organisation.id, year: year, amount: amountVnd, source: source, actor: principal.name)
            return try FundStore.statement(c, org: organisation, year: year)
        }
    }

    /// An org's award fund for a year: income, the bonuses of each of its award decisions, the
    /// balance, and which decisions overdrew it.
    public func fund(org: String, year: Int, viewer: Principal? = nil) async throws(AwardError) -> FundStatement {
        try Self.checkYear(year)
        return try await lease { c in
            try FundStore.statement(c, org: try Access.org(c, code: org, viewer, .readFund), year: year)
        }
    }

    /// The warning kept for a decision that overdrew its issuer's fund, if any.
    public func fundWarning(decision: Int64) async throws(AwardError) -> FundWarning? {
        try await lease { c in try FundStore.warning(c, decision: decision).map { FundWarning(income: $0.income, spent: $0.spent) } }
    }
}

import Foundation

/// An org's award fund for a year: income, the bonuses of its decisions as spending, the balance,
/// and the decisions that overdrew it.
public struct FundStatement: Sendable, Codable, Equatable {
    public struct Income: Sendable, Codable, Equatable {
        public var amountVnd: Int64
        public var source: String
        public var recordedBy: String

        enum CodingKeys: String, CodingKey { case amountVnd = "amount_vnd", source, recordedBy = "recorded_by" }
    }
    public struct Spending: Sendable, Codable, Equatable {
        public var decisionId: Int64
        public var number: String
        public var decidedOn: CivilDate
        public var recipients: Int
        public var amountVnd: Int64
        /// Set when the fund was overdrawn at this decision's commit.
        public var overdrawn: Bool

        enum CodingKeys: String, CodingKey { case decisionId = "decision_id", number, decidedOn = "decided_on", recipients, amountVnd = "amount_vnd", overdrawn }
    }

    public var org: String
    public var year: Int
    public var income: [Income]
    public var spending: [Spending]
    public var incomeVnd: Int64
    public var spentVnd: Int64
    public var balanceVnd: Int64

    enum CodingKeys: String, CodingKey {
        case org, year, income, spending, incomeVnd = "income_vnd", spentVnd = "spent_vnd", balanceVnd = "balance_vnd"
    }
}

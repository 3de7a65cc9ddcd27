import AwardPostgres
import Foundation

/// The award fund: income entries per org and year; spending is read from the decisions.
enum FundStore {
    static func addIncome(_ c: Connection, org: Int64, year: Int, amount: Int64, source: String, actor: String) throws {
        try c.execute("""
            INSERT INTO fund_income (org_id, year, amount_vnd, source, recorded_by) VALUES (\(org), \(year), \(amount), \(source), \(actor))
            """)
    }

    /// The org's fund for the year; for a unit made by the 2025 reform, with the income and the
    /// spending of the units it continues that year (one budget year, two bodies).
    static func statement(_ c: Connection, org: Organisation, year: Int) throws -> FundStatement {
        let row = try c.execute("""
            SELECT
              (SELECT coalesce(json_agg(json_build_object('amount_vnd', amount_vnd, 'source', source, 'recorded_by', recorded_by) ORDER BY id), '[]')
                 FROM fund_income WHERE org_id = ANY(award_org_with_predecessors(\(org.id)::bigint)) AND year = \(year))::text AS income,
              (SELECT coalesce(json_agg(json_build_object('decision_id', d.id, 'number', d.number, 'decided_on', d.decided_on,
                                                          'recipients', s.recipients, 'amount_vnd', s.amount,
                                                          'overdrawn', EXISTS (SELECT 1 FROM fund_warnings w WHERE w.decision_id = d.id))
                                        ORDER BY d.decided_on, d.id), '[]')
                 FROM decisions d
                 CROSS JOIN LATERAL (SELECT count(*) AS recipients, coalesce(sum(n.bonus_vnd), 0) AS amount
                                     FROM nominations n WHERE n.decision_id = d.id AND n.state = 'awarded') s
                 WHERE d.issuer_org_id = ANY(award_org_with_predecessors(\(org.id)::bigint)) AND d.year = \(year) AND d.purpose = 'award' AND s.recipients > 0)::text AS spending,
              (SELECT coalesce(sum(amount_vnd::numeric), 0) FROM fund_income WHERE org_id = ANY(award_org_with_predecessors(\(org.id)::bigint)) AND year = \(year))::text AS income_total,
              (SELECT coalesce(sum(n.bonus_vnd::numeric), 0) FROM decisions d JOIN nominations n ON n.decision_id = d.id AND n.state = 'awarded'
                 WHERE d.issuer_org_id = ANY(award_org_with_predecessors(\(org.id)::bigint)) AND d.year = \(year) AND d.purpose = 'award')::text AS spent_total
            """).first!
        let income = try JSON.decoder.decode([FundStatement.Income].self, from: Data(try row.string("income").utf8))
        let spending = try JSON.decoder.decode([FundStatement.Spending].self, from: Data(try row.string("spending").utf8))
        // Summed by PostgreSQL as numeric: a total beyond 64 bits is refused, it never traps.
        guard let incomeTotal = Int64(try row.string("income_total")), let spent = Int64(try row.string("spent_total")) else {
            throw AwardError(.refused, code: .outOfRange, "the fund's totals for \(org.code) in \(year) exceed what can be shown",
                             vi: "Tổng quỹ của \(org.code) năm \(year) vượt quá giới hạn hiển thị; kiểm tra lại các khoản đã ghi.")
        }
        return FundStatement(org: org.code, year: year, income: income, spending: spending, incomeVnd: incomeTotal, spentVnd: spent,
                             balanceVnd: incomeTotal - spent)
    }

    /// The warning recorded when `decision` overdrew its issuer's fund, if any.
    static func warning(_ c: Connection, decision: Int64) throws -> (income: Int64, spent: Int64)? {
        try c.execute("SELECT income_vnd, spent_vnd FROM fund_warnings WHERE decision_id = \(decision)").first.map {
            (try $0.int("income_vnd"), try $0.int("spent_vnd"))
        }
    }
}

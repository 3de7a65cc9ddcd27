import Foundation
import AwardPostgres

/// Numbered decisions: each issuer's counter per year, the decision rows, the bonus base.
enum DecisionStore {
    /// The issuer's next number for the year, formatted by its pattern (`{n}/QĐ-UBND`). The counter
    /// row is locked until the transaction ends, so concurrent decisions of one issuer get
    /// consecutive numbers; a number already taken by hand is skipped.
    static func nextNumber(_ c: Connection, issuer: Int64, year: Int) throws -> (number: String, sequence: Int) {
        let pattern = try c.execute("SELECT decision_pattern FROM orgs WHERE id = \(issuer)").first!.string("decision_pattern")
        for _ in 0..<1000 {
            let n = Int(try c.execute("""
                INSERT INTO decision_counters (issuer_org_id, year, last_number) VALUES (\(issuer), \(year), 1)
                ON CONFLICT (issuer_org_id, year) DO UPDATE SET last_number = decision_counters.last_number + 1
                RETURNING last_number
                """).first!.int("last_number"))
            let number = pattern.replacingOccurrences(of: "{n}", with: String(n))
            if try c.execute("SELECT 1 FROM decisions WHERE issuer_org_id = \(issuer) AND year = \(year) AND number = \(number)").isEmpty {
                return (number, n)
            }
        }
        throw AwardError(.internal, code: .numbering, "could not find a free decision number")
    }

    /// Records a decision. With no number, the issuer's next; with a number by hand, the same
    /// decision is reused when it is the same one (same date, purpose and kind: one decision lists
    /// many recipients), and refused when that number is another decision's.
    static func record(
        _ c: Connection, issuer: Int64, decision: DecisionInput, purpose: String, kind: String, actor: String,
        details: DecisionDetails = .init(), revokes: Int64? = nil, attach: Bool = true
    ) throws -> (id: Int64, number: String) {
        let year = decision.date.year
        var number = decision.number
        var sequence: Int? = nil
        if number == nil {
            let next = try nextNumber(c, issuer: issuer, year: year)
            number = next.number
            sequence = next.sequence
        }
        let text = number!
        if let row = try c.execute("""
            INSERT INTO decisions (issuer_org_id, number, decided_on, year, purpose, kind_code, created_by, signer, signer_title, signer_prefix,
                                   on_behalf, legal_basis, commendation_type, achievement_period, revokes_decision_id, sequence, delegation_id,
                                   signing)
            SELECT \(issuer), \(text), \(decision.date), \(year), \(purpose), \(kind), \(actor),
                   -- no signer named: the issuer's usual signer, with their title unless another is given
                   coalesce(\(details.signer), o.signer_name),
                   CASE WHEN \(details.signer)::text IS NULL THEN coalesce(\(details.signerTitle), o.signer_title) ELSE \(details.signerTitle) END,
                   \(details.signerPrefix?.rawValue), \(details.onBehalf),
                   \(details.legalBasis), \(details.commendationType.rawValue), \(details.achievementPeriod), \(revokes), \(sequence),
                   \(details.delegation),
                   -- signed digitally when the issuer signs so (migration 26): issued when sealed
                   o.signs_digitally AND \(purpose) = 'award'
            -- a unit decides only while it exists (migration 22's validity): else no row, and the refusal below
            FROM orgs o WHERE o.id = \(issuer) AND \(decision.date)::date BETWEEN coalesce(o.valid_from, '-infinity') AND coalesce(o.valid_to, 'infinity')
            ON CONFLICT (issuer_org_id, year, number) DO NOTHING
            RETURNING id
            """).first {
            return (try row.int("id"), text)
        }
        try requireInForce(c, issuer: issuer, on: decision.date)
        guard let existing = try c.execute("""
            SELECT id, decided_on, purpose, kind_code FROM decisions
            WHERE issuer_org_id = \(issuer) AND year = \(year) AND number = \(text)
            """).first else {
            throw AwardError(.conflict, code: .concurrentChange, "decision \(text) changed while being recorded; retry")
        }
        let same = try existing.optionalDate("decided_on") == decision.date && existing.string("purpose") == purpose
            && existing.string("kind_code") == kind && purpose == "award" && attach
        guard same else {
            throw AwardError(
                .refused, code: .decisionNumberUsed,
                "decision number \(text) of \(year) is already used by this issuer for another decision"
                    + " (\(try existing.string("purpose")) of \(try existing.string("kind_code")) dated \(try existing.optionalDate("decided_on")?.iso ?? "?"))",
                vi: "Số quyết định \(text) năm \(year) đã được cơ quan này dùng cho một quyết định khác (ngày \(try existing.optionalDate("decided_on")?.vietnamese ?? "?")).")
        }
        return (try existing.int("id"), text)
    }

    /// Refuses a decision dated outside its issuer's validity: a unit closed by the 2025 reform (or
    /// not yet founded) issues nothing on that date; its successor does.
    static func requireInForce(_ c: Connection, issuer: Int64, on date: CivilDate) throws {
        guard let row = try c.execute("""
            SELECT o.name, o.code, o.valid_from, o.valid_to FROM orgs o
            WHERE o.id = \(issuer) AND NOT \(date)::date BETWEEN coalesce(o.valid_from, '-infinity') AND coalesce(o.valid_to, 'infinity')
            """).first else { return }
        let name = try row.string("name"), code = try row.string("code")
        if let to = try row.optionalDate("valid_to"), date > to {
            throw AwardError(.refused, code: .decisionDate, "\(name) ceased to exist after \(to.iso): it cannot issue a decision dated \(date.iso)",
                             vi: "\(name) đã thôi hoạt động sau ngày \(to.vietnamese): không thể ban hành quyết định ngày \(date.vietnamese). "
                                 + "Đơn vị kế thừa ban hành thay (xem awardctl org show \(code)).")
        }
        let from = try row.optionalDate("valid_from")
        throw AwardError(.refused, code: .decisionDate, "\(name) exists from \(from?.iso ?? "?"): it cannot issue a decision dated \(date.iso)",
                         vi: "\(name) được thành lập từ ngày \(from?.vietnamese ?? "?"): không thể ban hành quyết định ngày \(date.vietnamese).")
    }

    /// The bonus of an award: coefficient × base salary in force on the decision date × the nominee
    /// type's multiplier, rounded up to 10,000 VND; `nil` when no base salary is recorded for that date.
    static func bonus(_ c: Connection, _ effect: BonusEffect) throws -> Int64? {
        guard effect.needsBaseSalary else { return 0 }
        guard let base = try c.execute("""
            SELECT amount_vnd FROM base_salaries WHERE valid_from <= \(effect.date)::date ORDER BY valid_from DESC LIMIT 1
            """).first?.int("amount_vnd") else { return nil }
        return effect.amount(base: base)
    }

    /// The bonuses of a decision's recipients; `nil` when one of them has none (no base salary recorded).
    static func totalBonus(_ c: Connection, decision: Int64) throws -> Int64? {
        let row = try c.execute("""
            SELECT sum(bonus_vnd) AS total, count(*) FILTER (WHERE bonus_vnd IS NULL) AS unknown FROM nominations WHERE decision_id = \(decision)
            """).first!
        return try row.int("unknown") > 0 ? nil : try row.optionalInt("total") ?? 0
    }

    /// Records the base salary in force from a date.
    /// A decision with its recipients (the nominations it awarded or revoked), and the org paths
    /// that decide who may see it.
    static func sheet(_ c: Connection, id: Int64) throws -> (sheet: DecisionSheet, issuer: OrgRef, recipientUnits: [OrgRef])? {
        guard let row = try c.execute("""
            SELECT d.id, d.number, d.decided_on, o.code AS issuer, o.path::text AS issuer_path, d.kind_code, d.signer, d.on_behalf,
                   d.signer_title, d.signer_prefix, d.legal_basis, d.commendation_type, d.achievement_period, d.purpose
            FROM decisions d JOIN orgs o ON o.id = d.issuer_org_id WHERE d.id = \(id)
            """).first else { return nil }
        let recipients = try c.execute("""
            SELECT n.id, e.name, e.type, u.code AS unit, u.path::text AS unit_path, n.state, n.bonus_vnd
            FROM nominations n JOIN nominees e ON e.id = n.nominee_id JOIN orgs u ON u.id = n.unit_id
            WHERE n.id IN (SELECT id FROM nominations WHERE decision_id = \(id)
                           UNION ALL SELECT id FROM nominations WHERE revocation_id = \(id))
            ORDER BY e.name COLLATE vi, n.id
            """)
        func path(_ text: String) -> [Int64] {
            text.trimmingCharacters(in: CharacterSet(charactersIn: "{}")).split(separator: ",").compactMap { Int64($0) }
        }
        var details: [DecisionSheet.Recipient] = []
        var units: [OrgRef] = []
        for r in recipients {
            details.append(.init(nominationId: try r.int("id"), nominee: try r.string("name"), nomineeType: try Queries.enumValue(r, "type"),
                                 unit: try r.string("unit"), state: try Queries.enumValue(r, "state"), bonusVnd: try r.optionalInt("bonus_vnd")))
            let unitPath = path(try r.string("unit_path"))
            units.append(OrgRef(id: unitPath.last ?? 0, code: try r.string("unit"), path: unitPath))
        }
        let view = DecisionView(
            id: id, number: try row.string("number"), date: try row.optional(CivilDate.self, "decided_on")!, issuer: try row.string("issuer"),
            kind: try row.string("kind_code"), signer: try row.optionalString("signer"),
            signerTitle: try row.optionalString("signer_title"), signerPrefix: Self.prefix(row),
            legalBasis: try row.optionalString("legal_basis"), commendationType: try Queries.enumValue(row, "commendation_type"),
            achievementPeriod: try row.optionalString("achievement_period"), recipients: details.map(\.nominationId),
            totalBonusVnd: details.isEmpty || details.contains { $0.bonusVnd == nil } ? nil : details.compactMap(\.bonusVnd).reduce(0, +))
        let issuerPath = path(try row.string("issuer_path"))
        return (DecisionSheet(decision: view, purpose: try row.string("purpose"), recipientsDetail: details),
                OrgRef(id: issuerPath.last ?? 0, code: try row.string("issuer"), path: issuerPath), units)
    }

    /// Who signed a decision as recorded (the issuer's usual signer when none was named).
    static func signedBy(_ c: Connection, id: Int64) throws -> (name: String?, title: String?, prefix: SignerPrefix?) {
        let row = try c.execute("SELECT signer, signer_title, signer_prefix, on_behalf FROM decisions WHERE id = \(id)").first
        return (try row?.optionalString("signer"), try row?.optionalString("signer_title"), row.flatMap(prefix))
    }

    /// How the decision was signed: its prefix, or KT. for a decision recorded before prefixes
    /// with its on-behalf flag.
    static func prefix(_ row: Row) -> SignerPrefix? {
        if let text = try? row.optionalString("signer_prefix"), let prefix = SignerPrefix(rawValue: text) { return prefix }
        return (try? row.bool("on_behalf")) == true ? .kt : nil
    }

    static func setBaseSalary(_ c: Connection, from date: CivilDate, amount: Int64) throws {
        try c.execute("""
            INSERT INTO base_salaries (valid_from, amount_vnd) VALUES (\(date)::date, \(amount))
            ON CONFLICT (valid_from) DO UPDATE SET amount_vnd = EXCLUDED.amount_vnd
            """)
    }
}

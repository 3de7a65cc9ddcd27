import AwardPostgres
import Foundation

extension AwardEngine {
    /// Explains a nomination's eligibility under its pinned pack (for a draft, the pack in force
    /// today) with the nominee's current facts, changing nothing.
    public func check(_ id: Int64, viewer: Principal? = nil, now: Date = Date()) async throws(AwardError) -> EligibilityResult {
        let cache = packCache
        let today = Self.today(now)
        return try await lease { c in
            try Access.nomination(c, id, viewer)
            let (facts, _) = try NominationStore.facts(c.execute(NominationStore.readQuery(id: id)).first!)
            let pack = try facts.state == .draft ? cache.packInForce(c, on: today).pack
                : facts.packId.map { try cache.pack(c, id: $0) } ?? cache.packInForce(c, on: today).pack
            guard let rule = pack.kind(facts.kind) else {
                throw AwardError(.refused, code: .kindNotInPack, "\(facts.kind) is not awarded under \(pack.name)")
            }
            var result = Eligibility.evaluate(kind: rule, nomineeType: facts.nomineeType, year: facts.year,
                                              facts: try NomineeStore.facts(c, nominee: facts.nomineeId, unit: facts.unit), today: today)
            result.override = facts.override
            return result
        }
    }
}

import AwardDomain
import AwardPostgres
import Foundation

/// A dossier in flight that the pack in force now would judge differently from the pack it was
/// pinned to at submission.
public struct PackChange: Sendable, Codable, Equatable {
    public var nomination: Int64
    public var kind: String
    public var state: NominationState
    /// "nd152-2025 v4" → "nd152-2025 v5".
    public var from: String
    public var to: String
    /// The judgement under each pack (nil: the kind is not in the new pack).
    public var before: EligibilityResult
    @ExplicitNull public var after: EligibilityResult?
    /// The new pack routes the kind through other tiers: such a dossier is not moved (withdraw it and propose again).
    public var routeDiffers: Bool

    enum CodingKeys: String, CodingKey { case nomination, kind, state, from, to, before, after, routeDiffers = "route_differs" }
}

extension AwardEngine {
    /// The dossiers in flight, pinned to another pack than the one in force today, that it would
    /// judge differently (eligibility, or the tiers the kind climbs). The pinned pack keeps judging
    /// them until an admin moves them (``repin(_:reason:by:now:)``). Admins only.
    public func packChanges(by principal: Principal?, now: Date = Date()) async throws(AwardError) -> [PackChange] {
        try Policy.require(principal, .rerouteToSuccessors)
        let cache = packCache
        let today = Self.today(now)
        return try await readLease { c in
            let (packId, pack) = try cache.packInForce(c, on: today)
            return try Self.changes(c, RepinStore.inFlight(c, notOn: packId), to: pack, cache: cache, today: today)
        }
    }

    /// Moves dossiers `ids` to the pack in force today, with a reason: each must be one that pack
    /// judges differently and whose route it keeps; all or none, in one transaction, each with a
    /// 'repin' step (in the chain, with its event) naming both packs.
    @discardableResult
    public func repin(_ ids: [Int64], reason: String, by principal: Principal?, now: Date = Date()) async throws(AwardError) -> [PackChange] {
        try Policy.require(principal, .rerouteToSuccessors)
        let reason = try Text.required(reason, field: .reason)
        guard (1...1_000).contains(ids.count), Set(ids).count == ids.count else {
            throw AwardError(.invalidInput, code: .noNominations, "name 1 to 1,000 dossiers, none twice",
                             vi: "Chọn từ 1 đến 1.000 hồ sơ, không trùng nhau.", field: "ids")
        }
        let cache = packCache
        let today = Self.today(now)
        return try await transaction { c in
            let (packId, pack) = try cache.packInForce(c, on: today)
            let found = try RepinStore.inFlight(c, notOn: packId, ids: ids)
            let changes = try Self.changes(c, found, to: pack, cache: cache, today: today)
            for id in ids {
                guard let change = changes.first(where: { $0.nomination == id }) else {
                    throw AwardError(.refused, code: .wrongState, "nomination \(id) is not a dossier in flight that \(pack.code) v\(pack.version) judges differently",
                                     vi: "Hồ sơ số \(id) không nằm trong danh sách hồ sơ đang xử lý mà bộ quy tắc mới xét khác; không hồ sơ nào được chuyển.",
                                     field: "ids")
                }
                guard !change.routeDiffers, change.after != nil else {
                    throw AwardError(.refused, code: .kindNotInPack, "nomination \(id): \(pack.code) v\(pack.version) routes \(change.kind) differently or lacks it",
                                     vi: "Hồ sơ số \(id): bộ quy tắc mới không có hình thức này hoặc xét qua các cấp khác; hãy rút hồ sơ và đề nghị lại. Không hồ sơ nào được chuyển.",
                                     field: "ids")
                }
                let dossier = found.first { $0.id == id }!
                try RepinStore.repin(c, dossier, to: packId, actor: principal?.name ?? "operator", reason: reason,
                                     comment: "Bộ quy tắc: \(change.from) → \(change.to)")
            }
            return changes.filter { ids.contains($0.nomination) }
        }
    }

    static func changes(_ c: Connection, _ dossiers: [RepinStore.InFlight], to pack: RulePack, cache: PackCache, today: CivilDate) throws -> [PackChange] {
        var changes: [PackChange] = []
        for dossier in dossiers {
            let pinned = try cache.pack(c, id: dossier.packId)
            guard let old = pinned.kind(dossier.kind) else { continue }
            let facts = try NomineeStore.facts(c, nominee: dossier.nominee, unit: dossier.unit)
            let type = try NominationStore.nomineeType(c, id: dossier.nominee) ?? .individual
            let before = Eligibility.evaluate(kind: old, nomineeType: type, year: dossier.year, facts: facts, today: today)
            let new = pack.kind(dossier.kind)
            let after = new.map { Eligibility.evaluate(kind: $0, nomineeType: type, year: dossier.year, facts: facts, today: today) }
            let routeDiffers = new.map { $0.chain.map(\.level) != old.chain.map(\.level) } ?? true
            let differs = after.map { $0.eligible != before.eligible || $0.reasons.map(\.code) != before.reasons.map(\.code) } ?? true
            guard differs || routeDiffers else { continue }
            changes.append(PackChange(nomination: dossier.id, kind: dossier.kind, state: dossier.state, from: "\(pinned.code) v\(pinned.version)",
                                      to: "\(pack.code) v\(pack.version)", before: before, after: after, routeDiffers: routeDiffers))
        }
        return changes
    }
}

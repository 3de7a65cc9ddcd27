import AwardPostgres
import Foundation

/// What `rerouteToSuccessors` moved (or would move, on a dry run).
public struct RerouteReport: Sendable, Codable, Equatable {
    public struct Moved: Sendable, Codable, Equatable {
        public var nomination: Int64
        public var from: String
        public var to: String
    }
    public var org: String
    public var dryRun: Bool
    /// The reason each step records: the one given, or the pack's transitional provision.
    public var reason: String
    public var moved: [Moved]

    enum CodingKeys: String, CodingKey { case org, dryRun = "dry_run", reason, moved }
}

extension AwardEngine {
    /// Moves the dossiers in flight at a unit the reform closed (draft, pending, in public notice or
    /// returned, whose remaining route passes through it) to the unit that took over its powers, in
    /// one transaction, each with a 'reroute' step carrying `reason`: when none is given, the
    /// transitional provision of the pack in force for the closed unit's level (Decree 152/2025,
    /// Article 60; Decree 129/2025, Article 59), cited from the pack's data. The successor is, for each dossier: the one unit in force at the closed unit's
    /// level that took over its records (Tỉnh Lào Cai for old Lào Cai); for a district, which no
    /// unit continues, the commune in force that took over the dossier's unit (the commune
    /// chairman holds the district chairman's powers, Decree 129/2025/NĐ-CP); `to`, when given, for
    /// every dossier. A dossier whose successor the data cannot name refuses the whole move, naming
    /// it: give `to`, or move it by itself. At most 100,000 dossiers a call, oldest first. Admins only.
    public func rerouteToSuccessors(from code: String, to target: String? = nil, reason: String? = nil, by principal: Principal,
                                    dryRun: Bool = false, now: Date = Date()) async throws(AwardError) -> RerouteReport {
        let given = try reason.map { text throws(AwardError) in try Text.required(text, field: .reason, maxLength: 2000, multiline: true) }
        try Policy.require(principal, .rerouteToSuccessors)
        let cache = packCache, today = Self.today(now)
        return try await transaction { c in
            let closed = try OrgStore.org(c, code: code)
            guard try RerouteStore.closedOn(c, org: closed.id) != nil else {
                throw AwardError(.refused, code: .unitConflict, "\(closed.code) is in force: only a unit whose validity ended hands its dossiers on",
                                 vi: "\(closed.name) vẫn đang hoạt động: chỉ chuyển hồ sơ của đơn vị đã kết thúc hoạt động.", field: "from")
            }
            guard let reason = try given ?? cache.packInForce(c, on: today).pack.transitional(forClosed: closed.level)?.citation else {
                throw AwardError(.invalidInput, code: .reasonRequired,
                                 "the rule pack in force has no transitional provision for a closed \(closed.level.rawValue): give the reason",
                                 vi: "Gói quy tắc đang áp dụng không có quy định chuyển tiếp cho đơn vị cấp này: hãy nhập lý do chuyển hồ sơ.", field: "reason")
            }
            var chosen: OrgRef? = nil
            if let target {
                let org = try OrgStore.org(c, code: target)
                guard try RerouteStore.closedOn(c, org: org.id) == nil else {
                    throw AwardError(.refused, code: .unitConflict, "\(org.code) is not in force", vi: "\(org.name) đã kết thúc hoạt động.", field: "to")
                }
                chosen = org.ref
            }
            let sameLevel = try RerouteStore.inForce(c, continuing: closed.id, level: closed.level)
            var report = RerouteReport(org: closed.code, dryRun: dryRun, reason: reason, moved: [])
            // At most 100,000 a call (RerouteStore.inFlight): running it again moves the rest.
            let inFlight = try RerouteStore.inFlight(c, through: closed.id)
            for n in inFlight {
                var successor = chosen ?? (sameLevel.count == 1 ? sameLevel[0] : nil)
                if successor == nil, closed.level == .district {
                    let communes = try RerouteStore.inForce(c, continuing: n.unit, level: .commune)
                    if communes.count == 1 { successor = communes[0] }
                }
                guard let successor else {
                    throw AwardError(.refused, code: .unitConflict,
                                     "nomination \(n.id): the lineage names no single unit in force that took over \(closed.code) for its unit; give the successor (--to) or move it by itself",
                                     vi: "Hồ sơ số \(n.id): dữ liệu kế thừa không chỉ ra một đơn vị duy nhất tiếp nhận hồ sơ của \(closed.name); chọn đơn vị tiếp nhận (--to) hoặc chuyển riêng hồ sơ này.",
                                     field: "to")
                }
                let (route, tier) = Self.rerouted(n.route, tier: n.tier, replacing: closed.id, with: successor.id)
                if !dryRun {
                    try RerouteStore.reroute(c, n, route: route, tier: tier, current: n.currentOrg == closed.id ? successor.id : n.currentOrg,
                                             reason: reason, comment: "\(closed.code) → \(successor.code)", actor: principal.name)
                }
                report.moved.append(.init(nomination: n.id, from: closed.code, to: successor.code))
            }
            return report
        }
    }

    /// The route with `old` replaced by `new` from the current tier on, the same org twice in a row
    /// made one step; and the current tier's place in it.
    static func rerouted(_ route: [Int64], tier: Int, replacing old: Int64, with new: Int64) -> ([Int64], Int) {
        let replaced = route.enumerated().map { index, org in index >= tier - 1 && org == old ? new : org }
        var result: [Int64] = [], newTier = tier
        for (index, org) in replaced.enumerated() {
            if result.last == org {
                if index <= tier - 1 { newTier -= 1 }
                continue
            }
            result.append(org)
        }
        return (result, newTier)
    }
}

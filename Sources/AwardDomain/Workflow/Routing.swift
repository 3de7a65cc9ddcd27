/// Resolves a kind's chain of levels into the orgs a nomination climbs.
public enum Routing {
    /// An org on the nominating unit's line of ancestry.
    public struct Ancestor: Sendable, Equatable {
        public var id: Int64
        public var level: OrgLevel
        public init(id: Int64, level: OrgLevel) {
            self.id = id
            self.level = level
        }
    }

    /// Maps each level of `chain` to the unit's ancestor (or the unit itself) at that level.
    /// A level the ancestry lacks is skipped, except the last: the deciding authority must exist.
    ///
    /// - Parameter ancestry: the unit's ancestors and itself, in any order.
    public static func route(chain: [OrgLevel], ancestry: [Ancestor], kind: String, unitCode: String) throws(AwardError) -> [Int64] {
        guard let deciding = chain.last else {
            throw AwardError(.internal, code: .emptyChain, "kind \(kind) has no approval chain")
        }
        var route: [Int64] = []
        for level in chain {
            let matches = ancestry.filter { $0.level == level }
            if let org = matches.last { route.append(org.id) }
        }
        guard ancestry.contains(where: { $0.level == deciding }) else {
            throw AwardError(
                .refused, code: .noDecidingAuthority,
                "\(kind) is decided at \(deciding.rawValue) level, and unit \(unitCode) has no \(deciding.rawValue) above it",
                vi: "\(kind) do cấp \(deciding.vietnamese) quyết định, nhưng đơn vị \(unitCode) không có cơ quan cấp \(deciding.vietnamese) phía trên.")
        }
        return route
    }
}

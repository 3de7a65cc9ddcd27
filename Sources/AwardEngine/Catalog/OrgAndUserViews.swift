/// A node of the organisation tree: a ministry, a province, a district, a commune or a unit.
public struct Organisation: Sendable, Encodable, Equatable {
    /// Database id.
    public let id: Int64
    /// Short code, matched without regard to case (e.g. `QN`, `HL-TX`).
    public let code: String
    /// Vietnamese name, NFC.
    public let name: String
    /// Level in the tree.
    public let level: OrgLevel
    /// The parent's code, `nil` for a root.
    @ExplicitNull public private(set) var parent: String?
    /// The ids of its ancestors and itself, root first (not shown).
    public let path: [Int64]

    /// The org as the policy sees it.
    public var ref: OrgRef { OrgRef(id: id, code: code, path: path) }

    enum CodingKeys: String, CodingKey { case code, name, level, parent }
}

/// A user as `user list` shows it.
public struct UserInfo: Sendable, Codable, Equatable {
    public var name: String
    public var org: String
    public var role: Role
    public var revoked: Bool
}

/// A newly issued token: printed once, stored only as a hash.
public struct IssuedToken: Sendable, Codable, Equatable {
    public var name: String
    public var org: String
    public var role: Role
    public var token: String
}

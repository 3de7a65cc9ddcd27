import Foundation

/// An emulation cluster (cụm) or bloc (khối) with its members, heads and votes.
public struct Cluster: Sendable, Codable, Equatable {
    public struct Head: Sendable, Codable, Equatable {
        public var year: Int
        public var org: String
    }
    public struct Vote: Sendable, Codable, Equatable {
        public var year: Int
        public var org: String
        public var votes: Int
        public var voters: Int
        public var proposed: Bool
    }

    public var code: String
    public var name: String
    public var kind: ClusterKind
    public var org: String
    public var flagQuota: Int
    public var members: [String]
    public var heads: [Head]
    public var votes: [Vote]

    enum CodingKeys: String, CodingKey { case code, name, kind, org, flagQuota = "flag_quota", members, heads, votes }
}

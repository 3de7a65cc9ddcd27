import AwardPostgres
import Foundation

extension AwardEngine {
    /// Creates an emulation cluster (cụm) or bloc (khối) organised by `org`'s council, with the
    /// number of members its year-end vote may propose for the Cờ thi đua.
    public func addCluster(code: String, name: String, kind: ClusterKind, org: String, flagQuota: Int = 1,
                           by principal: Principal) async throws(AwardError) -> Cluster {
        let code = try Self.campaignCode(code)
        let name = try Text.required(name, field: .name)
        _ = try Bound.flagQuota.check(flagQuota)
        try Policy.require(principal, .manageCluster)
        return try await transaction { c in
            let organiser = try Access.org(c, code: org, principal, .manageCluster)
            try ClusterStore.insert(c, code: code, name: name, kind: kind, org: organiser.id, flagQuota: flagQuota)
            return try Self.cluster(c, code: code)
        }
    }

    /// Adds member units (each under the organising org) to a cluster.
    public func addClusterMembers(_ code: String, units: [String], by principal: Principal) async throws(AwardError) -> Cluster {
        try Self.requireClusterRole(principal)
        return try await transaction { c in
            let (cluster, organiser) = try Self.lockCluster(c, code: code, principal: principal)
            for unit in units {
                let org = try OrgStore.org(c, code: unit)
                guard org.path.contains(organiser) else {
                    throw AwardError(.invalidInput, code: .outsideJurisdiction, "\(org.code) is not under the org that organises cluster \(code)",
                                     vi: "Đơn vị \(org.code) không trực thuộc cơ quan tổ chức cụm, khối \(code).")
                }
                try ClusterStore.addMember(c, cluster: cluster, org: org.id)
            }
            return try Self.cluster(c, code: code)
        }
    }

    /// Sets the member that heads the cluster in `year` (the head rotates each year).
    public func setClusterHead(_ code: String, year: Int, unit: String, by principal: Principal) async throws(AwardError) -> Cluster {
        try Self.requireClusterRole(principal)
        try Self.checkYear(year)
        return try await transaction { c in
            let (cluster, _) = try Self.lockCluster(c, code: code, principal: principal)
            let org = try OrgStore.org(c, code: unit)
            guard try ClusterStore.isMember(c, cluster: cluster, org: org.id) else {
                throw AwardError(.refused, code: .notClusterMember, "\(org.code) is not a member of cluster \(code)", vi: "\(org.code) không phải thành viên của cụm, khối \(code).")
            }
            try ClusterStore.setHead(c, cluster: cluster, year: year, org: org.id)
            return try Self.cluster(c, code: code)
        }
    }

    /// Records the cluster's year-end vote (votes per member out of `voters`): the members with the
    /// most votes, each with a majority, are proposed for the Cờ thi đua, up to the cluster's quota
    /// (kept by the database). One vote per cluster and year.
    public func recordClusterVote(_ code: String, year: Int, voters: Int, votes: [String: Int], by principal: Principal) async throws(AwardError) -> Cluster {
        try Self.requireClusterRole(principal)
        try Self.checkYear(year)
        _ = try Bound.voters.check(voters)
        for count in votes.values { _ = try Bound.votes.check(count) }
        guard !votes.isEmpty, votes.count <= 1_000, votes.values.allSatisfy({ $0 <= voters }) else {
            throw AwardError(.invalidInput, code: .voteInvalid, "each member's votes lie between 0 and the voters (\(voters)), and voters is above 0",
                             vi: "Số phiếu của mỗi thành viên phải từ 0 đến tổng số người bỏ phiếu (\(voters)), và tổng số người bỏ phiếu phải lớn hơn 0.")
        }
        return try await transaction { c in
            let (cluster, _) = try Self.lockCluster(c, code: code, principal: principal)
            let quota = try ClusterStore.flagQuota(c, cluster: cluster)
            var ballots: [(org: Int64, code: String, votes: Int)] = []
            for (unit, count) in votes {
                let org = try OrgStore.org(c, code: unit)
                guard try ClusterStore.isMember(c, cluster: cluster, org: org.id) else {
                    throw AwardError(.refused, code: .notClusterMember, "\(org.code) is not a member of cluster \(code)", vi: "\(org.code) không phải thành viên của cụm, khối \(code).")
                }
                ballots.append((org.id, org.code, count))
            }
            ballots.sort { ($0.votes, $1.code) > ($1.votes, $0.code) }
            let proposed = Set(ballots.filter { $0.votes * 2 > voters }.prefix(quota).map(\.org))
            guard try ClusterStore.recordVote(c, cluster: cluster, year: year, votes: ballots.map { ($0.org, $0.votes, proposed.contains($0.org)) },
                                              voters: voters, actor: principal.name) else {
                throw AwardError(.conflict, code: .clusterVoted, "cluster \(code) has voted for \(year) already", vi: "Cụm, khối \(code) đã bỏ phiếu cho năm \(year).")
            }
            return try Self.cluster(c, code: code)
        }
    }

    /// The clusters the viewer sees (organised within its subtree, or with a member in it).
    public func clusters(viewer: Principal? = nil) async throws(AwardError) -> [Cluster] {
        let scope = try Policy.scope(viewer, .readCampaign)
        return try await lease { c in try ClusterStore.all(c, root: scope.root) }
    }

    static func cluster(_ c: Connection, code: String) throws -> Cluster {
        guard let cluster = try ClusterStore.all(c, root: nil).first(where: { $0.code.lowercased() == code.lowercased() }) else {
            throw AwardError(.notFound, code: .unknownCluster, "no cluster with code \(code)", vi: "Không có cụm, khối thi đua mã \(code).")
        }
        return cluster
    }

    static func requireClusterRole(_ principal: Principal) throws(AwardError) {
        try Policy.require(principal, .manageCluster)
    }

    /// The cluster's id and organising org, the row locked; the caller must reach the organiser.
    static func lockCluster(_ c: Connection, code: String, principal: Principal) throws -> (Int64, Int64) {
        let (cluster, organiser) = try ClusterStore.lock(c, code: code)
        try Access.org(c, id: organiser, principal, .manageCluster)
        return (cluster, organiser)
    }
}

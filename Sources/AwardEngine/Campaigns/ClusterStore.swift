import AwardPostgres
import Foundation

/// Emulation clusters and blocs: members, the rotating head, the year-end vote.
enum ClusterStore {
    static func id(_ c: Connection, code: String) throws -> Int64 {
        guard let row = try c.execute("SELECT id FROM clusters WHERE lower(code) = lower(\(code))").first else {
            throw AwardError(.notFound, code: .unknownCluster, "no cluster with code \(code)", vi: "Không có cụm, khối thi đua mã \(code).")
        }
        return try row.int("id")
    }

    /// The cluster's id and organising org, its row locked until the transaction ends.
    static func lock(_ c: Connection, code: String) throws -> (Int64, Int64) {
        guard let row = try c.execute("SELECT id, org_id FROM clusters WHERE lower(code) = lower(\(code)) FOR UPDATE").first else {
            throw AwardError(.notFound, code: .unknownCluster, "no cluster with code \(code)", vi: "Không có cụm, khối thi đua mã \(code).")
        }
        return (try row.int("id"), try row.int("org_id"))
    }

    static func flagQuota(_ c: Connection, cluster: Int64) throws -> Int {
        Int(try c.execute("SELECT flag_quota FROM clusters WHERE id = \(cluster)").first!.int("flag_quota"))
    }

    static func insert(_ c: Connection, code: String, name: String, kind: ClusterKind, org: Int64, flagQuota: Int) throws {
        guard try !c.execute("""
            INSERT INTO clusters (code, name, kind, org_id, flag_quota) VALUES (\(code), \(name), \(kind.rawValue), \(org), \(flagQuota))
            ON CONFLICT DO NOTHING RETURNING id
            """).isEmpty else {
            throw AwardError(.conflict, code: .duplicateCluster, "a cluster with code \(code) exists already", vi: "Đã có cụm, khối thi đua mã \(code).")
        }
    }

    static func addMember(_ c: Connection, cluster: Int64, org: Int64) throws {
        try c.execute("INSERT INTO cluster_members (cluster_id, org_id) VALUES (\(cluster), \(org)) ON CONFLICT DO NOTHING")
    }

    static func isMember(_ c: Connection, cluster: Int64, org: Int64) throws -> Bool {
        try !c.execute("SELECT 1 FROM cluster_members WHERE cluster_id = \(cluster) AND org_id = \(org)").isEmpty
    }

    static func setHead(_ c: Connection, cluster: Int64, year: Int, org: Int64) throws {
        try c.execute("""
            INSERT INTO cluster_heads (cluster_id, year, org_id) VALUES (\(cluster), \(year), \(org))
            ON CONFLICT (cluster_id, year) DO UPDATE SET org_id = EXCLUDED.org_id
            """)
    }

    /// Records the year's vote; `false` when the cluster has voted for that year already.
    static func recordVote(_ c: Connection, cluster: Int64, year: Int, votes: [(org: Int64, votes: Int, proposed: Bool)], voters: Int, actor: String) throws -> Bool {
        // The cluster's row serialises its votes: the second of two concurrent ones sees the first.
        try c.execute("SELECT 1 FROM clusters WHERE id = \(cluster) FOR UPDATE")
        guard try c.execute("SELECT 1 FROM cluster_votes WHERE cluster_id = \(cluster) AND year = \(year)").isEmpty else { return false }
        for vote in votes {
            try c.execute("""
                INSERT INTO cluster_votes (cluster_id, year, org_id, votes, voters, proposed, recorded_by)
                VALUES (\(cluster), \(year), \(vote.org), \(vote.votes), \(voters), \(vote.proposed), \(actor))
                """)
        }
        return true
    }

    static func all(_ c: Connection, root: Int64?) throws -> [Cluster] {
        try c.execute("""
            SELECT json_build_object(
              'code', k.code, 'name', k.name, 'kind', k.kind, 'org', o.code, 'flag_quota', k.flag_quota,
              'members', (SELECT coalesce(json_agg(u.code ORDER BY u.name COLLATE vi), '[]') FROM cluster_members m JOIN orgs u ON u.id = m.org_id WHERE m.cluster_id = k.id),
              'heads', (SELECT coalesce(json_agg(json_build_object('year', h.year, 'org', u.code) ORDER BY h.year), '[]')
                        FROM cluster_heads h JOIN orgs u ON u.id = h.org_id WHERE h.cluster_id = k.id),
              'votes', (SELECT coalesce(json_agg(json_build_object('year', v.year, 'org', u.code, 'votes', v.votes, 'voters', v.voters, 'proposed', v.proposed)
                                                 ORDER BY v.year, v.votes DESC, u.code), '[]')
                        FROM cluster_votes v JOIN orgs u ON u.id = v.org_id WHERE v.cluster_id = k.id))::text AS cluster
            FROM clusters k JOIN orgs o ON o.id = k.org_id
            WHERE \(root)::bigint IS NULL OR o.path @> ARRAY[\(root)]::bigint[]
               OR EXISTS (SELECT 1 FROM cluster_members m JOIN orgs u ON u.id = m.org_id WHERE m.cluster_id = k.id AND u.path @> ARRAY[\(root)]::bigint[])
            ORDER BY k.name COLLATE vi
            """).map { try JSON.decoder.decode(Cluster.self, from: Data(try $0.string("cluster").utf8)) }
    }
}

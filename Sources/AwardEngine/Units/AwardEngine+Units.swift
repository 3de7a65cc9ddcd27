import AwardPostgres
import Foundation

/// What a unit import did.
public struct UnitImportReport: Sendable, Codable, Equatable {
    public var units: Int
    public var added: Int
    public var updated: Int
    public var unchanged: Int
    public var edges: Int
    public var edgesAdded: Int
    public var edgesRemoved: Int
    public var edgesUnchanged: Int

    enum CodingKeys: String, CodingKey {
        case units, added, updated, unchanged, edges, edgesAdded = "edges_added", edgesRemoved = "edges_removed", edgesUnchanged = "edges_unchanged"
    }
}

extension AwardEngine {
    /// Loads official administrative units and their lineage (docs/unit-import-format.md) under
    /// `root` (the code of a central org; the only central root by default), in one transaction.
    /// A unit is matched by its key: a new one is added with its key as its code, a known one gets
    /// the file's name, official code, kind and validity. The import's lineage edges among the
    /// file's units become the file's. Importing the same files again changes nothing. Refused,
    /// with nothing changed: a unit the file puts under another parent or level than the database
    /// has it (the tree does not move); a new unit whose code another org has; a change of official
    /// code or of lineage touching a unit a decision names.
    public func importUnits(units unitData: Data, lineage lineageData: Data, under root: String? = nil) async throws(AwardError) -> UnitImportReport {
        let units = try UnitFile.units(unitData)
        let edges = try UnitFile.lineage(lineageData)
        return try await transaction { c in
            try UnitStore.lock(c)
            let rootId = try UnitImport.root(c, code: root)
            let parentKeys = units.compactMap(\.parent)
            var known = try UnitStore.existing(c, keys: units.map(\.key) + parentKeys + edges.flatMap { [$0.predecessor, $0.successor] })
            var report = UnitImportReport(units: units.count, added: 0, updated: 0, unchanged: 0, edges: edges.count,
                                          edgesAdded: 0, edgesRemoved: 0, edgesUnchanged: 0)
            let changes = try UnitImport.changes(units, known: known, root: rootId)
            let recoded = changes.filter { $0.old.officialCode != $0.new.officialCode }
            let used = try UnitStore.used(c, ids: recoded.map(\.old.id))
            if let first = recoded.first(where: { used.contains($0.old.id) }) {
                throw AwardError(.refused, code: .unitInUse,
                                 "\(first.old.key) (\(first.old.name)) is named by a decision: its official code cannot change from \(first.old.officialCode ?? "none") to \(first.new.officialCode ?? "none")",
                                 vi: "\(first.old.key) (\(first.old.name)) đã có trong quyết định khen thưởng: không được đổi mã số từ \(first.old.officialCode ?? "(không có)") thành \(first.new.officialCode ?? "(không có)").")
            }
            for change in changes { try UnitStore.update(c, id: change.old.id, change.new) }
            report.updated = changes.count
            report.unchanged = units.count - changes.count - units.filter { known[$0.key.lowercased()] == nil }.count
            report.added = try UnitImport.insertNew(c, units, known: &known, root: rootId)

            let ids = try UnitImport.edgeIds(edges, known: known)
            let involved = Array(Set(units.compactMap { known[$0.key.lowercased()]?.id } + ids.flatMap { [$0.predecessor, $0.successor] }))
            let current = try UnitStore.importedEdges(c, among: involved)
            let wanted = Set(ids)
            let removed = current.subtracting(wanted), added = wanted.subtracting(current)
            let touched = try UnitStore.used(c, ids: Array(Set((removed.union(added)).flatMap { [$0.predecessor, $0.successor] })))
            if let edge = removed.union(added).first(where: { touched.contains($0.predecessor) || touched.contains($0.successor) }) {
                let names = known.values.reduce(into: [Int64: String]()) { $0[$1.id] = $1.key }
                let unit = names[touched.contains(edge.predecessor) ? edge.predecessor : edge.successor] ?? "?"
                let verb = added.contains(edge) ? "add" : "remove", động = added.contains(edge) ? "thêm" : "bỏ"
                throw AwardError(.refused, code: .unitInUse,
                                 "\(unit) is named by a decision: the import would \(verb) its lineage edge \(names[edge.predecessor] ?? "?") → \(names[edge.successor] ?? "?")",
                                 vi: "\(unit) đã có trong quyết định khen thưởng: việc nhập sẽ \(động) quan hệ kế thừa \(names[edge.predecessor] ?? "?") → \(names[edge.successor] ?? "?") của đơn vị.")
            }
            try UnitStore.replaceEdges(c, removed: removed, added: added)
            let changedPairs = Set(removed.map { [$0.predecessor, $0.successor] }).intersection(added.map { [$0.predecessor, $0.successor] })
            report.edgesAdded = added.count - changedPairs.count
            report.edgesRemoved = removed.count - changedPairs.count
            report.edgesUnchanged = wanted.intersection(current).count
            return report
        }
    }

    /// Gives orgs made before the unit import their unit keys, so that the import updates them
    /// instead of adding a second org (`awardctl org map-units`; docs/unit-import-format.md).
    /// `mapping` is a CSV `code,key`. Returns how many orgs got a key.
    public func mapUnits(_ mapping: Data) async throws(AwardError) -> Int {
        let pairs = try UnitFile.mapping(mapping)
        return try await transaction { c in
            for (line, code, key) in pairs {
                let done: Bool
                do { done = try UnitStore.setKey(c, code: code, key: key) } catch let error as PostgresError where error.sqlState == "23505" {
                    throw UnitFile.conflict("mapping.csv", line, "key", "another org already has the key \(key)", vi: "cơ quan, đơn vị khác đã có mã \(key)")
                }
                guard done else { throw UnitFile.bad("mapping.csv", line, "code", "no organisation has the code \(code)", vi: "không có cơ quan, đơn vị mã \(code)") }
            }
            return pairs.count
        }
    }
}

extension AwardEngine {
    /// An organisation in time (`awardctl org show`, the unit's page): its official identity, the
    /// units it continues and those that continue it, its awards by year with and without its
    /// predecessors', and the decisions it issued. The caller must be allowed to read its reports.
    public func orgProfile(code: String, viewer: Principal? = nil) async throws(AwardError) -> OrgProfile {
        try await readLease { c in
            let org = try OrgStore.org(c, code: code)
            try Policy.require(viewer, .readReports, Subject(org: org.ref, alsoVisibleVia: try Access.continuers(c, viewer, org.ref)))
            return try LineageStore.profile(c, org: org.id)
        }
    }
}

extension AwardEngine {
    /// Organisations whose name contains `text` (accents and case ignored), for any signed-in
    /// caller as the org list is: a unit closed by the 2025 reform says what it is now.
    public func findOrgs(_ text: String, limit: Int = 20) async throws(AwardError) -> [OrgHit] {
        let query = try Text.required(text, field: .searchText, maxLength: 200, multiline: false)
        return try await readLease { c in try LineageStore.find(c, text: query, limit: max(1, min(limit, 200))) }
    }
}

extension AwardEngine {
    /// "nay là Phường Lào Cai" for an org the reform closed, nil for one in force (the org list's
    /// facts, for any signed-in caller): a decision of a body that no longer exists names its successor.
    public func nowNote(of code: String) async throws(AwardError) -> String? {
        try await readLease { c in
            let org = try OrgStore.org(c, code: code)
            guard try RerouteStore.closedOn(c, org: org.id) != nil else { return nil }
            return OrgProfile.now(closed: true, successors: try LineageStore.links(c, org: org.id, towards: .successors))
        }
    }
}

import AwardPostgres
import Foundation

/// The unit import's decisions, between the files and the store: which known units change, the
/// order new ones are added in (each parent first), and the lineage edges by org id.
enum UnitImport {
    /// The central org the file's top units go under.
    static func root(_ c: Connection, code: String?) throws -> Int64 {
        let roots = try UnitStore.centralRoots(c)
        if let code {
            let org = try OrgStore.org(c, code: code)
            guard org.level == .central, org.parent == nil else {
                throw AwardError(.invalidInput, code: .unitConflict, "\(code) is not a central root organisation",
                                 vi: "\(code) không phải cơ quan cấp trung ương ở gốc cây tổ chức.", field: "under")
            }
            return org.id
        }
        guard roots.count == 1, let only = roots.first else {
            let names = roots.map(\.code).joined(separator: ", ")
            throw AwardError(.invalidInput, code: .unitConflict,
                             roots.isEmpty ? "there is no central root organisation: add one (awardctl org add TW --name \"Chính phủ\" --level central)"
                                           : "several central roots (\(names)): name one with --under",
                             vi: roots.isEmpty ? "Chưa có cơ quan trung ương ở gốc cây tổ chức: thêm bằng awardctl org add TW --name \"Chính phủ\" --level central."
                                               : "Có nhiều cơ quan trung ương ở gốc (\(names)): chọn một bằng --under.", field: "under")
        }
        return only.id
    }

    /// Known units whose name, official code, kind or validity the file changes; refuses one the
    /// file puts elsewhere in the tree.
    static func changes(_ units: [UnitRecord], known: [String: UnitStore.Existing], root: Int64) throws -> [(old: UnitStore.Existing, new: UnitRecord)] {
        var changes: [(old: UnitStore.Existing, new: UnitRecord)] = []
        for unit in units {
            guard let old = known[unit.key.lowercased()] else { continue }
            let parent = unit.parent.map { known[$0.lowercased()]?.id } ?? root
            guard old.parentId == parent, old.level == unit.level else {
                let there = old.parentKey ?? (old.parentId == root ? "(the root)" : "an org without a unit key")
                throw AwardError(.refused, code: .unitConflict,
                                 "\(unit.key) is a \(old.level.rawValue) under \(there) in the database; the file puts it as a \(unit.level.rawValue) under \(unit.parent ?? "the root") (an org does not move: add its successor with a moved edge)",
                                 vi: "\(unit.key) trong cơ sở dữ liệu là cấp \(old.level.vietnamese) thuộc \(there); tệp đặt nó ở cấp \(unit.level.vietnamese) thuộc \(unit.parent ?? "gốc"). Cơ quan, đơn vị không chuyển được: thêm đơn vị kế thừa với quan hệ moved.",
                                 field: "units.csv")
            }
            if old.officialCode != unit.officialCode || old.name != unit.name || old.divisionType != unit.divisionType
                || old.validFrom != unit.validFrom || old.validTo != unit.validTo {
                changes.append((old, unit))
            }
        }
        return changes
    }

    /// Adds the units the database lacks, parents first, and records them in `known`; returns how many.
    static func insertNew(_ c: Connection, _ units: [UnitRecord], known: inout [String: UnitStore.Existing], root: Int64) throws -> Int {
        var pending = units.filter { known[$0.key.lowercased()] == nil }
        let count = pending.count
        let taken = try UnitStore.codesTaken(c, codes: pending.map(\.key))
        if let first = taken.first {
            throw AwardError(.refused, code: .unitConflict,
                             "the code \(first.code) belongs to \(first.name), which has no unit key: give it one (awardctl org map-units) or rename the file's unit",
                             vi: "Mã \(first.code) đã thuộc về \(first.name), chưa có mã đơn vị hành chính: gán bằng awardctl org map-units hoặc đổi mã trong tệp.",
                             field: "units.csv")
        }
        while !pending.isEmpty {
            let ready = pending.compactMap { unit -> (UnitRecord, parent: Int64)? in
                guard let parent = unit.parent else { return (unit, root) }
                return known[parent.lowercased()].map { (unit, $0.id) }
            }
            guard !ready.isEmpty else {
                let unit = pending[0]
                throw AwardError(.invalidInput, code: .badUnitFile, "units.csv: the parent \(unit.parent ?? "") of \(unit.key) is neither in the file nor in the database",
                                 vi: "units.csv: đơn vị cấp trên \(unit.parent ?? "") của \(unit.key) không có trong tệp và trong cơ sở dữ liệu.", field: "units.csv")
            }
            let ids = try UnitStore.insert(c, ready)
            for (unit, parent) in ready {
                guard let id = ids[unit.key.lowercased()] else { continue }
                known[unit.key.lowercased()] = UnitStore.Existing(
                    id: id, key: unit.key, officialCode: unit.officialCode, name: unit.name, divisionType: unit.divisionType,
                    level: unit.level, parentKey: unit.parent, parentId: parent, validFrom: unit.validFrom, validTo: unit.validTo)
            }
            let done = Set(ready.map { $0.0.key.lowercased() })
            pending.removeAll { done.contains($0.key.lowercased()) }
        }
        return count
    }

    /// The file's edges by org id; refuses one naming a unit neither file nor database has.
    static func edgeIds(_ edges: [LineageRecord], known: [String: UnitStore.Existing]) throws -> [UnitStore.Edge] {
        try edges.map { edge in
            guard let from = known[edge.predecessor.lowercased()], let to = known[edge.successor.lowercased()] else {
                let missing = known[edge.predecessor.lowercased()] == nil ? edge.predecessor : edge.successor
                throw UnitFile.bad("lineage.csv", edge.line, known[edge.predecessor.lowercased()] == nil ? "predecessor" : "successor",
                                   "the unit \(missing) is neither in units.csv nor in the database", vi: "đơn vị \(missing) không có trong units.csv và trong cơ sở dữ liệu")
            }
            return UnitStore.Edge(predecessor: from.id, successor: to.id, relation: edge.relation.rawValue, partly: edge.partly, effective: edge.effective)
        }
    }
}

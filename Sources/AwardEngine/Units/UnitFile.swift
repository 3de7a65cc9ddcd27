import AwardDomain
import Foundation

/// One unit of a unit import file (docs/unit-import-format.md): `units.csv`.
public struct UnitRecord: Sendable, Equatable, Encodable {
    public var key: String
    public var officialCode: String?
    public var name: String
    public var divisionType: String?
    public var level: OrgLevel
    /// The parent's key; `nil` for a unit attached under the import's root.
    public var parent: String?
    public var validFrom: CivilDate?
    public var validTo: CivilDate?
}

/// One lineage edge of `lineage.csv`.
public struct LineageRecord: Sendable, Equatable, Encodable {
    public enum Relation: String, Sendable, Codable, CaseIterable { case merged, split, renamed, moved, covers }
    public var predecessor: String
    public var successor: String
    public var relation: Relation
    public var partly: Bool
    public var effective: CivilDate
    /// The line of lineage.csv it was read from.
    public var line: Int
}

/// Reads the two files of a unit import, refusing the first bad line with its file, line and column.
enum UnitFile {
    static let unitHeader = ["key", "official_code", "name", "division_type", "level", "parent", "valid_from", "valid_to"]
    static let lineageHeader = ["predecessor", "successor", "relation", "partly", "effective"]
    /// The whole country is 14,165 units and 14,955 edges; a file ten times that is refused.
    static let maxRows = 200_000
    static let maxBytes = 64 << 20

    static func units(_ data: Data) throws(AwardError) -> [UnitRecord] {
        var seen = Set<String>()
        return try rows(data, file: "units.csv", header: unitHeader) { (line, f) throws(AwardError) in
            let key = try Self.key(f[0], "units.csv", line, "key")
            guard seen.insert(key.lowercased()).inserted else { throw bad("units.csv", line, "key", "the key \(key) appears twice", vi: "mã \(key) xuất hiện hai lần") }
            guard let level = OrgLevel(rawValue: f[4]), level != .central else {
                throw bad("units.csv", line, "level", "level \(f[4]) is not one of ministry, province, district, commune, unit",
                          vi: "cấp «\(f[4])» không thuộc ministry, province, district, commune, unit")
            }
            let code = f[1].isEmpty ? nil : f[1]
            if let code, code.range(of: "^[0-9]{2,5}$", options: .regularExpression) == nil {
                throw bad("units.csv", line, "official_code", "official code \(code) is not 2 to 5 digits", vi: "mã số \(code) không phải 2 đến 5 chữ số")
            }
            let name = f[2].precomposedStringWithCanonicalMapping.trimmingCharacters(in: .whitespaces)
            guard !name.isEmpty, name.count <= 300, !name.contains(where: \.isNewline) else {
                throw bad("units.csv", line, "name", "the name is empty, longer than 300 characters or spans lines", vi: "tên trống, dài quá 300 ký tự hoặc xuống dòng")
            }
            let type = f[3].precomposedStringWithCanonicalMapping
            guard type.count <= 40 else { throw bad("units.csv", line, "division_type", "longer than 40 characters", vi: "dài quá 40 ký tự") }
            let from = try date(f[6], "units.csv", line, "valid_from"), to = try date(f[7], "units.csv", line, "valid_to")
            if let from, let to, to < from {
                throw bad("units.csv", line, "valid_to", "valid_to \(to) is before valid_from \(from)", vi: "hiệu lực đến \(to.vietnamese) trước ngày bắt đầu \(from.vietnamese)")
            }
            return UnitRecord(key: key, officialCode: code, name: name, divisionType: type.isEmpty ? nil : type, level: level,
                              parent: f[5].isEmpty ? nil : try Self.key(f[5], "units.csv", line, "parent"), validFrom: from, validTo: to)
        }
    }

    static func lineage(_ data: Data) throws(AwardError) -> [LineageRecord] {
        var seen = Set<String>()
        return try rows(data, file: "lineage.csv", header: lineageHeader) { (line, f) throws(AwardError) in
            let from = try key(f[0], "lineage.csv", line, "predecessor"), to = try key(f[1], "lineage.csv", line, "successor")
            guard from.lowercased() != to.lowercased() else { throw bad("lineage.csv", line, "successor", "a unit cannot succeed itself", vi: "đơn vị không thể kế thừa chính nó") }
            guard seen.insert("\(from.lowercased()) \(to.lowercased())").inserted else {
                throw bad("lineage.csv", line, "successor", "the edge \(from) → \(to) appears twice", vi: "quan hệ \(from) → \(to) xuất hiện hai lần")
            }
            guard let relation = LineageRecord.Relation(rawValue: f[2]) else {
                throw bad("lineage.csv", line, "relation", "relation \(f[2]) is not one of merged, split, renamed, moved, covers",
                          vi: "quan hệ «\(f[2])» không thuộc merged, split, renamed, moved, covers")
            }
            guard f[3] == "0" || f[3] == "1" || f[3].isEmpty else {
                throw bad("lineage.csv", line, "partly", "partly must be 0 or 1", vi: "partly phải là 0 hoặc 1")
            }
            guard let effective = try date(f[4], "lineage.csv", line, "effective") else {
                throw bad("lineage.csv", line, "effective", "the date the edge took effect is required (yyyy-mm-dd)", vi: "cần ngày có hiệu lực (yyyy-mm-dd)")
            }
            return LineageRecord(predecessor: from, successor: to, relation: relation, partly: f[3] == "1", effective: effective, line: line)
        }
    }

    private static func rows<T>(_ data: Data, file: String, header: [String],
                                _ make: (Int, [String]) throws(AwardError) -> T) throws(AwardError) -> [T] {
        guard data.count <= maxBytes else {
            throw AwardError(.invalidInput, code: .badUnitFile, "\(file) is larger than \(maxBytes >> 20) MB",
                             vi: "Tệp \(file) lớn hơn \(maxBytes >> 20) MB.", field: file)
        }
        var reader = CSVReader(data)
        var records: [T] = []
        var first = true
        while let next = reader.next() {
            let record: (line: Int, fields: [String])
            switch next {
            case .success(let value): record = value
            case .failure(let error): throw bad(file, error.line, nil, error.message, vi: "ô có dấu ngoặc kép không được đóng")
            }
            let fields = record.fields.map { $0.trimmingCharacters(in: .whitespaces) }
            if first {
                guard fields == header else {
                    throw bad(file, record.line, nil, "the header must be \(header.joined(separator: ","))",
                              vi: "dòng tiêu đề phải là \(header.joined(separator: ","))")
                }
                first = false
                continue
            }
            guard fields.count == header.count else {
                throw bad(file, record.line, nil, "\(fields.count) columns where \(header.count) are expected", vi: "có \(fields.count) cột, cần \(header.count) cột")
            }
            guard records.count < maxRows else { throw bad(file, record.line, nil, "more than \(maxRows) rows", vi: "quá \(maxRows) dòng") }
            records.append(try make(record.line, fields))
        }
        guard !first else { throw bad(file, 1, nil, "the file is empty", vi: "tệp trống") }
        return records
    }

    private static func key(_ text: String, _ file: String, _ line: Int, _ column: String) throws(AwardError) -> String {
        guard text.range(of: "^[A-Za-z][A-Za-z0-9._-]{0,63}$", options: .regularExpression) != nil else {
            throw bad(file, line, column, "\(text.isEmpty ? "an empty key" : "key \(text)") is not a letter followed by up to 63 letters, digits, '.', '_' or '-'",
                      vi: "mã «\(text)» phải bắt đầu bằng chữ cái, tiếp theo tối đa 63 chữ, số, dấu chấm, gạch dưới hoặc gạch ngang")
        }
        return text
    }

    private static func date(_ text: String, _ file: String, _ line: Int, _ column: String) throws(AwardError) -> CivilDate? {
        guard !text.isEmpty else { return nil }
        guard let date = CivilDate(iso: text) else {
            throw bad(file, line, column, "\(text) is not a date (yyyy-mm-dd)", vi: "«\(text)» không phải ngày (yyyy-mm-dd)")
        }
        return date
    }

    /// `mapping.csv` of `awardctl org map-units`: `code,key` with the line of each.
    static func mapping(_ data: Data) throws(AwardError) -> [(line: Int, code: String, key: String)] {
        var seen = Set<String>()
        return try rows(data, file: "mapping.csv", header: ["code", "key"]) { (line, f) throws(AwardError) in
            let code = f[0]
            guard code.range(of: "^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$", options: .regularExpression) != nil else {
                throw bad("mapping.csv", line, "code", "\(code) is not an organisation code", vi: "«\(code)» không phải mã cơ quan, đơn vị")
            }
            let unit = try key(f[1], "mapping.csv", line, "key")
            guard seen.insert(unit.lowercased()).inserted else { throw bad("mapping.csv", line, "key", "the key \(unit) appears twice", vi: "mã \(unit) xuất hiện hai lần") }
            return (line, code, unit)
        }
    }

    static func conflict(_ file: String, _ line: Int, _ column: String, _ message: String, vi: String) -> AwardError {
        AwardError(.refused, code: .unitConflict, "\(file), line \(line), column \(column): \(message)",
                   vi: "\(file), dòng \(line), cột \(column): \(vi).", field: file)
    }

    static func bad(_ file: String, _ line: Int, _ column: String?, _ message: String, vi: String) -> AwardError {
        let place = column.map { "\(file), line \(line), column \($0)" } ?? "\(file), line \(line)"
        let chỗ = column.map { "\(file), dòng \(line), cột \($0)" } ?? "\(file), dòng \(line)"
        return AwardError(.invalidInput, code: .badUnitFile, "\(place): \(message)", vi: "\(chỗ): \(vi).", field: file)
    }
}

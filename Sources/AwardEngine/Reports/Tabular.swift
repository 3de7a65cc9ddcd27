import Foundation
import AwardPostgres

/// A value that prints as a table row and a CSV record: the same columns for awardctl's tables,
/// awardctl's CSV and awardd's CSV.
public protocol Tabular {
    /// Column names (the JSON field names where there is one).
    static var headers: [String] { get }
    /// The row's cells, formatted for people: dd/mm/yyyy dates, Vietnamese text as stored.
    var cells: [String] { get }
}

/// CSV that Excel opens correctly: UTF-8 with a byte-order mark, CRLF line ends, fields quoted
/// when they hold a comma, semicolon, quote or line break, and a leading apostrophe on text that
/// Excel would otherwise run as a formula (`=`, `+`, `-`, `@`).
public enum CSV {
    /// The UTF-8 byte-order mark Excel needs to read UTF-8.
    public static let byteOrderMark = "\u{FEFF}"

    /// The header line, with the byte-order mark.
    public static func header<T: Tabular>(_ type: T.Type) -> String {
        byteOrderMark + record(T.headers)
    }

    /// One record with its CRLF.
    public static func record(_ fields: [String]) -> String {
        fields.map(field).joined(separator: ",") + "\r\n"
    }

    /// A whole document.
    public static func document<T: Tabular>(_ rows: [T]) -> String {
        rows.reduce(into: header(T.self)) { $0 += record($1.cells) }
    }

    static func field(_ value: String) -> String {
        var text = value
        if let first = text.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first), Double(text) == nil {
            text = "'" + text
        }
        if text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == ";" }) {
            return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return text
    }

    /// `dd/mm/yyyy HH:mm:ss` in Vietnam time, as officers write times.
    public static func vietnameseDateTime(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(secondsFromGMT: 7 * 3600)
        formatter.dateFormat = "dd/MM/yyyy HH:mm:ss"
        return formatter.string(from: date)
    }
}

extension NominationView: Tabular {
    public static var headers: [String] { ["id", "kind", "state", "tier", "org", "nominee", "nominee_type", "unit", "year", "decision", "decision_date", "revocation", "revocation_date"] }
    public var cells: [String] {
        [String(id), kind, state.rawValue, "\(tier.rawValue) (\(tierIndex)/\(tiers))", org, nominee.name, nominee.type.rawValue, unit,
         year.map(String.init) ?? "", decision?.number ?? "", decision?.date.vietnamese ?? "",
         revocation?.number ?? "", revocation?.date.vietnamese ?? ""]
    }
}

extension HistoryEntry: Tabular {
    public static var headers: [String] { ["seq", "command", "from_state", "to_state", "tier", "org", "actor", "at", "decision", "reason"] }
    public var cells: [String] {
        [String(seq), command, fromState?.rawValue ?? "", toState.rawValue, tier.rawValue, org, actor, CSV.vietnameseDateTime(at),
         decision.map { "\($0.number) (\($0.date.vietnamese))" } ?? "", reason ?? ""]
    }
}

extension Awardee: Tabular {
    public static var headers: [String] { ["nomination_id", "nominee", "nominee_type", "kind", "unit", "decision_number", "decision_date"] }
    public var cells: [String] {
        [String(nominationId), nominee, nomineeType.rawValue, kind, unit, decisionNumber, decisionDate.vietnamese]
    }
}

/// An awardee with its citizen identity number: the export asked for with the number.
public struct AwardeeWithCitizenId: Tabular, Sendable {
    public var awardee: Awardee
    public init(_ awardee: Awardee) { self.awardee = awardee }
    public static var headers: [String] { Awardee.headers + ["cccd"] }
    public var cells: [String] { awardee.cells + [awardee.cccd ?? ""] }
}

extension Organisation: Tabular {
    public static var headers: [String] { ["code", "name", "level", "parent"] }
    public var cells: [String] { [code, name, level.rawValue, parent ?? ""] }
}

extension AwardKind: Tabular {
    public static var headers: [String] { ["code", "name_vi", "name_en", "nominee_types", "chain"] }
    public var cells: [String] {
        [code, nameVi, nameEn, nomineeTypes.map(\.rawValue).joined(separator: " "), chain.map(\.rawValue).joined(separator: " → ")]
    }
}

extension MigrationReport: Tabular {
    public static var headers: [String] { ["from", "to", "applied"] }
    public var cells: [String] { [String(from), String(to), applied.isEmpty ? "nothing to do" : applied.map(String.init).joined(separator: ", ")] }
}

extension IssuedToken: Tabular {
    public static var headers: [String] { ["name", "org", "role", "token"] }
    public var cells: [String] { [name, org, role.rawValue, token] }
}

extension UserInfo: Tabular {
    public static var headers: [String] { ["name", "org", "role", "revoked"] }
    public var cells: [String] { [name, org, role.rawValue, revoked ? "yes" : "no"] }
}

extension SummaryRow: Tabular {
    public static var headers: [String] { ["kind", "nominee_type", "count"] }
    public var cells: [String] { [kind, nomineeType.rawValue, String(count)] }
}

import ArgumentParser
import AwardEngine
import Foundation

/// How a command prints what it read or changed.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case table, json, csv
}

struct FormatOptions: ParsableArguments {
    @Option(help: "Output format: table, json or csv (CSV is UTF-8 with BOM and CRLF, for Excel).")
    var format: OutputFormat = .table
}

/// A value that prints as a table row and a CSV record.
protocol Tabular: Encodable {
    static var headers: [String] { get }
    var cells: [String] { get }
}

enum Printer {
    static func write(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    /// Prints one value (a `show` object or similar).
    static func one<T: Tabular>(_ value: T, _ format: OutputFormat) throws {
        switch format {
        case .json: write(String(decoding: try JSON.encoder.encode(value), as: UTF8.self) + "\n")
        case .csv: write(csv([value]))
        case .table:
            let width = T.headers.map(displayWidth).max() ?? 0
            for (header, cell) in zip(T.headers, value.cells) {
                write(pad(header, width) + "  " + cell + "\n")
            }
        }
    }

    /// Prints a list.
    static func many<T: Tabular>(_ values: [T], _ format: OutputFormat) throws {
        switch format {
        case .json: write(String(decoding: try JSON.encoder.encode(values), as: UTF8.self) + "\n")
        case .csv: write(csv(values))
        case .table: write(table(T.headers, values.map(\.cells)))
        }
    }

    /// Columns aligned by display width: a Vietnamese letter with its marks is one column,
    /// whether it was stored as one scalar or several.
    static func table(_ headers: [String], _ rows: [[String]]) -> String {
        var widths = headers.map(displayWidth)
        for row in rows {
            for (i, cell) in row.enumerated() { widths[i] = max(widths[i], displayWidth(cell)) }
        }
        func line(_ cells: [String]) -> String {
            var text = ""
            for (i, cell) in cells.enumerated() {
                text += i == cells.count - 1 ? cell : pad(cell, widths[i]) + "  "
            }
            return text + "\n"
        }
        var out = line(headers)
        out += line(widths.map { String(repeating: "-", count: $0) })
        for row in rows { out += line(row) }
        return out
    }

    /// CSV for Excel: a UTF-8 byte-order mark, CRLF line ends, fields quoted when they hold a
    /// comma, quote or line break, and a leading quote mark on text Excel would run as a formula.
    static func csv<T: Tabular>(_ values: [T]) -> String {
        var out = "\u{FEFF}" + T.headers.map(csvField).joined(separator: ",") + "\r\n"
        for value in values {
            out += value.cells.map(csvField).joined(separator: ",") + "\r\n"
        }
        return out
    }

    static func csvField(_ value: String) -> String {
        var text = value
        if let first = text.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first), Double(text) == nil {
            text = "'" + text
        }
        if text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == ";" }) {
            return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return text
    }

    /// Terminal columns a string takes: one per grapheme, two for East Asian wide characters.
    static func displayWidth(_ text: String) -> Int {
        text.reduce(0) { width, character in
            guard let scalar = character.unicodeScalars.first else { return width }
            let wide = (0x1100...0x115F).contains(scalar.value) || (0x2E80...0xA4CF).contains(scalar.value)
                || (0xAC00...0xD7A3).contains(scalar.value) || (0xF900...0xFAFF).contains(scalar.value)
                || (0xFF00...0xFF60).contains(scalar.value) || (0x1F300...0x1FAFF).contains(scalar.value)
            return width + (wide ? 2 : 1)
        }
    }

    static func pad(_ text: String, _ width: Int) -> String {
        text + String(repeating: " ", count: max(0, width - displayWidth(text)))
    }

    static func dateTime(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(secondsFromGMT: 7 * 3600)
        formatter.dateFormat = "dd/MM/yyyy HH:mm:ss"
        return formatter.string(from: date)
    }
}

extension NominationView: Tabular {
    static var headers: [String] { ["id", "kind", "state", "tier", "org", "nominee", "nominee_type", "unit", "year", "decision", "decision_date"] }
    var cells: [String] {
        [String(id), kind, state.rawValue, "\(tier.rawValue) (\(tierIndex)/\(tiers))", org, nominee.name, nominee.type.rawValue, unit,
         year.map(String.init) ?? "", decision?.number ?? "", decision?.date.vietnamese ?? ""]
    }
}

extension HistoryEntry: Tabular {
    static var headers: [String] { ["seq", "command", "from_state", "to_state", "tier", "org", "actor", "at", "decision", "reason"] }
    var cells: [String] {
        [String(seq), command, fromState?.rawValue ?? "", toState.rawValue, tier.rawValue, org, actor, Printer.dateTime(at),
         decision.map { "\($0.number) (\($0.date.vietnamese))" } ?? "", reason ?? ""]
    }
}

extension Awardee: Tabular {
    static var headers: [String] { ["nomination_id", "nominee", "nominee_type", "kind", "unit", "decision_number", "decision_date"] }
    var cells: [String] {
        [String(nominationId), nominee, nomineeType.rawValue, kind, unit, decisionNumber, decisionDate.vietnamese]
    }
}

extension Organisation: Tabular {
    static var headers: [String] { ["code", "name", "level", "parent"] }
    var cells: [String] { [code, name, level.rawValue, parent ?? ""] }
}

extension AwardKind: Tabular {
    static var headers: [String] { ["code", "name_vi", "name_en", "nominee_types", "chain"] }
    var cells: [String] {
        [code, nameVi, nameEn, nomineeTypes.map(\.rawValue).joined(separator: " "), chain.map(\.rawValue).joined(separator: " → ")]
    }
}

extension MigrationReport: Tabular {
    static var headers: [String] { ["from", "to", "applied"] }
    var cells: [String] { [String(from), String(to), applied.isEmpty ? "nothing to do" : applied.map(String.init).joined(separator: ", ")] }
}

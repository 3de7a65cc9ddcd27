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

enum Printer {
    static func write(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    /// Prints any value as one line of JSON.
    static func json<T: Encodable>(_ value: T) throws {
        write(String(decoding: try JSON.encoder.encode(value), as: UTF8.self) + "\n")
    }

    /// Prints one value (a `show` object or similar).
    static func one<T: Tabular & Encodable>(_ value: T, _ format: OutputFormat) throws {
        switch format {
        case .json: try json(value)
        case .csv: write(csv([value]))
        case .table:
            let width = T.headers.map(displayWidth).max() ?? 0
            for (header, cell) in zip(T.headers, value.cells) {
                write((cell.isEmpty ? header : pad(header, width) + "  " + cell) + "\n")
            }
        }
    }

    /// Prints a list.
    static func many<T: Tabular & Encodable>(_ values: [T], _ format: OutputFormat) throws {
        switch format {
        case .json: try json(values)
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
            // No trailing blanks: an empty last column leaves none.
            while text.last == " " { text.removeLast() }
            return text + "\n"
        }
        var out = line(headers)
        out += line(widths.map { String(repeating: "-", count: $0) })
        for row in rows { out += line(row) }
        return out
    }

    static func csv<T: Tabular>(_ values: [T]) -> String {
        CSV.document(values)
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
}

/// The options every reading or writing command shares: where the database is, and how to print.
struct CommandIO: ParsableArguments {
    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var output: FormatOptions

    var format: OutputFormat { output.format }

    /// Runs `body` on the engine (see ``ConnectionOptions/run(_:)``).
    func run<T: Sendable>(_ body: (AwardEngine) async throws -> T) async throws -> T {
        try await connection.run(body)
    }

    /// Runs `body` and prints the one value it returns.
    func one<T: Tabular & Encodable & Sendable>(_ body: (AwardEngine) async throws -> T) async throws {
        try Printer.one(try await connection.run(body), output.format)
    }

    /// Runs `body` and prints the list it returns.
    func many<T: Tabular & Encodable & Sendable>(_ body: (AwardEngine) async throws -> [T]) async throws {
        try Printer.many(try await connection.run(body), output.format)
    }
}

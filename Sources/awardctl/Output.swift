import ArgumentParser
import AwardDocuments
import AwardEngine
import Foundation
import Synchronization

/// How a command prints what it read or changed.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case table, json, csv, xlsx
}

struct FormatOptions: ParsableArguments {
    @Option(help: "Output format: table, json, csv (UTF-8 with BOM and CRLF, for Excel) or xlsx (an Excel workbook; needs -o FILE).")
    var format: OutputFormat = .table

    @Option(name: [.short, .customLong("output")], help: ArgumentHelp("The file an xlsx (or a paper) is written to.", valueName: "file"))
    var output: String?

    func validate() throws {
        if format == .xlsx {
            guard let output else { throw ValidationError("--format xlsx writes a workbook: give the file with -o FILE (e.g. -o ket-qua.xlsx)") }
            Printer.workbookFile.withLock { $0 = output }
        }
    }
}

enum Printer {
    static func write(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    /// Where `--format xlsx` writes (set from -o when the options are read).
    static let workbookFile = Mutex<String?>(nil)

    /// Writes bytes to a file and says so: "FILE  N bytes".
    static func save(_ data: Data, to path: String) throws {
        guard FileManager.default.createFile(atPath: path, contents: data) else { throw ValidationError("cannot write \(path)") }
        write("\(path)  \(data.count) bytes\n")
    }

    /// Rows as an Excel workbook in the -o file: dates as dates, numbers as numbers.
    static func workbook(_ headers: [String], _ rows: [[String]]) throws {
        guard let path = workbookFile.withLock({ $0 }) else { throw ValidationError("--format xlsx needs -o FILE") }
        try save(try XLSXWriter.workbook(sheetName: "Award Engine", headers: headers, rows: rows.map { $0.map(XLSXCell.guess) }), to: path)
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
        case .xlsx: try workbook(T.headers, [value.cells])
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
        case .xlsx: try workbook(T.headers, values.map(\.cells))
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

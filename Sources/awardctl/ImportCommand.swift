import ArgumentParser
import AwardDocuments
import AwardEngine
import AwardPostgres
import Foundation

/// `awardctl import`: many nominations from a spreadsheet, in one transaction through COPY.
struct ImportNominations: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import nominations from a CSV or Excel (.xlsx) file (all or none), each submitted to the first tier of its route.",
        discussion: """
            The first line names the columns, in any order: \(AwardEngine.importColumns.joined(separator: ",")).
            kind, unit, nominee and nominee_type are required. Dates are YYYY-MM-DD or dd/mm/yyyy; a file
            saved by Excel as "CSV UTF-8" is read as it is; an .xlsx is read from its first sheet (dates as Excel stores
            them, line numbers as the sheet's rows). `awardctl import-template individual -o mau.xlsx` writes a blank one. Each row gets a new nominee; the first bad row
            refuses the whole file, naming its line, and nothing is recorded.

            Example:
              kind,unit,nominee,nominee_type,year,reason
              giay-khen,P-HB,Nguyễn Văn An,individual,2025,Hoàn thành xuất sắc nhiệm vụ
            """)
    @Argument(help: "The CSV or .xlsx file, or - for standard input.") var file: String
    @OptionGroup var actor: ActorOptions
    @Option(name: .customLong("override-reason"), help: "Admin only: let rows whose nominee is not eligible through, for this reason (kept in history).")
    var overrideReason: String?
    @OptionGroup var io: CommandIO

    func run() async throws {
        let data: Data
        do {
            data = file == "-" ? FileHandle.standardInput.readDataToEndOfFile() : try Data(contentsOf: URL(fileURLWithPath: file))
        } catch {
            // ArgumentParser exits 64 (bad usage or input) for a ValidationError.
            throw ValidationError("cannot read \(file): \(error.localizedDescription)")
        }
        let start = ContinuousClock.now
        let summary = try await io.run { engine in
            let principal = try await actor.principal(engine)
            // Who may import is asked before a byte of the file is parsed.
            try engine.authorize(principal, .importNominations)
            // An .xlsx (a zip): its first sheet, as the CSV import reads it.
            let csv = data.starts(with: [0x50, 0x4B, 0x03, 0x04]) ? try XLSXReader.csv(data) : data
            return try await engine.importNominations(csv: csv, by: principal, overrideReason: overrideReason)
        }
        let seconds = Bench.seconds(ContinuousClock.now - start)
        switch io.format {
        case .json: try Printer.json(summary)
        case .csv, .table, .xlsx:
            let ids = summary.firstId.map { "\($0)–\(summary.lastId ?? $0)" } ?? "-"
            Printer.write("imported \(summary.nominations) nominations (ids \(ids)) in "
                          + String(format: "%.2f s, %.0f rows/s\n", seconds, Double(summary.nominations) / max(seconds, 0.001)))
        }
    }
}

/// `awardctl import-template`: a blank import file with its header and one example row.
struct ImportTemplate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import-template",
        abstract: "Write a blank import file (xlsx or csv) for individuals or collectives, with its header and an example row.")
    @Argument(help: "individual, collective or household.") var nomineeType: NomineeType
    @Option(help: "xlsx or csv.") var format: String = "xlsx"
    @Option(name: [.short, .customLong("output")], help: "The file to write.") var output: String?
    @OptionGroup var connection: ConnectionOptions

    func validate() throws {
        guard ["xlsx", "csv"].contains(format) else { throw ValidationError("--format must be xlsx or csv, not \(format)") }
    }

    func run() async throws {
        let (kinds, units) = try await connection.run { engine in (try await engine.kinds(), try await engine.orgs()) }
        let template = ImportSheet.template(for: nomineeType, kinds: kinds, units: units)
        let path = output ?? "mau-nhap-\(nomineeType.rawValue).\(format)"
        let data = format == "csv" ? Data((CSV.byteOrderMark + ([template.headers] + template.rows).map(CSV.record).joined()).utf8)
            : try ImportSheet.xlsx(template)
        try Printer.save(data, to: path)
    }
}

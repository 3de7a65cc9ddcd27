import ArgumentParser
import AwardEngine
import AwardPostgres
import Foundation

/// `awardctl import`: many nominations from a spreadsheet, in one transaction through COPY.
struct ImportNominations: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import nominations from a CSV file (all or none), each submitted to the first tier of its route.",
        discussion: """
            The first line names the columns, in any order: \(AwardEngine.importColumns.joined(separator: ",")).
            kind, unit, nominee and nominee_type are required. Dates are YYYY-MM-DD or dd/mm/yyyy; a file
            saved by Excel as "CSV UTF-8" is read as it is. Each row gets a new nominee; the first bad row
            refuses the whole file, naming its line, and nothing is recorded.

            Example:
              kind,unit,nominee,nominee_type,year,reason
              giay-khen,P-HB,Nguyễn Văn An,individual,2025,Hoàn thành xuất sắc nhiệm vụ
            """)
    @Argument(help: "The CSV file, or - for standard input.") var file: String
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
            try await engine.importNominations(csv: data, by: try await actor.principal(engine), overrideReason: overrideReason)
        }
        let seconds = Bench.seconds(ContinuousClock.now - start)
        switch io.format {
        case .json: try Printer.json(summary)
        case .csv, .table:
            let ids = summary.firstId.map { "\($0)–\(summary.lastId ?? $0)" } ?? "-"
            Printer.write("imported \(summary.nominations) nominations (ids \(ids)) in "
                          + String(format: "%.2f s, %.0f rows/s\n", seconds, Double(summary.nominations) / max(seconds, 0.001)))
        }
    }
}

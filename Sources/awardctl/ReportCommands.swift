import ArgumentParser
import AwardDocuments
import AwardEngine
import Foundation
import Synchronization

struct Report: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Year-end reports and the statistics forms.", subcommands: [Summary.self, Form.self])

    struct Summary: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Awards (not revoked) by kind × nominee type over a period, for an org and everything below it.",
            discussion: "Example: awardctl report summary --from 2015 --to 2020 --org TX-SP --sentences")
        @Option var from: Int
        @Option var to: Int
        @Option var org: String?
        @Flag(name: .customLong("including-predecessors"), help: "With --org: also the units it continues since the 2025 reform (awardctl org show ORG lists them).")
        var includingPredecessors = false
        @Flag(help: "Also the Vietnamese sentences for the report (\"… tặng Giấy khen cho 17 tập thể và 66 cá nhân\").") var sentences = false
        @OptionGroup var io: CommandIO

        func run() async throws {
            let report = try await io.run { try await $0.summary(fromYear: from, toYear: to, org: org, includingPredecessors: includingPredecessors) }
            if io.format == .json && !sentences {
                try Printer.json(report.rows)
            } else if io.format == .json {
                try Printer.json(report)
            } else {
                try Printer.many(report.rows, io.format)
                if sentences { for sentence in report.sentences { Printer.write(sentence + "\n") } }
            }
        }
    }
}

extension Report {
    struct Form: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "A statistics form of the Ministry of Home Affairs, in its circular's layout, filled for a reporting period.",
            discussion: """
                Circular 02/2023/TT-BNV (periods from 2023): 0601 (campaigns launched), 0602 (state-level awards), 0603 (ministry and
                province-level awards), 0604 (bodies doing emulation work), 0605 (their civil servants). Circular 03/2018/TT-BNV
                (periods 2018–2022): 0701, 0702, 0703. The period of year Y runs from 1 December of Y-1 to 30 November of Y; rows are
                the circular's indicators with their codes, columns its award forms. --sum adds the units' workbooks (the same form,
                as this command writes it) to the org's own figures.
                Example: awardctl report form 0602 --period 2025 --org LC --format xlsx -o bieu-0602.xlsx
                """)
        @Argument(help: "The form's code: 0601–0605 (or 0701–0703 for 2018–2022).") var code: String
        @Option(help: "The reporting year.") var period: Int
        @Option(help: "The reporting org (default: all).") var org: String?
        @Flag(name: .customLong("including-predecessors"), help: "With --org: also the units it continues since the 2025 reform.")
        var includingPredecessors = false
        @Option(name: .customLong("sum"), parsing: .upToNextOption, help: "Units' workbooks of the same form to add (xlsx).")
        var sum: [String] = []
        @OptionGroup var io: CommandIO

        func run() async throws {
            var form = try await io.run { try await Papers(engine: $0).form(code, period: period, org: org, includingPredecessors: includingPredecessors) }
            if !sum.isEmpty {
                var units: [FilledForm.Unit] = []
                for path in sum {
                    guard let data = FileManager.default.contents(atPath: path), data.count <= 16 << 20 else {
                        throw ValidationError("cannot read \(path) (at most 16 MB)")
                    }
                    units.append(try FilledForm.unit(data, named: URL(fileURLWithPath: path).lastPathComponent, code: code))
                }
                form = form.adding(units)
            }
            switch io.format {
            case .json: try Printer.json(form)
            case .csv: Printer.write(form.csv)
            case .xlsx: try Printer.save(try form.xlsx(), to: io.output.output!)
            case .table:
                for line in form.heading { Printer.write(line + "\n") }
                let headers = ["Chỉ tiêu", "Mã số"] + form.columns.map(\.code)
                var rows: [[String]] = []
                for row in form.rows {
                    let label = String(repeating: "  ", count: max(0, row.level - 1)) + row.label
                    rows.append([label, row.code ?? ""] + (row.cells ?? []).map(String.init))
                }
                Printer.write(Printer.table(headers, rows))
                for column in form.columns { Printer.write("(\(column.code)) \(column.group.map { "\($0): " } ?? "")\(column.label)\n") }
                for note in form.notes { Printer.write("Ghi chú: \(note)\n") }
            }
        }
    }
}


struct Nominee: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Nominees.", subcommands: [History.self, Transfer.self, Profile.self])

    struct Transfer: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Move a nominee to another home unit (granted by an officer whose jurisdiction covers both units).",
            discussion: "Example: awardctl nominee transfer 42 --to P-SP --reason \"Chuyển công tác theo Quyết định 15/QĐ-UBND\" --as le.hoa")
        @Argument var id: Int64
        @Option(help: "The new home unit's code.") var to: String
        @Option(help: "Why (kept in the record).") var reason: String
        @OptionGroup var actor: ActorOptions
        @OptionGroup var io: CommandIO

        func run() async throws {
            let transfer = try await io.run { engine in
                try await engine.transferNominee(id, to: to, reason: reason, by: try await actor.principal(engine))
            }
            try Printer.one(transfer, io.format)
        }
    }

    struct History: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Everything a person or collective was nominated for and awarded, across years and units.")
        @Argument var id: Int64
        @OptionGroup var io: CommandIO

        func run() async throws {
            let history = try await io.run { try await $0.nomineeHistory(id) }
            if io.format == .json {
                try Printer.json(history)
            } else {
                if io.format == .table { Printer.write("\(history.name) (\(history.type.vietnamese), #\(history.id))\n") }
                try Printer.many(history.entries, io.format)
            }
        }
    }
}

extension NomineeHistory.Entry: Tabular {
    public static var headers: [String] { ["nomination_id", "kind", "year", "state", "unit", "decision_number", "decision_date", "issuer"] }
    public var cells: [String] {
        [nominationId.map(String.init) ?? "", kind, year.map(String.init) ?? "", state, unit ?? "", decisionNumber ?? "",
         decisionDate?.vietnamese ?? "", issuer ?? ""]
    }
}

struct Search: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Find nominees and their nominations by name, ignoring accents and case (\"nguyen van a\" finds \"Nguyễn Văn A\").")
    @Argument var text: String
    @Option var limit: Int = 50
    @OptionGroup var io: CommandIO

    func run() async throws {
        let hits = try await io.run { try await $0.search(text, limit: limit) }
        if io.format == .json {
            try Printer.json(hits)
        } else {
            try Printer.many(hits.flatMap { hit in hit.nominations.isEmpty ? [] : hit.nominations }, io.format)
        }
    }
}

struct Export: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Stream large exports.", subcommands: [Awardees.self])

    struct Awardees: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Stream the awardees of a year as CSV for Excel (UTF-8 BOM, CRLF) or JSON lines, without holding them in memory.")
        @Option(help: "The year of the decisions.") var year: Int?
        @Option(name: .customLong("achievement-year"), help: "The year of the achievement.") var achievementYear: Int?
        @Option var kind: String?
        @Option var org: String?
        @Option(name: .customLong("format"), help: "csv (for Excel), xlsx (an Excel workbook, with -o), json (one array) or jsonl (a JSON object a line).")
        var format: String = "csv"
        @Option(name: [.short, .customLong("output")], help: "The file (xlsx only; the others go to standard output).") var output: String?
        @Flag(name: .customLong("with-cccd"), help: "Add each person's citizen identity number (csv and xlsx only; personal data: keep the file safe).")
        var withCitizenId = false
        @OptionGroup var connection: ConnectionOptions

        func validate() throws {
            guard ["csv", "xlsx", "json", "jsonl"].contains(format) else { throw ValidationError("--format must be csv, xlsx, json or jsonl, not \(format)") }
            if format == "xlsx" && output == nil { throw ValidationError("--format xlsx writes a workbook: give the file with -o FILE") }
            if withCitizenId && !["csv", "xlsx"].contains(format) { throw ValidationError("--with-cccd goes with --format csv or xlsx") }
        }

        func run() async throws {
            let format = format
            var query = AwardeeQuery(year: year, achievementYear: achievementYear, kind: kind, org: org)
            query.withCitizenId = withCitizenId
            if format == "xlsx" {
                // Rows stream into libxlsxwriter's constant-memory writer as the cursor gives them.
                let writer = Mutex(try XLSXWriter(sheetName: "Khen thưởng"))
                writer.withLock { $0.headers(withCitizenId ? AwardeeWithCitizenId.headers : Awardee.headers) }
                try await connection.run { engine in
                    try await engine.exportAwardees(query) { batch in
                        writer.withLock { sheet in
                            for awardee in batch {
                                sheet.append((withCitizenId ? AwardeeWithCitizenId(awardee).cells : awardee.cells).map(XLSXCell.guess))
                            }
                        }
                    }
                }
                try Printer.save(try writer.withLock { sheet throws(AwardError) in try sheet.finish() }, to: output!)
                return
            }
            switch format {
            case "csv": Printer.write(withCitizenId ? CSV.header(AwardeeWithCitizenId.self) : CSV.header(Awardee.self))
            case "json": Printer.write("[")
            default: break
            }
            let encoder = JSON.encoder
            let first = Mutex(true)
            try await connection.run { engine in
                try await engine.exportAwardees(query) { batch in
                    var text = ""
                    text.reserveCapacity(batch.count * 120)
                    for awardee in batch {
                        switch format {
                        case "csv": text += CSV.record(withCitizenId ? AwardeeWithCitizenId(awardee).cells : awardee.cells)
                        case "json":
                            if !first.withLock({ value in defer { value = false }; return value }) { text += ",\n" }
                            text += String(decoding: try encoder.encode(awardee), as: UTF8.self)
                        default: text += String(decoding: try encoder.encode(awardee), as: UTF8.self) + "\n"
                        }
                    }
                    Printer.write(text)
                }
            }
            if format == "json" { Printer.write("]\n") }
        }
    }
}

extension NomineeTransfer: Tabular {
    public static var headers: [String] { ["nominee_id", "from", "to", "reason", "actor", "at"] }
    public var cells: [String] { [String(nomineeId), from ?? "", to, reason, actor, CSV.vietnameseDateTime(at)] }
}

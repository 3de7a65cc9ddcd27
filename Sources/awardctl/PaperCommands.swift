import ArgumentParser
import AwardDocuments
import AwardEngine
import Foundation

extension TemplateKind: ExpressibleByArgument {}
extension TemplateFormat: ExpressibleByArgument {}

extension PaperFormat: ExpressibleByArgument {
    public init?(argument: String) { self.init(rawValue: argument.lowercased()) }
}

/// Where a paper goes: -o FILE, else its own name in the current directory.
struct PaperOutput: ParsableArguments {
    @Option(name: [.short, .customLong("output")], help: ArgumentHelp("The file to write (default: the paper's own name, here).", valueName: "file"))
    var output: String?

    func save(_ paper: RenderedPaper) throws {
        try Printer.save(paper.bytes, to: output ?? paper.filename)
    }
}

struct Decision: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "A decision's papers: the Quyết định with its list (print view, Word, PDF) and the certificates to print on blanks.",
        subcommands: [Document.self, Certificates.self, ToSign.self, Sign.self, Seal.self, Signatures.self])

    struct Document: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The decision (Decree 30/2020 layout) with its attached list.",
            discussion: "Example: awardctl decision document 3 --format docx -o quyet-dinh.docx   (html, docx or pdf)")
        @Argument(help: "The decision id (as `decide` and `show` print it).") var id: Int64
        @Option(help: "html (the print view), docx (Word) or pdf.") var format: PaperFormat = .docx
        @OptionGroup var output: PaperOutput
        @OptionGroup var connection: ConnectionOptions

        func run() async throws {
            let paper = try await connection.run { try await Papers(engine: $0).decision(id, format: format) }
            try output.save(paper)
        }
    }

    struct Certificates: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The certificates of a decision's recipients, placed for the issuer's blank (see `certificate layout`).",
            discussion: "Example: awardctl decision certificates 3 --format pdf --background -o thu-in.pdf")
        @Argument(help: "The decision id.") var id: Int64
        @Option(help: "Only this recipient's nomination.") var nomination: Int64?
        @Flag(help: "Draw a sample blank behind the text, to check where it lands.") var background = false
        @Option(help: "html or pdf.") var format: PaperFormat = .pdf
        @OptionGroup var output: PaperOutput
        @OptionGroup var connection: ConnectionOptions

        func run() async throws {
            let paper = try await connection.run {
                try await Papers(engine: $0).certificates(decision: id, nomination: nomination, background: background, format: format)
            }
            try output.save(paper)
        }
    }
}

struct Proposal: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "The proposal letter (tờ trình) with its list and council votes, for nominations the user's org sent up together.",
        discussion: "Example: awardctl proposal --as le.hoa --format docx -o to-trinh.docx 12 13 14")
    @Argument(help: "The nomination ids.") var ids: [Int64]
    @OptionGroup var actor: ActorOptions
    @Option(help: "html, docx or pdf.") var format: PaperFormat = .docx
    @OptionGroup var output: PaperOutput
    @OptionGroup var connection: ConnectionOptions

    func run() async throws {
        let paper = try await connection.run { engine in
            try await Papers(engine: engine).proposal(ids, format: format, viewer: try await actor.principal(engine))
        }
        try output.save(paper)
    }
}

struct Template: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "The templates papers are rendered from: the defaults, and an org's own versions (a paper keeps the version in force when it was made).",
        subcommands: [Set.self, Get.self, List.self])

    struct Set: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Store a new version of an org's template (admin); a syntax error is refused with its line.",
            discussion: """
                Example: awardctl template get --kind decision --format docx -o mau.docx   (edit it in Word)
                         awardctl template set --org LC --kind decision mau.docx --as admin   (a .docx, or an HTML template)
                """)
        @Option(help: "The issuing org.") var org: String
        @Option(help: "decision, proposal, list or certificate.") var kind: TemplateKind
        @Argument(help: "The template file: a .docx (a Word file whose text holds the {{tags}}) or mustache over HTML.") var file: String
        @OptionGroup var actor: ActorOptions
        @OptionGroup var io: CommandIO

        func run() async throws {
            guard let data = FileManager.default.contents(atPath: file) else { throw ValidationError("cannot read \(file)") }
            // A Word package is a zip; anything else is read as an HTML template.
            let format: TemplateFormat = data.starts(with: [0x50, 0x4B, 0x03, 0x04]) ? .docx : .html
            try await io.one { engine in
                try await Papers(engine: engine).setTemplate(org: org, kind: kind, format: format, body: data, by: try await actor.principal(engine))
            }
        }
    }

    struct Get: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Write a template to a file: an org's newest (or --version), else the default.")
        @Option(help: "The org (default: the project's default template).") var org: String?
        @Option(help: "decision, proposal, list or certificate.") var kind: TemplateKind
        @Option(help: "html or docx.") var format: TemplateFormat = .html
        @Option(help: "A stored version.") var version: Int?
        @Option(name: [.short, .customLong("output")], help: "The file to write.") var output: String?
        @OptionGroup var connection: ConnectionOptions

        func run() async throws {
            let body = try await connection.run { try await Papers(engine: $0).template(org: org, kind: kind, format: format, version: version) }
            try Printer.save(body, to: output ?? "\(kind.rawValue).\(format == .docx ? "docx" : "html.mustache")")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The stored template versions (an org without one uses the default).")
        @Option var org: String?
        @OptionGroup var io: CommandIO

        func run() async throws { try await io.many { try await $0.templateVersions(org: org) } }
    }
}

extension TemplateVersion: Tabular {
    public static var headers: [String] { ["org", "kind", "format", "version", "size", "sha256", "created_by", "created_at"] }
    public var cells: [String] {
        [org, kind.rawValue, format.rawValue, String(version), String(size), sha256, createdBy, CSV.vietnameseDateTime(createdAt)]
    }
}

struct Certificate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Printing certificates on pre-printed blanks.", subcommands: [Layout.self])

    struct Layout: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show or change where each field lands on an org's blank (millimetres from the top-left corner) and the printer's offset.",
            discussion: """
                Fields: \(CertificateLayout.fieldNames.joined(separator: ", ")).
                Example: awardctl certificate layout --org LC --offset-x 1.5 --offset-y -2 --field name=40,80,217,22,center,bold --as le.hoa
                Without a change it prints the layout in force.
                """)
        @Option var org: String
        @Option(help: "A3 or A4.") var paper: String?
        @Option(help: "landscape or portrait.") var orientation: String?
        @Option(name: .customLong("offset-x"), help: "Calibration, mm (negative moves left).") var offsetX: Double?
        @Option(name: .customLong("offset-y"), help: "Calibration, mm (negative moves up).") var offsetY: Double?
        @Option(help: "NAME=X,Y,WIDTH[,SIZE[,ALIGN[,bold]]] in mm and pt; repeat for each field.") var field: [String] = []
        @Option(name: .customLong("as"), help: "The user who changes it (an admin, or an approver of the org).") var actor: String?
        @OptionGroup var connection: ConnectionOptions

        func run() async throws {
            let layout = try await connection.run { engine -> CertificateLayout in
                var layout = try await engine.certificateLayout(org: org)
                let changing = paper != nil || orientation != nil || offsetX != nil || offsetY != nil || !field.isEmpty
                guard changing else { return layout }
                guard let actor else { throw ValidationError("changing a layout needs --as USER") }
                if let paper { layout.paper = paper.uppercased() }
                if let orientation { layout.orientation = orientation.lowercased() }
                if let offsetX { layout.offsetX = offsetX }
                if let offsetY { layout.offsetY = offsetY }
                for spec in field { try Self.apply(spec, to: &layout) }
                return try await engine.setCertificateLayout(org: org, layout, by: try await engine.principal(named: actor))
            }
            Printer.write("paper \(layout.paper) \(layout.orientation), offset x \(layout.offsetX) mm, y \(layout.offsetY) mm\n")
            let rows = CertificateLayout.fieldNames.compactMap { name in
                layout.fields[name].map { [name, "\($0.x)", "\($0.y)", "\($0.width)", "\($0.fontSize)", $0.align, $0.bold ? "bold" : ""] }
            }
            Printer.write(Printer.table(["field", "x_mm", "y_mm", "width_mm", "size_pt", "align", "weight"], rows))
        }

        static func apply(_ spec: String, to layout: inout CertificateLayout) throws {
            let parts = spec.split(separator: "=", maxSplits: 1).map(String.init)
            let values = parts.count == 2 ? parts[1].split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } : []
            guard parts.count == 2, values.count >= 3, let x = Double(values[0]), let y = Double(values[1]), let width = Double(values[2]) else {
                throw ValidationError("--field \(spec): expected NAME=X,Y,WIDTH[,SIZE[,ALIGN[,bold]]], e.g. name=40,80,217,22,center,bold")
            }
            let size = values.count > 3 ? Double(values[3]) ?? 14 : layout.fields[parts[0]]?.fontSize ?? 14
            let align = values.count > 4 ? values[4] : layout.fields[parts[0]]?.align ?? "center"
            let bold = values.count > 5 ? values[5] == "bold" : layout.fields[parts[0]]?.bold ?? false
            layout.fields[parts[0]] = CertificateLayout.Field(x: x, y: y, width: width, fontSize: size, align: align, bold: bold)
        }
    }
}

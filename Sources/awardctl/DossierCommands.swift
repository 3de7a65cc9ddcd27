import ArgumentParser
import AwardEngine
import Foundation

struct Doc: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Dossier documents.", subcommands: [Add.self, List.self, Get.self, Withdraw.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Attach a document (PDF, Word/ODF, JPEG or PNG, at most 10 MiB); it is never altered, a new version is a new document.")
        @Argument(help: "The nomination id.") var id: Int64
        @Option(help: "to-trinh, danh-sach, bao-cao-thanh-tich, bien-ban, sang-kien, xac-nhan or khac.") var type: DocumentType
        @Argument(help: "The file.") var file: String
        @Option(help: "Its name (default: the file's).") var name: String?
        @OptionGroup var actor: ActorOptions
        @OptionGroup var io: CommandIO

        func run() async throws {
            guard let data = FileManager.default.contents(atPath: file) else { throw ValidationError("cannot read \(file)") }
            try await io.one { engine in
                try await engine.addDocument(to: id, type: type, name: name ?? (file as NSString).lastPathComponent, content: Array(data),
                                             by: try await actor.principal(engine))
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List a nomination's documents.")
        @Argument(help: "The nomination id.") var id: Int64
        @OptionGroup var io: CommandIO

        func run() async throws { try await io.many { try await $0.documents(of: id) } }
    }
}

extension Doc {
    struct Get: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Download a document of a dossier as it was uploaded (its SHA-256 is checked).")
        @Argument(help: "The nomination id.") var id: Int64
        @Argument(help: "The document id (see `doc list`).") var document: Int64
        @Option(name: [.short, .customLong("output")], help: "The file to write (default: the document's name, here).") var output: String?
        @OptionGroup var connection: ConnectionOptions

        func run() async throws {
            let (info, content) = try await connection.run { try await $0.document(document, of: id) }
            let path = output ?? (info.name as NSString).lastPathComponent
            guard FileManager.default.createFile(atPath: path, contents: Data(content)) else {
                throw ValidationError("cannot write \(path)")
            }
            Printer.write("\(path)  \(content.count) bytes  sha256 \(info.sha256)\n")
        }
    }
}

extension Doc {
    struct Withdraw: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Withdraw a document uploaded by mistake: by its uploader, while the dossier has not moved since. It is kept and marked.")
        @Argument(help: "The nomination id.") var id: Int64
        @Argument(help: "The document id (see `doc list`).") var document: Int64
        @Option(help: "Why (kept with the mark).") var reason: String?
        @OptionGroup var actor: ActorOptions
        @OptionGroup var io: CommandIO

        func run() async throws {
            try await io.one { engine in try await engine.withdrawDocument(document, of: id, reason: reason, by: try await actor.principal(engine)) }
        }
    }
}

/// `awardctl amend`: corrects a returned nomination before it is sent again.
struct Amend: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Correct a returned nomination (nominee name and type, year, achievement) before resubmitting; the history lists each change.",
        discussion: "Example: awardctl amend 23 --nominee \"Nguyễn Văn Hùng\" --year 2025 --as nguyen.lan")
    @Argument(help: "The nomination id.") var id: Int64
    @Option(help: "The nominee's name as it should read.") var nominee: String?
    @Option(name: .customLong("nominee-type"), help: "individual, collective or household.") var nomineeType: NomineeType?
    @Option(help: "The achievement year.") var year: Int?
    @Option(help: "The achievement.") var reason: String?
    @OptionGroup var actor: ActorOptions
    @OptionGroup var io: CommandIO

    func run() async throws {
        try await io.one { engine in
            try await engine.amend(id, Amendment(nomineeName: nominee, nomineeType: nomineeType, year: year, reason: reason),
                                   by: try await actor.principal(engine))
        }
    }
}

extension DocumentInfo: Tabular {
    public static var headers: [String] { ["id", "type", "name", "media_type", "size", "sha256", "uploaded_by", "withdrawn"] }
    public var cells: [String] {
        [String(id), type.rawValue, name, mediaType, String(size), sha256, uploadedBy,
         withdrawn.map { "\($0.by)" + ($0.reason.map { ": \($0)" } ?? "") } ?? ""]
    }
}

struct Objection: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Objections received during a public notice.", subcommands: [Add.self, Resolve.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Record an objection.")
        @Argument var id: Int64
        @Option var text: String
        @Option(name: .customLong("received-on")) var receivedOn: CivilDate
        @OptionGroup var actor: ActorOptions
        @OptionGroup var io: CommandIO

        func run() async throws {
            try await io.one { engine in
                try await engine.addObjection(to: id, text: text, receivedOn: receivedOn, by: try await actor.principal(engine))
            }
        }
    }

    struct Resolve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Resolve an objection with a note.")
        @Argument(help: "The objection id.") var objection: Int64
        @Option var resolution: String
        @OptionGroup var actor: ActorOptions
        @OptionGroup var io: CommandIO

        func run() async throws {
            try await io.one { engine in
                try await engine.resolveObjection(objection, resolution: resolution, by: try await actor.principal(engine))
            }
        }
    }
}

extension ObjectionInfo: Tabular {
    public static var headers: [String] { ["id", "text", "received_on", "resolution"] }
    public var cells: [String] { [String(id), text, receivedOn.vietnamese, resolution ?? ""] }
}

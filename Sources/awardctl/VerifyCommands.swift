import AwardDomain
import AwardEngine
import ArgumentParser
import Foundation

/// `awardctl verify CODE`: what /verify/{code} shows, for an officer at a terminal.
struct VerifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check the code printed on a certificate or decision: what it is, whether it stands, whether its history holds.",
        discussion: "The same as the public page /verify/CODE. Example: awardctl verify K3F2-A91C-07B5")
    @Argument(help: "The code as printed (dashes and spaces are ignored).") var code: String
    @OptionGroup var io: CommandIO

    func run() async throws {
        let found = try await io.run { try await $0.verify(code: code) }
        if io.format == .json { return try Printer.json(found) }
        var out = "\(Verification.grouped(found.code))  \(found.subject == .certificate ? "certificate" : "decision")  \(found.stands ? "stands" : "ANNULLED")\n"
        out += "decision        \(found.decisionNumber) of \(found.decidedOn.vietnamese), \(found.issuer)\(found.issuerNow.map { " (\($0))" } ?? "")\n"
        out += "award           \(found.kindName)\n"
        if let recipient = found.recipient { out += "recipient       \(recipient.name), \(recipient.unit)\n" }
        else { out += "recipients      \(found.recipientCount) (\(found.annulledCount) annulled)\n" }
        if let annulment = found.annulment { out += "annulled by     \(annulment.number) of \(annulment.decidedOn.vietnamese), \(annulment.issuer)\n" }
        out += "signed          \(found.signed ? "yes" : "no signed original stored")\n"
        out += "history chain   \(found.chainHolds ? "holds" : "BROKEN")\n"
        Printer.write(out)
    }
}

/// `awardctl site`: the site's settings (the public address printed QR codes lead to).
struct SiteCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "site", abstract: "The site's settings: the public address of /verify that printed QR codes lead to.",
        subcommands: [SetPublicURL.self, ShowSite.self])

    struct SetPublicURL: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "set-public-url",
            abstract: "Set the public address (http or https) under which certificates' and decisions' QR codes open /verify/CODE. Admins only.",
            discussion: "Example: awardctl site set-public-url https://khenthuong.laocai.gov.vn --as admin")
        @Argument var url: String
        @OptionGroup var actor: ActorOptions
        @OptionGroup var io: CommandIO

        func run() async throws {
            let set = try await io.run { engine in try await engine.setPublicURL(url, by: try await actor.principal(engine)) }
            Printer.write("public URL: \(set)\n")
        }
    }

    struct ShowSite: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "show", abstract: "Show the site's settings.")
        @OptionGroup var io: CommandIO

        func run() async throws {
            let url = try await io.run { try await $0.publicURL() }
            Printer.write("public URL: \(url ?? "(not set: printed papers carry their code without a QR code)")\n")
        }
    }
}

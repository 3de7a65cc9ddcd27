import AwardDocuments
import AwardEngine
import ArgumentParser
import Foundation

/// `awardctl decision to-sign|sign|seal|signatures`: a decision's digital signatures.
extension Decision {
    struct ToSign: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "to-sign",
            abstract: "The decision's PDF for its leader to sign (frozen the first time; the same bytes after).",
            discussion: "Example: awardctl decision to-sign 3 --as ubnd.laocai -o qd-de-ky.pdf   (sign it with the CA's tool, then `decision sign 3 --file`)")
        @Argument var id: Int64
        @OptionGroup var actor: ActorOptions
        @OptionGroup var output: PaperOutput
        @OptionGroup var connection: ConnectionOptions

        func run() async throws {
            try output.save(try await connection.run { engine in try await Papers(engine: engine).decisionToSign(id, by: try await actor.principal(engine)) })
        }
    }

    struct Sign: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The leader's signature: a PDF signed elsewhere (--file), or the leader's key on the server's token (AWARD_PKCS11_TOKEN).",
            discussion: """
                The file must be the one `to-sign` gave with one signature added, intact and from a trusted CA (`signing trust-root`).
                Example: awardctl decision sign 3 --file qd-da-ky.pdf --as ubnd.laocai
                """)
        @Argument var id: Int64
        @Option(help: "The PDF the leader signed.") var file: String?
        @OptionGroup var actor: ActorOptions
        @OptionGroup var io: CommandIO

        func run() async throws {
            let upload = try file.map { Array(try Data(contentsOf: URL(fileURLWithPath: $0))) }
            try await io.one { engine in
                let principal = try await actor.principal(engine)
                if upload == nil { _ = try await Papers(engine: engine).decisionToSign(id, by: principal) }
                return try await engine.signDecision(id, upload: upload, by: principal)
            }
        }
    }

    struct Seal: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The organisation's signature (the clerk): the issuer's key on the server's token, or a sealed PDF (--file); the decision is then issued.",
            discussion: "Example: awardctl decision seal 3 --as vanthu.laocai")
        @Argument var id: Int64
        @Option(help: "The PDF sealed elsewhere (the signed file with the organisation's signature added).") var file: String?
        @OptionGroup var actor: ActorOptions
        @OptionGroup var io: CommandIO

        func run() async throws {
            let upload = try file.map { Array(try Data(contentsOf: URL(fileURLWithPath: $0))) }
            try await io.one { engine in try await engine.sealDecision(id, upload: upload, by: try await actor.principal(engine)) }
        }
    }

    struct Signatures: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Where a decision stands in its signing, and the files recorded with their SHA-256.")
        @Argument var id: Int64
        @OptionGroup var io: CommandIO

        func run() async throws {
            try await io.one { engine in try await engine.decisionSignatures(id, viewer: nil) }
        }
    }
}

/// `awardctl signing trust-root FILE | org CODE --on|--off`.
struct SigningCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "signing", abstract: "Digital signatures: the trusted CA roots, and which orgs sign their decisions digitally.",
        subcommands: [TrustRoot.self, OrgSigning.self])

    struct TrustRoot: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "trust-root", abstract: "Trust a CA's root certificate (PEM) for decisions' signatures. Admins only.",
            discussion: "Example: awardctl signing trust-root /etc/award-engine/vgca-root.pem --as admin")
        @Argument var file: String
        @Option(name: .customLong("as"), help: "An admin (none: the operator).") var actor: String?
        @OptionGroup var connection: ConnectionOptions

        func run() async throws {
            let pem = try String(contentsOfFile: file, encoding: .utf8)
            let name = try await connection.run { engine in
                try await engine.trustRoot(pem: pem, by: try await actor.asyncMap { try await engine.principal(named: $0) })
            }
            Printer.write("trusted: \(name)\n")
        }
    }

    struct OrgSigning: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "org", abstract: "Whether an org's decisions made from now on are signed digitally (decided → signed → issued).",
            discussion: "Example: awardctl signing org W2647 --on --as ubnd.laocai")
        @Argument var code: String
        @Flag(help: "Sign digitally.") var on = false
        @Flag(help: "Sign on paper.") var off = false
        @OptionGroup var actor: ActorOptions
        @OptionGroup var connection: ConnectionOptions

        func validate() throws {
            if on == off { throw ValidationError("give --on or --off") }
        }

        func run() async throws {
            let digital = on
            try await connection.run { engine in try await engine.setSignsDigitally(org: code, digital, by: try await actor.principal(engine)) }
            Printer.write("\(code): \(digital ? "signs digitally" : "signs on paper")\n")
        }
    }
}

extension DecisionSignatures: Tabular {
    public static var headers: [String] { ["decision", "state", "stage", "signer", "method", "sha256"] }
    public var cells: [String] {
        [String(decision), state, stages.map(\.stage.rawValue).joined(separator: " "), stages.compactMap(\.signer).joined(separator: "; "),
         stages.compactMap(\.method).joined(separator: " "), stages.last?.sha256 ?? ""]
    }
}

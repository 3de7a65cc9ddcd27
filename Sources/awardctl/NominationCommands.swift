import ArgumentParser
import AwardEngine
import AwardPostgres
import Foundation

/// Options every write command takes.
struct WriteOptions: ParsableArguments {
    @Option(name: .customLong("idempotency-key"), help: "Repeating a command with the same key returns the first result and records nothing new.")
    var idempotencyKey: String?
}

struct Nominate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Create a nomination and submit it to the first tier of its route.",
        discussion: """
            Example: awardctl nominate --kind giay-khen --unit P-HB --nominee "Nguyễn Văn An" --nominee-type individual --year 2023
            """)
    @Option(help: "The award kind's code (see `awardctl kind list`).") var kind: String
    @Option(help: "The proposing unit's org code.") var unit: String
    @Option(help: "A new nominee's name.") var nominee: String?
    @Option(name: .customLong("nominee-type"), help: "individual, collective or household.") var nomineeType: NomineeType?
    @Option(name: .customLong("nominee-id"), help: "Nominate an existing nominee again (show gives nominee.id).") var nomineeId: Int64?
    @Option(help: "The achievement year.") var year: Int?
    @Option(help: "Why the unit proposes it.") var reason: String?
    @Flag(help: "Keep it as a draft; `submit` sends it later.") var draft = false
    @Option(name: .customLong("submitted-on"), help: "Admin only: the day a paper dossier was received (YYYY-MM-DD or dd/mm/yyyy); it chooses the rule pack.")
    var submittedOn: CivilDate?
    @Option(name: .customLong("type"), help: "annual (default), thematic, adhoc, long_service (dedication), foreign, seniority or resistance. Ad hoc and thematic awards never count toward later prerequisites.")
    var commendationType: CommendationType = .annual
    @Option(help: "The emulation campaign (đợt thi đua), for campaign quotas.") var campaign: String?
    @Option(name: .customLong("override-reason"), help: "Admin only: let an ineligible nomination through, for this reason (kept in history).")
    var overrideReason: String?
    @OptionGroup var actor: ActorOptions
    @OptionGroup var write: WriteOptions
    @OptionGroup var io: CommandIO

    func validate() throws {
        if nominee == nil && nomineeId == nil {
            throw ValidationError("give --nominee NAME (with --nominee-type) or --nominee-id ID")
        }
        if nominee != nil && nomineeId != nil {
            throw ValidationError("give either --nominee or --nominee-id, not both")
        }
        if nominee != nil && nomineeType == nil {
            throw ValidationError("a new nominee needs --nominee-type individual|collective|household")
        }
    }

    func run() async throws {
        let request = NominationRequest(
            kind: kind, unit: unit, nomineeName: nominee, nomineeType: nomineeType, nomineeId: nomineeId,
            year: year, reason: reason, draft: draft, submittedOn: submittedOn,
            commendationType: commendationType, campaign: campaign, overrideReason: overrideReason)
        try await io.one { engine in
            try await engine.nominate(request, by: try await actor.principal(engine), idempotencyKey: write.idempotencyKey)
        }
    }
}

/// The options of a command on an existing nomination.
struct ActOptions: ParsableArguments {
    @Argument(help: "The nomination id.") var id: Int64
    @OptionGroup var actor: ActorOptions
    @Option(help: "The org acted for (checked): the user's own org, or the proposing unit for submit, resubmit and withdraw.") var org: String?
    @Option(help: "A comment kept in the history.") var comment: String?
    @OptionGroup var write: WriteOptions
    @OptionGroup var io: CommandIO

    func perform(_ action: Action, reason: String? = nil, decision: DecisionInput? = nil, vote: VoteTally? = nil,
                 signer: SignerOptions? = nil) async throws {
        try await io.one { engine in
            try await engine.perform(action, on: id, by: try await actor.principal(engine), actingFor: org, reason: reason,
                                     comment: comment, decision: decision, vote: vote, details: try signer?.details() ?? .init(),
                                     idempotencyKey: write.idempotencyKey)
        }
    }
}

/// Who signs a decision: by default the issuer's usual signer (`awardctl org signer`).
struct SignerOptions: ParsableArguments {
    @Option(help: "Who signs (default: the issuer's usual signer).") var signer: String?
    @Option(name: .customLong("signer-title"), help: "The signer's title, e.g. \"Phó Chủ tịch\".") var signerTitle: String?
    @Option(name: .customLong("signer-prefix"), help: "How it is signed: KT., TM., TL., TUQ. or Q. (none: the head in their own name).")
    var signerPrefix: String?
    @Flag(name: .customLong("on-behalf"), help: "Signed by a deputy for the head: the same as --signer-prefix KT.") var onBehalf = false

    func details(legalBasis: String? = nil, commendationType: CommendationType = .annual,
                 achievementPeriod: String? = nil) throws(AwardError) -> DecisionDetails {
        DecisionDetails(signer: signer, signerTitle: signerTitle, signerPrefix: try SignerPrefix.parse(signerPrefix), onBehalf: onBehalf,
                        legalBasis: legalBasis, commendationType: commendationType, achievementPeriod: achievementPeriod)
    }
}

/// A decision number with its date, both required together.
struct DecisionOptions: ParsableArguments {
    @Option(help: "The decision number, e.g. \"15/QĐ-UBND\" (default: the issuer's next).") var decision: String?
    @Option(name: .customLong("decision-date"), help: "The decision's date: YYYY-MM-DD or dd/mm/yyyy.") var decisionDate: CivilDate?

    func validate() throws {
        if decision != nil && decisionDate == nil {
            throw ValidationError("--decision needs --decision-date (a date alone takes the issuer's next number)")
        }
    }

    var input: DecisionInput? {
        guard let decisionDate else { return nil }
        return DecisionInput(number: decision, date: decisionDate)
    }
}

struct Submit: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Send a draft to the first tier (the proposing unit acts).")
    @OptionGroup var act: ActOptions
    func run() async throws { try await act.perform(.submit) }
}

struct Approve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Forward to the next tier, or award at the deciding tier (with --decision and --decision-date).",
        discussion: "At a tier where the rule pack requires the council's vote, give it: --vote MEMBERS/PRESENT/IN_FAVOUR (e.g. 10/9/8).")
    @OptionGroup var act: ActOptions
    @OptionGroup var decision: DecisionOptions
    @OptionGroup var signer: SignerOptions
    @Option(help: "The council's tally: MEMBERS/PRESENT/IN_FAVOUR.") var vote: String?
    @Flag(name: .customLong("open-ballot"), help: "The vote was by show of hands, not secret.") var openBallot = false

    func validate() throws {
        if let vote, VoteTally(parsing: vote) == nil { throw ValidationError("--vote \(vote) is not MEMBERS/PRESENT/IN_FAVOUR, e.g. 10/9/8") }
    }

    func run() async throws {
        var tally = vote.flatMap(VoteTally.init(parsing:))
        tally?.secretBallot = !openBallot
        try await act.perform(.approve, decision: decision.input, vote: tally, signer: signer)
    }
}

struct Return: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "return", abstract: "Send back to the proposer for supplementation (trả lại để bổ sung).")
    @OptionGroup var act: ActOptions
    @Option(help: "What must be supplemented (required).") var reason: String
    func run() async throws { try await act.perform(.return, reason: reason) }
}

struct Resubmit: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Send a returned nomination back to the tier that returned it.")
    @OptionGroup var act: ActOptions
    func run() async throws { try await act.perform(.resubmit) }
}

struct Reject: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Refuse the nomination at its tier, with the reason (and legal basis).")
    @OptionGroup var act: ActOptions
    @Option(help: "Why (required).") var reason: String
    func run() async throws { try await act.perform(.reject, reason: reason) }
}

struct Withdraw: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Withdraw before a decision (the proposing unit acts).")
    @OptionGroup var act: ActOptions
    @Option(help: "Why.") var reason: String?
    func run() async throws { try await act.perform(.withdraw, reason: reason) }
}

struct Revoke: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Annul an award (hủy bỏ) by a new decision of the awarding authority.")
    @OptionGroup var act: ActOptions
    @Option(help: "Why (required): false claims, unlawful approval…") var reason: String
    @OptionGroup var decision: DecisionOptions

    func validate() throws {
        if decision.decisionDate == nil { throw ValidationError("revoke needs --decision-date (and --decision, or the issuer's next number) of the annulling decision") }
    }

    func run() async throws { try await act.perform(.revoke, reason: reason, decision: decision.input) }
}

import AwardDomain
import AwardPostgres
import Foundation

/// Everything the dossier page shows, read in one lease and one snapshot: the nomination, what the
/// viewer may do on it, its history, documents and route with the orgs' names, what each tier
/// ahead requires, eligibility while it is open, the usual signer of the viewer's org, and the
/// state of its audit chain. The page maps it to its template and decides nothing.
public struct DossierScreen: Sendable {
    public var view: NominationView
    /// The proposing unit as the policy sees it.
    public var unit: OrgRef
    public var capabilities: NominationCapabilities
    /// The orgs' names of every code the screen names (route, unit, history, decisions).
    public var orgNames: [String: String]
    /// The award kind's Vietnamese name in the nomination's rule pack.
    public var kindName: String
    /// The route's org codes, from the proposing unit up.
    public var route: [String]
    public var history: [HistoryEntry]
    public var documents: [DocumentInfo]
    /// The documents the viewer may withdraw now (its own, at the tier that received them).
    public var withdrawable: Set<Int64>
    public var outlook: DossierOutlook
    /// Eligibility under the rule pack, while the dossier is open (a draft: the pack in force today).
    public var eligibility: EligibilityResult?
    public var usualSigner: UsualSigner
    /// The decision that awarded it, for a link to its page.
    public var decisionId: Int64?
    /// The nomination's audit chain, checked in the same snapshot.
    public var chain: AuditReport
    /// Whether the viewer's org sent this dossier up a tier (so its proposal letter can be printed).
    public var sentUpByViewer: Bool
    /// Why it was last returned, while it is returned.
    public var returnedBecause: String?
    /// The steps of the tier it waits at (empty: the tier is one box), and what the viewer may do there:
    /// move the step, give it to one of `assignees`.
    public var tierSteps: [TierStep] = []
    public var mayMoveStep = false
    public var assignees: [Assignee] = []

    /// The name of an org the screen names (its code when it has none).
    public func orgName(_ code: String) -> String { orgNames[code] ?? code }
}

extension AwardEngine {
    /// The dossier page's read (``DossierScreen``): two round trips in one read-only snapshot, the
    /// first for the nomination and the policy's check, the second for everything else.
    public func dossierScreen(_ id: Int64, viewer: Principal, now: Date = Date()) async throws(AwardError) -> DossierScreen {
        let cache = packCache
        let today = Self.today(now)
        do {
            return try await pool.withSnapshot { c in
                // Round trip 1: the nomination's facts and view, and the pack in force today.
                let factsRows = try c.enqueue(NominationStore.readQuery(id: id))
                let viewRows = try c.enqueue(Queries.viewQuery(id: id))
                let inForce = try c.enqueue(PackStore.idInForceQuery(on: today))
                try c.flush()
                guard let factsRow = try factsRows.sent().first, let viewRow = try viewRows.sent().first else { throw Access.unknownNomination(id) }
                let (facts, _) = try NominationStore.facts(factsRow)
                // A unit closed by a merger is held by the unit that took over its records (a merged ward's dossiers are the new ward's).
                let unit = try Access.heldHome(c, viewer, facts.unitRef)
                try Policy.require(viewer, .readNomination, Subject(org: unit))
                let view = try Queries.nominationView(viewRow)
                // A delegate (whose role does not approve) is offered what a running delegation allows.
                let actor = view.org == viewer.orgCode && view.state == .pending ? try Self.viewing(c, viewer, kind: facts.kind, on: today) : viewer
                let open: Set<NominationState> = [.draft, .pending, .publicNotice, .returned]

                // Round trip 2: the rest, with COMMIT.
                let history = try c.enqueue(NominationStore.historyQuery(id: id))
                let documents = try c.enqueue(DocumentStore.listQuery(nomination: id))
                let names = try c.enqueue(OrgStore.namesQuery(nomination: id))
                let signer = try c.enqueue(SignerStore.usualSignerQuery(org: viewer.orgId))
                let nominee = open.contains(view.state) ? try c.enqueue(NomineeStore.factsQuery(nominee: facts.nomineeId, unit: facts.unit)) : nil
                let inTier = Policy.stepCapabilities(viewer, facts: facts, unit: unit)
                let people = inTier.mayAssign ? try c.enqueue(StepStore.assigneesQuery(org: viewer.orgId)) : nil
                let chainQueries = AuditStore.verifyQueries(nominations: [id])
                let problems = try c.enqueue(chainQueries.problems)
                let totals = try c.enqueue(chainQueries.totals)
                try c.commit(wake: false)

                // Packs come from the cache (a first use reads one more row).
                let todaysPackId = try inForce.sent().first?.int("id")
                let pinned = try facts.packId.map { try cache.pack(c, id: $0) }
                let current = try todaysPackId.map { try cache.pack(c, id: $0) }
                let namingPack = pinned ?? current
                var eligibility: EligibilityResult? = nil
                if let rows = nominee?.rows, let pack = view.state == .draft ? current ?? pinned : pinned ?? current, let rule = pack.kind(facts.kind) {
                    eligibility = Eligibility.evaluate(kind: rule, nomineeType: facts.nomineeType, year: facts.year,
                                                       facts: try NomineeStore.facts(rows), today: today)
                    eligibility?.override = facts.override
                }
                let entries = try NominationStore.history(try history.sent())
                let held = try DocumentStore.documents(try documents.sent())
                let lastStepAt = entries.last(where: { $0.command != "amend" })?.at
                let chain = try AuditStore.verified(problems: try problems.sent(),
                                                    totals: try totals.sent())
                var orgNames: [String: String] = [:]
                for row in try names.sent() { orgNames[try row.string("code")] = try row.string("name") }
                var capabilities = Policy.nominationCapabilities(actor, state: view.state, unit: unit, waitsAtCallersOrg: view.org == viewer.orgCode,
                                                                 awardedByCallersOrg: view.decision?.issuer == viewer.orgCode)
                capabilities.actions = Policy.stepActions(capabilities.actions, facts: facts, principal: actor)
                var screen = DossierScreen(
                    view: view, unit: unit,
                    capabilities: capabilities,
                    orgNames: orgNames, kindName: namingPack?.kind(facts.kind)?.nameVi ?? facts.kind,
                    route: facts.routeCodes, history: entries, documents: held,
                    withdrawable: Set(held.filter { document in
                        Policy.mayWithdrawDocument(viewer, uploadedBy: document.uploadedBy, uploadedAt: document.uploadedAt,
                                                   withdrawn: document.withdrawn != nil, state: view.state, lastStepAt: lastStepAt, unit: unit)
                    }.map(\.id)),
                    outlook: DossierOutlook.of(facts, rule: pinned?.kind(facts.kind)),
                    eligibility: eligibility,
                    usualSigner: try SignerStore.usualSigner(try signer.sent())
                        ?? UsualSigner(org: viewer.orgCode, name: nil, title: nil),
                    decisionId: facts.decisionId,
                    chain: AuditReport(nominations: chain.nominations, rows: chain.rows, problems: chain.problems),
                    sentUpByViewer: view.tierIndex > 1 && entries.contains { entry in
                        entry.org.lowercased() == viewer.orgCode.lowercased() && [.pending, .publicNotice].contains(entry.toState)
                            && ["approve", "create", "submit", "resubmit"].contains(entry.command)
                    },
                    returnedBecause: view.state == .returned ? entries.last(where: { $0.command == "return" })?.reason : nil)
                if facts.step != nil, let pinned, facts.tier <= facts.routeLevels.count {
                    let level = facts.routeLevels[facts.tier - 1]
                    screen.tierSteps = pinned.steps(at: level, kind: facts.kind)
                }
                screen.mayMoveStep = inTier.mayMove
                screen.assignees = try people.map { try StepStore.assignees(try $0.sent()) } ?? []
                return screen
            }
        } catch {
            throw mapAndLog(error)
        }
    }
}

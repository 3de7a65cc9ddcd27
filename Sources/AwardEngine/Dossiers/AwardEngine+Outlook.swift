import AwardDomain
import AwardPostgres
import Foundation

/// What the dossier page needs beside the nomination's view: what the dossier still needs tier by
/// tier, and who usually signs for the viewer's org (the deciding form starts from them).
public struct DossierAhead: Sendable {
    public var outlook: DossierOutlook
    public var usualSigner: UsualSigner
    /// The decision that awarded it, for a link to its page.
    public var decisionId: Int64?
}

extension AwardEngine {
    /// The outlook of nomination `id` (``DossierOutlook``) and the viewer's org's usual signer,
    /// read in one lease.
    public func dossierAhead(_ id: Int64, viewer: Principal) async throws(AwardError) -> DossierAhead {
        let cache = packCache
        return try await lease { c in
            guard let row = try c.execute(NominationStore.readQuery(id: id)).first else { throw Access.unknownNomination(id) }
            let (facts, _) = try NominationStore.facts(row)
            try Policy.require(viewer, .readNomination, Subject(org: facts.unitRef))
            let rule = try facts.packId.flatMap { try cache.pack(c, id: $0).kind(facts.kind) }
            return DossierAhead(
                outlook: DossierOutlook.of(facts, rule: rule),
                usualSigner: try SignerStore.usualSigner(c, org: viewer.orgId) ?? UsualSigner(org: viewer.orgCode, name: nil, title: nil),
                decisionId: try row.optionalInt("decision_id"))
        }
    }
}

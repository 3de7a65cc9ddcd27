/// What a dossier still needs, tier by tier, as the rule pack says: the documents each tier of its
/// route requires (ticked as they are in the dossier), what stops it leaving the tier it is at now,
/// and what the next approval asks for (a decision, a council vote). The workflow judges with the
/// same rules when the officer acts; the pages only show this.
public struct DossierOutlook: Sendable, Equatable {
    public struct Requirement: Sendable, Equatable {
        public var type: String
        public var name: String
        public var present: Bool
        /// Whether it blocks leaving the tier (else the law lists it and the officer checks it).
        public var required: Bool
    }

    public struct Tier: Sendable, Equatable {
        /// 1-based, on the route.
        public var index: Int
        public var level: OrgLevel
        public var orgCode: String
        public var documents: [Requirement]
        /// Where it is now, has left, or will go.
        public var position: Position
        /// The council vote approving at this tier needs (its share of all members), if any.
        public var voteThreshold: Double?
        /// Where its list of documents comes from.
        public var source: String?
    }

    /// A tier's documents: the law's list, then any the pack requires beyond it; each ticked when
    /// the dossier holds one of that type (withdrawn ones do not count).
    static func requirements(_ tier: TierRule?, present: Set<String>) -> [Requirement] {
        let required = tier?.documents ?? []
        var types = tier?.expectedDocuments ?? []
        types += required.filter { !types.contains($0) }
        return types.map {
            Requirement(type: $0, name: DocumentType(rawValue: $0)?.vietnamese ?? $0, present: present.contains($0), required: required.contains($0))
        }
    }

    public enum Position: String, Sendable { case done, current, ahead }

    public var tiers: [Tier]
    /// Why the dossier cannot leave the tier it is at (empty: nothing in the dossier stops it).
    public var blockers: [String]
    /// Approving at the tier it is at records the award: the form asks for the decision and its signer.
    public var approvalDecides: Bool
    /// Approving at the tier it is at needs the council's vote.
    public var approvalNeedsVote: Bool

    /// The outlook of a nomination with `facts` under `rule` (its kind in the pinned pack; `nil`
    /// when the pack no longer has the kind).
    public static func of(_ facts: NominationFacts, rule: KindRule?) -> DossierOutlook {
        let open = !facts.state.isFinal && facts.state != .awarded
        var tiers: [Tier] = []
        for (offset, level) in facts.routeLevels.enumerated() {
            let index = offset + 1
            let tierRule = rule?.tier(at: level)
            let position: Position = !open || index < facts.tier ? .done : index == facts.tier ? .current : .ahead
            tiers.append(Tier(
                index: index, level: level, orgCode: offset < facts.routeCodes.count ? facts.routeCodes[offset] : "",
                documents: Self.requirements(tierRule, present: facts.documentTypes),
                position: position, voteThreshold: tierRule?.vote?.threshold, source: tierRule?.documentsSource))
        }
        var blockers: [String] = []
        if open, let current = tiers.first(where: { $0.position == .current }) {
            let missing = current.documents.filter { $0.required && !$0.present }.map(\.name)
            if !missing.isEmpty {
                blockers.append("Còn thiếu tài liệu bắt buộc ở cấp \(current.level.vietnamese): \(missing.joined(separator: ", ")).")
            }
            if facts.openObjections > 0 {
                blockers.append("Còn \(facts.openObjections) phản ánh trong thời gian công khai chưa được giải quyết.")
            }
            if let threshold = current.voteThreshold {
                blockers.append("Khi đồng ý ở cấp này cần kết quả biểu quyết của Hội đồng (ít nhất \(Int((threshold * 100).rounded()))% tổng số thành viên đồng ý).")
            }
        }
        let atLast = facts.tier == facts.routeLevels.count
        let waiting = facts.state == .pending || facts.state == .publicNotice
        return DossierOutlook(
            tiers: tiers, blockers: blockers, approvalDecides: open && waiting && atLast,
            approvalNeedsVote: open && waiting && tiers.first(where: { $0.position == .current })?.voteThreshold != nil)
    }

    /// Whether `org` sent the dossier up from its tier (so that it may print its proposal letter):
    /// a step of `org` that moved it on, and the dossier is past the first tier.
    public static func sentUp(by org: String, steps: [(org: String, command: String, toState: NominationState)], tier: Int) -> Bool {
        tier > 1 && steps.contains { step in
            step.org.lowercased() == org.lowercased() && [.pending, .publicNotice].contains(step.toState)
                && ["approve", "create", "submit", "resubmit"].contains(step.command)
        }
    }
}

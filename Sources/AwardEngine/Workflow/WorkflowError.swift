/// Why the workflow refused a command. Pure data: the engine maps it to an ``AwardError``.
public struct WorkflowError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A stable code for the refusal.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        public let rawValue: String
        /// The command is not allowed in the nomination's state.
        public static let wrongState = Code(rawValue: "wrong_state")
        /// The acting org is not the one the nomination waits at (or not the proposer).
        public static let wrongOrg = Code(rawValue: "wrong_org")
        /// The command needs a reason.
        public static let reasonRequired = Code(rawValue: "reason_required")
        /// Awarding or revoking needs a decision number and date.
        public static let decisionRequired = Code(rawValue: "decision_required")
        /// Only the deciding tier issues a decision.
        public static let decisionNotAllowed = Code(rawValue: "decision_not_allowed")
        /// The decision date is impossible (in the future, or before the award it annuls).
        public static let decisionDate = Code(rawValue: "decision_date")
        /// The council vote did not reach the quorum or the threshold.
        public static let voteFailed = Code(rawValue: "vote_failed")
        /// A council tier needs a vote tally, or the tally is impossible.
        public static let voteRequired = Code(rawValue: "vote_required")
        public static let voteInvalid = Code(rawValue: "vote_invalid")
        /// A document the tier requires is not in the dossier.
        public static let documentsMissing = Code(rawValue: "documents_missing")
        /// Objections from the public notice are still open.
        public static let objectionsOpen = Code(rawValue: "objections_open")
        public var description: String { rawValue }
    }

    /// The code.
    public let code: Code
    /// A sentence naming the state, command, org or field at fault.
    public let message: String
    /// For ``Code/wrongOrg``: the org that may act.
    public var expectedOrg: Int64? = nil

    public var description: String { message }
}

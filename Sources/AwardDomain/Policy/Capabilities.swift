import Foundation
/// What a signed-in person may do, as the pages and the API offer it: computed by ``Policy`` from
/// the person's role, never by a page.
public struct Capabilities: Sendable, Equatable {
    public var mayNominate: Bool
    public var mayImport: Bool
    public var mayDecide: Bool
    public var mayLaunchCampaigns: Bool
    public var mayRegister: Bool
    public var mayRecordReviews: Bool
    public var mayProposeFromReviews: Bool
    public var mayRecordFundIncome: Bool
    public var mayReadAudit: Bool
    public var mayManageWebhooks: Bool
    public var mayTransferNominees: Bool
    public var mayUpload: Bool
    public var mayEditCertificateLayout: Bool
    /// The inbox lists what its proposers must handle (drafts, returned dossiers) rather than what
    /// waits for its officers' judgement.
    public var proposesRatherThanJudges: Bool
}

/// What a caller may do on one nomination it sees.
public struct NominationCapabilities: Sendable, Equatable {
    /// The workflow actions it may take now.
    public var actions: [Action]
    /// It may add a document (while the dossier is open).
    public var mayUpload: Bool
    /// It may record an objection during a public notice.
    public var mayObject: Bool
    /// It may resolve objections.
    public var mayResolveObjections: Bool
    /// It may correct the dossier (name, type, year, achievement) while it is returned to its unit.
    public var mayAmend: Bool = false
}

extension Policy {
    /// The person's capabilities, from its role alone (a resource's own flags need its facts).
    public static func capabilities(of principal: Principal?) -> Capabilities {
        func may(_ permission: Permission) -> Bool { principal.map { permission.roles.contains($0.role) } ?? true }
        return Capabilities(
            mayNominate: may(.createNomination), mayImport: may(.importNominations), mayDecide: may(.decide),
            mayLaunchCampaigns: may(.launchCampaign), mayRegister: may(.register), mayRecordReviews: may(.recordReview),
            mayProposeFromReviews: may(.proposeFromReviews), mayRecordFundIncome: may(.recordFundIncome), mayReadAudit: may(.readAudit),
            mayManageWebhooks: may(.manageWebhooks), mayTransferNominees: may(.transferNominee), mayUpload: may(.uploadDocument),
            mayEditCertificateLayout: may(.editCertificateLayout),
            proposesRatherThanJudges: may(.createNomination) && !may(.approveNomination))
    }

    /// The actions a caller may take now on a nomination in `state` proposed by `unit`: the role
    /// allows the action, the state allows it, and the caller acts for the right org — any org over
    /// the proposing unit for the proposer's actions, the org it waits at for approve, return and
    /// reject, the awarding org for revoke (an admin acts for any). The engine judges again when
    /// the action is taken.
    public static func actions(_ principal: Principal, state: NominationState, unit: OrgRef, waitsAtCallersOrg: Bool,
                               awardedByCallersOrg: Bool) -> [Action] {
        Action.allCases.filter { action in
            guard allows(principal, Permission(action), Subject(org: unit)), Workflow.states(allowing: action).contains(state) else { return false }
            if state == .publicNotice && action == .approve { return false }
            if principal.role == .admin || action.isProposerAction { return true }
            return action == .revoke ? awardedByCallersOrg : waitsAtCallersOrg
        }
    }

    /// What a caller may do on one nomination.
    public static func nominationCapabilities(_ principal: Principal, state: NominationState, unit: OrgRef, waitsAtCallersOrg: Bool,
                                              awardedByCallersOrg: Bool) -> NominationCapabilities {
        let subject = Subject(org: unit)
        return NominationCapabilities(
            actions: actions(principal, state: state, unit: unit, waitsAtCallersOrg: waitsAtCallersOrg, awardedByCallersOrg: awardedByCallersOrg),
            mayUpload: allows(principal, .uploadDocument, subject) && !state.isFinal && state != .awarded,
            mayObject: allows(principal, .raiseObjection, subject) && state == .publicNotice,
            mayResolveObjections: allows(principal, .resolveObjection, subject),
            mayAmend: allows(principal, .amendNomination, subject) && state == .returned)
    }
}

/// What a caller may do on one campaign.
public struct CampaignCapabilities: Sendable, Equatable {
    /// Move it along its states (an approver of the launching org or above, or an admin).
    public var mayMove: Bool
    /// Accept or return registrations sent to it.
    public var mayJudgeRegistrations: Bool
    /// Register units, send registrations, turn reviews into nominations.
    public var mayRegister: Bool
    /// Record reviews of registrants.
    public var mayRecordReviews: Bool

    public init(mayMove: Bool, mayJudgeRegistrations: Bool, mayRegister: Bool, mayRecordReviews: Bool) {
        self.mayMove = mayMove
        self.mayJudgeRegistrations = mayJudgeRegistrations
        self.mayRegister = mayRegister
        self.mayRecordReviews = mayRecordReviews
    }
}

extension Policy {
    /// What `principal` may do on a campaign launched by `launcher`.
    public static func campaignCapabilities(_ principal: Principal, launcher: OrgRef) -> CampaignCapabilities {
        let subject = Subject(org: launcher)
        return CampaignCapabilities(
            mayMove: allows(principal, .moveCampaign, subject), mayJudgeRegistrations: allows(principal, .judgeRegistration, subject),
            mayRegister: allows(principal, .register), mayRecordReviews: allows(principal, .recordReview))
    }
}

extension Policy {
    /// A document is withdrawn by the one who uploaded it, or an admin.
    public static func ownsUpload(_ principal: Principal, uploadedBy: String) -> Bool {
        principal.role == .admin || principal.name == uploadedBy
    }

    /// Whether `principal` may withdraw a document it sees (the engine judges again): its uploader
    /// or an admin, while the dossier is open and has taken no step since the upload.
    public static func mayWithdrawDocument(_ principal: Principal, uploadedBy: String, uploadedAt: Date, withdrawn: Bool,
                                           state: NominationState, lastStepAt: Date?, unit: OrgRef) -> Bool {
        guard allows(principal, .withdrawDocument, Subject(org: unit)), !withdrawn, ownsUpload(principal, uploadedBy: uploadedBy) else { return false }
        return !state.isFinal && state != .awarded && (lastStepAt.map { $0 <= uploadedAt } ?? true)
    }
}

/// The input a refusal is about when its thrower did not name one: what a form shows the error
/// beside. The names are the engine's (``TextField`` raw values and ``Bound`` names); each page
/// maps them to its own inputs.
extension ErrorCode {
    public var field: String? {
        switch self {
        case .badNomineeType, .nomineeTypeMismatch, .nomineeTypeNotAccepted, .nomineeTypeRequired: "nominee type"
        case .nomineeRequired, .nameRequired, .emptyNominee, .unknownNominee: TextField.nominee.rawValue
        case .badYear, .yearRequired: Bound.year.field
        case .unknownKind, .kindNotInPack, .emptyKind, .wrongKind, .kindNotOffered: TextField.kind.rawValue
        case .unknownOrg, .emptyUnit, .badOrgCode, .sameUnit: TextField.unit.rawValue
        case .reasonRequired, .emptyReason: TextField.reason.rawValue
        case .decisionNumberUsed, .emptyDecisionNumber: TextField.decisionNumber.rawValue
        case .decisionDate, .dateInFuture: "decision date"
        case .emptySigner: TextField.signer.rawValue
        case .badSignerPrefix: "signer prefix"
        case .voteFailed, .voteInvalid, .voteRequired: "vote"
        case .badDocumentType, .documentType: "document type"
        case .badDocumentFormat, .documentTooLarge, .emptyDocument, .unsupportedMediaType: "file"
        case .emptyComment: TextField.comment.rawValue
        case .emptyLegalBasis: TextField.legalBasis.rawValue
        case .badCampaignCode, .duplicateCampaign: "campaign code"
        case .emptyName: TextField.name.rawValue
        case .emptyTitle: TextField.title.rawValue
        case .badCitizenId, .duplicateCitizenId, .personalDataKeyMissing: "cccd"
        default: nil
        }
    }
}

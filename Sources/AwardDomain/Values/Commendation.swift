/// The kind of commendation: only annual merit (and long service, foreign) counts toward later prerequisites.
public enum CommendationType: String, ClosedVocabulary, Sendable, Codable, CaseIterable {
    public init(from decoder: any Decoder) throws { self = try Self.decodeVocabulary(from: decoder) }

    case annual, thematic, adhoc, longService = "long_service", foreign
    /// Khen thưởng theo niên hạn: for years of service (the armed forces' medals…).
    case seniority
    /// Khen thưởng thành tích kháng chiến.
    case resistance

    /// As the statistics forms and the import template name it.
    public var vietnamese: String {
        switch self {
        case .annual: "Thường xuyên"
        case .thematic: "Theo chuyên đề"
        case .adhoc: "Đột xuất"
        case .longService: "Quá trình cống hiến"
        case .foreign: "Đối ngoại"
        case .seniority: "Niên hạn"
        case .resistance: "Kháng chiến"
        }
    }
}

/// What a new decision records besides its number and date.
public struct DecisionDetails: Sendable, Equatable {
    /// Who signs: their name and title (nil: the issuer's usual signer), and how (nil: the head
    /// in their own name).
    public var signer: String?
    public var signerTitle: String?
    public var signerPrefix: SignerPrefix?
    public var legalBasis: String?
    public var commendationType: CommendationType
    public var achievementPeriod: String?
    /// The delegation the signer signs under (set by the engine, never by a request).
    public var delegation: Int64?

    /// Signed by a deputy for the head (KT.): the flag older callers send.
    public var onBehalf: Bool { signerPrefix == .kt }

    public init(signer: String? = nil, signerTitle: String? = nil, signerPrefix: SignerPrefix? = nil, onBehalf: Bool = false,
                legalBasis: String? = nil, commendationType: CommendationType = .annual, achievementPeriod: String? = nil) {
        self.signer = signer
        self.signerTitle = signerTitle
        self.signerPrefix = signerPrefix ?? (onBehalf ? .kt : nil)
        self.legalBasis = legalBasis
        self.commendationType = commendationType
        self.achievementPeriod = achievementPeriod
    }

    /// The same, signed under `grant`: the delegate signs, under their own name and title (their
    /// login when no name is recorded), with the prefix the delegation names — whatever signer the
    /// form proposed.
    public func signed(under grant: DelegationGrant, by login: String) -> DecisionDetails {
        var signed = self
        signed.signer = grant.delegateName ?? login
        signed.signerTitle = grant.delegateTitle
        signed.signerPrefix = grant.prefix
        signed.delegation = grant.id
        return signed
    }
}

/// The bonus arithmetic, in whole đồng.
public enum Bonus {
    /// coefficient × multiplier × base, rounded to the đồng, then up to the next 10,000 VND.
    public static func amount(coefficient: Double, multiplier: Double, base: Int64) -> Int64 {
        // The base salary and the pack's coefficients are bounded where they enter; the clamp keeps
        // a value read from an older database from ever trapping the conversion.
        let value = (coefficient * multiplier * Double(base)).rounded()
        let exact = value.isFinite ? Int64(min(max(value, 0), 1e15)) : 0
        return (exact + 9_999) / 10_000 * 10_000
    }
}

import Foundation

/// How a decision is signed when the head does not sign in their own name (Decree 30/2020,
/// Annex I, II.8): a deputy for the head (KT.), the head for a collective body (TM.), by
/// delegation (TL., TUQ.), an acting head (Q.). Printed before the authority's title.
public enum SignerPrefix: String, Sendable, Codable, CaseIterable, Equatable {
    case kt = "KT."
    case tm = "TM."
    case tl = "TL."
    case tuq = "TUQ."
    case q = "Q."

    /// "KT." and the like, as typed: the dot may be left off, the case does not matter.
    public init?(typed text: String) {
        let key = text.trimmingCharacters(in: .whitespaces).uppercased()
        guard !key.isEmpty else { return nil }
        guard let prefix = Self.allCases.first(where: { $0.rawValue == key || $0.rawValue == key + "." }) else { return nil }
        self = prefix
    }

    /// What it means, as a form's option says it.
    public var vietnamese: String {
        switch self {
        case .kt: "KT. – cấp phó ký thay người đứng đầu"
        case .tm: "TM. – người đứng đầu ký thay mặt tập thể"
        case .tl: "TL. – ký thừa lệnh"
        case .tuq: "TUQ. – ký thừa ủy quyền"
        case .q: "Q. – quyền người đứng đầu"
        }
    }

    /// A prefix as a form or a request gives it: blank is none (the head signs in their own name).
    public static func parse(_ text: String?) throws(AwardError) -> SignerPrefix? {
        guard let text, !text.trimmingCharacters(in: .whitespaces).isEmpty else { return nil }
        guard let prefix = SignerPrefix(typed: text) else {
            throw AwardError(.invalidInput, code: .badSignerPrefix, "signer prefix \"\(text)\" is not one of \(accepted) (or empty)",
                             vi: "Hình thức ký «\(text)» không hợp lệ: chọn một trong \(accepted), hoặc để trống khi người đứng đầu ký.",
                             field: "signer prefix")
        }
        return prefix
    }

    /// The accepted values, for an error message.
    public static let accepted = allCases.map(\.rawValue).joined(separator: ", ")
}

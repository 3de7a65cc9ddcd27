import AwardEngine
import Foundation

/// The decision's date and signer as every deciding form takes them (a dossier's approve at its
/// deciding tier, a revocation, a batch decision): the signer starts from the org's usual one, a
/// refused form keeps what was typed, and a date in another year than this one is asked about once.
enum DecisionFields {
    /// The signer's inputs (the `signer` partial); `idPrefix` keeps ids unique on a page of several forms.
    struct Signer: Sendable {
        var idPrefix: String
        var signer: String
        var signerTitle: String
        var prefixes: [Option]
        /// The people listed as the org's signers, offered as the name's and the title's choices.
        var listed: [Option] = []
        var titles: [Option] = []
    }

    static func signer(idPrefix: String, usual: UsualSigner, typed: WebForm?, listed: [OrgSigner] = []) -> Signer {
        let prefix = typed?["signer_prefix"] ?? usual.defaultPrefix?.rawValue ?? ""
        return Signer(
            idPrefix: idPrefix, signer: typed?["signer"] ?? usual.name ?? "", signerTitle: typed?["signer_title"] ?? usual.title ?? "",
            prefixes: [Option(code: "", name: "Người đứng đầu ký", selected: SignerPrefix(typed: prefix) == nil)]
                + SignerPrefix.allCases.map { Option(code: $0.rawValue, name: $0.vietnamese, selected: SignerPrefix(typed: prefix) == $0) },
            listed: listed.map { Option(code: $0.displayName ?? $0.user, name: $0.title, selected: false) },
            titles: Array(Set(listed.map(\.title))).sorted().map { Option(code: $0, name: $0, selected: false) })
    }

    /// Who signs, as the form gives it.
    static func details(_ form: WebForm) throws(AwardError) -> DecisionDetails {
        DecisionDetails(signer: form["signer"], signerTitle: form["signer_title"], signerPrefix: try SignerPrefix.parse(form["signer_prefix"]))
    }

    /// A refusal that asks the officer to confirm a decision dated in another year.
    struct OtherYear: Error, Sendable {
        var error: AwardError
        var year: Int
    }

    /// The decision date typed (nil when the form has none): refused when it is not a date, and
    /// held back with ``OtherYear`` when it is in another year than `today`'s and the box
    /// confirming that year is not ticked. The engine judges the rest (not after today, not
    /// before the dossier's last step).
    static func date(_ form: WebForm, today: CivilDate) throws -> CivilDate? {
        guard let text = form["decision_date"] else { return nil }
        guard let date = CivilDate(parsing: text) else {
            throw AwardError(.invalidInput, code: .badDate, "decision_date \(text) is not a date",
                             vi: "Ngày quyết định «\(text)» không hợp lệ; viết theo dạng dd/mm/yyyy, ví dụ \(today.vietnamese).",
                             field: "decision date")
        }
        if date.year != today.year && form["confirm_year"] != String(date.year) {
            throw OtherYear(error: AwardError(
                .invalidInput, code: .decisionDate, "the decision date \(date.iso) is in \(date.year), not this year",
                vi: "Ngày quyết định \(date.vietnamese) thuộc năm \(date.year), không phải năm nay (\(today.year)). "
                    + "Nếu đúng, đánh dấu ô xác nhận bên dưới rồi gửi lại.", field: "decision date"), year: date.year)
        }
        return date
    }
}

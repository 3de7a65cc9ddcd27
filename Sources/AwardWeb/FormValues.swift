import AwardEngine
import Foundation

/// What the pages' forms send, read as the engine's values: dates, closed vocabularies, the awards
/// a campaign offers, and which refusals a page shows beside its form.
extension WebRoutes {
    /// A refusal the page shows beside the form; anything else (not found, unavailable…) is rethrown
    /// for the error page.
    static func shown(_ error: any Error, notFoundToo: Bool = false) throws -> AwardError {
        guard let refusal = error as? AwardError,
              ![.unauthenticated, .internal, .unavailable].contains(refusal.category), notFoundToo || refusal.category != .notFound else { throw error }
        return refusal
    }

    static func date(_ text: String?, field: String) throws(AwardError) -> CivilDate {
        guard let text, let date = CivilDate(parsing: text) else {
            throw AwardError(.invalidInput, code: .badDate, "\(field) is not a date", vi: "\(field): «\(text ?? "")» không phải ngày hợp lệ; viết theo dạng dd/mm/yyyy.")
        }
        return date
    }

    static func vocabulary<T: ClosedVocabulary>(_ text: String, _ type: T.Type, field: String) throws(AwardError) -> T {
        guard let value = T(rawValue: text) else {
            throw AwardError(.invalidInput, code: .badStatus, "\(field): \(text) is not one of \(T.acceptedValues)",
                             vi: "\(field): «\(text)» không hợp lệ; các giá trị được chấp nhận: \(T.acceptedValues).")
        }
        return value
    }

    /// A choice of a closed list, refused beside the input `name`.
    static func vocabulary<T: ClosedVocabulary>(_ text: String, _ type: T.Type, field: String, name: String) throws(AwardError) -> T {
        do { return try vocabulary(text, type, field: field) } catch {
            throw AwardError(error.category, code: error.code, error.message,
                             vi: text.isEmpty ? "Chọn \(field.lowercased())." : error.messageVI, field: name)
        }
    }

    /// "ldtt:3, bang-khen-tinh:1:3510000" → the awards offered.
    /// The awards a launch form offers: the ticked rows (award_CODE) with their quota and prize,
    /// or, from a script, the one-line form KIND[:QUOTA[:AMOUNT]].
    static func offeredAwards(_ form: WebForm) throws(AwardError) -> [Campaign.Award] {
        if let text = form["awards"] { return try awards(text) }
        var awards: [Campaign.Award] = []
        for name in form.fields.keys.sorted() where name.hasPrefix("award_") {
            let code = String(name.dropFirst("award_".count))
            var quota: Int? = nil, amount: Int64? = nil
            do throws(AwardError) {
                if let text = form["quota_\(code)"] { quota = Int(try Bound.quota.parse(text)) }
                if let text = form["amount_\(code)"] { amount = try Bound.prizeVnd.parse(text.replacingOccurrences(of: ".", with: "")) }
            } catch {
                throw AwardError(error.category, code: error.code, error.message, vi: "«\(code)»: " + error.messageVI, field: error.field)
            }
            awards.append(.init(kind: code, perUnitQuota: quota, amountVnd: amount))
        }
        return awards
    }

    static func awards(_ text: String) throws(AwardError) -> [Campaign.Award] {
        var awards: [Campaign.Award] = []
        for item in text.split(whereSeparator: { $0 == "," || $0 == "\n" }).map({ $0.trimmingCharacters(in: .whitespaces) }) where !item.isEmpty {
            let parts = item.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
            guard (1...3).contains(parts.count), parts.dropFirst().allSatisfy({ $0.isEmpty || Int64($0) != nil }) else {
                throw AwardError(.invalidInput, code: .badQuota, "awards: \(item) is not KIND[:QUOTA[:AMOUNT]]",
                                 vi: "Danh hiệu, hình thức xét: «\(item)» không đúng dạng mã[:chỉ tiêu mỗi đơn vị[:số tiền]], ví dụ ldtt:3.")
            }
            awards.append(.init(kind: parts[0], perUnitQuota: parts.count > 1 ? Int(parts[1]) : nil, amountVnd: parts.count > 2 ? Int64(parts[2]) : nil))
        }
        return awards
    }
}

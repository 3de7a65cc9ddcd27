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

    /// "ldtt:3, bang-khen-tinh:1:3510000" → the awards offered.
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

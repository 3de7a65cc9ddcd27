import AwardEngine
import Foundation

/// Words for a JSON body that does not decode, naming the field (never Swift's own wording).
enum BodyDecodingMessage {
    /// The English and the Vietnamese sentence for `error`.
    static func describe(_ error: DecodingError) -> (en: String, vi: String) {
        func path(_ context: DecodingError.Context) -> String {
            let keys = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }
            return keys.isEmpty ? "the body" : keys.joined(separator: ".")
        }
        switch error {
        case .dataCorrupted(let context):
            if context.codingPath.isEmpty {
                return ("the body is not valid JSON", "Nội dung gửi lên không phải JSON hợp lệ.")
            }
            let field = path(context)
            if let refusal = context.underlyingError as? ValueRefusal {
                return ("\(field): \(refusal.en)", "Trường \(field): \(refusal.vi)")
            }
            return ("\(field): the value is not accepted", "Trường \(field): giá trị không hợp lệ.")
        case .keyNotFound(let key, let context):
            let parent = context.codingPath.isEmpty ? "" : path(context) + "."
            return ("missing field \(parent)\(key.stringValue)", "Thiếu trường \(parent)\(key.stringValue).")
        case .typeMismatch(_, let context), .valueNotFound(_, let context):
            let field = path(context)
            return ("\(field) has the wrong type or is null", "Trường \(field) sai kiểu dữ liệu hoặc để trống (null).")
        @unknown default:
            return ("the body could not be decoded", "Không đọc được nội dung gửi lên.")
        }
    }
}

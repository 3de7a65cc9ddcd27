import AwardEngine
import Foundation
import Hummingbird

/// An RFC 9457 problem response: `application/problem+json` with a stable machine `code`.
struct Problem: Encodable, Sendable {
    var type: String
    var title: String
    var status: Int
    var detail: String
    var code: ErrorCode
    var requestId: String?

    enum CodingKeys: String, CodingKey {
        case type, title, status, detail, code, requestId = "request_id"
    }

    init(status: HTTPResponse.Status, code: ErrorCode, detail: String, requestId: String?) {
        self.type = "https://award-engine.vn/problems/\(code)"
        self.title = status.reasonPhrase
        self.status = status.code
        self.detail = detail
        self.code = code
        self.requestId = requestId
    }

    func response() -> Response {
        let body = (try? JSON.encoder.encode(self)) ?? Data("{}".utf8)
        var headers = HTTPFields()
        headers[.contentType] = "application/problem+json"
        return Response(status: HTTPResponse.Status(code: status), headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: body)))
    }

    /// The status of an engine error: the category decides, with the workflow's refusals split into
    /// wrong state (409), wrong org (403) and the rest (422).
    static func status(of error: AwardError) -> HTTPResponse.Status {
        switch error.category {
        case .invalidInput: return .badRequest
        case .unauthenticated: return .unauthorized
        case .forbidden: return .forbidden
        case .notFound: return .notFound
        case .conflict: return .conflict
        case .unavailable: return .serviceUnavailable
        case .refused:
            switch error.code {
            case .wrongState: return .conflict
            case .wrongOrg: return .forbidden
            default: return .unprocessableContent
            }
        default: return .internalServerError
        }
    }

    /// The problem for any error a handler threw.
    static func from(_ error: any Error, requestId: String?) -> Problem {
        switch error {
        case let error as AwardError:
            // Internal faults and the database's own words (socket paths, server messages) stay in the logs.
            let detail = switch error.category {
            case .internal: "internal error"
            case .unavailable: "the database is unavailable; retry shortly"
            default: error.message
            }
            return Problem(status: status(of: error), code: error.code, detail: detail, requestId: requestId)
        case let error as HTTPError:
            let code: ErrorCode = switch error.status {
            case .notFound: .routeNotFound
            case .methodNotAllowed: .methodNotAllowed
            case .contentTooLarge: .bodyTooLarge
            case .unsupportedMediaType: .unsupportedMediaType
            default: .httpError
            }
            return Problem(status: error.status, code: code, detail: error.body ?? error.status.reasonPhrase, requestId: requestId)
        case let error as any HTTPResponseError where error.status == .contentTooLarge:
            return Problem(status: .contentTooLarge, code: .bodyTooLarge, detail: "the request body is larger than allowed", requestId: requestId)
        case is DecodingError:
            return Problem(status: .badRequest, code: .malformedBody, detail: Self.describe(error as! DecodingError), requestId: requestId)
        default:
            return Problem(status: .internalServerError, code: .internal, detail: "internal error", requestId: requestId)
        }
    }

    static func describe(_ error: DecodingError) -> String {
        func path(_ context: DecodingError.Context) -> String {
            let keys = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }
            return keys.isEmpty ? "the body" : keys.joined(separator: ".")
        }
        switch error {
        case .dataCorrupted(let context):
            return context.codingPath.isEmpty ? "the body is not valid JSON" : "\(path(context)): \(context.debugDescription)"
        case .keyNotFound(let key, let context):
            let parent = context.codingPath.isEmpty ? "" : path(context) + "."
            return "missing field \(parent)\(key.stringValue)"
        case .typeMismatch(_, let context), .valueNotFound(_, let context):
            return "\(path(context)) has the wrong type or is null"
        @unknown default:
            return "the body could not be decoded"
        }
    }
}

import AwardEngine
import Foundation
import Hummingbird

/// An RFC 9457 problem response: `application/problem+json` with a stable machine `code`.
struct Problem: Encodable, Sendable {
    var type: String
    var title: String
    var status: Int
    /// The explanation in the language the caller asked for (`Accept-Language`; Vietnamese by default).
    var detail: String
    var detailVI: String
    var detailEN: String
    var code: ErrorCode
    var requestId: String?
    /// The input the refusal is about (`cccd`, `year`…), when it names one.
    var field: String?

    enum CodingKeys: String, CodingKey {
        case type, title, status, detail, code, detailVI = "detail_vi", detailEN = "detail_en", requestId = "request_id", field
    }

    init(status: HTTPResponse.Status, code: ErrorCode, en: String, vi: String? = nil, language: Language = .vi, requestId: String?) {
        self.type = "https://award-engine.vn/problems/\(code)"
        self.title = status.reasonPhrase
        self.status = status.code
        self.detailEN = en
        self.detailVI = vi ?? code.vietnamese
        self.detail = language == .vi ? detailVI : detailEN
        self.code = code
        self.requestId = requestId
    }

    func response() -> Response {
        let body = (try? JSON.encoder.encode(self)) ?? Data("{}".utf8)
        var headers = HTTPFields()
        headers[.contentType] = "application/problem+json"
        headers[.contentLanguage] = detail == detailVI ? "vi" : "en"
        return Response(status: HTTPResponse.Status(code: status), headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: body)))
    }

    static func status(of error: AwardError) -> HTTPResponse.Status { error.httpStatus }

    /// The problem for any error a handler threw.
    static func from(_ error: any Error, language: Language = .vi, requestId: String?) -> Problem {
        switch error {
        case let error as AwardError:
            // Internal faults and the database's own words (socket paths, server messages) stay in the logs.
            switch error.category {
            case .internal:
                return Problem(status: status(of: error), code: error.code, en: "internal error", vi: ErrorCode.internal.vietnamese,
                               language: language, requestId: requestId)
            case .unavailable where error.code == .printerUnavailable:
                return Problem(status: status(of: error), code: error.code, en: "no PDF printer on this server (chromium); html and docx still work",
                               vi: ErrorCode.printerUnavailable.vietnamese, language: language, requestId: requestId)
            case .unavailable:
                return Problem(status: status(of: error), code: error.code, en: "the database is unavailable; retry shortly",
                               vi: ErrorCode.databaseUnavailable.vietnamese, language: language, requestId: requestId)
            default:
                var problem = Problem(status: status(of: error), code: error.code, en: error.message, vi: error.messageVI,
                                      language: language, requestId: requestId)
                problem.field = error.field
                return problem
            }
        case let error as HTTPError:
            let code: ErrorCode = switch error.status {
            case .notFound: .routeNotFound
            case .methodNotAllowed: .methodNotAllowed
            case .contentTooLarge: .bodyTooLarge
            case .unsupportedMediaType: .unsupportedMediaType
            default: .httpError
            }
            return Problem(status: error.status, code: code, en: error.body ?? error.status.reasonPhrase, language: language, requestId: requestId)
        case let error as any HTTPResponseError where error.status == .contentTooLarge:
            return Problem(status: .contentTooLarge, code: .bodyTooLarge, en: "the request body is larger than allowed",
                           language: language, requestId: requestId)
        case let error as DecodingError:
            let (en, vi) = BodyDecodingMessage.describe(error)
            return Problem(status: .badRequest, code: .malformedBody, en: en, vi: vi, language: language, requestId: requestId)
        default:
            return Problem(status: .internalServerError, code: .internal, en: "internal error", language: language, requestId: requestId)
        }
    }
}

extension AwardError {
    /// The HTTP status of an engine error, the one map for the API and the pages: the category
    /// decides, with the workflow's refusals split into wrong state (409), wrong org (403) and the
    /// rest (422).
    public var httpStatus: HTTPResponse.Status {
        switch category {
        case .invalidInput: .badRequest
        case .unauthenticated: .unauthorized
        case .forbidden: .forbidden
        case .notFound: .notFound
        case .conflict: .conflict
        case .unavailable: .serviceUnavailable
        case .rateLimited: .tooManyRequests
        case .refused:
            switch code {
            case .wrongState: .conflict
            case .wrongOrg: .forbidden
            default: .unprocessableContent
            }
        default: .internalServerError
        }
    }
}

import AwardDomain
import AwardEngine
import Foundation
import Hummingbird
import Synchronization

/// `/verify` and `/verify/{code}`: anyone holding a printed certificate or decision checks it,
/// without signing in. Only what the decision itself publishes is shown; lookups are limited per
/// client address (``VerifyLimiter``) so the codes cannot be guessed by the million.
extension WebRoutes {
    struct VerifyModel: Sendable {
        struct Row: Sendable { var label: String; var value: String }
        struct Person: Sendable { var name: String; var unit: String; var annulled: Bool }
        var code: String
        var found: Bool
        var stands = false
        var verdict = ""
        var rows: [Row] = []
        var recipients: [Person] = []
        var hasRecipients = false
        var more = ""
        var error: String?
    }

    func registerVerify(on web: WebRouter) {
        web.get("verify", .open) { request, context in
            let typed = request.queryFields["code"] ?? ""
            guard !typed.isEmpty else { return pages.page(.verify, VerifyModel(code: "", found: false), title: "Xác thực quyết định, giấy khen", user: nil) }
            let code = Verification.normalized(String(typed.prefix(64))).addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
            return WebMiddleware.redirect("/verify/" + code)
        }
        web.get("verify/{code}", .open) { request, context in
            let code = String((context.parameters.get("code") ?? "").prefix(64))
            if let wait = verifyLimiter.admit(context.clientAddress ?? "-") {
                var response = pages.error(.tooManyRequests, heading: "Tra cứu quá nhiều lần",
                                           message: "Bạn đã tra cứu quá nhiều mã trong một phút. Hãy thử lại sau \(wait) giây.", user: nil)
                response.headers[.retryAfter] = String(wait)
                return response
            }
            let found: Result<Verification, AwardError>
            do throws(AwardError) { found = .success(try await engine.verify(code: code)) } catch { found = .failure(error) }
            switch found {
            case .success(let verification):
                return pages.page(.verify, Self.model(verification), title: "Xác thực \(Verification.grouped(verification.code))", user: nil)
            case .failure(let error) where error.category == .notFound:
                return pages.page(.verify, VerifyModel(code: code, found: false, error: error.messageVI), title: "Không tìm thấy mã", user: nil, status: .notFound)
            case .failure(let error):
                throw error
            }
        }
    }

    static func model(_ v: Verification) -> VerifyModel {
        var model = VerifyModel(code: Verification.grouped(v.code), found: true, stands: v.stands)
        let what = v.subject == .certificate ? "\(v.kindName) (giấy chứng nhận khen thưởng)"
            : v.purpose == "revocation" ? "Quyết định hủy bỏ khen thưởng" : "Quyết định tặng \(v.kindName)"
        model.verdict = v.stands
            ? "Mã \(model.code) là của \(what) do \(v.issuer) ban hành, đang có hiệu lực."
            : v.subject == .certificate ? "Mã \(model.code) là của \(what) do \(v.issuer) ban hành, nhưng khen thưởng này ĐÃ BỊ HỦY BỎ."
            : "Mã \(model.code) là của \(what) do \(v.issuer) ban hành; \(v.annulledCount) khen thưởng trong quyết định đã bị hủy bỏ."
        var rows: [VerifyModel.Row] = [
            .init(label: "Loại giấy tờ", value: what),
            .init(label: "Quyết định", value: "Số \(v.decisionNumber), ngày \(v.decidedOn.vietnamese)"),
            .init(label: "Cơ quan ban hành", value: v.issuer + (v.issuerNow.map { " (\($0))" } ?? "")),
        ]
        if let recipient = v.recipient {
            rows.append(.init(label: recipient.type == .individual ? "Cá nhân được khen" : recipient.type == .household ? "Hộ gia đình được khen" : "Tập thể được khen",
                              value: recipient.name + (recipient.type == .individual ? ", \(recipient.unit)" : "")))
        } else {
            rows.append(.init(label: "Số cá nhân, tập thể trong quyết định", value: String(v.recipientCount)))
        }
        rows.append(.init(label: "Tình trạng", value: v.annulment.map { "Đã bị hủy bỏ theo Quyết định số \($0.number) ngày \($0.decidedOn.vietnamese) của \($0.issuer)" }
                          ?? (v.stands ? "Đang có hiệu lực" : "\(v.annulledCount) khen thưởng đã bị hủy bỏ")))
        rows.append(.init(label: "Chữ ký số", value: v.signed ? "Có bản gốc ký số, chữ ký hợp lệ" : "Chưa có bản gốc ký số lưu trên hệ thống"))
        rows.append(.init(label: "Lịch sử hồ sơ", value: v.chainHolds ? "Toàn vẹn: chuỗi băm lịch sử xử lý khớp từ đầu đến nay"
                          : "CẢNH BÁO: lịch sử xử lý không khớp chuỗi băm; hãy báo cơ quan ban hành"))
        model.rows = rows
        model.recipients = v.recipients.map { .init(name: $0.name, unit: $0.unit, annulled: $0.annulled) }
        model.hasRecipients = !model.recipients.isEmpty
        if v.subject == .decision, v.recipientCount > v.recipients.count { model.more = "… và \(v.recipientCount - v.recipients.count) cá nhân, tập thể khác." }
        return model
    }
}

/// At most 30 lookups a minute per client address, in this process; the table of addresses is
/// bounded (the oldest minute is forgotten first).
public final class VerifyLimiter: Sendable {
    public static let perMinute = 30
    private let table = Mutex<(minute: Int, counts: [String: Int])>((0, [:]))
    private let clock: @Sendable () -> Date

    /// `clock`: the time it counts by (a test holds it still).
    public init(clock: @escaping @Sendable () -> Date = { Date() }) {
        self.clock = clock
    }

    /// nil when the lookup may go ahead; else the seconds to wait.
    func admit(_ client: String) -> Int? {
        let seconds = Int(clock().timeIntervalSince1970)
        return table.withLock { state in
            if state.minute != seconds / 60 || state.counts.count > 100_000 { state = (seconds / 60, [:]) }
            let count = state.counts[client, default: 0] + 1
            state.counts[client] = count
            return count > Self.perMinute ? 60 - seconds % 60 : nil
        }
    }
}

import AwardPostgres
import Foundation

/// An e-mail ready to send: composed in Vietnamese from an event or the day's digest.
public struct MailJob: Sendable, Equatable {
    public var id: Int64
    public var to: String
    public var subject: String
    public var body: String
}

/// How a user wants e-mail.
public enum EmailMode: String, ClosedVocabulary, Sendable, Codable, CaseIterable {
    public init(from decoder: any Decoder) throws { self = try Self.decodeVocabulary(from: decoder) }
    case none, immediate, daily
}

extension AwardEngine {
    /// Sets a user's e-mail address and choice (none, immediate, daily digest). An admin sets
    /// anyone's; a user their own.
    public func setEmail(user: String, email: String?, mode: EmailMode, by principal: Principal) async throws(AwardError) {
        try Policy.require(principal, .manageMailSettings, Subject(account: user))
        let email = email?.trimmingCharacters(in: .whitespaces).lowercased()
        if let email, email.range(of: #"^[^\s@]+@[^\s@]+\.[^\s@]+$"#, options: .regularExpression) == nil || email.count > 254 {
            throw AwardError(.invalidInput, code: .badEmail, "email \(email.prefix(80)) is not an address like ten@coquan.gov.vn",
                             vi: "Địa chỉ thư điện tử (email) «\(email.prefix(80))» không hợp lệ, ví dụ: ten@coquan.gov.vn.")
        }
        if mode != .none && email == nil {
            throw AwardError(.invalidInput, code: .badEmail, "an e-mail mode other than none needs an address", vi: "Cần địa chỉ thư điện tử (email) để nhận thư.")
        }
        try await transaction { c in
            guard try MailStore.setAddress(c, user: user, email: email, mode: mode.rawValue) else {
                throw AwardError(.notFound, code: .unknownUser, "no user named \(user)", vi: "Không có người dùng \(user).")
            }
        }
    }

    /// Queues the day's digest for each user who chose one (once a day, whoever runs it).
    @discardableResult
    public func queueDigests(now: Date = Date()) async throws(AwardError) -> Int {
        let today = Self.today(now)
        return try await transaction { c in try MailStore.queueDigests(c, on: today) }
    }

    /// Claims queued mail and composes it; each must be finished within `claimSeconds`.
    public func claimMail(limit: Int = 20, claimSeconds: Int = 60, now: Date = Date()) async throws(AwardError) -> [MailJob] {
        let today = Self.today(now)
        return try await transaction { c in
            try MailStore.claim(c, limit: limit, seconds: claimSeconds).map { claimed in
                if let event = claimed.event { return Self.mail(claimed, event: event) }
                let digest = try MailStore.digest(c, org: claimed.orgId, today: today)
                return Self.digest(claimed, digest, day: claimed.digestOn ?? today)
            }
        }
    }

    /// Records a send: sent, or retried after `retryInMilliseconds` and dead after `maxAttempts`.
    public func finishMail(_ id: Int64, error: String?, retryInMilliseconds: Int, maxAttempts: Int) async throws(AwardError) {
        try await transaction { c in try MailStore.finish(c, id: id, error: error, retryInMilliseconds: retryInMilliseconds, maxAttempts: maxAttempts) }
    }

    static func mail(_ claimed: MailStore.Claimed, event: OutboxEvent) -> MailJob {
        let data = (try? JSONSerialization.jsonObject(with: Data(event.data.utf8))) as? [String: Any] ?? [:]
        let nominee = (data["nominee"] as? [String: Any])?["name"] as? String ?? ""
        let id = event.nominationId.map(String.init) ?? ""
        let what: String = switch event.type {
        case "nomination.returned": "bị trả lại, chờ đơn vị bổ sung"
        case "deadline.warning": "sắp đến hạn xử lý"
        case "nomination.resubmitted": "được trình lại"
        case "nomination.assigned", "nomination.step_completed": "được giao cho anh/chị xử lý"
        default: "được trình đến đơn vị"
        }
        let reason = (data["reason"] as? String).map { "\nLý do, ghi chú: \($0)" } ?? ""
        return MailJob(
            id: claimed.id, to: claimed.email,
            subject: "[Thi đua – Khen thưởng] Hồ sơ số \(id) \(what)",
            body: """
                Kính gửi \(claimed.userDisplay) (\(claimed.orgName)),

                Hồ sơ số \(id) — \(nominee) (\(data["kind"] as? String ?? "")), đơn vị đề nghị \(data["unit"] as? String ?? "") — \(what).\(reason)
                Người thực hiện: \(claimed.actorDisplay.map { "\($0) (\(event.actor))" } ?? event.actor).

                Xem và xử lý hồ sơ: /nominations/\(id)

                Thư gửi tự động từ hệ thống Thi đua – Khen thưởng; đổi cách nhận thư: awardctl user email.
                """)
    }

    static func digest(_ claimed: MailStore.Claimed, _ digest: (arrived: [String], dueSoon: Int, overdue: Int), day: CivilDate) -> MailJob {
        let arrived = digest.arrived.isEmpty ? "Không có hồ sơ mới." : digest.arrived.map { "- \($0)" }.joined(separator: "\n")
        return MailJob(
            id: claimed.id, to: claimed.email,
            subject: "[Thi đua – Khen thưởng] Tổng hợp ngày \(day.vietnamese): \(digest.arrived.count) hồ sơ mới, \(digest.dueSoon) sắp đến hạn, \(digest.overdue) quá hạn",
            body: """
                Kính gửi \(claimed.userDisplay) (\(claimed.orgName)),

                Hồ sơ mới đến trong 24 giờ qua:
                \(arrived)

                Đang chờ đơn vị xử lý: \(digest.dueSoon) hồ sơ sắp đến hạn (trong 3 ngày), \(digest.overdue) hồ sơ quá hạn.

                Xem hộp việc: /

                Thư gửi tự động từ hệ thống Thi đua – Khen thưởng; đổi cách nhận thư: awardctl user email.
                """)
    }
}

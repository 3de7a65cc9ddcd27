import AwardDomain
import Foundation

/// One dossier's outcome in a bulk action: where it is now, or why it was refused.
public struct BulkOutcome: Sendable, Codable, Equatable {
    public var nomination: Int64
    public var ok: Bool
    @ExplicitNull public var state: NominationState?
    @ExplicitNull public var org: String?
    @ExplicitNull public var code: String?
    @ExplicitNull public var message: String?
    @ExplicitNull public var messageVI: String?

    enum CodingKeys: String, CodingKey { case nomination, ok, state, org, code, message, messageVI = "message_vi" }
}

extension AwardEngine {
    /// The most dossiers one bulk action takes.
    public static let bulkLimit = 500
    /// What a tier does to many dossiers at once.
    public static let bulkActions: [Action] = [.approve, .return, .reject]

    /// The same action on many dossiers waiting at the caller's tier: forward them (`approve`
    /// without a decision), return them with one reason, or reject them with one reason. Each is a
    /// step of its own, in a transaction of its own, with every guarantee of a single action (one
    /// winner against a race, its history row and event); one refused does not stop the others, and
    /// each outcome says what happened. 1 to 500 dossiers, none twice.
    public func performEach(_ action: Action, on ids: [Int64], as caller: Caller, reason: String? = nil, comment: String? = nil,
                            now: Date = Date()) async throws(AwardError) -> [BulkOutcome] {
        guard Self.bulkActions.contains(action) else {
            throw AwardError(.invalidInput, code: .unknownAction, "a bulk action is one of: \(Self.bulkActions.map(\.rawValue).joined(separator: ", "))",
                             vi: "Xử lý hàng loạt gồm: chuyển lên cấp trên (approve), trả lại (return), không đề nghị (reject).", field: "action")
        }
        try Self.checkBulk(ids)
        let reason = try Text.optional(reason, field: .reason)
        if action != .approve, reason == nil {
            throw AwardError(.invalidInput, code: .reasonRequired, "\(action.rawValue) needs a reason, given once for all the dossiers",
                             vi: "Cần nêu lý do (một lý do cho tất cả hồ sơ đã chọn).", field: "reason")
        }
        let principal = try await principal(of: caller)
        // A role that may not act passes when it holds a running delegation (each dossier is judged again).
        try await authorizeRoute(principal, Permission(action), now: now)
        var outcomes: [BulkOutcome] = []
        for id in ids {
            let request = ActionRequest(nomination: id, command: ActionCommand(action: action, reason: reason, comment: comment))
            do throws(AwardError) {
                let view = try await perform(request, as: .principal(principal), now: now)
                outcomes.append(BulkOutcome(nomination: id, ok: true, state: view.state, org: view.org, code: nil, message: nil, messageVI: nil))
            } catch {
                outcomes.append(BulkOutcome(nomination: id, ok: false, state: nil, org: nil, code: error.code.rawValue, message: error.message,
                                            messageVI: error.messageVI))
            }
        }
        return outcomes
    }

    /// Gives many dossiers waiting at the caller's org to one person (``assign(_:to:comment:by:)``),
    /// each a step of its own with its outcome, as ``performEach(_:on:as:reason:comment:now:)`` does.
    public func assignEach(_ ids: [Int64], to login: String, as caller: Caller, comment: String? = nil) async throws(AwardError) -> [BulkOutcome] {
        try Self.checkBulk(ids)
        let principal = try await principal(of: caller)
        try Policy.require(principal, .assignDossier)
        var outcomes: [BulkOutcome] = []
        for id in ids {
            do throws(AwardError) {
                let view = try await assign(id, to: login, comment: comment, by: principal)
                outcomes.append(BulkOutcome(nomination: id, ok: true, state: view.state, org: view.org, code: nil, message: nil, messageVI: nil))
            } catch {
                outcomes.append(BulkOutcome(nomination: id, ok: false, state: nil, org: nil, code: error.code.rawValue, message: error.message,
                                            messageVI: error.messageVI))
            }
        }
        return outcomes
    }

    static func checkBulk(_ ids: [Int64]) throws(AwardError) {
        guard (1...Self.bulkLimit).contains(ids.count) else {
            throw AwardError(.invalidInput, code: .noNominations, "a bulk action takes 1 to \(Self.bulkLimit) dossiers, not \(ids.count)",
                             vi: "Chọn từ 1 đến \(Self.bulkLimit) hồ sơ (đã chọn \(ids.count)).", field: "ids")
        }
        guard Set(ids).count == ids.count else { throw AwardError(.invalidInput, code: .duplicateIds, "a nomination id is listed twice", field: "ids") }
    }
}

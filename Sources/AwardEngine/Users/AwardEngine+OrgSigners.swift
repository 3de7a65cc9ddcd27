import AwardDomain
import AwardPostgres
import Foundation

/// A person who may sign for an org, with the title they sign under ("Chủ tịch", "Phó Chủ tịch").
public struct OrgSigner: Sendable, Codable, Equatable {
    public var user: String
    @ExplicitNull public var displayName: String?
    public var title: String
    @ExplicitNull public var email: String?
    @ExplicitNull public var phone: String?

    enum CodingKeys: String, CodingKey { case user, displayName = "display_name", title, email, phone }
}

extension AwardEngine {
    /// Lets a user of `org` sign for it under `title` (again: the title changes). An approver of
    /// the org itself, or an admin.
    public func addSigner(org: String, user: String, title: String, by principal: Principal) async throws(AwardError) -> [OrgSigner] {
        let title = try Text.required(title, field: .signerTitle, maxLength: 200, multiline: false)
        return try await transaction { c in
            let target = try OrgStore.org(c, code: org)
            try Policy.require(principal, .setUsualSigner, Subject(org: target.ref))
            guard let member = try OrgSignerStore.member(c, user: user, org: target.id) else {
                throw AwardError(.refused, code: .unknownUser, "no active user named \(user) at \(target.code): a signer is a user of the org",
                                 vi: "\(target.name) không có người dùng đang hoạt động tên \(user): người ký phải là người dùng của đơn vị.", field: "user")
            }
            try OrgSignerStore.add(c, org: target.id, user: member.id, title: title, by: principal.name)
            return try OrgSignerStore.list(c, org: target.id)
        }
    }

    /// No longer lets `user` sign for `org`.
    public func removeSigner(org: String, user: String, by principal: Principal) async throws(AwardError) -> [OrgSigner] {
        try await transaction { c in
            let target = try OrgStore.org(c, code: org)
            try Policy.require(principal, .setUsualSigner, Subject(org: target.ref))
            guard let member = try OrgSignerStore.member(c, user: user, org: target.id), try OrgSignerStore.remove(c, org: target.id, user: member.id) else {
                throw AwardError(.notFound, code: .unknownUser, "\(user) is not a signer of \(target.code)",
                                 vi: "\(user) không có trong danh sách người ký của \(target.name).", field: "user")
            }
            return try OrgSignerStore.list(c, org: target.id)
        }
    }

    /// Who may sign for `org`, in Vietnamese order.
    public func signers(org: String) async throws(AwardError) -> [OrgSigner] {
        try await readLease { c in try OrgSignerStore.list(c, org: try OrgStore.org(c, code: org).id) }
    }

    /// Records a user's phone (digits, spaces, dots, dashes and brackets, an optional leading +; 7 to 20
    /// characters); `nil` clears it.
    public func setPhone(user: String, phone: String?) async throws(AwardError) -> String? {
        let phone = phone.map { $0.trimmingCharacters(in: .whitespaces) }.flatMap { $0.isEmpty ? nil : $0 }
        if let phone, phone.range(of: #"^\+?[0-9][0-9 .()-]{6,19}$"#, options: .regularExpression) == nil {
            throw AwardError(.invalidInput, code: .badPhone, "phone must be 7 to 20 digits, spaces, dots, dashes or brackets, with an optional leading +",
                             vi: "Số điện thoại gồm 7 đến 20 ký tự: chữ số, dấu cách, dấu chấm, gạch ngang, ngoặc; có thể bắt đầu bằng +.", field: "phone")
        }
        return try await transaction { c in
            guard try OrgSignerStore.setPhone(c, user: user, phone: phone) != nil else {
                throw AwardError(.notFound, code: .unknownUser, "no active user named \(user)", vi: "Không có người dùng đang hoạt động tên \(user).")
            }
            return phone
        }
    }
}

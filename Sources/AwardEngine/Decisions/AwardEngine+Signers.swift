import AwardDomain
import AwardPostgres
import Foundation

/// A person as papers and pages name them.
public struct PersonName: Sendable, Codable, Equatable {
    public var user: String
    @ExplicitNull public var displayName: String?
    @ExplicitNull public var title: String?

    enum CodingKeys: String, CodingKey { case user, displayName = "display_name", title }
}

/// Who usually signs an org's decisions: the deciding forms start from it.
public struct UsualSigner: Sendable, Codable, Equatable {
    public var org: String
    @ExplicitNull public var name: String?
    @ExplicitNull public var title: String?

    /// How the usual signer signs by default: a deputy ("Phó …") for the head (KT.), else in
    /// their own name. The form offers every prefix; this is only where it starts.
    public var defaultPrefix: SignerPrefix? {
        title.map { $0.lowercased().hasPrefix("phó ") } == true ? .kt : nil
    }
}

extension AwardEngine {
    /// Records a user's full name and title (the header, the history and a signer's default show
    /// them instead of the login name). `nil` clears one.
    public func setPersonName(user: String, displayName: String?, title: String?) async throws(AwardError) -> PersonName {
        let displayName = try Text.optional(displayName, field: .name, maxLength: 200, multiline: false)
        let title = try Text.optional(title, field: .jobTitle, maxLength: 200, multiline: false)
        return try await transaction { c in
            guard let login = try SignerStore.setPersonName(c, user: user, displayName: displayName, title: title) else {
                throw AwardError(.notFound, code: .unknownUser, "no active user named \(user)", vi: "Không có người dùng đang hoạt động tên \(user).")
            }
            return PersonName(user: login, displayName: displayName, title: title)
        }
    }

    /// Records who usually signs `org`'s decisions (its head, or the deputy who signs for them).
    public func setUsualSigner(org: String, name: String?, title: String?, by principal: Principal) async throws(AwardError) -> UsualSigner {
        let name = try Text.optional(name, field: .signer, maxLength: 200, multiline: false)
        let title = try Text.optional(title, field: .signerTitle, maxLength: 200, multiline: false)
        return try await transaction { c in
            let target = try OrgStore.org(c, code: org)
            try Policy.require(principal, .setUsualSigner, Subject(org: target.ref))
            try SignerStore.setUsualSigner(c, org: target.id, name: name, title: title)
            return UsualSigner(org: target.code, name: name, title: title)
        }
    }

    /// Who usually signs `org`'s decisions (nothing recorded: both `nil`).
    public func usualSigner(org: String) async throws(AwardError) -> UsualSigner {
        try await lease { c in
            let target = try OrgStore.org(c, code: org)
            return try SignerStore.usualSigner(c, org: target.id) ?? UsualSigner(org: target.code, name: nil, title: nil)
        }
    }
}

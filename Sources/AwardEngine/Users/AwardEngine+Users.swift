import Foundation
import AwardPostgres

extension AwardEngine {
    // MARK: Users and tokens

    /// Adds a user and issues its bearer token. The token is returned once; only its SHA-256 is stored.
    public func addUser(name: String, org: String, role: Role) async throws(AwardError) -> IssuedToken {
        let name = name.trimmingCharacters(in: .whitespaces)
        guard name.range(of: "^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$", options: .regularExpression) != nil else {
            throw AwardError(.invalidInput, code: .badUserName, "user name \(name) must be 1–64 letters, digits, '.', '_', '@' or '-'")
        }
        let token = Self.newToken()
        return try await transaction { c in
            let org = try OrgStore.org(c, code: org)
            guard try UserStore.insert(c, name: name, org: org.id, role: role, token: token) else {
                throw AwardError(.refused, code: .duplicateUser, "a user named \(name) already exists (revoked users keep their name)")
            }
            return IssuedToken(name: name, org: org.code, role: role, token: token)
        }
    }

    /// Issues a new token for an existing, active user; the old one stops working at once.
    public func rotateToken(name: String) async throws(AwardError) -> IssuedToken {
        let token = Self.newToken()
        return try await transaction { c in
            guard let user = try UserStore.rotate(c, name: name, token: token) else {
                throw AwardError(.notFound, code: .unknownUser, "no active user named \(name)", vi: "Không có người dùng đang hoạt động tên \(name).")
            }
            return IssuedToken(name: user.name, org: user.org, role: user.role, token: token)
        }
    }

    /// Every user, active and revoked.
    public func users() async throws(AwardError) -> [UserInfo] {
        try await lease { c in try UserStore.all(c) }
    }

    /// Revokes a user: its token and every session stop working at once (open streams end within
    /// a second); its name stays in history.
    public func revokeUser(name: String) async throws(AwardError) -> UserInfo {
        try await transaction { c in
            guard let user = try UserStore.revoke(c, name: name) else {
                throw AwardError(.notFound, code: .unknownUser, "no active user named \(name)", vi: "Không có người dùng đang hoạt động tên \(name).")
            }
            try SessionStore.endAll(c, user: name)
            return user
        }
    }

    /// Gives a user another role or org (an officer moving to another post): every session ends,
    /// so that nothing keeps acting with the old rights; the bearer token follows the new ones.
    public func changeRole(name: String, role: Role, org: String? = nil) async throws(AwardError) -> UserInfo {
        try await transaction { c in
            let orgId = try org.map { try OrgStore.org(c, code: $0).id }
            guard let user = try UserStore.changeRole(c, name: name, role: role, org: orgId) else {
                throw AwardError(.notFound, code: .unknownUser, "no active user named \(name)", vi: "Không có người dùng đang hoạt động tên \(name).")
            }
            try SessionStore.endAll(c, user: name)
            return user
        }
    }

    /// The principal a bearer token belongs to.
    public func authenticate(token: String) async throws(AwardError) -> Principal {
        try Self.checkTokenShape(token)
        let principal = try await lease { c in try Self.principal(authenticated: c.execute(UserStore.tokenQuery(token))) }
        RequestIdentity.current?.record(principal)
        return principal
    }

    /// Refuses, before any database work, a token no user could have.
    static func checkTokenShape(_ token: String) throws(AwardError) {
        guard (1...200).contains(token.utf8.count) else {
            throw AwardError(.unauthenticated, code: .badToken, "the bearer token is not valid")
        }
    }

    static func principal(authenticated rows: Rows) throws -> Principal {
        guard let row = rows.first else {
            throw AwardError(.unauthenticated, code: .badToken, "the bearer token is not valid or was revoked")
        }
        return try UserStore.principal(row)
    }

    /// The principal of an active user by name (awardctl's `--as`).
    public func principal(named name: String) async throws(AwardError) -> Principal {
        try await lease { c in
            guard let principal = try UserStore.principal(c, named: name) else {
                throw AwardError(.notFound, code: .unknownUser, "no active user named \(name) (see `awardctl user list`)", vi: "Không có người dùng đang hoạt động tên \(name) (xem `awardctl user list`).")
            }
            return principal
        }
    }

    /// 32 random bytes from the system's cryptographic generator, base64url: `awd_…`.
    static func newToken() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }
        let base64 = Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
        return "awd_" + base64
    }
}

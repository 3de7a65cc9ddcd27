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
            let inserted = try c.execute("""
                INSERT INTO users (name, org_id, role, token_hash)
                VALUES (\(name), \(org.id), \(role.rawValue), encode(sha256(convert_to(\(token), 'UTF8')), 'hex'))
                ON CONFLICT DO NOTHING
                RETURNING id
                """)
            guard !inserted.isEmpty else {
                throw AwardError(.refused, code: .duplicateUser, "a user named \(name) already exists (revoked users keep their name)")
            }
            return IssuedToken(name: name, org: org.code, role: role, token: token)
        }
    }

    /// Issues a new token for an existing, active user; the old one stops working at once.
    public func rotateToken(name: String) async throws(AwardError) -> IssuedToken {
        let token = Self.newToken()
        return try await transaction { c in
            guard let row = try c.execute("""
                UPDATE users u SET token_hash = encode(sha256(convert_to(\(token), 'UTF8')), 'hex')
                FROM orgs o
                WHERE o.id = u.org_id AND lower(u.name) = lower(\(name)) AND u.revoked_at IS NULL
                RETURNING u.name, o.code, u.role
                """).first else {
                throw AwardError(.notFound, code: .unknownUser, "no active user named \(name)")
            }
            return IssuedToken(name: try row.string("name"), org: try row.string("code"), role: try Queries.enumValue(row, "role"), token: token)
        }
    }

    /// Every user, active and revoked.
    public func users() async throws(AwardError) -> [UserInfo] {
        try await lease { c in
            try c.execute("""
                SELECT u.name, o.code, u.role, u.revoked_at IS NOT NULL AS revoked
                FROM users u JOIN orgs o ON o.id = u.org_id ORDER BY lower(u.name)
                """).map { row in
                UserInfo(name: try row.string("name"), org: try row.string("code"), role: try Queries.enumValue(row, "role"), revoked: try row.bool("revoked"))
            }
        }
    }

    /// Revokes a user: its token stops working at once; its name stays in history.
    public func revokeUser(name: String) async throws(AwardError) -> UserInfo {
        try await transaction { c in
            guard let row = try c.execute("""
                UPDATE users u SET revoked_at = now() FROM orgs o
                WHERE o.id = u.org_id AND lower(u.name) = lower(\(name)) AND u.revoked_at IS NULL
                RETURNING u.name, o.code, u.role
                """).first else {
                throw AwardError(.notFound, code: .unknownUser, "no active user named \(name)")
            }
            return UserInfo(name: try row.string("name"), org: try row.string("code"), role: try Queries.enumValue(row, "role"), revoked: true)
        }
    }

    /// The principal a bearer token belongs to.
    public func authenticate(token: String) async throws(AwardError) -> Principal {
        try Self.checkTokenShape(token)
        return try await lease { c in try Self.principal(authenticated: c.execute(Self.tokenQuery(token))) }
    }

    /// Refuses, before any database work, a token no user could have.
    static func checkTokenShape(_ token: String) throws(AwardError) {
        guard (1...200).contains(token.utf8.count) else {
            throw AwardError(.unauthenticated, code: .badToken, "the bearer token is not valid")
        }
    }

    /// The active user a token belongs to (by the token's SHA-256; the token itself is never stored).
    static func tokenQuery(_ token: String) -> SQL {
        """
        SELECT u.name, u.role, o.id AS org_id, o.code AS org_code
        FROM users u JOIN orgs o ON o.id = u.org_id
        WHERE u.token_hash = encode(sha256(convert_to(\(token), 'UTF8')), 'hex') AND u.revoked_at IS NULL
        """
    }

    static func principal(authenticated rows: Rows) throws -> Principal {
        guard let row = rows.first else {
            throw AwardError(.unauthenticated, code: .badToken, "the bearer token is not valid or was revoked")
        }
        return try principal(row)
    }

    /// The principal of an active user by name (awardctl's `--as`).
    public func principal(named name: String) async throws(AwardError) -> Principal {
        try await lease { c in
            guard let row = try c.execute("""
                SELECT u.name, u.role, o.id AS org_id, o.code AS org_code
                FROM users u JOIN orgs o ON o.id = u.org_id
                WHERE lower(u.name) = lower(\(name)) AND u.revoked_at IS NULL
                """).first else {
                throw AwardError(.notFound, code: .unknownUser, "no active user named \(name) (see `awardctl user list`)")
            }
            return try Self.principal(row)
        }
    }

    static func principal(_ row: Row) throws -> Principal {
        Principal(name: try row.string("name"), role: try Queries.enumValue(row, "role"),
                  orgId: try row.int("org_id"), orgCode: try row.string("org_code"))
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

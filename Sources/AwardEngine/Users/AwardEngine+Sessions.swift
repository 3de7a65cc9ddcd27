import AwardPostgres
import Crypto
import Foundation

/// A session opened by signing in: the token for the cookie (shown once, stored hashed) and who it is.
public struct SignedIn: Sendable {
    public var token: String
    public var principal: Principal
    public var csrf: String
}

/// A live session: who it is, and the token every form of it must carry (`_csrf`).
public struct SessionPrincipal: Sendable {
    public var principal: Principal
    public var csrf: String
    /// The person's full name and title, when recorded (`awardctl user name`), and their org's name.
    public var displayName: String?
    public var title: String?
    public var orgName: String

    public init(principal: Principal, csrf: String, displayName: String? = nil, title: String? = nil, orgName: String = "") {
        self.principal = principal
        self.csrf = csrf
        self.displayName = displayName
        self.title = title
        self.orgName = orgName
    }
}

extension AwardEngine {
    /// How long a session lives without a request.
    public static let sessionIdleSeconds = 30 * 60

    /// Sets a user's password (bcrypt; the password itself is never stored) after checking it
    /// against ``PasswordRules``, and ends every session of the user.
    public func setPassword(name: String, password: String, cost: UInt8 = 11) async throws(AwardError) {
        try PasswordRules.check(password, user: name, common: CommonPasswords.list)
        let hash = await passwords.hash(password, cost: cost)
        try await transaction { c in
            guard try SessionStore.setPassword(c, name: name, hash: hash) else {
                throw AwardError(.notFound, code: .unknownUser, "no active user named \(name)",
                                 vi: "Không có người dùng đang hoạt động tên \(name).")
            }
            try SessionStore.endAll(c, user: name)
        }
    }

    /// Signs a person in from `client` (the address the request came from). Failures slow the
    /// next attempt per typed name, per client and per both (``SignInThrottle``); a slowed attempt
    /// is refused before its password is looked at. An unknown name and a wrong password get the
    /// same answer after the same work: one bcrypt check each (against a dummy hash for an unknown
    /// name). The check runs outside any transaction, lock or pooled connection.
    public func signIn(name: String, password: String, client: String? = nil, now: Date = Date()) async throws(AwardError) -> SignedIn {
        let wrong = AwardError(.unauthenticated, code: .badCredentials, "the user name or the password is wrong")
        guard (1...64).contains(name.count), (1...PasswordRules.maximumLength).contains(password.count) else { throw wrong }
        let keys = Self.throttleKeys(name: name, client: client)
        // One short read: whether any key must still wait, and the user's hash.
        let (wait, user) = try await lease { c in
            (try SessionStore.wait(c, keys: keys.map(\.key), now: now), try SessionStore.credentials(c, name: name))
        }
        if let wait { throw Self.slowDown(seconds: wait) }
        let matches = await passwords.verify(password, hash: user?.hash)
        guard matches, let user else {
            try await transaction { c in try SessionStore.failed(c, keys: keys, now: now) }
            throw wrong
        }
        let token = Self.newToken()
        try await transaction { c in
            try SessionStore.succeeded(c, key: keys[0].key)
            try SessionStore.open(c, user: user.id, token: token, now: now)
        }
        let session = try await session(token: token, now: now)
        return SignedIn(token: token, principal: session.principal, csrf: session.csrf)
    }

    /// The throttle keys of an attempt: the pair first, then the client, then the name. The name is
    /// kept only as its SHA-256.
    static func throttleKeys(name: String, client: String?) -> [(key: String, throttle: SignInThrottle)] {
        let nameHash = userHash(name)
        let address = client.map { String($0.prefix(64)) } ?? "-"
        return [("pair:\(nameHash):\(address)", .of(.pair)), ("client:\(address)", .of(.client)), ("name:\(nameHash)", .of(.name))]
    }

    /// A short, stable stand-in for a typed user name in keys and logs (never the name itself).
    public static func userHash(_ name: String) -> String {
        SHA256.hash(data: Data(name.lowercased().utf8)).prefix(8).map { String(format: "%02x", $0) }.joined()
    }

    static func slowDown(seconds: Int) -> AwardError {
        AwardError(.rateLimited, code: .tooManyAttempts,
                   "too many failed sign-ins from this address or for this name: try again in \(seconds) s",
                   vi: "Đăng nhập sai nhiều lần từ máy này hoặc với tên này: hãy thử lại sau \(seconds) giây.")
    }

    /// The person behind a session cookie, while the session lives.
    public func session(token: String, now: Date = Date()) async throws(AwardError) -> SessionPrincipal {
        guard (1...200).contains(token.utf8.count) else {
            throw AwardError(.unauthenticated, code: .sessionExpired, "the session has ended; sign in again")
        }
        let found = try await lease { c in try SessionStore.touch(c, token: token, now: now, idle: Self.sessionIdleSeconds) }
        guard let found else { throw AwardError(.unauthenticated, code: .sessionExpired, "the session has ended; sign in again") }
        RequestIdentity.current?.record(found.principal)
        return found
    }

    /// Signs out: ends every session of the person (every tab and every device at once, and their
    /// live streams within a second), and drops the sessions that idled out.
    public func signOut(token: String, now: Date = Date()) async throws(AwardError) {
        try await transaction { c in
            try SessionStore.closeAll(c, token: token)
            try SessionStore.sweep(c, now: now, idle: Self.sessionIdleSeconds)
        }
    }

    /// `HH:mm dd/MM/yyyy` in Vietnam's time (UTC+7), as messages and pages write a moment.
    public static func vietnameseTime(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(secondsFromGMT: 7 * 3600)
        formatter.dateFormat = "HH:mm dd/MM/yyyy"
        return formatter.string(from: date)
    }
}

/// The 10,000 most common passwords (Django's list, BSD licence; see Resources/passwords).
enum CommonPasswords {
    static let list: Set<String> = Set(String(decoding: PackageResources.common_passwords_txt, as: UTF8.self)
        .split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }.filter { !$0.isEmpty })
}

import AwardPostgres
import Foundation
import HummingbirdBcrypt

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
}

extension AwardEngine {
    /// Failed logins in a row that lock an account.
    public static let maxFailedLogins = 5
    /// How long a locked account stays locked.
    public static let lockDuration: TimeInterval = 15 * 60
    /// How long a session lives without a request.
    public static let sessionIdleSeconds = 30 * 60

    /// Sets a user's password (bcrypt; the password itself is never stored) and lifts any lock.
    public func setPassword(name: String, password: String, cost: UInt8 = 11) async throws(AwardError) {
        guard (10...200).contains(password.count) else {
            throw AwardError(.invalidInput, code: .badPassword, "a password is 10 to 200 characters long")
        }
        let hash = Bcrypt.hash(password, cost: cost)
        try await transaction { c in
            guard try SessionStore.setPassword(c, name: name, hash: hash) else {
                throw AwardError(.notFound, code: .unknownUser, "no active user named \(name)",
                                 vi: "Không có người dùng đang hoạt động tên \(name).")
            }
        }
    }

    /// Signs a person in: the password checked against its bcrypt hash, a session opened. A wrong
    /// name or password is refused with one message for both; the fifth failure in a row locks the
    /// account for ``lockDuration``, and a locked account is refused even with the right password.
    public func signIn(name: String, password: String, now: Date = Date()) async throws(AwardError) -> SignedIn {
        let wrong = AwardError(.unauthenticated, code: .badCredentials, "the user name or the password is wrong")
        guard (1...64).contains(name.count), (1...200).contains(password.count) else { throw wrong }
        let token = Self.newToken()
        let outcome: Result<Void, AwardError> = try await transaction { c in
            guard let user = try SessionStore.login(c, name: name) else { return .failure(wrong) }
            if let until = user.lockedUntil, until > now { return .failure(Self.locked(until)) }
            guard let hash = user.hash, Bcrypt.verify(password, hash: hash) else {
                let failures = (user.lockedUntil == nil ? user.failed : 0) + 1
                let lock = failures >= Self.maxFailedLogins ? now.addingTimeInterval(Self.lockDuration) : nil
                try SessionStore.failed(c, user: user.id, failures: lock == nil ? failures : 0, lockUntil: lock)
                return .failure(lock.map(Self.locked) ?? wrong)
            }
            try SessionStore.open(c, user: user.id, token: token, now: now)
            return .success(())
        }
        try outcome.get()
        let session = try await session(token: token, now: now)
        return SignedIn(token: token, principal: session.principal, csrf: session.csrf)
    }

    /// The person behind a session cookie, while the session lives.
    public func session(token: String, now: Date = Date()) async throws(AwardError) -> SessionPrincipal {
        guard (1...200).contains(token.utf8.count) else {
            throw AwardError(.unauthenticated, code: .sessionExpired, "the session has ended; sign in again")
        }
        let found = try await lease { c in try SessionStore.touch(c, token: token, now: now, idle: Self.sessionIdleSeconds) }
        guard let found else { throw AwardError(.unauthenticated, code: .sessionExpired, "the session has ended; sign in again") }
        return SessionPrincipal(principal: found.0, csrf: found.csrf)
    }

    /// Ends a session everywhere its cookie is used, and drops the sessions that idled out.
    public func signOut(token: String, now: Date = Date()) async throws(AwardError) {
        try await transaction { c in
            try SessionStore.close(c, token: token)
            try SessionStore.sweep(c, now: now, idle: Self.sessionIdleSeconds)
        }
    }

    static func locked(_ until: Date) -> AwardError {
        let time = Self.vietnameseTime(until)
        return AwardError(.forbidden, code: .accountLocked,
                          "the account is locked after \(maxFailedLogins) failed logins until \(time); try again then or ask an administrator",
                          vi: "Tài khoản tạm bị khóa sau \(maxFailedLogins) lần đăng nhập sai, đến \(time); hãy thử lại sau hoặc liên hệ quản trị viên.")
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

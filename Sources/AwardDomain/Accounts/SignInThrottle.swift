/// How failed sign-ins slow the next attempt, per key: a growing delay after a number of free
/// failures, capped, fading after an hour without failures. No key is ever locked for good, and
/// the one an anonymous client can hit for a real account (the typed name, from every address)
/// delays at most a minute, so nobody can keep an officer out.
public struct SignInThrottle: Sendable, Equatable {
    /// What a key counts.
    public enum Scope: String, Sendable, CaseIterable {
        /// One typed name from one client address: a guesser at one machine.
        case pair
        /// One client address, whatever names it types: a guesser trying many names.
        case client
        /// One typed name from any address: a guesser spread over many machines.
        case name
    }

    public let scope: Scope
    /// Failures that cost nothing (the one after them earns the first wait: five in a row for a pair).
    public let free: Int
    /// The longest delay, in seconds.
    public let cap: Int

    public static func of(_ scope: Scope) -> SignInThrottle {
        switch scope {
        case .pair: SignInThrottle(scope: .pair, free: 4, cap: 15 * 60)
        case .client: SignInThrottle(scope: .client, free: 19, cap: 15 * 60)
        case .name: SignInThrottle(scope: .name, free: 49, cap: 60)
        }
    }

    /// Failures older than this are forgotten.
    public static let fadeSeconds = 60 * 60

    /// The wait after the `failures`-th failure: 0, then 5, 10, 20 … seconds up to the cap.
    public func delay(afterFailures failures: Int) -> Int {
        guard failures > free else { return 0 }
        let exponent = min(failures - free - 1, 20)
        return min(5 << exponent, cap)
    }
}

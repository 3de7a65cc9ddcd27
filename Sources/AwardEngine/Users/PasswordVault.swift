import Foundation
import HummingbirdBcrypt
import Synchronization

/// Where passwords are hashed and checked: bcrypt (hummingbird-auth's HummingbirdBcrypt) on a
/// small pool of threads of its own, never on Swift's cooperative threads, inside a transaction or
/// while holding a pooled connection, so that a flood of sign-ins slows only sign-ins. Every check
/// is counted (the tests prove by the count that an unknown name costs a check too).
public final class PasswordVault: Sendable {
    private let queue: OperationQueue
    private let counted = Atomic<Int>(0)
    private let verifier: @Sendable (String, String) -> Bool
    private let hasher: @Sendable (String, UInt8) -> String
    /// A hash of a random password that nobody knows: what an unknown name's attempt is checked
    /// against, at the cost the real hashes have.
    private let dummy: String

    /// bcrypt, with at most `threads` checks at once (default: one per core).
    public init(threads: Int = ProcessInfo.processInfo.activeProcessorCount,
                verifier: @escaping @Sendable (String, String) -> Bool = { Bcrypt.verify($0, hash: $1) },
                hasher: @escaping @Sendable (String, UInt8) -> String = { Bcrypt.hash($0, cost: $1) }) {
        let queue = OperationQueue()
        queue.name = "award-bcrypt"
        queue.maxConcurrentOperationCount = max(1, threads)
        self.queue = queue
        self.verifier = verifier
        self.hasher = hasher
        dummy = hasher(UUID().uuidString + UUID().uuidString, 11)
    }

    /// The process's vault (one pool of bcrypt threads for every engine of the process).
    public static let shared = PasswordVault()

    /// How many checks ran so far.
    public var checks: Int { counted.load(ordering: .relaxed) }

    /// Whether `password` matches `hash`; with no hash (an unknown user), a check against the dummy
    /// hash that always ends false.
    public func verify(_ password: String, hash: String?) async -> Bool {
        counted.add(1, ordering: .relaxed)
        let verifier = self.verifier, dummy = self.dummy
        return await run { hash.map { verifier(password, $0) } ?? (verifier(password, dummy) && false) }
    }

    /// A new hash of `password`.
    public func hash(_ password: String, cost: UInt8) async -> String {
        let hasher = self.hasher
        return await run { hasher(password, cost) }
    }

    private func run<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            queue.addOperation { continuation.resume(returning: work()) }
        }
    }
}

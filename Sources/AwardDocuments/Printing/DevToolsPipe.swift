import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// One headless chromium driven over its DevTools protocol through a pair of pipes
/// (`--remote-debugging-pipe`: the browser reads commands on its fd 3 and writes on its fd 4,
/// each message JSON ending in a NUL byte). No port is opened, so nothing else on the machine can
/// talk to it. A reader thread answers each command's caller and fails every network request the
/// page tries (`Fetch.requestPaused` → `Fetch.failRequest`): a document prints from its own
/// content alone.
final class DevToolsPipe: @unchecked Sendable {
    enum Failure: Error { case closed, protocolError(String), timeout }

    private let lock = NSLock()
    private var nextId = 1
    private var waiting: [Int: CheckedContinuation<Reply, any Error>] = [:]

    /// A command's answer, handed from the reader thread to its caller and read only there.
    struct Reply: @unchecked Sendable { let object: [String: Any] }
    private var alive = true
    private let toBrowser: Int32
    private let fromBrowser: Int32
    let pid: pid_t
    /// Requests the pages tried and that were refused (for the logs and the tests).
    private var blocked: [String] = []
    var blockedRequests: [String] { lock.withLock { blocked } }

    /// Starts `binary` with a private profile in `profile`.
    init(binary: String, profile: String) throws {
        // A write to a browser that just died must fail with EPIPE, not end this process.
        signal(SIGPIPE, SIG_IGN)
        var commands: [Int32] = [0, 0], events: [Int32] = [0, 0]
        guard pipe(&commands) == 0, pipe(&events) == 0 else { throw Failure.closed }
        // Only the browser's ends are handed to it (as fds 3 and 4); no other child inherits any.
        for fd in commands + events { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, commands[0], 3)
        posix_spawn_file_actions_adddup2(&actions, events[1], 4)
        let arguments = [binary, "--headless=new", "--no-sandbox", "--disable-gpu", "--remote-debugging-pipe", "--user-data-dir=\(profile)",
                         "--no-first-run", "--no-default-browser-check", "--disable-extensions", "--disable-background-networking",
                         "--disable-sync", "--disable-component-update", "--disable-default-apps", "--disable-features=Translate,MediaRouter",
                         "--mute-audio", "--hide-scrollbars", "about:blank"]
        let argv = arguments.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var child = pid_t()
        let spawned = posix_spawn(&child, binary, &actions, nil, argv, environ)
        close(commands[0])
        close(events[1])
        guard spawned == 0 else {
            close(commands[1]); close(events[0])
            throw Failure.protocolError("cannot start \(binary): \(String(cString: strerror(spawned)))")
        }
        pid = child
        toBrowser = commands[1]
        fromBrowser = events[0]
        let thread = Thread { [self] in readLoop() }
        thread.name = "award-printer"
        thread.start()
    }

    var isAlive: Bool { lock.withLock { alive } }

    /// Sends a command (to a page's session when `session` is given) and waits for its answer.
    func send(_ method: String, _ params: [String: Any] = [:], session: String? = nil) async throws -> [String: Any] {
        let message = Reply(object: params)
        return try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Reply, any Error>) in
            let params = message.object
            let id: Int? = lock.withLock {
                guard alive else { return nil }
                let id = nextId
                nextId += 1
                waiting[id] = continuation
                return id
            }
            guard let id else { continuation.resume(throwing: Failure.closed); return }
            var message: [String: Any] = ["id": id, "method": method, "params": params]
            if let session { message["sessionId"] = session }
            if !write(message) {
                if let pending = lock.withLock({ waiting.removeValue(forKey: id) }) { pending.resume(throwing: Failure.closed) }
            }
        }.object
    }

    /// Ends the browser (its pipe closes; SIGKILL if it lingers) and fails whatever waits.
    func terminate() {
        lock.withLock { alive = false }
        close(toBrowser)
        kill(pid, SIGKILL)
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        failAll()
    }

    private func write(_ message: [String: Any]) -> Bool {
        guard var data = try? JSONSerialization.data(withJSONObject: message) else { return false }
        data.append(0)
        return lock.withLock {
            guard alive else { return false }
            return data.withUnsafeBytes { buffer in
                var offset = 0
                while offset < buffer.count {
                    let written = Glibc.write(toBrowser, buffer.baseAddress! + offset, buffer.count - offset)
                    if written < 0 { if errno == EINTR { continue }; return false }
                    offset += written
                }
                return true
            }
        }
    }

    private func readLoop() {
        var pending = Data()
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = read(fromBrowser, &buffer, buffer.count)
            if count < 0 && errno == EINTR { continue }
            if count <= 0 { break }
            pending.append(contentsOf: buffer[0..<count])
            while let end = pending.firstIndex(of: 0) {
                let message = pending[pending.startIndex..<end]
                pending = Data(pending[(end + 1)...])
                if let object = (try? JSONSerialization.jsonObject(with: message)) as? [String: Any] { handle(object) }
            }
            // A message has no business being larger than the biggest print (a few hundred MiB).
            if pending.count > 512 << 20 { break }
        }
        close(fromBrowser)
        lock.withLock { alive = false }
        failAll()
    }

    private func handle(_ message: [String: Any]) {
        if let id = message["id"] as? Int {
            guard let continuation = lock.withLock({ waiting.removeValue(forKey: id) }) else { return }
            if let error = message["error"] as? [String: Any] {
                continuation.resume(throwing: Failure.protocolError(error["message"] as? String ?? "error"))
            } else {
                continuation.resume(returning: Reply(object: message["result"] as? [String: Any] ?? [:]))
            }
            return
        }
        if message["method"] as? String == "Fetch.requestPaused", let params = message["params"] as? [String: Any],
           let requestId = params["requestId"] as? String {
            let url = (params["request"] as? [String: Any])?["url"] as? String ?? "?"
            lock.withLock { blocked.append(String(url.prefix(200))) }
            var reply: [String: Any] = ["id": 0, "method": "Fetch.failRequest", "params": ["requestId": requestId, "errorReason": "BlockedByClient"]]
            reply["id"] = lock.withLock { () -> Int in nextId += 1; return nextId }
            if let session = message["sessionId"] as? String { reply["sessionId"] = session }
            _ = write(reply)
        }
    }

    private func failAll() {
        let all = lock.withLock { () -> [CheckedContinuation<Reply, any Error>] in
            let all = Array(waiting.values)
            waiting.removeAll()
            return all
        }
        for continuation in all { continuation.resume(throwing: Failure.closed) }
    }
}

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
    /// Writes go out one at a time on a queue of their own, never under `lock` and never on the
    /// reader thread: a browser slow to read its commands cannot stop its answers being read.
    private let writer = DispatchQueue(label: "award-printer-writer")
    private var nextId = 1
    /// Ids of the replies sent without waiting (`Fetch.failRequest`), far above any command's.
    private var nextUnanswered = 1 << 40
    private var waiting: [Int: CheckedContinuation<Reply, any Error>] = [:]

    /// A command's answer, handed from the reader thread to its caller and read only there.
    struct Reply: @unchecked Sendable { let object: [String: Any] }
    private var alive = true
    private var terminated = false
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
        // Only the browser's ends are handed to it (as fds 3 and 4); no other child inherits them.
        for fd in commands + events { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, commands[0], 3)
        posix_spawn_file_actions_adddup2(&actions, events[1], 4)
        // Nothing else of this process: a descriptor opened elsewhere without close-on-exec (a
        // child's pipe, read to its end by another task) must not stay open for the browser's life.
        // (glibc 2.34's posix_spawn_file_actions_addclosefrom_np, which Swift's Glibc module does not import.)
        typealias CloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32
        if let symbol = dlsym(nil, "posix_spawn_file_actions_addclosefrom_np") {
            _ = unsafeBitCast(symbol, to: CloseFrom.self)(&actions, 5)
        }
        let arguments = [binary, "--headless=new", "--no-sandbox", "--disable-gpu", "--remote-debugging-pipe", "--user-data-dir=\(profile)",
                         "--no-first-run", "--no-default-browser-check", "--disable-extensions", "--disable-background-networking",
                         "--disable-sync", "--disable-component-update", "--disable-default-apps", "--disable-features=Translate,MediaRouter",
                         "--mute-audio", "--hide-scrollbars",
                         // Pages printed side by side are each in the background in turn: none may
                         // have its timers, rendering or frames held back for it.
                         "--disable-background-timer-throttling", "--disable-renderer-backgrounding",
                         "--disable-backgrounding-occluded-windows", "--disable-hang-monitor", "--disable-dev-shm-usage",
                         // Below DevTools `Fetch`, the network stack may still open a connection ahead
                         // of a request (preconnect) or look a name up: every connection goes to a
                         // proxy on a port nobody may listen on (loopback included), every name fails.
                         "--proxy-server=socks5://127.0.0.1:9", "--proxy-bypass-list=<-loopback>",
                         "--host-resolver-rules=MAP * ~NOTFOUND", "--dns-prefetch-disable",
                         "about:blank"]
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

    /// `AWARD_PRINTER_DEBUG=1`: each command on standard error.
    static let debug = ProcessInfo.processInfo.environment["AWARD_PRINTER_DEBUG"] != nil

    /// Sends a command (to a page's session when `session` is given) and waits for its answer.
    func send(_ method: String, _ params: [String: Any] = [:], session: String? = nil) async throws -> [String: Any] {
        if Self.debug { FileHandle.standardError.write(Data("award-printer \(pid): \(method)\n".utf8)) }
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
            guard let data = Self.encode(message) else {
                if let pending = lock.withLock({ waiting.removeValue(forKey: id) }) { pending.resume(throwing: Failure.protocolError("unencodable")) }
                return
            }
            writer.async { [self] in
                if !write(data), let pending = lock.withLock({ waiting.removeValue(forKey: id) }) { pending.resume(throwing: Failure.closed) }
            }
        }.object
    }

    /// Ends the browser (its pipe closes; SIGKILL if it lingers) and fails whatever waits.
    func terminate() {
        let first = lock.withLock { () -> Bool in
            defer { terminated = true; alive = false }
            return !terminated
        }
        guard first else { failAll(); return }
        close(toBrowser)
        kill(pid, SIGKILL)
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        failAll()
    }

    static func encode(_ message: [String: Any]) -> Data? {
        guard var data = try? JSONSerialization.data(withJSONObject: message) else { return nil }
        data.append(0)
        return data
    }

    /// Writes a whole message (on the writer queue only).
    private func write(_ data: Data) -> Bool {
        guard isAlive else { return false }
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
            if Self.debug { FileHandle.standardError.write(Data("award-printer \(pid): reply \(id) \(message["error"].map { "\($0)" } ?? "ok")\n".utf8)) }
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
            // Its own id range: an answer to it must never be taken for the answer to a command.
            reply["id"] = lock.withLock { () -> Int in nextUnanswered += 1; return nextUnanswered }
            if let session = message["sessionId"] as? String { reply["sessionId"] = session }
            if let data = Self.encode(reply) { writer.async { [self] in _ = write(data) } }
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

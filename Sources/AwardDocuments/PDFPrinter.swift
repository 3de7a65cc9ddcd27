import AwardEngine
import Foundation

/// Prints a print view to PDF with Debian's headless chromium. Chromium, not weasyprint: the
/// browser tests already install it, it honours `@page` sizes, margins and margin boxes (the page
/// number top centre from page 2) exactly as an officer's browser prints the same view, and it
/// embeds Liberation Serif, which has Times New Roman's metrics.
///
/// One browser per process and binary stays running, driven over `--remote-debugging-pipe` (no
/// port); each document gets a fresh page whose content is set directly (no file, no URL), and
/// every request the page tries — a file, an address of this machine or another — is failed by
/// DevTools `Fetch`. Two blank pages are kept open ahead of the documents, so that a print does not
/// wait for a page to be made; no page ever holds a second document. A browser that died is
/// started again on the next print.
public struct PDFPrinter: Sendable {
    /// The browser binary: `AWARD_CHROMIUM`, else `/usr/bin/chromium`.
    public var binary: String
    /// The longest one document may take.
    public var timeout: Duration

    public init(binary: String? = nil, timeout: Duration = .seconds(60)) {
        self.binary = binary ?? ProcessInfo.processInfo.environment["AWARD_CHROMIUM"] ?? "/usr/bin/chromium"
        self.timeout = timeout
    }

    /// Whether the printer can run here.
    public var isAvailable: Bool { FileManager.default.isExecutableFile(atPath: binary) }

    /// The PDF of an HTML page.
    public func pdf(html: String) async throws(AwardError) -> Data {
        guard isAvailable else {
            throw AwardError(.unavailable, code: .printerUnavailable, "no PDF printer: \(binary) is not installed (apt-get install chromium)",
                             vi: "Không tạo được PDF: máy chủ chưa cài chromium (\(binary)).")
        }
        do {
            return try await Browser.shared(binary).print(html, timeout: timeout)
        } catch {
            throw AwardError(.unavailable, code: .printerUnavailable, "chromium could not print the page",
                             vi: "Trình in chromium không in được văn bản; hãy thử lại.")
        }
    }

    /// The addresses the pages of this process's printer tried to load and were refused.
    public var blockedRequests: [String] {
        get async { await Browser.shared(binary).blockedRequests }
    }

    /// The running browser's process id (`nil` before the first print).
    public var browserProcess: Int32? {
        get async { await Browser.shared(binary).processId }
    }

    /// A kept-alive browser.
    actor Browser {
        static let registry = Registry()
        static func shared(_ binary: String) async -> Browser { await registry.browser(binary) }

        actor Registry {
            var browsers: [String: Browser] = [:]
            func browser(_ binary: String) -> Browser {
                if let known = browsers[binary] { return known }
                let made = Browser(binary: binary)
                browsers[binary] = made
                return made
            }
        }

        let binary: String
        private var pipe: DevToolsPipe?
        private var profile: String?
        /// Blank pages opened ahead of the documents that will take them (`PrintPage.swift`).
        var spares: [Task<Page, any Error>] = []
        var sparesOf: Int32 = 0

        init(binary: String) { self.binary = binary }

        var blockedRequests: [String] { pipe?.blockedRequests ?? [] }
        var processId: Int32? { pipe.map { $0.pid } }

        func running() throws -> DevToolsPipe {
            if let pipe, pipe.isAlive { return pipe }
            pipe?.terminate()
            if profile == nil {
                let directory = FileManager.default.temporaryDirectory.appendingPathComponent("award-printer-\(getpid())-\(UUID().uuidString)")
                try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
                profile = directory.path
            }
            let started = try DevToolsPipe(binary: binary, profile: profile!)
            pipe = started
            return started
        }

        func print(_ html: String, timeout: Duration) async throws -> Data {
            do {
                return try await attempt(html, timeout: timeout)
            } catch DevToolsPipe.Failure.closed {
                // The browser died between two documents (killed, out of memory): one fresh start.
                return try await attempt(html, timeout: timeout)
            }
        }

        private func attempt(_ html: String, timeout: Duration) async throws -> Data {
            let pipe = try running()
            do {
                return try await withThrowingTaskGroup(of: Data?.self) { group in
                    group.addTask { try await self.render(html, on: pipe) }
                    group.addTask {
                        try await Task.sleep(for: timeout)
                        // Ends the browser, which fails every command waiting on it: the render
                        // returns, and the group with it.
                        pipe.terminate()
                        return nil
                    }
                    defer { group.cancelAll() }
                    guard let first = try await group.next(), let pdf = first else { throw DevToolsPipe.Failure.timeout }
                    return pdf
                }
            } catch {
                // A browser that timed out or broke is not trusted with the next document.
                if DevToolsPipe.debug { FileHandle.standardError.write(Data("award-printer \(pipe.pid): failed: \(error)\n".utf8)) }
                if !(error is CancellationError) { pipe.terminate() }
                throw error
            }
        }
    }
}

@testable import AwardDocuments
import AwardEngine
import AwardTestSupport
import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// The printer prints a document from its own content alone: a file of the server or an address
/// (this machine's or another's) named in the HTML is never read or called, and a template that
/// names one is refused on upload with its line.
@Suite struct PrinterIsolationTests {
    /// A TCP listener on loopback that counts the connections it is offered.
    final class Listener: @unchecked Sendable {
        let fd: Int32
        let port: Int
        private let lock = NSLock()
        private var accepted = 0
        var connections: Int { lock.withLock { accepted } }

        init() throws {
            let socketFd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            address.sin_port = 0
            var length = socklen_t(MemoryLayout<sockaddr_in>.size)
            _ = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(socketFd, $0, length) } }
            listen(socketFd, 16)
            _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(socketFd, $0, &length) } }
            fd = socketFd
            port = Int(UInt16(bigEndian: address.sin_port))
            Thread { [self] in
                while true {
                    let client = accept(fd, nil, nil)
                    if client < 0 { return }
                    lock.withLock { accepted += 1 }
                    close(client)
                }
            }.start()
        }

        deinit { shutdown(fd, Int32(SHUT_RDWR)); close(fd) }
    }

    @Test func aPageThatNamesAFileOrAnAddressPrintsWithoutReadingOrCallingIt() async throws {
        let listener = try Listener()
        // A long deadline: on two cores the suites beside this one may hold the shared threads for a
        // minute, and this test is about what the page reaches, not how fast.
        let printer = PDFPrinter(timeout: .seconds(300))
        let html = """
            <!doctype html><html><head><meta charset="utf-8">
            <link rel="stylesheet" href="http://127.0.0.1:\(listener.port)/style.css">
            <style>@import url("http://127.0.0.1:\(listener.port)/more.css"); body { font-family: "Liberation Serif"; }</style></head>
            <body><p>QUYẾT ĐỊNH về việc khen thưởng</p>
            <iframe src="file:///etc/passwd" width="600" height="300"></iframe>
            <img src="http://127.0.0.1:\(listener.port)/pixel.png">
            <img src="file:///etc/hostname">
            <object data="file:///etc/passwd"></object>
            </body></html>
            """
        let pdf = try await printer.pdf(html: html)
        let text = try Tools.pdfText(pdf)
        #expect(text.contains("QUYẾT ĐỊNH về việc khen thưởng"))
        #expect(!text.contains("root:"), "the printed page shows /etc/passwd")
        // Give a request that escaped a moment to arrive.
        try await Task.sleep(for: .milliseconds(300))
        #expect(listener.connections == 0, "the printer called the address \(listener.connections) times")
        let blocked = await printer.blockedRequests
        #expect(blocked.contains { $0.contains("127.0.0.1:\(listener.port)") }, "blocked: \(blocked)")
    }

    /// A printer with a browser of its own (another path to the same program: one browser runs per
    /// path), and the directory to remove afterwards. A long deadline: on two cores the suites beside
    /// these may hold the shared threads for a minute, and these tests are not about speed.
    static func ownBrowser() throws -> (PDFPrinter, URL) {
        let dir = try Tools.directory()
        let binary = dir.appendingPathComponent("chromium").path
        try FileManager.default.createSymbolicLink(atPath: binary, withDestinationPath: PDFPrinter().binary)
        return (PDFPrinter(binary: binary, timeout: .seconds(300)), dir)
    }

    @Test func theBrowserStaysRunningAndIsStartedAgainWhenItDies() async throws {
        // A browser of its own, so that killing it disturbs no other test.
        let (printer, dir) = try Self.ownBrowser()
        defer { try? FileManager.default.removeItem(at: dir) }
        _ = try await printer.pdf(html: "<p>một</p>")
        let first = try #require(await printer.browserProcess)
        _ = try await printer.pdf(html: "<p>hai</p>")
        #expect(await printer.browserProcess == first)
        kill(first, SIGKILL)
        try await Task.sleep(for: .milliseconds(200))
        let again = try await printer.pdf(html: "<p>ba</p>")
        #expect(try Tools.pdfText(again).contains("ba"))
        #expect(await printer.browserProcess != first)
    }

    @Test func documentsPrintedAtOnceEachComeBackWithTheirOwnContent() async throws {
        // Pages side by side in one browser: each is in the background while another is made, and
        // none may wait for the foreground to print.
        let (printer, dir) = try Self.ownBrowser()
        defer { try? FileManager.default.removeItem(at: dir) }
        let texts = try await withThrowingTaskGroup(of: (Int, String).self) { group in
            for index in 1...6 {
                group.addTask {
                    let html = "<style>@page { size: A4; margin: 20mm }</style><p>Văn bản số \(index)</p><img src=\"file:///etc/hostname\">"
                    return (index, try Tools.pdfText(try await printer.pdf(html: html)))
                }
            }
            var all: [Int: String] = [:]
            for try await (index, text) in group { all[index] = text }
            return all
        }
        for index in 1...6 {
            #expect(texts[index]?.contains("Văn bản số \(index)") == true, "document \(index): \(texts[index] ?? "missing")")
        }
    }

    static let hostileLines = [
        "<iframe src=\"file:///etc/passwd\"></iframe>",
        "<img src=\"http://127.0.0.1:8080/metrics\">",
        "<div style=\"background: url('http://example.invalid/a.png')\">x</div>",
        "<style>@import \"theme.css\";</style>",
        "<a href=\"javascript:alert(1)\">x</a>",
        "<link rel=\"stylesheet\" href=\"/etc/ssl/x.css\">",
    ]

    @Test(arguments: hostileLines)
    func aTemplateThatNamesAFileOrAnAddressIsRefusedWithItsLine(line: String) throws {
        let body = Data("<p>{{decision.number}}</p>\n\(line)\n<p>{{issuer.name}}</p>".utf8)
        let error = #expect(throws: AwardError.self) { try PaperTemplates.validate(.decision, .html, body) }
        #expect(error?.code == .badTemplate)
        #expect(error?.messageVI.contains("dòng 2") == true, "\(error?.messageVI ?? "")")
    }

    @Test func theShippedTemplatesNameNoAddress() throws {
        for kind in TemplateKind.allCases {
            for format in TemplateFormat.allCases where PaperTemplates.accepts(kind, format) {
                try PaperTemplates.validate(kind, format, try PaperTemplates.defaultBody(kind, format))
            }
        }
    }
}

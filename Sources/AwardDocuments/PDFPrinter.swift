import AwardEngine
import Foundation

/// Prints a print view to PDF with Debian's headless chromium (`--print-to-pdf`). Chromium, not
/// weasyprint: the browser tests already install it, it honours `@page` sizes, margins and margin
/// boxes (the page number top centre from page 2) exactly as an officer's browser prints the same
/// view, and it embeds Liberation Serif, which has Times New Roman's metrics.
public struct PDFPrinter: Sendable {
    /// The browser binary: `AWARD_CHROMIUM`, else `/usr/bin/chromium`.
    public var binary: String

    public init(binary: String? = nil) {
        self.binary = binary ?? ProcessInfo.processInfo.environment["AWARD_CHROMIUM"] ?? "/usr/bin/chromium"
    }

    /// Whether the printer can run here.
    public var isAvailable: Bool { FileManager.default.isExecutableFile(atPath: binary) }

    /// The PDF of an HTML page; the page is written to a private temporary directory and removed after.
    public func pdf(html: String) async throws(AwardError) -> Data {
        guard isAvailable else {
            throw AwardError(.unavailable, code: .printerUnavailable, "no PDF printer: \(binary) is not installed (apt-get install chromium)",
                             vi: "Không tạo được PDF: máy chủ chưa cài chromium (\(binary)).")
        }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("award-print-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let page = directory.appendingPathComponent("page.html")
        let output = directory.appendingPathComponent("page.pdf")
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            try Data(html.utf8).write(to: page)
        } catch {
            throw AwardError(.unavailable, code: .printerUnavailable, "the page to print could not be written: \(error.localizedDescription)")
        }
        let status = await run([
            "--headless=new", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer", "--disable-extensions",
            "--user-data-dir=\(directory.appendingPathComponent("profile").path)", "--print-to-pdf=\(output.path)", page.absoluteString,
        ])
        guard status == 0, let pdf = try? Data(contentsOf: output), pdf.starts(with: Array("%PDF".utf8)) else {
            throw AwardError(.unavailable, code: .printerUnavailable, "chromium could not print the page (exit \(status))",
                             vi: "Trình in chromium không in được văn bản (mã thoát \(status)).")
        }
        return pdf
    }

    private func run(_ arguments: [String]) async -> Int32 {
        await withCheckedContinuation { continuation in
            let process = Process()
            process.executableURL = URL(fileURLWithPath: binary)
            process.arguments = arguments
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            process.standardInput = FileHandle.nullDevice
            process.terminationHandler = { continuation.resume(returning: $0.terminationStatus) }
            do {
                try process.run()
            } catch {
                process.terminationHandler = nil
                continuation.resume(returning: -1)
            }
        }
    }
}

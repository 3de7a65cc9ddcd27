import AwardTestSupport
import Foundation
import Testing

/// The programs the paper tests check with: poppler's pdfinfo and pdftotext, LibreOffice, and
/// Python's openpyxl. A missing one fails the test (scripts/test installs them); it never skips.
enum Tools {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs a program found on PATH with `arguments`, feeding `input` to its standard input.
    static func run(_ program: String, _ arguments: [String], input: Data? = nil) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [program] + arguments
        let out = Pipe(), err = Pipe(), inPipe = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = inPipe
        try process.run()
        if let input { inPipe.fileHandleForWriting.write(input) }
        try? inPipe.fileHandleForWriting.close()
        let (status, stdout, stderr) = drain(process, stdout: out, stderr: err)
        return Result(status: status, stdout: String(decoding: stdout, as: UTF8.self), stderr: String(decoding: stderr, as: UTF8.self))
    }

    /// Runs a program that must succeed, and returns what it printed.
    static func output(_ program: String, _ arguments: [String], input: Data? = nil) throws -> String {
        let result = try run(program, arguments, input: input)
        #expect(result.status == 0, "\(program) \(arguments.joined(separator: " ")) failed: \(result.stderr)")
        return result.stdout
    }

    /// A fresh private directory for files a test writes.
    static func directory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("award-papers-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// The text a PDF shows (pdftotext), as lines.
    static func pdfText(_ pdf: Data) throws -> String {
        let dir = try directory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("doc.pdf")
        try pdf.write(to: file)
        return try output("pdftotext", ["-layout", file.path, "-"])
    }
}

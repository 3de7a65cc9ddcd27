import AwardEngine
import Foundation

/// The demo users' tokens, kept in a file beside the embedded cluster so that they survive a
/// restart: created with the demo data, read back at the next start, rewritten only when a token
/// had to be replaced. A shell loads it with `. .award/demo.env` (one `VARIABLE=token` a user).
/// It holds working credentials of demo users only; it is written with mode 0600.
struct DemoCredentials {
    let path: String

    /// The file for a data directory: `.award/pg` → `.award/demo.env`.
    init(dataDirectory: String) {
        path = URL(fileURLWithPath: dataDirectory).standardizedFileURL.deletingLastPathComponent().appendingPathComponent("demo.env").path
    }

    init(path: String) { self.path = path }

    /// The tokens and the passwords the file holds, by user name (empty when there is no file).
    func read() -> (tokens: [String: String], passwords: [String: String]) {
        guard let data = FileManager.default.contents(atPath: path) else { return ([:], [:]) }
        var tokens: [String: String] = [:], passwords: [String: String] = [:]
        for line in String(decoding: data, as: UTF8.self).split(separator: "\n") where !line.hasPrefix("#") {
            let parts = line.split(separator: "#", maxSplits: 1)
            guard parts.count == 2, let equals = parts[0].firstIndex(of: "="),
                  let name = parts[1].split(separator: " ").first else { continue }
            let value = parts[0][parts[0].index(after: equals)...].trimmingCharacters(in: .whitespaces)
            if parts[0][..<equals].hasSuffix("_PASSWORD") { passwords[String(name)] = value } else { tokens[String(name)] = value }
        }
        return (tokens, passwords)
    }

    /// Writes the users' tokens (mode 0600).
    func write(_ users: [DemoData.User]) throws {
        var text = """
            # Award Engine demo credentials, created with the demo data; they last until the cluster is removed.
            # Keep this file private. Load the tokens into a shell with:  . \(displayPath)

            """
        let width = users.map(\.variable.count).max() ?? 0
        for user in users {
            let assignment = "\(user.variable)=\(user.token)"
            text += assignment + String(repeating: " ", count: max(1, width + 46 - assignment.count))
                + "# \(user.name) \(user.role.rawValue) \(user.org): \(user.note)\n"
            let password = "\(user.variable)_PASSWORD=\(user.password)"
            text += password + String(repeating: " ", count: max(1, width + 46 - password.count)) + "# \(user.name) password for the web pages\n"
        }
        let directory = (path as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let temporary = path + ".tmp"
        guard FileManager.default.createFile(atPath: temporary, contents: Data(text.utf8), attributes: [.posixPermissions: 0o600]) else {
            throw CocoaError(.fileWriteNoPermission)
        }
        guard rename(temporary, path) == 0 else { throw CocoaError(.fileWriteUnknown) }
    }

    /// The path as a person in the current directory types it.
    var displayPath: String {
        let here = FileManager.default.currentDirectoryPath
        return path.hasPrefix(here + "/") ? String(path.dropFirst(here.count + 1)) : path
    }
}

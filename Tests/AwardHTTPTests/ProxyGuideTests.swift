@testable import AwardEngine
import AwardTestSupport
import Foundation
import Testing

/// The nginx configuration of OPERATIONS.md, as written there, in front of a real awardd (issue 27):
/// HTTPS with HSTS, the live stream passed on as it comes, X-Forwarded-* set by the proxy (a client's
/// own are replaced) and believed from that proxy only.
@Suite(.serialized) struct ProxyGuideTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The guide's ```nginx block.
    static func guideConfiguration() throws -> String {
        let guide = try String(contentsOf: root.appendingPathComponent("OPERATIONS.md"), encoding: .utf8)
        guard let start = guide.range(of: "```nginx\n"), let end = guide.range(of: "\n```", range: start.upperBound..<guide.endIndex) else {
            throw TestSetupError(message: "OPERATIONS.md has no ```nginx block")
        }
        return String(guide[start.upperBound..<end.lowerBound]) + "\n"
    }

    @Test func theGuidesBlockIsThePackagedFile() throws {
        let packaged = try String(contentsOf: Self.root.appendingPathComponent("packaging/nginx/award-engine.conf"), encoding: .utf8)
        #expect(try Self.guideConfiguration() == packaged, "OPERATIONS.md shows packaging/nginx/award-engine.conf as it is")
    }

    /// nginx (Debian's) run in a scratch folder with the guide's site, its ports and paths moved there.
    final class Nginx: @unchecked Sendable {
        let process = Process()
        let folder: URL
        let port: Int

        init(site: String, awarddPort: Int, certificate: (String, String), folder: URL) throws {
            guard FileManager.default.isExecutableFile(atPath: "/usr/sbin/nginx") else {
                throw TestSetupError(message: "nginx is not installed (Debian's nginx): scripts/test installs it")
            }
            self.folder = folder
            port = try DaemonServiceTests.unusedPort()
            let plain = try DaemonServiceTests.unusedPort()
            var site = site
            for (from, to) in [("127.0.0.1:8080", "127.0.0.1:\(awarddPort)"), ("listen 443 ssl;", "listen 127.0.0.1:\(port) ssl;"),
                               ("listen [::]:443 ssl;", ""), ("listen 80;", "listen 127.0.0.1:\(plain);"), ("listen [::]:80;", ""),
                               ("/etc/award-engine/tls/fullchain.pem", certificate.0), ("/etc/award-engine/tls/privkey.pem", certificate.1)] {
                #expect(site.contains(from), "the guide's site has \(from)")
                site = site.replacingOccurrences(of: from, with: to)
            }
            try site.write(to: folder.appendingPathComponent("site.conf"), atomically: true, encoding: .utf8)
            try """
                \(getuid() == 0 ? "user root;" : "")
                worker_processes 1;
                pid \(folder.path)/nginx.pid;
                error_log \(folder.path)/error.log;
                events { worker_connections 64; }
                http {
                    access_log off;
                    client_body_temp_path \(folder.path)/body;
                    proxy_temp_path \(folder.path)/proxy;
                    fastcgi_temp_path \(folder.path)/fastcgi;
                    uwsgi_temp_path \(folder.path)/uwsgi;
                    scgi_temp_path \(folder.path)/scgi;
                    include \(folder.path)/site.conf;
                }
                """.write(to: folder.appendingPathComponent("nginx.conf"), atomically: true, encoding: .utf8)
            process.executableURL = URL(fileURLWithPath: "/usr/sbin/nginx")
            process.arguments = ["-p", folder.path, "-c", folder.appendingPathComponent("nginx.conf").path, "-e", folder.appendingPathComponent("error.log").path, "-g", "daemon off;"]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            for _ in 0..<100 {
                if (try? DaemonConfigurationTests.run(["curl", "-sk", "--max-time", "1", "-o", "/dev/null", "https://127.0.0.1:\(port)/healthz"]).status) == 0 { return }
                usleep(100_000)
            }
            let log = (try? String(contentsOf: folder.appendingPathComponent("error.log"), encoding: .utf8)) ?? ""
            stop()
            throw TestSetupError(message: "nginx did not start: \(log.suffix(800))")
        }

        var base: String { "https://127.0.0.1:\(port)" }

        func stop() {
            guard process.isRunning else { return }
            kill(process.processIdentifier, SIGQUIT)
            var status: Int32 = 0
            for attempt in 0..<500 {
                let reaped = waitpid(process.processIdentifier, &status, WNOHANG)
                if reaped != 0 { break }
                if attempt == 250 { kill(process.processIdentifier, SIGKILL) }
                usleep(20_000)
            }
        }
    }

    @Test func theGuidesNginxServesAwarddOverHTTPSWithTheLiveStreamAndTheClientsAddress() async throws {
        let database = try await TestDatabase.create()
        defer { database.drop() }
        let engine = AwardEngine(conninfo: database.conninfo, poolSize: 2)
        let u = try await Seed.tree(engine)
        let token = try await engine.rotateToken(name: "lan").token
        let folder = try DaemonConfigurationTests.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let certificate = try await offPool { try DaemonConfigurationTests.certificate(in: folder, "proxy") }
        let errors = Pipe()
        let daemon = try await DaemonConfigurationTests.start([
            "--database-url", database.conninfo, "--listen", "127.0.0.1:0", "--log-format", "json", "--log-level", "info",
            "--trusted-proxy", "127.0.0.1/32", "--timer-interval", "0", "--webhook-interval", "0"], errors: errors)
        defer { _ = daemon.stop() }
        let awarddPort = Int(daemon.base.split(separator: ":").last!)!
        let site = try Self.guideConfiguration()
        let nginx = try await offPool { try Nginx(site: site, awarddPort: awarddPort, certificate: certificate, folder: folder) }
        defer { nginx.stop() }

        // HTTPS with HSTS; the login page's cookie is Secure (the proxy said https), and not directly.
        let login = try await DaemonConfigurationTests.runOffPool(["curl", "-sS", "--max-time", "10", "-D", "-", "-o", "/dev/null", "--cacert", certificate.0,
                                                      nginx.base + "/login"])
        #expect(login.status == 0 && login.output.contains("HTTP/1.1 200"), "\(login.output)")
        #expect(login.output.lowercased().contains("strict-transport-security: max-age=31536000"), "\(login.output)")
        let cookies = login.output.split(separator: "\r\n").filter { $0.lowercased().hasPrefix("set-cookie:") }
        #expect(!cookies.isEmpty && cookies.allSatisfy { $0.contains("; Secure") }, "\(cookies)")
        let direct = try await DaemonConfigurationTests.runOffPool(["curl", "-sS", "--max-time", "10", "-D", "-", "-o", "/dev/null", daemon.base + "/login"])
        #expect(!direct.output.contains("; Secure"), "plain HTTP to awardd itself: no Secure cookie")

        // The live stream arrives through the proxy as it happens, not when a buffer fills.
        let stream = Process()
        stream.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        stream.arguments = ["curl", "-sS", "-N", "--max-time", "300", "--cacert", certificate.0, "-H", "Authorization: Bearer \(token)", nginx.base + "/v1/events"]
        let streamed = Pipe()
        stream.standardOutput = streamed
        stream.standardError = FileHandle.nullDevice
        try stream.run()
        try await Task.sleep(for: .milliseconds(700))
        let created = try await engine.nominate(.init(kind: "giay-khen", unit: "P-HB", nomineeName: "Người đến qua nginx", nomineeType: .individual), by: u.lan)
        let sent = ContinuousClock.now
        let wanted = "\"nomination_id\":\(created.id)"
        let seen = try await offPool { () -> String in
            var seen = ""
            // Events are released in commit order once no older transaction of the cluster is still
            // open: under a full test run another test's long transaction can hold it back a while.
            while ContinuousClock.now - sent < .seconds(240), !seen.contains(wanted) {
                let data = streamed.fileHandleForReading.availableData
                if data.isEmpty { break }
                seen += String(decoding: data, as: UTF8.self)
            }
            return seen
        }
        let took = ContinuousClock.now - sent
        kill(stream.processIdentifier, SIGTERM)
        _ = try await offPool { reap(stream) }
        #expect(seen.contains("\"nomination_id\":\(created.id)"), "the event came through nginx: \(seen.prefix(400))")
        print("an event reached the client through nginx \(took) after its commit")

        // The client's address: nginx replaces what the client claims; from anyone but the proxy the claim is ignored.
        for (url, via) in [(nginx.base + "/openapi.json", "proxy"), (daemon.base + "/readyz", "direct")] {
            let asked = try await DaemonConfigurationTests.runOffPool(["curl", "-sS", "--max-time", "10", "--interface", "127.0.0.2", "--cacert", certificate.0,
                                                          "-H", "X-Forwarded-For: 203.0.113.9", "-H", "X-Forwarded-Proto: https", "-o", "/dev/null", url])
            #expect(asked.status == 0, "\(via): \(asked.output)")
        }
        #expect(daemon.stop() == 0)
        try await engine.close()
        let lines = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self).split(separator: "\n")
        let logged = lines.compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
        for (route, via) in [("/openapi.json", "proxy"), ("/readyz", "direct")] {
            let line = logged.first { $0["http.route"] as? String == route }
            #expect(line?["client.address"] as? String == "127.0.0.2", "\(via): \(line ?? [:])")
        }
        // The stream's request names who it was: the user and org behind the token.
        let events = logged.first { $0["http.route"] as? String == "/v1/events" }
        #expect(events?["user"] as? String == "lan" && events?["org"] as? String == "P-HB", "\(events ?? [:])")
    }
}

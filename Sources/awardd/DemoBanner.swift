import AwardEngine

/// What awardd prints when it starts with `--demo`: what is loaded, every demo user with a token,
/// and, once listening, what to do next.
enum DemoBanner {
    static func loaded(_ summary: DemoData.Summary, credentials: DemoCredentials) -> String {
        let what = "\(summary.orgs) organisations, \(summary.nominations) nominations, \(summary.users.count) users"
        var text = summary.alreadyLoaded
            ? "Demo data already loaded (\(what)).\n"
            : "Demo data loaded: Lào Cai province (\(what)).\n"
        if summary.alreadyLoaded && summary.reissued.isEmpty {
            text += "Tokens kept from \(credentials.displayPath):\n"
        } else if summary.alreadyLoaded {
            text += "New tokens for \(summary.reissued.joined(separator: ", ")); all are in \(credentials.displayPath):\n"
        } else {
            text += "Tokens and passwords (kept in \(credentials.displayPath); they survive restarts):\n"
        }
        func pad(_ text: String, _ width: Int) -> String { text + String(repeating: " ", count: max(0, width - text.count)) }
        let nameWidth = summary.users.map(\.name.count).max() ?? 0
        let orgWidth = summary.users.map(\.org.count).max() ?? 0
        let variableWidth = (summary.users.map(\.variable.count).max() ?? 0) + 1
        for user in summary.users {
            text += "  \(pad(user.name, nameWidth))  \(pad(user.role.rawValue, 9))  \(pad(user.org, orgWidth))  "
                + "\(pad("$" + user.variable, variableWidth))  \(user.token)  password \(user.password)  \(user.note)\n"
        }
        return text
    }

    static func next(url: String, credentials: DemoCredentials) -> String {
        """
        Next:
          open \(url)/ and sign in as nguyen.lan (ward), le.hoa (province) or pham.tung (central) with the password above
          . \(credentials.displayPath)                     # the tokens above as $LAN, $HOA, …
          curl -s -H "Authorization: Bearer $LAN" \(url)/v1/inbox
          README.md walks through a nomination from ward to central.
        Stop: Ctrl-C (the embedded PostgreSQL stops with awardd; data and tokens stay for the next start).
        """
    }
}

extension DemoBanner {
    /// The demo's printed papers lead their QR codes to this awardd (http(s)://LISTEN/verify/…),
    /// unless an admin chose another public address.
    static func leadQRCodesHere(_ engine: AwardEngine, listen: String, tls: Bool) async throws {
        guard try await engine.publicURL() == nil, !listen.hasSuffix(":0"), let admin = try? await engine.principal(named: "admin") else { return }
        _ = try await engine.setPublicURL("\(tls ? "https" : "http")://\(listen)", by: admin)
    }
}

extension Policy {
    /// The policy as a table (SECURITY.md shows it; `awardctl policy` prints it; a test keeps the
    /// two the same): each permission, what it is, the roles that have it and how far it reaches.
    public static var markdownTable: String {
        var lines = ["| permission | what | nominator | approver | auditor | admin | reaches | outside it |",
                     "|---|---|---|---|---|---|---|---|"]
        for permission in Permission.allCases {
            let roles = Role.allCases.map { permission.roles.contains($0) ? "✓" : "" }
            let reach = switch permission.reach {
            case .none: "—"
            case .subtree: "the caller's org and below"
            case .ownOrg: "the caller's own org"
            case .ownAccount: "the caller's own account (admin: any)"
            }
            let outside = permission.reach == .none ? "—" : permission.hidesOutside ? "404 (not found)" : "403"
            lines.append("| `\(permission.rawValue)` | \(permission.vietnamese) | " + roles.joined(separator: " | ") + " | \(reach) | \(outside) |")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

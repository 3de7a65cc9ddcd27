@testable import AwardDomain
import Foundation
import Testing

/// The policy is the one place where a role or a jurisdiction is compared: the sources are scanned
/// for any other, and the policy itself is checked cell by cell.
@Suite struct PolicyTests {
    static let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Sources")

    /// What a role or jurisdiction comparison looks like in Swift.
    static let forbidden: [(name: String, pattern: String)] = [
        ("a role compared", #"\.role\s*(==|!=|~=)|\brole\s*(==|!=)\s*\."#),
        ("a role literal compared", #"(==|!=)\s*(Role)?\.(nominator|approver|auditor|admin)\b"#),
        ("a list of roles", #"\[\s*(Role)?\.(nominator|approver|auditor|admin)\s*,"#),
        ("a role's raw value compared", #"role\.rawValue\s*(==|!=)"#),
        ("a switch on a role", #"switch\s+\w*\.?role\b"#),
        ("an org path checked against a caller", #"contains\(\s*(\w+\.)*(principal|viewer|session|v|p|user)\??\.orgId"#),
        ("a caller's org compared", #"(principal|viewer|user)\??\.orgId\s*(==|!=)|(==|!=)\s*(principal|viewer|user)\??\.orgId"#),
        ("a subtree check outside the policy", #"\bisWithin\(|\brequireWithin\(|\bJurisdiction\("#),
    ]

    /// Files allowed to name roles: the policy, and the definition of the roles themselves.
    static func exempt(_ path: String) -> Bool {
        path.contains("/AwardDomain/Policy/") || path.hasSuffix("/AwardDomain/Values/Principal.swift")
    }

    static func violations(in text: String, file: String) -> [String] {
        var found: [String] = []
        for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let code = line.split(separator: "//", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? ""
            for rule in forbidden where code.range(of: rule.pattern, options: .regularExpression) != nil {
                found.append("\(file):\(number + 1): \(rule.name): \(line.trimmingCharacters(in: .whitespaces))")
            }
        }
        return found
    }

    @Test func noRoleOrJurisdictionComparisonOutsideThePolicy() throws {
        let enumerator = try #require(FileManager.default.enumerator(at: Self.sources, includingPropertiesForKeys: nil))
        var scanned = 0
        var found: [String] = []
        for case let url as URL in enumerator where url.pathExtension == "swift" && !Self.exempt(url.path) {
            scanned += 1
            found += Self.violations(in: try String(contentsOf: url, encoding: .utf8), file: url.path.replacingOccurrences(of: Self.sources.path + "/", with: ""))
        }
        #expect(scanned > 100)
        #expect(found.isEmpty, "role or jurisdiction checks outside Sources/AwardDomain/Policy:\n\(found.joined(separator: "\n"))")
    }

    /// The scanner catches the checks that used to be spread over 30 files.
    @Test(arguments: [
        "guard principal.role == .admin || facts.unitPath.contains(principal.orgId) else {",
        "let nominator = principal.role == .nominator || principal.role == .admin",
        "let roles: [Role] = action.byUnit ? [.nominator, .admin] : [.approver, .admin]",
        "if let viewer, viewer.role != .admin { orgId = orgId ?? viewer.orgId }",
        "let within = try OrgStore.isWithin(c, org: org, root: principal.orgId)",
        "canUpload: session.principal.role != .auditor && !view.state.isFinal",
    ])
    func theScannerFindsTheOldChecks(line: String) {
        #expect(!Self.violations(in: line, file: "x.swift").isEmpty)
    }

    // MARK: The policy itself

    static let province = OrgRef(id: 2, code: "LC", path: [1, 2])
    static let wardA = OrgRef(id: 4, code: "P-A", path: [1, 2, 3, 4])
    static let wardB = OrgRef(id: 6, code: "P-B", path: [1, 2, 5, 6])
    static func user(_ role: Role, at org: OrgRef) -> Principal { Principal(name: "u", role: role, orgId: org.id, orgCode: org.code) }

    @Test func aNominatorReachesItsSubtreeOnly() {
        let lan = Self.user(.nominator, at: Self.wardA)
        #expect(Policy.allows(lan, .createNomination, Subject(org: Self.wardA)))
        #expect(!Policy.allows(lan, .createNomination, Subject(org: Self.wardB)))
        // Another district's nominee cannot be attached by id.
        let refused = Policy.check(lan, .createNomination, Subject(org: Self.wardA, nomineeHome: Self.wardB))
        #expect(refused == .refused(Policy.outside(lan, .createNomination, Self.wardB, nominee: true)))
        #expect(!Policy.allows(lan, .approveNomination, Subject(org: Self.wardA)))
        #expect(!Policy.allows(lan, .readAudit))
    }

    @Test func aTransferNeedsBothUnitsWithinReach() {
        let ward = Self.user(.approver, at: Self.wardA), province = Self.user(.approver, at: Self.province)
        #expect(!Policy.allows(ward, .transferNominee, Subject(org: Self.wardB, target: Self.wardA)))
        #expect(!Policy.allows(ward, .transferNominee, Subject(org: Self.wardA, target: Self.wardB)))
        #expect(Policy.allows(province, .transferNominee, Subject(org: Self.wardB, target: Self.wardA)))
        #expect(!Policy.allows(Self.user(.auditor, at: Self.province), .transferNominee, Subject(org: Self.wardB, target: Self.wardA)))
    }

    @Test func outsideIsNotFoundForNamedThingsAndForbiddenForNamedOrgs() throws {
        let other = Self.user(.approver, at: Self.wardB)
        guard case .refused(let hidden) = Policy.check(other, .readNomination, Subject(org: Self.wardA)) else { Issue.record(); return }
        #expect(hidden.category == .notFound)
        guard case .refused(let named) = Policy.check(other, .readReports, Subject(org: Self.wardA)) else { Issue.record(); return }
        #expect(named.category == .forbidden && named.code == .outsideJurisdiction)
        // A nominator outside asking to approve learns nothing more than "not found".
        guard case .refused(let wrongRole) = Policy.check(Self.user(.nominator, at: Self.wardB), .approveNomination, Subject(org: Self.wardA)) else {
            Issue.record(); return
        }
        #expect(wrongRole.category == .notFound)
    }

    @Test func scopesFollowTheViewer() throws {
        #expect(try Policy.scope(nil, .readReports) == .everything)
        #expect(try Policy.scope(Self.user(.admin, at: OrgRef(id: 1, code: "TW", path: [1])), .readReports) == .everything)
        #expect(try Policy.scope(Self.user(.auditor, at: Self.province), .readReports) == Scope(root: 2))
        #expect(try Policy.scope(Self.user(.auditor, at: Self.province), .readReports, requested: Self.wardA) == Scope(root: 4))
        #expect(throws: AwardError.self) { try Policy.scope(Self.user(.approver, at: Self.wardA), .readReports, requested: Self.province) }
        #expect(throws: AwardError.self) { try Policy.scope(Self.user(.nominator, at: Self.wardA), .readAudit) }
    }

    /// Every permission lets the admin and the operator through, and refuses a role outside its list.
    @Test(arguments: Permission.allCases)
    func everyPermissionIsDecidedByItsTable(permission: Permission) {
        #expect(Policy.allows(nil, permission, Subject(org: Self.wardA)))
        for role in Role.allCases {
            let principal = Self.user(role, at: Self.province)
            let subject = Subject(org: permission.reach == .ownOrg ? Self.province : Self.wardA, account: "u")
            #expect(Policy.allows(principal, permission, subject) == permission.roles.contains(role), "\(permission) for \(role)")
        }
    }
}

/// SECURITY.md shows the policy's table as the code has it.
@Suite struct SecurityDocTests {
    @Test func securityMarkdownShowsThePolicyTableOfTheCode() throws {
        let doc = try String(contentsOf: PolicyTests.sources.deletingLastPathComponent().appendingPathComponent("SECURITY.md"), encoding: .utf8)
        #expect(doc.contains(Policy.markdownTable), "SECURITY.md's table differs from `awardctl policy`: paste its output in")
    }
}

import AwardPostgres
import Foundation

/// Whose records a read may return: everything (an admin, or the operator at the database with no
/// `--as`), or the subtree of the viewer's org. Every read that takes a viewer goes through it, so
/// a page, an API route and awardctl cannot see differently.
struct Jurisdiction: Sendable {
    /// The org whose subtree is visible; `nil` for everything.
    let root: Int64?
    let rootCode: String?

    init(_ viewer: Principal?) {
        if let viewer, viewer.role != .admin {
            root = viewer.orgId
            rootCode = viewer.orgCode
        } else {
            root = nil
            rootCode = nil
        }
    }

    /// The org a read filters by: the requested one, which must lie within the jurisdiction, or
    /// (none requested) the jurisdiction's own root.
    func scope(_ c: Connection, requested code: String?) throws -> Int64? {
        guard let code else { return root }
        let org = try OrgStore.org(c, code: code)
        if let root, try !OrgStore.isWithin(c, org: org.id, root: root) {
            throw AwardError(.forbidden, code: .outsideJurisdiction, "\(code) is outside the jurisdiction of \(rootCode ?? "")")
        }
        return org.id
    }

    /// Refuses, as not found, a nomination outside the jurisdiction (or none at all).
    func requireVisible(_ c: Connection, nomination id: Int64) throws {
        guard try NominationStore.exists(c, id: id, under: root) else {
            throw AwardError(.notFound, code: .unknownNomination, "no nomination with id \(id)", vi: "Không có hồ sơ số \(id) (hoặc hồ sơ ngoài phạm vi của người dùng).")
        }
    }
}

import AwardDomain
import Foundation

extension AwardEngine {
    /// The public address of the site (`https://khenthuong.laocai.gov.vn`), under which printed
    /// papers' QR codes lead to `/verify/{code}`; nil until an admin sets it.
    public func publicURL() async throws(AwardError) -> String? {
        try await readLease { c in try SiteStore.publicURL(c) }
    }

    /// Sets the public address: http or https, a host, no query or fragment, at most 300 characters.
    /// Admins only.
    public func setPublicURL(_ text: String, by principal: Principal) async throws(AwardError) -> String {
        try Policy.require(principal, .manageSite)
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard trimmed.count <= 300, let url = URLComponents(string: trimmed), ["http", "https"].contains(url.scheme?.lowercased() ?? ""),
              let host = url.host, !host.isEmpty, url.query == nil, url.fragment == nil, url.user == nil else {
            throw AwardError(.invalidInput, code: .badPublicURL,
                             "public URL must be http:// or https:// with a host and no query, at most 300 characters: \(text.prefix(100))",
                             vi: "Địa chỉ công khai phải bắt đầu bằng http:// hoặc https://, có tên máy, không có phần truy vấn (?…) hay (#…), tối đa 300 ký tự.",
                             field: "public_url")
        }
        let value = trimmed.hasSuffix("/") ? String(trimmed.dropLast()) : trimmed
        try await transaction { c in try SiteStore.setPublicURL(c, value, by: principal.name) }
        return value
    }
}

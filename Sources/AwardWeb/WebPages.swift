import AwardEngine
import Foundation
import HTTPTypes
import Hummingbird
import Mustache

/// The templates (mustache files embedded in the binary, HTML-escaped by default) and the page
/// frame every page shares: the layout with the signed-in person, the CSRF token, the headers.
struct WebPages: Sendable {
    let library: MustacheLibrary

    init() {
        var library = MustacheLibrary()
        let templates: [(String, [UInt8])] = [
            ("layout", PackageResources.layout_mustache), ("login", PackageResources.login_mustache),
            ("inbox", PackageResources.inbox_mustache), ("dossier", PackageResources.dossier_mustache),
            ("new", PackageResources.new_mustache), ("awardees", PackageResources.awardees_mustache),
            ("search", PackageResources.search_mustache), ("error", PackageResources.error_mustache),
            ("decide", PackageResources.decide_mustache), ("decision", PackageResources.decision_mustache),
            ("summary", PackageResources.summary_mustache), ("nominee", PackageResources.nominee_mustache),
            ("audit", PackageResources.audit_mustache), ("certificate-layout", PackageResources.certificate_layout_mustache),
            ("forms", PackageResources.forms_mustache), ("decisions", PackageResources.decisions_mustache),
            ("campaigns", PackageResources.campaigns_mustache), ("campaign", PackageResources.campaign_mustache),
            ("fund", PackageResources.fund_mustache),
        ]
        for (name, bytes) in templates {
            // The templates ship with the binary and are parsed at start-up: a broken one is a build fault.
            try! library.register(String(decoding: bytes, as: UTF8.self), named: name)
        }
        self.library = library
    }

    /// The signed-in person as the header shows them.
    struct User: Sendable {
        var name: String
        var roleName: String
        var orgName: String
        var csrf: String
    }

    struct Frame: Sendable {
        var title: String
        var content: String
        var user: User?
        var flash: String?
        var assetVersion: String
        var navInbox = false, navNew = false, navAwardees = false, navSearch = false
        var navDecide = false, navReports = false, navAudit = false, navCampaigns = false
    }

    /// Renders `template` with `model` inside the layout, as a page that is never cached.
    func page(_ template: String, _ model: Any, title: String, user: User?, nav: String? = nil, flash: String? = nil,
              status: HTTPResponse.Status = .ok) -> Response {
        let content = library.render(model, withTemplate: template) ?? ""
        var frame = Frame(title: title, content: content, user: user, flash: flash, assetVersion: WebAssets.version)
        switch nav {
        case "inbox": frame.navInbox = true
        case "new": frame.navNew = true
        case "awardees": frame.navAwardees = true
        case "search": frame.navSearch = true
        case "decide": frame.navDecide = true
        case "reports": frame.navReports = true
        case "audit": frame.navAudit = true
        case "campaigns": frame.navCampaigns = true
        default: break
        }
        let html = library.render(frame, withTemplate: "layout") ?? ""
        var headers = HTTPFields()
        headers[.contentType] = "text/html; charset=utf-8"
        headers[.cacheControl] = "no-store"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: html)))
    }

    struct ErrorModel: Sendable {
        var heading: String
        var message: String
    }

    func error(_ status: HTTPResponse.Status, heading: String, message: String, user: User?) -> Response {
        page("error", ErrorModel(heading: heading, message: message), title: heading, user: user, status: status)
    }
}

/// The stylesheet, served with a long cache lifetime under a versioned URL.
enum WebAssets {
    static let css = PackageResources.app_css
    /// The inbox's live updates (our own script, no library).
    static let liveScript = PackageResources.live_js
    /// Changes whenever the stylesheet does, so a cached copy is never stale.
    static let version: String = {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in css { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return String(hash, radix: 16)
    }()
}

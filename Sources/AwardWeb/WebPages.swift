import AwardEngine
import Foundation
import HTTPTypes
import Hummingbird
import Mustache

/// The templates (mustache files embedded in the binary, HTML-escaped by default) and the page
/// frame every page shares: the layout with the signed-in person, the CSRF token, the headers.
struct WebPages: Sendable {
    let library: MustacheLibrary

    /// Every template of the pages, parsed when awardd starts: a broken one stops the start with
    /// its name and the parser's reason (and fails `WebPagesTests`), never an empty page later.
    enum Template: String, CaseIterable, Sendable {
        case layout, login, inbox, dossier, new, awardees, search, error, decide, decision, summary, nominee, audit
        case certificateLayout = "certificate-layout"
        case forms, decisions, campaigns, campaign, fund, org, verify, bulk, delegations
        case myWork = "my-work"
        case suggestions
        case staff
        /// Partials: one input of a form, and the box of a refused form's errors.
        case field
        case errorSummary = "error-summary"
        case signer
        /// The certificate layout's number inputs: in a row of filters, and in a table cell.
        case layoutInput = "layout-input"
        case layoutCell = "layout-cell"
        case importNominations = "import"

        var source: [UInt8] {
            switch self {
            case .layout: PackageResources.layout_mustache
            case .login: PackageResources.login_mustache
            case .inbox: PackageResources.inbox_mustache
            case .dossier: PackageResources.dossier_mustache
            case .new: PackageResources.new_mustache
            case .awardees: PackageResources.awardees_mustache
            case .search: PackageResources.search_mustache
            case .error: PackageResources.error_mustache
            case .decide: PackageResources.decide_mustache
            case .decision: PackageResources.decision_mustache
            case .summary: PackageResources.summary_mustache
            case .nominee: PackageResources.nominee_mustache
            case .audit: PackageResources.audit_mustache
            case .certificateLayout: PackageResources.certificate_layout_mustache
            case .forms: PackageResources.forms_mustache
            case .decisions: PackageResources.decisions_mustache
            case .campaigns: PackageResources.campaigns_mustache
            case .campaign: PackageResources.campaign_mustache
            case .fund: PackageResources.fund_mustache
            case .org: PackageResources.org_mustache
            case .verify: PackageResources.verify_mustache
            case .bulk: PackageResources.bulk_mustache
            case .delegations: PackageResources.delegations_mustache
            case .myWork: PackageResources.my_work_mustache
            case .suggestions: PackageResources.suggestions_mustache
            case .staff: PackageResources.staff_mustache
            case .field: PackageResources.field_mustache
            case .errorSummary: PackageResources.error_summary_mustache
            case .signer: PackageResources.signer_mustache
            case .layoutInput: PackageResources.layout_input_mustache
            case .layoutCell: PackageResources.layout_cell_mustache
            case .importNominations: PackageResources.import_mustache
            }
        }
    }

    struct BrokenTemplate: Error, CustomStringConvertible {
        var name: String
        var reason: String
        var description: String { "the page template \(name) does not parse: \(reason)" }
    }

    init() throws {
        var library = MustacheLibrary()
        for template in Template.allCases {
            do {
                try library.register(String(decoding: template.source, as: UTF8.self), named: template.rawValue)
            } catch {
                throw BrokenTemplate(name: template.rawValue, reason: "\(error)")
            }
        }
        self.library = library
    }

    /// The signed-in person as the header shows them.
    struct User: Sendable {
        var name: String
        var roleName: String
        var orgName: String
        var csrf: String
        /// The menu shows only what the policy lets the person open.
        var mayCreate = false
        var mayDecide = false
        var mayAudit = false
        var mayLaunch = false
    }

    struct Frame: Sendable {
        var title: String
        var content: String
        var user: User?
        var flash: String?
        var assetVersion: String
        var navInbox = false, navNew = false, navAwardees = false, navSearch = false
        var navDecide = false, navReports = false, navAudit = false, navCampaigns = false, navUnit = false, navMyWork = false, navSuggestions = false
    }

    /// Renders `template` with `model` inside the layout, as a page that is never cached.
    /// A signed-in page: the person in the header, and the confirmation a form left for it.
    func page(_ template: Template, _ model: some Sendable, title: String, context: WebRequestContext, nav: String? = nil,
              flash: String? = nil, status: HTTPResponse.Status = .ok) -> Response {
        page(template, model, title: title, user: WebMiddleware.user(context), nav: nav, flash: flash ?? context.flash?.message, status: status)
    }

    func page(_ template: Template, _ model: some Sendable, title: String, user: User?, nav: String? = nil, flash: String? = nil,
              status: HTTPResponse.Status = .ok) -> Response {
        // Every template was registered at start-up, so a render always finds its template.
        // `once`: the one-time key of this page's forms (a second sending is answered with the first's result).
        let content = library.render(TemplateModel(model, page: ["once": AwardEngine.formKey()]), withTemplate: template.rawValue) ?? ""
        var frame = Frame(title: title, content: content, user: user, flash: flash, assetVersion: WebAssets.version)
        switch nav {
        case "inbox": frame.navInbox = true
        case "new": frame.navNew = true
        case "awardees": frame.navAwardees = true
        case "search": frame.navSearch = true
        case "decide": frame.navDecide = true
        case "reports": frame.navReports = true
        case "unit": frame.navUnit = true
        case "audit": frame.navAudit = true
        case "campaigns": frame.navCampaigns = true
        case "my-work": frame.navMyWork = true
        case "suggestions": frame.navSuggestions = true
        default: break
        }
        let html = library.render(TemplateModel(frame), withTemplate: Template.layout.rawValue) ?? ""
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
        page(.error, ErrorModel(heading: heading, message: message), title: heading, user: user, status: status)
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

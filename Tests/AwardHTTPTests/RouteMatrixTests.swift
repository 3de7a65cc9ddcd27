@testable import AwardHTTP
@testable import AwardWeb
@testable import AwardEngine
@testable import AwardDomain
@testable import AwardPostgres
import AwardTestSupport
import Foundation
import HTTPTypes
import Testing

/// The authorization matrix, generated from the route tables: every route of the API (every path of
/// /openapi.json) and every page, × every role, × inside and outside the caller's jurisdiction,
/// × every id a request names. A refusal of the policy must come back as 403 or 404 and change
/// nothing; what the policy allows must never be refused for role or jurisdiction. A route with no
/// request here, or no policy in its table, fails the test (issue 25).
@Suite(.serialized) struct RouteMatrixTests {
    /// The callers: the seeded users (see ``Seed``).
    static let callers = ["lan", "minh", "hoa", "thanh", "sung", "pao", "admin"]

    /// What the requests name: two of everything, one inside the ward P-HB's district TX-HL and one
    /// in the other district H-SP.
    struct Fixture {
        struct Side {
            var unit: String
            var nomination: Int64
            var nominee: Int64
            /// A nominee only the transfer route moves.
            var movable: Int64
            var decision: Int64
            var document: Int64
            var campaign: String
            var registration: Int64
            var subject: Subject
            var decisionSubject: Subject
            var campaignSubject: Subject
            var registrationSubject: Subject
        }
        var inside: Side
        var outside: Side
    }

    static func fixture(_ engine: AwardEngine, _ u: Seed.Users, api: APIHarness?) async throws -> Fixture {
        func side(unit: String, nominator: Principal, approver: Principal, launcher: String) async throws -> Fixture.Side {
            let n = try await engine.nominate(.init(kind: "giay-khen", unit: unit, nomineeName: "Người thử \(unit)", nomineeType: .individual, year: 2026),
                                              by: nominator)
            let awarded = try await engine.nominate(.init(kind: "giay-khen", unit: unit, nomineeName: "Người được thưởng \(unit)", nomineeType: .individual,
                                                          year: 2026), by: nominator)
            let decided = try await engine.perform(.approve, on: awarded.id, by: approver, decision: .init(number: nil, date: CivilDate(iso: "2026-11-20")!))
            let movable = try await engine.nominate(.init(kind: "giay-khen", unit: unit, nomineeName: "Người chuyển \(unit)", nomineeType: .individual, draft: true),
                                                    by: nominator).nominee.id
            let document = try await engine.addDocument(to: n.id, type: .baoCaoThanhTich, name: "bao-cao.pdf", content: Array("%PDF-1.4 thử".utf8), by: nominator)
            let code = "PT-\(unit)"
            _ = try await engine.createCampaign(.init(code: code, org: launcher, name: "Phong trào \(unit)", kind: .regular,
                                                      startsOn: CivilDate(iso: "2026-01-01")!, endsOn: CivilDate(iso: "2026-12-31")!,
                                                      awards: [.init(kind: "ldtt", perUnitQuota: 3)]), by: approver)
            _ = try await engine.moveCampaign(code, to: .registration, by: approver)
            let registration = try await engine.register(campaign: code, unit: unit, year: 2026,
                                                         entries: [.init(name: "Đăng ký \(unit)", type: .individual, kinds: ["ldtt"])], by: nominator)
            let (unitRef, launcherRef) = try await engine.lease { c in (try OrgStore.org(c, code: unit).ref, try OrgStore.org(c, code: launcher).ref) }
            return .init(unit: unit, nomination: n.id, nominee: n.nominee.id, movable: movable, decision: try await engine.lease { c in try c.execute("SELECT decision_id FROM nominations WHERE id = \(decided.id)").first!.int("decision_id") }, document: document.id, campaign: code,
                         registration: registration.id, subject: Subject(org: unitRef),
                         decisionSubject: Subject(org: launcherRef, alsoVisibleVia: [unitRef]), campaignSubject: Subject(org: launcherRef, alsoVisibleVia: [unitRef]),
                         registrationSubject: Subject(org: unitRef, alsoVisibleVia: [launcherRef]))
        }
        return Fixture(inside: try await side(unit: "P-HB", nominator: u.lan, approver: u.minh, launcher: "TX-HL"),
                       outside: try await side(unit: "X-TP", nominator: u.pao, approver: u.sung, launcher: "H-SP"))
    }

    /// One request of the matrix: what to send and what the policy is asked about it.
    struct Probe {
        var method: HTTPRequest.Method
        var uri: String
        var json: String? = nil
        var form: [String: String] = [:]
        var permission: Permission?
        var subject = Subject()
        /// The request names something that need not exist for a caller the policy allows.
        var mayBeMissing = false
    }

    /// The requests for one route of the API, inside and outside.
    static func apiProbes(_ route: AwardAPI.RouteSpec, _ f: Fixture) -> [Probe] {
        var probes: [Probe] = []
        for s in [f.inside, f.outside] {
            let p = route.policy.permissions.first
            switch (route.method, route.path) {
            case ("GET", "/healthz"), ("HEAD", "/healthz"), ("GET", "/readyz"), ("GET", "/metrics"), ("GET", "/openapi.json"):
                probes.append(.init(method: .init(route.method)!, uri: route.path, permission: nil))
            case ("GET", "/v1/me"), ("GET", "/v1/inbox"), ("GET", "/v1/orgs"), ("GET", "/v1/kinds"), ("GET", "/v1/campaigns"), ("GET", "/v1/clusters"),
                 ("GET", "/v1/events"):
                probes.append(.init(method: .get, uri: route.path + (route.path == "/v1/events" ? "?follow=false" : ""), permission: p))
            case ("POST", "/v1/nominations"):
                probes.append(.init(method: .post, uri: route.path, json: #"{"kind":"giay-khen","unit":"\#(s.unit)","nominee":{"id":\#(s.nominee)},"draft":true}"#,
                                    permission: p, subject: Subject(org: s.subject.org, nomineeHome: s.subject.org)))
            case ("GET", "/v1/nominations/{id}"), ("GET", "/v1/nominations/{id}/history"), ("GET", "/v1/nominations/{id}/documents"):
                probes.append(.init(method: .get, uri: route.path.replacingOccurrences(of: "{id}", with: "\(s.nomination)"), permission: p, subject: s.subject))
            case ("GET", "/v1/nominations/{id}/documents/{document}"):
                probes.append(.init(method: .get, uri: "/v1/nominations/\(s.nomination)/documents/\(s.document)", permission: p, subject: s.subject))
            case ("POST", "/v1/nominations/{id}/check"):
                probes.append(.init(method: .post, uri: "/v1/nominations/\(s.nomination)/check", permission: p, subject: s.subject))
            case ("POST", "/v1/nominations/{id}/{action}"):
                for action in Action.allCases {
                    let body: String? = switch action {
                    case .approve: #"{"decision":{"date":"2026-11-25"}}"#
                    case .return, .reject: #"{"reason":"Bổ sung"}"#
                    case .revoke: #"{"reason":"Khai man","decision":{"date":"2026-11-25"}}"#
                    default: nil
                    }
                    probes.append(.init(method: .post, uri: "/v1/nominations/\(s.nomination)/\(action.rawValue)", json: body,
                                        permission: Permission(action), subject: s.subject))
                }
            case ("POST", "/v1/inbox/{action}"):
                // The role is checked for the request; each dossier's jurisdiction in its own outcome.
                for action in AwardEngine.bulkActions {
                    probes.append(.init(method: .post, uri: "/v1/inbox/\(action.rawValue)", json: #"{"ids":[\#(s.nomination)],"reason":"Bổ sung"}"#,
                                        permission: Permission(action), subject: Subject()))
                }
            case ("GET", "/v1/awardees"), ("GET", "/v1/overdue"), ("GET", "/v1/reports/summary"), ("GET", "/v1/audit"):
                let query = route.path == "/v1/awardees" ? "year=2026&" : route.path == "/v1/reports/summary" ? "from=2026&to=2026&" : ""
                probes.append(.init(method: .get, uri: "\(route.path)?\(query)org=\(s.unit)", permission: p, subject: s.subject))
            case ("GET", "/v1/reports/forms/{code}"):
                probes.append(.init(method: .get, uri: "/v1/reports/forms/0602?period=2026&org=\(s.unit)", permission: p, subject: s.subject))
            case ("POST", "/v1/decisions"):
                probes.append(.init(method: .post, uri: route.path, json: #"{"kind":"giay-khen","date":"2026-11-25","nominations":[\#(s.nomination)]}"#,
                                    permission: p, subject: s.subject))
            case ("POST", "/v1/nominations/{id}/documents"):
                probes.append(.init(method: .post, uri: "/v1/nominations/\(s.nomination)/documents?type=khac&name=x.pdf", json: "%PDF-1.4 x",
                                    permission: p, subject: s.subject))
            case ("POST", "/v1/nominations/{id}/documents/{document}/withdraw"):
                probes.append(.init(method: .post, uri: "/v1/nominations/\(s.nomination)/documents/\(s.document)/withdraw", json: #"{"reason":"Nhầm"}"#,
                                    permission: p, subject: s.subject))
            case ("POST", "/v1/nominations/{id}/amendment"):
                probes.append(.init(method: .post, uri: "/v1/nominations/\(s.nomination)/amendment", json: #"{"year":2024}"#,
                                    permission: p, subject: s.subject))
            case ("POST", "/v1/nominations/{id}/objections"):
                probes.append(.init(method: .post, uri: "/v1/nominations/\(s.nomination)/objections", json: #"{"text":"Phản ánh","received_on":"2026-11-25"}"#,
                                    permission: p, subject: s.subject))
            case ("POST", "/v1/objections/{id}/resolve"):
                probes.append(.init(method: .post, uri: "/v1/objections/987654/resolve", json: #"{"resolution":"Đã xác minh"}"#, permission: p, mayBeMissing: true))
            case ("GET", "/v1/nominees/{id}/history"), ("GET", "/v1/nominees/{id}/profile"):
                probes.append(.init(method: .get, uri: route.path.replacingOccurrences(of: "{id}", with: "\(s.nominee)"), permission: p, subject: s.subject))
            case ("POST", "/v1/nominees/{id}/profile"):
                probes.append(.init(method: .post, uri: "/v1/nominees/\(s.nominee)/profile", json: "{}", permission: p, subject: s.subject))
            case ("POST", "/v1/nominees/{id}/transfer"):
                probes.append(.init(method: .post, uri: "/v1/nominees/\(s.movable)/transfer", json: #"{"to":"TH-HB","reason":"Chuyển công tác"}"#,
                                    permission: p, subject: Subject(org: s.subject.org, target: f.inside.subject.org.map { OrgRef(id: 0, code: "TH-HB", path: $0.path + [0]) })))
            case ("GET", "/v1/search"):
                probes.append(.init(method: .get, uri: "/v1/search?q=nguoi", permission: p))
            case ("GET", "/v1/decisions/{id}/signatures"), ("GET", "/v1/decisions/{id}/to-sign"), ("POST", "/v1/decisions/{id}/sign"),
                 ("POST", "/v1/decisions/{id}/seal"):
                probes.append(.init(method: .init(route.method)!, uri: route.path.replacingOccurrences(of: "{id}", with: "\(s.decision)"),
                                    permission: p, subject: s.decisionSubject))
            case ("GET", "/v1/decisions/{id}/document"), ("GET", "/v1/decisions/{id}/certificates"):
                probes.append(.init(method: .get, uri: route.path.replacingOccurrences(of: "{id}", with: "\(s.decision)") + "?format=html",
                                    permission: p, subject: s.decisionSubject))
            case ("GET", "/v1/proposals"):
                probes.append(.init(method: .get, uri: "/v1/proposals?ids=\(s.nomination)&format=html", permission: p, subject: s.subject, mayBeMissing: true))
            case ("POST", "/v1/campaigns"):
                let launcher = s.campaignSubject.org!.code
                probes.append(.init(method: .post, uri: route.path, json: #"{"code":"N-\#(launcher)-\#(UUID().uuidString.prefix(6))","org":"\#(launcher)","name":"Mới","kind":"regular","starts_on":"2026-01-01","ends_on":"2026-12-31"}"#,
                                    permission: p, subject: s.campaignSubject))
            case ("GET", "/v1/campaigns/{code}"), ("GET", "/v1/campaigns/{code}/registrations"), ("GET", "/v1/campaigns/{code}/reviews"),
                 ("GET", "/v1/campaigns/{code}/report"):
                probes.append(.init(method: .get, uri: route.path.replacingOccurrences(of: "{code}", with: s.campaign), permission: p, subject: s.campaignSubject))
            case ("POST", "/v1/campaigns/{code}/move"):
                probes.append(.init(method: .post, uri: "/v1/campaigns/\(s.campaign)/move", json: #"{"to":"running"}"#, permission: p, subject: s.campaignSubject))
            case ("POST", "/v1/campaigns/{code}/registrations"):
                probes.append(.init(method: .post, uri: "/v1/campaigns/\(s.campaign)/registrations",
                                    json: #"{"unit":"\#(s.unit)","year":2026,"entries":[{"nominee_id":\#(s.nominee),"kinds":["ldtt"]}]}"#,
                                    permission: p, subject: Subject(org: s.subject.org, nomineeHome: s.subject.org)))
            case ("GET", "/v1/registrations/{id}"):
                probes.append(.init(method: .get, uri: "/v1/registrations/\(s.registration)", permission: p, subject: s.registrationSubject))
            case ("POST", "/v1/registrations/{id}/{action}"):
                for (action, permission) in [("send", Permission.sendRegistration), ("return", .judgeRegistration), ("accept", .judgeRegistration)] {
                    let subject = permission == .sendRegistration ? s.subject : s.campaignSubject
                    probes.append(.init(method: .post, uri: "/v1/registrations/\(s.registration)/\(action)",
                                        json: action == "return" ? #"{"reason":"Bổ sung"}"# : nil, permission: permission, subject: subject))
                }
            case ("POST", "/v1/campaigns/{code}/reviews"):
                probes.append(.init(method: .post, uri: "/v1/campaigns/\(s.campaign)/reviews",
                                    json: #"{"year":2026,"nominee_id":\#(s.nominee),"result":"not_reached"}"#, permission: p, subject: s.subject, mayBeMissing: true))
            case ("POST", "/v1/campaigns/{code}/proposals"):
                probes.append(.init(method: .post, uri: "/v1/campaigns/\(s.campaign)/proposals", json: #"{"unit":"\#(s.unit)","year":2026}"#,
                                    permission: p, subject: s.subject))
            case ("GET", "/v1/orgs/{code}"):
                probes.append(.init(method: .get, uri: "/v1/orgs/\(s.unit)", permission: p, subject: s.subject))
            case ("GET", "/v1/orgs/{code}/delegations"):
                probes.append(.init(method: .get, uri: "/v1/orgs/\(s.unit)/delegations", permission: p, subject: s.subject))
            case ("POST", "/v1/delegations"):
                // Only an approver of the org itself (none among the callers) or an admin; the admin names no leader, so it is refused as input.
                probes.append(.init(method: .post, uri: route.path, json: #"{"org":"\#(s.unit)","delegate":"lan","prefix":"KT.","acts":["sign"],"from":"2026-12-01","to":"2026-12-05"}"#,
                                    permission: p, subject: s.subject, mayBeMissing: true))
            case ("POST", "/v1/delegations/{id}/revoke"):
                probes.append(.init(method: .post, uri: "/v1/delegations/987654/revoke", json: #"{"reason":"Hết việc"}"#, permission: p, mayBeMissing: true))
            case ("POST", "/v1/nominations/{id}/step"):
                probes.append(.init(method: .post, uri: "/v1/nominations/\(s.nomination)/step", json: #"{"move":"complete"}"#, permission: p, subject: s.subject))
            case ("POST", "/v1/nominations/{id}/assignment"):
                probes.append(.init(method: .post, uri: "/v1/nominations/\(s.nomination)/assignment", json: #"{"to":"minh"}"#, permission: p, subject: s.subject))
            case ("POST", "/v1/inbox/assign"):
                // The role is checked for the request; each dossier's jurisdiction in its own outcome.
                probes.append(.init(method: .post, uri: route.path, json: #"{"ids":[\#(s.nomination)],"to":"minh"}"#, permission: p, subject: Subject()))
            case ("GET", "/v1/suggestions"):
                probes.append(.init(method: .get, uri: "/v1/suggestions?unit=\(s.unit)&year=2026", permission: p, subject: s.subject))
            case ("POST", "/v1/suggestions/drafts"):
                probes.append(.init(method: .post, uri: route.path, json: #"{"unit":"\#(s.unit)","year":2026,"items":[{"nominee":\#(s.nominee),"kind":"giay-khen"}]}"#,
                                    permission: p, subject: s.subject))
            case ("GET", "/v1/me/work"):
                probes.append(.init(method: .get, uri: route.path, permission: p))
            case ("POST", "/v1/orgs/{code}/steps"):
                probes.append(.init(method: .post, uri: "/v1/orgs/\(s.unit)/steps", json: #"{"on":false}"#, permission: p, subject: s.subject))
            case ("GET", "/v1/funds/{org}/{year}"):
                probes.append(.init(method: .get, uri: "/v1/funds/\(s.unit)/2026", permission: p, subject: s.subject))
            default:
                break
            }
        }
        return probes
    }

    /// A count of every row a refused request must not have written.
    static let writes: SQL = """
        SELECT (SELECT count(*) FROM transitions) + (SELECT count(*) FROM events) + (SELECT count(*) FROM documents)
             + (SELECT count(*) FROM decisions) + (SELECT count(*) FROM nominee_transfers) + (SELECT count(*) FROM campaign_history)
             + (SELECT count(*) FROM registration_history) + (SELECT count(*) FROM objections) + (SELECT count(*) FROM campaigns)
             + (SELECT count(*) FROM nominations) + (SELECT count(*) FROM registration_entries) AS n
        """

    /// Checks one answer against the policy's verdict.
    static func judge(_ probe: Probe, caller: Principal, status: Int, code: String?, before: Int, after: Int, what: String) {
        #expect(status < 500, "\(what) answered \(status)")
        #expect(status != 401, "\(what) answered 401 to a signed-in caller")
        guard let permission = probe.permission else { return }
        switch Policy.check(caller, permission, probe.subject) {
        case .refused:
            #expect([403, 404].contains(status), "\(what): the policy refuses, the route answered \(status) (\(code ?? ""))")
            #expect(after == before, "\(what): refused, yet \(after - before) rows were written")
        case .allowed:
            #expect(!["role_not_allowed", "outside_jurisdiction"].contains(code ?? ""), "\(what): the policy allows, the route refused it (\(code ?? ""))")
            if !probe.mayBeMissing {
                #expect(status != 404 || !(code ?? "").hasPrefix("unknown_"), "\(what): the policy allows, the route hid it (\(code ?? ""))")
            }
        }
    }

    @Test func everyAPIRouteEveryRoleInsideAndOutside() async throws {
        try await APIHarness.with { api in
            let f = try await Self.fixture(api.engine, api.users, api: api)
            let documented = Set(OpenAPIDocument.shared.operations.keys)
            var covered = Set<String>()
            for route in AwardAPI.routes {
                let key = "\(route.method) \(route.path)"
                let probes = Self.apiProbes(route, f)
                #expect(!probes.isEmpty, "\(key) has no request in the authorization matrix: add one to RouteMatrixTests.apiProbes")
                covered.insert(key)
                for probe in probes {
                    for name in Self.callers {
                        let caller = try await api.engine.principal(named: name)
                        let before = try api.database.count(Self.writes)
                        let reply = probe.method == .post && probe.uri.contains("/documents?")
                            ? try await api.send(.post, probe.uri, as: name, raw: Data((probe.json ?? "").utf8), contentType: "application/pdf")
                            : try await api.send(probe.method, probe.uri, as: route.policy == .open ? nil : name, json: probe.json)
                        let after = try api.database.count(Self.writes)
                        Self.judge(probe, caller: caller, status: reply.status, code: reply.code, before: before, after: after,
                                   what: "\(probe.method) \(probe.uri) as \(name)")
                    }
                }
            }
            #expect(documented.subtracting(covered).isEmpty, "documented but not in the route table: \(documented.subtracting(covered))")
        }
    }

    /// The pages' requests, inside and outside.
    static func webProbes(_ route: WebRoute, _ f: Fixture) -> [Probe] {
        var probes: [Probe] = []
        let permissions: [(String?, Permission?)] = switch route.policy {
        case .open, .signedIn: [(nil, nil)]
        case .permission(let p): [(nil, p)]
        case .byParameter(_, let map): map.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
        }
        for s in [f.inside, f.outside] {
            for (value, permission) in permissions {
                var path = route.path
                    .replacingOccurrences(of: "{document}", with: "\(s.document)").replacingOccurrences(of: "{code}", with: s.campaign)
                var subject = s.subject
                if path.hasPrefix("/nominees/") { path = path.replacingOccurrences(of: "{id}", with: "\(s.nominee)") }
                else if path.hasPrefix("/decisions/") { path = path.replacingOccurrences(of: "{id}", with: "\(s.decision)"); subject = s.decisionSubject }
                else if path.hasPrefix("/registrations/") {
                    path = path.replacingOccurrences(of: "{id}", with: "\(s.registration)")
                    subject = permission == .sendRegistration ? s.subject : s.campaignSubject
                } else { path = path.replacingOccurrences(of: "{id}", with: "\(s.nomination)") }
                if path.hasPrefix("/campaigns/") { subject = ["register", "review", "propose"].contains(value ?? "") ? s.subject : s.campaignSubject }
                if let value { path = path.replacingOccurrences(of: "{step}", with: value).replacingOccurrences(of: "{action}", with: value) }
                var form: [String: String] = ["reason": "Bổ sung", "decision_date": "25/11/2026", "year": "2026", "unit": s.unit, "to": "running",
                                              "nominee": "Người mới", "nominee_type": "individual", "kind_ldtt": "on", "org": s.unit, "amount": "1000000",
                                              "source": "Ngân sách", "kind": "giay-khen", "nominee_name": "Người mới", "result": "not_reached",
                                              "nominee_id": "\(s.nominee)", "n\(s.nomination)": "\(s.nomination)", "date": "25/11/2026"]
                var mayBeMissing = false
                switch route.path {
                case "/fund": path += "?year=2026"; subject = Subject()   // the caller's own org's fund
                case "/orgs/{code}": path = "/orgs/\(s.unit)"
                case "/orgs/{code}/delegations": path = "/orgs/\(s.unit)/delegations"; mayBeMissing = true
                case "/orgs/{code}/staff", "/orgs/{code}/staff/bodies", "/orgs/{code}/staff/people":
                    path = route.path.replacingOccurrences(of: "{code}", with: s.unit); mayBeMissing = true
                case "/delegations/{id}/revoke": path = "/delegations/987654/revoke"; subject = Subject(); mayBeMissing = true   // none such
                case "/awardees", "/reports/summary", "/reports/forms": path += "?year=2026&from=2026&to=2026&period=2026&org=\(s.unit)"
                case "/proposals": path += "?ids=\(s.nomination)"; mayBeMissing = true
                case "/decisions/{id}/document", "/decisions/{id}/certificates": path += "?format=html"
                case "/search": path += "?q=nguoi"
                case "/campaigns": form["org"] = s.campaignSubject.org!.code; form["code"] = "W-\(UUID().uuidString.prefix(6))"
                    form["name"] = "Mới"; form["starts_on"] = "01/01/2026"; form["ends_on"] = "31/12/2026"; form["kind"] = "regular"
                    subject = s.campaignSubject
                case "/decisions/new", "/certificates/layout": subject = Subject()   // the caller's own org's
                case "/nominations/import", "/nominations/import/done": subject = Subject()   // the caller's own upload; units are judged per row
                case "/nominations/new": subject = route.method == "GET" ? Subject() : s.subject
                case "/campaigns/{code}/{step}" where value == "review": mayBeMissing = true
                case "/verify/{code}": path = "/verify/KDEADBEEF000"; mayBeMissing = true   // public; a made-up code is not found
                case "/inbox/{action}", "/inbox/assign": subject = Subject()   // the role per request; each dossier's reach in its outcome
                default: break
                }
                if ["/", "/search", "/audit", "/events", "/decisions", "/campaigns", "/certificates/layout", "/import-template", "/decisions/new", "/suggestions", "/my-work",
                    "/logout", "/login", "/static/app.css", "/static/live.js", "/unit", "/verify", "/verify/{code}"].contains(route.path) && route.method == "GET" || route.path == "/logout" {
                    subject = Subject()
                }
                if route.path == "/events" { path += "?follow=false" }
                probes.append(.init(method: .init(route.method)!, uri: path, form: form, permission: permission, subject: subject, mayBeMissing: mayBeMissing))
            }
        }
        return probes
    }

    @Test func everyPageEveryRoleInsideAndOutside() async throws {
        try await WebHarness.with { web in
            let f = try await Self.fixture(web.engine, web.users, api: nil)
            for name in ["thanh", "pao", "admin"] { try await web.engine.setPassword(name: name, password: WebHarness.password, cost: 4) }
            var sessions: [String: (session: String, csrf: String)] = [:]
            for name in Self.callers { sessions[name] = try await web.signIn(name) }
            let table = try WebRoutes(engine: web.engine).routeTable()
            #expect(table.count >= 36)
            for route in table {
                let probes = Self.webProbes(route, f)
                #expect(!probes.isEmpty, "\(route.method) \(route.path) has no request in the matrix")
                for probe in probes where route.path != "/logout" && route.path != "/login" {
                    for name in Self.callers {
                        let caller = try await web.engine.principal(named: name)
                        let (session, csrf) = sessions[name]!
                        let before = try web.database.count(Self.writes)
                        let page = probe.method == .post
                            ? try await web.post(probe.uri, probe.form.merging(["_csrf": csrf]) { a, _ in a }, session: session)
                            : try await web.get(probe.uri, session: session)
                        let after = try web.database.count(Self.writes)
                        // A page that refuses shows 403 or 404; one that redirects back after acting, 303.
                        let code = page.status == 403 && page.body.contains("không được") ? "role_not_allowed" : nil
                        if page.location?.hasPrefix("/login") == true { Issue.record("\(probe.uri) as \(name) lost the session") }
                        Self.judge(probe, caller: caller, status: page.status, code: Policy.allows(caller, probe.permission ?? .readOwnAccount, probe.subject) ? nil : code,
                                   before: before, after: after, what: "web \(probe.method) \(probe.uri) as \(name)")
                    }
                }
            }
        }
    }
}

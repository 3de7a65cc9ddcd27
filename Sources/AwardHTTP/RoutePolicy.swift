import AwardEngine

/// What the policy asks of a route's caller, as the route tables (the API's and the pages') declare
/// it: the authorization matrix test walks every route with every role, inside and outside the
/// caller's jurisdiction, and a route without an entry fails it.
public enum RoutePolicy: Sendable, Hashable {
    /// No caller needed (health, metrics by address, the API description, the sign-in page, assets).
    case open
    /// Any signed-in caller (the catalog and the org tree, which every form needs).
    case signedIn
    /// The caller needs this permission on what the request names.
    case permission(Permission)
    /// The permission depends on a path parameter's value (`/nominations/{id}/{action}`).
    case byParameter(String, [String: Permission])

    /// Every permission the route may ask.
    public var permissions: [Permission] {
        switch self {
        case .open, .signedIn: []
        case .permission(let permission): [permission]
        case .byParameter(_, let map): Array(Set(map.values)).sorted { $0.rawValue < $1.rawValue }
        }
    }
}

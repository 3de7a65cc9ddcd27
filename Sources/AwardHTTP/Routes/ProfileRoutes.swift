import AwardEngine
import Hummingbird

/// A nominee's profile (date of birth, sex, position class, CCCD; a collective's enterprise flag):
/// `GET` and `POST /v1/nominees/{id}/profile`. The CCCD comes back whole only where the policy
/// lets the caller read personal data; it is never logged.
extension APIRoutes {
    func registerProfiles(on group: RouterGroup<AwardRequestContext>) {
        group.get("nominees/{id}/profile") { _, context in
            try HTTPIO.json(try await engine.profile(of: try HTTPIO.id(context), viewer: try await context.principal(engine)))
        }

        group.post("nominees/{id}/profile") { request, context in
            let principal = try await context.principal(engine)
            let body = try await HTTPIO.body(request, ProfileInput.self, limit: configuration.maxBodyBytes)!
            return try HTTPIO.json(try await engine.setProfile(of: try HTTPIO.id(context), body, by: principal))
        }
    }
}

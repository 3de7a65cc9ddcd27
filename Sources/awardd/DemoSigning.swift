import AwardDocuments
import AwardEngine
import Foundation

/// The demo's digital signatures: with the test PKI and token that scripts/test-pki makes (named by
/// `AWARD_DEMO_PKI`; scripts/run makes one in .award/pki), awardd trusts its root, signs with its
/// token, and has the province's first decision signed by its leader and sealed by its clerk, as
/// an office would; the Prime Minister's decision is left for the web to sign.
enum DemoSigning {
    /// Uses the demo's token (unless AWARD_PKCS11_TOKEN names another) and trusts its root.
    static func configure(_ engine: AwardEngine, environment: [String: String] = ProcessInfo.processInfo.environment) async throws -> Bool {
        guard let dir = environment["AWARD_DEMO_PKI"], !dir.isEmpty else { return false }
        let url = URL(fileURLWithPath: dir)
        if environment["AWARD_PKCS11_TOKEN"] == nil {
            setenv("SOFTHSM2_CONF", url.appendingPathComponent("softhsm2.conf").path, 1)
            let pin = try String(contentsOf: url.appendingPathComponent("pin"), encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
            let chain = try String(contentsOf: url.appendingPathComponent("inter.pem"), encoding: .utf8)
            engine.useSigningToken(SigningToken(module: "/usr/lib/softhsm/libsofthsm2.so", label: "Award-Test", pin: pin, intermediates: [chain]))
        }
        try await engine.trustRoot(pem: try String(contentsOf: url.appendingPathComponent("root.pem"), encoding: .utf8), by: nil)
        return true
    }

    /// Signs (as le.hoa, the token's key "le.hoa") and seals (the token's key "P15") the province's
    /// first decision awaiting signatures; returns its id.
    static func signProvince(_ engine: AwardEngine) async throws -> Int64? {
        let leader = try await engine.principal(named: "le.hoa")
        guard let id = try await engine.decisionsAwaitingSignatures(org: "P15", viewer: leader).first else { return nil }
        _ = try await Papers(engine: engine).decisionToSign(id, by: leader)
        _ = try await engine.signDecision(id, by: leader)
        _ = try await engine.sealDecision(id, by: leader)
        return id
    }

    /// `--demo`: loads the demo set (once), keeps its users' credentials, signs the province's
    /// decision when the demo's keys are there, and prints the banner.
    static func loadDemo(_ engine: AwardEngine, credentials: DemoCredentials, listen: String, tls: Bool) async throws {
        let kept = credentials.read()
        let summary = try await DemoData.load(into: engine, keeping: kept.tokens, passwords: kept.passwords)
        if !summary.alreadyLoaded || !summary.reissued.isEmpty {
            do { try credentials.write(summary.users) } catch {
                Awardd.say("awardd: warning: could not write \(credentials.path); the tokens are printed only here", toStandardError: true)
            }
        }
        if try await configure(engine), !summary.alreadyLoaded, let signed = try await signProvince(engine) {
            Awardd.say("awardd: demo decision \(signed) signed by its leader and sealed with the demo's test keys (AWARD_DEMO_PKI)")
        }
        Awardd.say(DemoBanner.loaded(summary, credentials: credentials))
        try await DemoBanner.leadQRCodesHere(engine, listen: listen, tls: tls)
    }
}

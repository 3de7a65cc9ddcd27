import AwardDomain
import Foundation

extension SigningToken {
    /// The server's token from the environment awardd and awardctl share:
    /// `AWARD_PKCS11_TOKEN` (the token's label; unset: no token), `AWARD_PKCS11_MODULE` (the vendor's
    /// module, by default SoftHSM2's), `AWARD_PKCS11_PIN_FILE` (a file holding the user PIN, never the
    /// PIN itself) and `AWARD_PKCS11_CHAIN` (a PEM file of the intermediate CA certificates).
    public static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment) throws(AwardError) -> SigningToken? {
        guard let label = environment["AWARD_PKCS11_TOKEN"], !label.isEmpty else { return nil }
        func read(_ key: String) throws(AwardError) -> String {
            guard let path = environment[key], let text = try? String(contentsOfFile: path, encoding: .utf8) else {
                throw AwardError(.invalidInput, code: .badCertificate, "\(key) must name a readable file",
                                 vi: "\(key) phải là đường dẫn tới một tệp đọc được.", field: key)
            }
            return text
        }
        let pin = try read("AWARD_PKCS11_PIN_FILE").trimmingCharacters(in: .whitespacesAndNewlines)
        var chain: [String] = []
        if environment["AWARD_PKCS11_CHAIN"] != nil {
            let text = try read("AWARD_PKCS11_CHAIN")
            chain = text.components(separatedBy: "-----END CERTIFICATE-----").compactMap { part in
                guard let start = part.range(of: "-----BEGIN CERTIFICATE-----") else { return nil }
                return String(part[start.lowerBound...]) + "-----END CERTIFICATE-----\n"
            }
        }
        return SigningToken(module: environment["AWARD_PKCS11_MODULE"] ?? "/usr/lib/softhsm/libsofthsm2.so", label: label, pin: pin, intermediates: chain)
    }
}

/// What a password must be (OWASP ASVS 4.0.3, V2.1): at least 12 characters, at most 200, not
/// containing the user's name, and not one of the 10,000 most common.
public enum PasswordRules {
    public static let minimumLength = 12
    public static let maximumLength = 200

    /// Refuses `password` for `user`, naming the rule it breaks; `common` is the list of common
    /// passwords, lowercased.
    public static func check(_ password: String, user: String, common: Set<String>) throws(AwardError) {
        guard password.count >= minimumLength else {
            throw refuse("a password has at least \(minimumLength) characters", "Mật khẩu cần ít nhất \(minimumLength) ký tự.")
        }
        guard password.count <= maximumLength else {
            throw refuse("a password has at most \(maximumLength) characters", "Mật khẩu dài nhất \(maximumLength) ký tự.")
        }
        let lowered = password.lowercased()
        let name = user.lowercased()
        let parts = [name, name.filter { !"._-@".contains($0) }] + name.split(whereSeparator: { "._-@".contains($0) }).map(String.init).filter { $0.count >= 4 }
        if parts.contains(where: { !$0.isEmpty && lowered.contains($0) }) {
            throw refuse("a password must not contain the user name", "Mật khẩu không được chứa tên đăng nhập.")
        }
        if common.contains(lowered) {
            throw refuse("this password is one of the 10,000 most common: choose another", "Mật khẩu này nằm trong 10.000 mật khẩu phổ biến nhất, dễ bị đoán: hãy chọn mật khẩu khác.")
        }
    }

    static func refuse(_ en: String, _ vi: String) -> AwardError {
        AwardError(.invalidInput, code: .badPassword, en, vi: vi)
    }
}

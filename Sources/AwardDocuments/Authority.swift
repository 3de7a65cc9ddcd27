import AwardEngine
import Foundation

/// How a Vietnamese administrative paper names a body (Decree 30/2020, Annex I): the heading
/// lines, the place, the authority that decides and the signer's title. Derived from the org's
/// Vietnamese name and its ancestors; a template may print other words.
struct Authority: Sendable {
    let org: PaperOrg

    /// "UBND tỉnh Lào Cai" → ("ỦY BAN NHÂN DÂN", "TỈNH LÀO CAI"); other names stay whole.
    static func expand(_ name: String) -> (body: String, rest: String)? {
        for prefix in ["UBND ", "Ủy ban nhân dân ", "Uỷ ban nhân dân "] where name.hasPrefix(prefix) {
            return ("Ủy ban nhân dân", String(name.dropFirst(prefix.count)))
        }
        return nil
    }

    static func upper(_ text: String) -> String { text.uppercased(with: Locale(identifier: "vi_VN")) }

    /// The heading at the top left: the governing body (not bold) where there is one, then the
    /// issuer (bold), in capitals.
    var heading: (governing: String?, issuer: [String]) {
        if let (body, rest) = Self.expand(org.name) { return (nil, [Self.upper(body), Self.upper(rest)]) }
        if org.level == .central { return (nil, [Self.upper(org.name)]) }
        let governing = org.ancestors.last.map { name in Self.expand(name).map { Self.upper($0.body + " " + $0.rest) } ?? Self.upper(name) }
        return (governing, [Self.upper(org.name)])
    }

    /// The place written before the date: the administrative unit where the body sits.
    var place: String {
        for name in [org.name] + org.ancestors.reversed() {
            if let (_, rest) = Self.expand(name) {
                for unit in ["tỉnh ", "thành phố ", "thị xã ", "huyện ", "quận ", "phường ", "xã ", "thị trấn ", "đặc khu "] where rest.hasPrefix(unit) {
                    return String(rest.dropFirst(unit.count))
                }
                return rest
            }
        }
        return "Hà Nội"
    }

    /// The head's title: Chủ tịch, Thủ tướng, Giám đốc, Hiệu trưởng, else Thủ trưởng.
    var headTitle: String {
        if Self.expand(org.name) != nil { return "Chủ tịch" }
        if org.level == .central { return "Thủ tướng" }
        for (prefix, title) in [("Sở ", "Giám đốc"), ("Trường ", "Hiệu trưởng"), ("Trạm ", "Trưởng trạm"), ("Ban ", "Trưởng ban"),
                                ("Bộ ", "Bộ trưởng"), ("Công ty ", "Giám đốc"), ("Bệnh viện ", "Giám đốc")] where org.name.hasPrefix(prefix) {
            return title
        }
        return "Thủ trưởng"
    }

    /// Who decides, as a sentence names it: "Chủ tịch Ủy ban nhân dân tỉnh Lào Cai", "Thủ tướng Chính phủ".
    var decidingName: String {
        if let (body, rest) = Self.expand(org.name) { return "\(headTitle) \(body) \(rest)" }
        return "\(headTitle) \(org.name)"
    }

    /// The same in capitals, as the decision's heading prints it.
    var deciding: String { Self.upper(decidingName) }

    /// The signer block's lines above the signature: "KT. CHỦ TỊCH" / "PHÓ CHỦ TỊCH" when a deputy
    /// signs on the head's behalf, else the head's title.
    func signature(onBehalf: Bool) -> [String] {
        let title = Self.upper(headTitle)
        return onBehalf ? ["KT. \(title)", "PHÓ \(title)"] : [title]
    }

    /// "Lào Cai, ngày 05 tháng 3 năm 2026": a day below 10 and the months January and February with a leading zero.
    func placeAndDate(_ date: CivilDate) -> String {
        "\(place), \(Self.writtenDate(date))"
    }

    static func writtenDate(_ date: CivilDate) -> String {
        let day = date.day < 10 ? "0\(date.day)" : "\(date.day)"
        let month = date.month <= 2 ? "0\(date.month)" : "\(date.month)"
        return "ngày \(day) tháng \(month) năm \(date.year)"
    }

    /// The abbreviation a number carries for the issuing body: UBND for a people's committee, else
    /// the initials of the name's words ("Sở Nội vụ" → "SNV").
    static func abbreviation(_ org: PaperOrg) -> String {
        if expand(org.name) != nil { return "UBND" }
        if org.level == .central { return "TTg" }
        let words = org.name.split(separator: " ").prefix { !["tỉnh", "thành", "huyện", "xã", "phường"].contains($0.lowercased()) }
        return words.compactMap { $0.first.map { String($0).uppercased() } }.joined()
    }

    /// "5/QĐ-UBND" → "05/QĐ-UBND": a number below 10 with a leading zero.
    static func paperNumber(_ number: String) -> String {
        let digits = number.prefix { $0.isNumber }
        if digits.count == 1, number.dropFirst().first == "/" { return "0" + number }
        return number
    }
}

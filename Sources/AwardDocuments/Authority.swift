import AwardEngine
import Foundation

/// How a Vietnamese administrative paper names a body (Decree 30/2020, Annex I): the heading
/// lines, the place, the authority that decides and the signer's title. Derived from the org's
/// Vietnamese name and its ancestors; a template may print other words.
struct Authority: Sendable {
    let org: PaperOrg

    /// "UBND tỉnh Lào Cai" → ("ỦY BAN NHÂN DÂN", "TỈNH LÀO CAI"); an administrative unit under its
    /// official name ("Tỉnh Lào Cai", "Phường Cốc Lếu", as the unit import names it) decides through
    /// its People's Committee the same way; other names stay whole.
    static func expand(_ name: String) -> (body: String, rest: String)? {
        for prefix in ["UBND ", "Ủy ban nhân dân ", "Uỷ ban nhân dân "] where name.hasPrefix(prefix) {
            return ("Ủy ban nhân dân", String(name.dropFirst(prefix.count)))
        }
        for unit in ["Tỉnh ", "Thành phố ", "Thị xã ", "Huyện ", "Quận ", "Phường ", "Xã ", "Thị trấn ", "Đặc khu "] where name.hasPrefix(unit) {
            return ("Ủy ban nhân dân", unit.lowercased() + name.dropFirst(unit.count))
        }
        return nil
    }

    static func upper(_ text: String) -> String { text.uppercased(with: Locale(identifier: "vi_VN")) }

    /// The heading at the top left: the governing body (not bold) where there is one, then the
    /// issuer (bold), in capitals.
    var heading: (governing: String?, issuer: [String]) {
        if let (body, rest) = Self.expand(org.name) { return (nil, [Self.upper(body), Self.upper(rest)]) }
        // The Prime Minister's papers are headed by the office, not the body (Decree 30/2020,
        // Annex I: "THỦ TƯỚNG CHÍNH PHỦ").
        if org.level == .central { return (nil, [Self.upper(headTitle == "Thủ tướng" ? "Thủ tướng \(org.name)" : org.name)]) }
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

    /// The signer block's lines above the signature (Decree 30/2020, Annex I, II.8): the head's
    /// title; with KT., TL. or TUQ. that title after the prefix, then the signer's own title
    /// ("KT. CHỦ TỊCH" / "PHÓ CHỦ TỊCH"); with TM. the collective body, then the signer's title;
    /// with Q. the acting head's one line.
    func signature(prefix: SignerPrefix?, title: String?) -> [String] {
        let head = Self.upper(headTitle)
        let own = title.map(Self.upper)
        switch prefix {
        case nil: return [own ?? head]
        case .kt: return ["KT. \(head)", own ?? "PHÓ \(head)"]
        case .tl, .tuq: return ["\(prefix!.rawValue) \(head)"] + (own.map { [$0] } ?? [])
        case .tm:
            let body = Self.expand(org.name).map { Self.upper($0.body) } ?? Self.upper(org.name)
            return ["TM. \(body)", own ?? head]
        case .q: return ["Q. \(head)"]
        }
    }

    /// The law that organises the issuer, as a decision cites it first: the local-government law
    /// for a people's committee, the government law for the Prime Minister (each as in force on
    /// `date`); nil for a body organised by a decision of its own.
    func organisationLaw(on date: CivilDate) -> String? {
        if Self.expand(org.name) != nil {
            return date >= CivilDate(iso: "2025-07-01")! ? "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025"
                : "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015"
        }
        if org.level == .central && headTitle == "Thủ tướng" {
            return date >= CivilDate(iso: "2025-03-01")! ? "Căn cứ Luật Tổ chức Chính phủ ngày 18 tháng 2 năm 2025"
                : "Căn cứ Luật Tổ chức Chính phủ ngày 19 tháng 6 năm 2015"
        }
        return nil
    }

    /// The decree detailing the emulation law on `date`: 152/2025 from 1/7/2025, 98/2023 from 1/1/2024.
    static func emulationDecree(on date: CivilDate) -> String? {
        if date >= CivilDate(iso: "2025-07-01")! {
            return "Căn cứ Nghị định số 152/2025/NĐ-CP của Chính phủ quy định chi tiết một số điều của Luật Thi đua, khen thưởng"
        }
        if date >= CivilDate(iso: "2024-01-01")! {
            return "Căn cứ Nghị định số 98/2023/NĐ-CP của Chính phủ quy định chi tiết thi hành một số điều của Luật Thi đua, khen thưởng"
        }
        return nil
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

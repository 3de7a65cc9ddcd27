import Foundation

extension DemoData {
    /// Ten years across the merger: people and collectives of old Lào Cai and Yên Bái with the
    /// awards they received from 2016 to 2023, before the rule packs in force, recorded as imported
    /// awards decided by the old districts' and provinces' People's Committees. Their home units are
    /// the old wards, now held by the new ones: the new ward's officers find them by name, read
    /// their record and propose them, their years running on (Hà Thị Thu's three years of Chiến sĩ
    /// thi đua cơ sở at old Phường Cốc Lếu make her a candidate for the province's title at
    /// Phường Lào Cai). Lào Cai's communes were merged whole or in part, none split among several
    /// (UnitSuccessionTests follows a split one of Hà Nội).
    static let history: [(name: String, type: NomineeType, unit: String, awards: [(kind: String, years: ClosedRange<Int>, issuer: String)])] = [
        ("Hà Thị Thu", .individual, "LW2644", [("ldtt", 2016...2023, "UBND thành phố Lào Cai"), ("cstdcs", 2021...2023, "UBND thành phố Lào Cai")]),
        ("Nông Văn Quý", .individual, "LW2635", [("ldtt", 2017...2022, "UBND thành phố Lào Cai"), ("giay-khen", 2019...2019, "UBND thành phố Lào Cai")]),
        ("Trường Tiểu học Kim Tân", .collective, "LW2647", [("giay-khen", 2018...2018, "UBND thành phố Lào Cai"),
                                                             ("bang-khen-tinh", 2021...2021, "UBND tỉnh Lào Cai")]),
        ("Phàn Thị Mẩy", .individual, "LW3001", [("ldtt", 2016...2023, "UBND thị xã Sa Pa"), ("bang-khen-tinh", 2020...2020, "UBND tỉnh Lào Cai")]),
        ("Lý A Giàng", .individual, "LW3013", [("ldtt", 2019...2023, "UBND thị xã Sa Pa")]),
        // Old Xã Ngũ Chỉ Sơn went only partly into the new one of the same name: its one successor
        // still takes its people's records.
        ("Sùng Thị Chư", .individual, "LW3004", [("ldtt", 2018...2023, "UBND thị xã Sa Pa")]),
        ("Hội Nông dân phường Nguyễn Thái Học", .collective, "LW4258", [("giay-khen", 2017...2017, "UBND thành phố Yên Bái"),
                                                                         ("bang-khen-tinh", 2022...2022, "UBND tỉnh Yên Bái")]),
    ]

    /// Records `history`: each nominee at its old unit, each award imported as it was decided
    /// (numbered per issuer and year, dated 20 December).
    static func loadHistory(_ engine: AwardEngine) async throws(AwardError) {
        for entry in history {
            let id = try await engine.transaction { c in
                try NominationStore.insertNominee(c, name: entry.name, type: entry.type, homeOrg: try OrgStore.org(c, code: entry.unit).id)
            }
            for award in entry.awards {
                for year in award.years {
                    try await engine.importPriorAward(
                        nominee: id, kind: award.kind, year: year,
                        decision: .init(number: "\(100 + year % 100 * 3 + award.kind.count)/QĐ-UBND", date: CivilDate(year: year, month: 12, day: 20)!),
                        issuer: award.issuer, by: "demo")
                }
            }
        }
    }
}

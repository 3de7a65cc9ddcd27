import AwardDomain
import Foundation

extension DemoData {
    /// What the statistics forms count beyond the awards: the position class, sex and date of birth
    /// of the 2025 awardees (and one CCCD, when the engine has the personal-data key), whether the
    /// collectives are enterprises, and the province's staff register (forms 0604 and 0605).
    static func reportFacts(_ engine: AwardEngine, _ p: (String) -> Principal) async throws(AwardError) {
        let people: [(name: String, profile: ProfileInput)] = [
            ("Đinh Thị Hồng Nhung", .init(birthDate: CivilDate(iso: "1988-04-12"), sex: .female, positionClass: .otherLeader,
                                          cccd: engine.personalDataKey == nil ? nil : "010188004512")),
            ("Vàng A Dình", .init(birthDate: CivilDate(iso: "1990-09-02"), sex: .male, positionClass: .worker)),
            ("Tổ Công nghệ số cộng đồng phường Lào Cai", .init(enterprise: false)),
            ("Trường Mầm non Duyên Hải", .init(enterprise: false)),
            ("Hội Cựu chiến binh phường Lào Cai", .init(enterprise: false)),
        ]
        for person in people {
            guard let hit = try await engine.search(person.name, viewer: nil, limit: 5).first(where: { $0.name == person.name }) else { continue }
            _ = try await engine.setProfile(of: hit.id, person.profile, by: p("nguyen.lan"))
        }
        let board = try await engine.addEmulationBody(org: "P15", name: "Ban Thi đua - Khen thưởng (Sở Nội vụ)", structure: .homeAffairsBoard,
                                                      established: CivilDate(iso: "2025-07-01")!, by: p("le.hoa"))
        for (name, sex, born, education, since) in [
            ("Lê Thị Hoa", Sex.female, "1979-03-15", Education.postgraduate, "2008-09-01"),
            ("Trần Thị An", .female, "1994-11-20", .university, "2019-02-01"),
            ("Phạm Văn Quân", .male, "1968-06-30", .university, "2001-05-01"),
            ("Giàng A Sử", .male, "1998-01-05", .college, "2023-03-01"),
        ] {
            _ = try await engine.addStaff(.init(body: board.id, fullName: name, sex: sex, birthDate: CivilDate(iso: born)!, education: education,
                                                inWorkSince: CivilDate(iso: since)!, joinedOn: CivilDate(iso: "2025-07-01")!), by: p("le.hoa"))
        }
    }
}

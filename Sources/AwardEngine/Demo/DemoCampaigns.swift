import Foundation

extension DemoData {
    /// The campaigns of the demo: a finished short campaign of the ward Sa Pa for the 18/11 day
    /// (registration, review, three Giấy khen decided, the fund overdrawn), and the province's
    /// running annual campaign for two of its wards (registrations accepted and returned); a
    /// cluster of wards with its head and vote, and the province's fund.
    static func campaigns(_ engine: AwardEngine, _ p: (String) -> Principal, now: Date) async throws(AwardError) {
        let today = AwardEngine.today(now)
        let year = today.year
        func date(_ month: Int, _ day: Int) -> CivilDate { CivilDate(year: year, month: month, day: day)! }

        // The ward's short campaign, from launch to its awards.
        let unity = "PT-1811-\(year)-PSP"
        _ = try await engine.createCampaign(.init(
            code: unity, org: "W3006", name: "Thi đua chào mừng Ngày hội Đại đoàn kết toàn dân tộc 18/11/\(year)",
            theme: "Đoàn kết – Sáng tạo – Xây dựng khu dân cư văn minh", kind: .short, startsOn: date(10, 1), endsOn: date(11, 18),
            requiresRegistration: false, launchNumber: "45/KH-UBND",
            documents: [.init(title: "Kế hoạch tổ chức phong trào thi đua", number: "45/KH-UBND", issuedOn: date(9, 25))],
            awards: [.init(kind: "giay-khen", perUnitQuota: 3, amountVnd: 710_000)],
            criteria: [.init(kind: "giay-khen", text: "Tích cực tham gia các hoạt động của khu dân cư; không vi phạm pháp luật",
                             source: "Luật Thi đua, khen thưởng 2022, Điều 74")]), by: p("ubnd.sapa"))
        _ = try await engine.moveCampaign(unity, to: .registration, launchDate: date(9, 25), by: p("ubnd.sapa"), now: now)
        let ward = try await engine.register(campaign: unity, unit: "W3006", year: year, entries: [
            .init(name: "Vàng A Dình", type: .individual, kinds: ["giay-khen"], targets: "Vận động 20 hộ tham gia vệ sinh môi trường"),
            .init(name: "Tổ dân phố Cầu Mây", type: .collective, kinds: ["giay-khen"], targets: "100% hộ đạt gia đình văn hóa"),
            .init(name: "Lý Thị Mai", type: .individual, kinds: ["giay-khen"]),
            .init(name: "Sùng Seo Lử", type: .individual, kinds: ["giay-khen"]),
        ], by: p("ly.may"))
        _ = try await engine.actOnRegistration(ward.id, .send, by: p("ly.may"))
        _ = try await engine.actOnRegistration(ward.id, .accept, by: p("ubnd.sapa"))
        _ = try await engine.moveCampaign(unity, to: .running, by: p("ubnd.sapa"), now: now)
        _ = try await engine.moveCampaign(unity, to: .reviewing, by: p("ubnd.sapa"), now: now)
        for entry in ward.entries {
            let reached = entry.nominee != "Sùng Seo Lử"
            _ = try await engine.recordReview(campaign: unity, year: year, .init(
                nomineeId: entry.nomineeId, result: reached ? .here : .notReached, kind: reached ? "giay-khen" : nil, criteriaMet: reached,
                vote: VoteTally(members: 7, present: 7, inFavour: reached ? 6 : 2)), by: p("ly.may"))
        }
        _ = try await engine.addFundIncome(org: "W3006", year: year, amountVnd: 2_000_000, source: "Ngân sách phường năm \(year)", by: p("ubnd.sapa"))
        let proposed = try await engine.proposeNominations(campaign: unity, unit: "W3006", year: year, by: p("ly.may"), now: now)
        _ = try await engine.decide(org: "W3006", kind: "giay-khen", nominations: proposed.map(\.id), by: p("ubnd.sapa"), date: today,
                                    details: .init(signer: "Vàng Văn Sử", legalBasis: "Luật Thi đua, khen thưởng 2022", commendationType: .thematic,
                                                   achievementPeriod: "đợt thi đua chào mừng Ngày hội Đại đoàn kết toàn dân tộc"), now: now)
        _ = try await engine.moveCampaign(unity, to: .closed, by: p("ubnd.sapa"), now: now)

        // The province's annual campaign for two of its wards, still running.
        let annual = "PT-\(year)-LC"
        _ = try await engine.createCampaign(.init(
            code: annual, org: "P15", name: "Phong trào thi đua yêu nước năm \(year)", theme: "Kỷ cương, trách nhiệm, hành động, sáng tạo, phát triển",
            kind: .regular, startsOn: date(1, 1), endsOn: date(12, 31), launchNumber: "12/KH-UBND", units: ["W3006", "W2647"],
            awards: [.init(kind: "ldtt", perUnitQuota: 5), .init(kind: "cstdcs", perUnitQuota: 2), .init(kind: "bang-khen-tinh", perUnitQuota: 1, amountVnd: 3_510_000)],
            criteria: [.init(kind: "ldtt", text: "Hoàn thành tốt nhiệm vụ trở lên; chấp hành tốt chủ trương, chính sách, pháp luật",
                             source: "Luật Thi đua, khen thưởng 2022, Điều 24"),
                       .init(kind: "cstdcs", text: "Đạt Lao động tiên tiến và có sáng kiến được công nhận hoặc hoàn thành xuất sắc nhiệm vụ",
                             source: "Luật Thi đua, khen thưởng 2022, Điều 23")]), by: p("le.hoa"))
        _ = try await engine.moveCampaign(annual, to: .registration, launchDate: date(1, 5), by: p("le.hoa"), now: now)
        let sapa = try await engine.register(campaign: annual, unit: "W3006", year: year, entries: [
            .init(name: "Hạng A Tủa", type: .individual, kinds: ["ldtt", "cstdcs"], targets: "Hoàn thành xuất sắc nhiệm vụ; 01 sáng kiến"),
            .init(name: "Lò Thị Hoa", type: .individual, kinds: ["ldtt"], targets: "Hoàn thành tốt nhiệm vụ"),
            .init(name: "Bộ phận Một cửa phường Sa Pa", type: .collective, kinds: ["bang-khen-tinh"], targets: "Không có hồ sơ trễ hạn"),
        ], by: p("ly.may"))
        _ = try await engine.actOnRegistration(sapa.id, .send, by: p("ly.may"))
        _ = try await engine.actOnRegistration(sapa.id, .accept, by: p("le.hoa"))
        let laoCai = try await engine.register(campaign: annual, unit: "W2647", year: year, entries: [
            .init(name: "Thào Thị Sinh", type: .individual, kinds: ["ldtt"]),
            .init(name: "Trường THCS Duyên Hải", type: .collective, kinds: ["bang-khen-tinh"]),
        ], by: p("nguyen.lan"))
        _ = try await engine.actOnRegistration(laoCai.id, .send, by: p("nguyen.lan"))
        _ = try await engine.actOnRegistration(laoCai.id, .return, reason: "Bổ sung chỉ tiêu cụ thể cho từng cá nhân, tập thể", by: p("le.hoa"))
        _ = try await engine.moveCampaign(annual, to: .running, by: p("le.hoa"), now: now)

        // A cluster of the province's wards, its head this year and last year's vote; the province's fund.
        _ = try await engine.addCluster(code: "CUM-LC-1", name: "Cụm thi đua các phường", kind: .cluster, org: "P15", flagQuota: 1, by: p("le.hoa"))
        _ = try await engine.addClusterMembers("CUM-LC-1", units: ["W2647", "W3006"], by: p("le.hoa"))
        _ = try await engine.setClusterHead("CUM-LC-1", year: year, unit: "W3006", by: p("le.hoa"))
        _ = try await engine.recordClusterVote("CUM-LC-1", year: year - 1, voters: 9, votes: ["W2647": 7, "W3006": 5], by: p("le.hoa"))
        _ = try await engine.addFundIncome(org: "P15", year: year, amountVnd: 150_000_000, source: "Ngân sách tỉnh năm \(year)", by: p("le.hoa"))
    }
}

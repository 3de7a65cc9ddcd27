import AwardDomain
import Foundation

extension DemoData {
    /// The province works in steps (the pack's appraise → review → (council) → approve and sign):
    /// from now on a dossier arriving at Tỉnh Lào Cai passes its specialist (Trần Thị An), the head
    /// of the board (Lê Thị Hoa) and the leader (Nguyễn Văn Hùng). Three ward dossiers show it:
    /// one waiting to be given to someone, one given to the specialist, one at the head's review.
    static func officeInSteps(_ engine: AwardEngine, _ p: (String) -> Principal, now: Date) async throws(AwardError) {
        try await engine.setWorksInSteps(org: "P15", true, by: p("le.hoa"))
        _ = try await engine.addSigner(org: "P15", user: "nguyen.hung", title: "Phó Chủ tịch UBND tỉnh", by: p("le.hoa"))
        var ids: [Int64] = []
        for (name, reason) in [("Nguyễn Thị Thu Hà", "Hoàn thành xuất sắc nhiệm vụ năm 2025; sáng kiến số hóa hồ sơ một cửa"),
                               ("Trường Mầm non Hoa Hồng", "Tập thể lao động xuất sắc năm 2025"),
                               ("Vàng A Dính", "Có thành tích xuất sắc trong phong trào xây dựng nông thôn mới năm 2025")] {
            let type: NomineeType = name.hasPrefix("Trường") ? .collective : .individual
            let id = try await engine.nominate(.init(kind: "bang-khen-tinh", unit: "W2647", nomineeName: name, nomineeType: type, year: 2025,
                                                     reason: reason), by: p("nguyen.lan"), now: now).id
            _ = try await engine.perform(.approve, on: id, by: p("ubnd.laocai"), now: now)
            ids.append(id)
        }
        _ = try await engine.assign(ids[1], to: "tran.an", comment: "Đồng chí An thẩm định", by: p("le.hoa"))
        _ = try await engine.assign(ids[2], to: "tran.an", by: p("le.hoa"))
        _ = try await engine.moveStep(ids[2], .complete, comment: "Hồ sơ đủ thành phần; thành tích đã được Sở Nông nghiệp xác nhận",
                                      assignTo: "le.hoa", by: p("tran.an"))
    }
}

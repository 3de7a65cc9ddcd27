import AwardEngine

/// The awardees as an officer downloads them (Excel or CSV from the awardees page): Vietnamese
/// headers and names, the codes in the last columns for a program that reads them back. The API
/// keeps its coded columns.
enum AwardeeSheet {
    static let headers = ["STT", "Họ và tên / Tên tập thể", "Loại đối tượng", "Hình thức khen thưởng", "Đơn vị", "Số quyết định",
                          "Ngày quyết định", "Mã hồ sơ", "Mã hình thức", "Mã đơn vị"]

    static func rows(_ awardees: [Awardee], _ labels: Labels) -> [[String]] {
        awardees.enumerated().map { index, a in
            [String(index + 1), a.nominee, a.nomineeType.vietnamese, labels.kind(a.kind), labels.org(a.unit), a.decisionNumber,
             a.decisionDate.vietnamese, String(a.nominationId), a.kind, a.unit]
        }
    }
}

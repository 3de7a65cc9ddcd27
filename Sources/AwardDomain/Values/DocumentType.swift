/// The documents of a dossier (hồ sơ).
public enum DocumentType: String, ClosedVocabulary, Sendable, Codable, CaseIterable {
    public init(from decoder: any Decoder) throws { self = try Self.decodeVocabulary(from: decoder) }

    case toTrinh = "to-trinh"
    case danhSach = "danh-sach"
    case baoCaoThanhTich = "bao-cao-thanh-tich"
    case bienBan = "bien-ban"
    case sangKien = "sang-kien"
    case xacNhan = "xac-nhan"
    case khac = "khac"

    /// Vietnamese name.
    public var vietnamese: String {
        switch self {
        case .toTrinh: "Tờ trình"
        case .danhSach: "Danh sách"
        case .baoCaoThanhTich: "Báo cáo thành tích"
        case .bienBan: "Biên bản họp Hội đồng"
        case .sangKien: "Chứng nhận sáng kiến"
        case .xacNhan: "Văn bản xác nhận"
        case .khac: "Tài liệu khác"
        }
    }
}

import AwardDomain
import AwardEngine
import Foundation

/// The text of each certificate (Giấy khen, Bằng khen) placed on the issuer's pre-printed blank:
/// every field at its layout's millimetres plus the printer's calibration offset.
enum CertificateSheet {
    static func model(_ paper: DecisionPaper, layout: CertificateLayout, only nomination: Int64?, background: Bool) throws(AwardError) -> [String: Any] {
        let decision = paper.sheet.decision
        let authority = Authority(org: paper.issuer)
        var recipients = paper.recipients
        if let nomination {
            recipients = recipients.filter { $0.nominationId == nomination }
            guard !recipients.isEmpty else {
                throw AwardError(.notFound, code: .unknownNomination, "nomination \(nomination) is not a recipient of decision \(decision.number)",
                                 vi: "Hồ sơ số \(nomination) không có trong danh sách của quyết định \(decision.number).")
            }
        }
        let number = Authority.paperNumber(decision.number)
        let size = layout.sizeMM
        var sheets: [[String: Any]] = []
        for (index, recipient) in recipients.enumerated() {
            let achievement = recipient.reason
                ?? "Đã có thành tích xuất sắc" + (decision.achievementPeriod.map { " trong \($0)" } ?? "") + "."
            let texts: [String: String] = [
                "name": recipient.name,
                "unit": recipient.type == .individual ? recipient.unit : "",
                "achievement": achievement,
                "decision": "Quyết định số \(number)",
                "register": "Số vào sổ: \(number.prefix { $0 != "/" })-\(String(index + 1).leftPadded(3))",
                "date": authority.placeAndDate(decision.date),
                "signer_title": authority.signature(prefix: decision.signerPrefix, title: decision.signerTitle).joined(separator: "\n"),
                "signer": decision.signer ?? "",
            ]
            let fields: [[String: Any]] = CertificateLayout.fieldNames.compactMap { name in
                guard let field = layout.fields[name], let text = texts[name], !text.isEmpty else { return nil }
                return [
                    "text": text, "x": mm(field.x + layout.offsetX), "y": mm(field.y + layout.offsetY), "width": mm(field.width),
                    "size": mm(field.fontSize), "align": field.align, "weight": field.bold ? "bold" : "normal",
                ]
            }
            // The sample blank prints the form's short name: "Bằng khen của Chủ tịch UBND tỉnh" → "BẰNG KHEN".
            let short = paper.kindName.components(separatedBy: " của ").first ?? paper.kindName
            sheets.append(["fields": fields, "background": background, "kindUpper": Authority.upper(short),
                           "verify": try verifyBlock(code: recipient.verifyCode, publicURL: paper.publicURL)])
        }
        return [
            "sheets": sheets, "pageWidth": mm(size.width), "pageHeight": mm(size.height), "kindName": paper.kindName, "number": number,
        ]
    }

    /// The certificate's code to /verify, bottom left: with its QR code once the site's public
    /// address is set (`awardctl site set-public-url`), the code alone before.
    static func verifyBlock(code: String, publicURL: String?) throws(AwardError) -> [String: Any] {
        var block: [String: Any] = ["code": Verification.grouped(code)]
        if let publicURL {
            let url = Verification.url(base: publicURL, code: code)
            block["qr"] = try QRCode.svg(url, sizeMM: 22)
            block["url"] = url
        }
        return block
    }

    /// A length as CSS reads it: "12.5", never "12.500000".
    static func mm(_ value: Double) -> String {
        let rounded = (value * 10).rounded() / 10
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }
}

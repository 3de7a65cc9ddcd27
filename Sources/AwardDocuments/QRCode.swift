import AwardDomain
import CQREncode

/// A QR code drawn by libqrencode (Debian's libqrencode), as an SVG the papers embed: any phone's
/// camera, and zbarimg, read it back.
enum QRCode {
    /// `text` (a URL) at error-correction level M, `sizeMM` wide with its four-module quiet zone.
    static func svg(_ text: String, sizeMM: Double) throws(AwardError) -> String {
        guard let code = QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8, 1) else {
            throw AwardError(.internal, code: .internal, "libqrencode could not encode \(text.count) characters")
        }
        defer { QRcode_free(code) }
        let width = Int(code.pointee.width)
        let modules = UnsafeBufferPointer(start: code.pointee.data, count: width * width)
        var path = ""
        for y in 0..<width {
            for x in 0..<width where modules[y * width + x] & 1 == 1 { path += "M\(x + 4) \(y + 4)h1v1h-1z" }
        }
        let side = width + 8
        let size = CertificateSheet.mm(sizeMM)
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(side) \(side)\" width=\"\(size)mm\" height=\"\(size)mm\" "
            + "shape-rendering=\"crispEdges\" role=\"img\" aria-label=\"Mã QR\"><rect width=\"\(side)\" height=\"\(side)\" fill=\"#fff\"/>"
            + "<path d=\"\(path)\" fill=\"#000\"/></svg>"
    }
}

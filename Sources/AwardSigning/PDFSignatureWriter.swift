import Foundation

/// A PDF with room for one more signature: the file as it will be saved, with `/Contents` still
/// zeros, and the bytes its signature covers (everything but that hole).
public struct PreparedSignature: Sendable {
    public let bytes: [UInt8]
    /// `/ByteRange [0 a b n-b]`: `a` is where the hole (`<…>`) starts, `b` just after it.
    public let holeStart: Int
    public let holeEnd: Int

    /// What the CMS signature is computed over.
    public var signedBytes: [UInt8] { Array(bytes[0..<holeStart]) + Array(bytes[holeEnd...]) }

    /// The file with `cms` (DER) written into the hole.
    public func embedding(_ cms: [UInt8]) throws -> [UInt8] {
        let hex = Array(cms.map { String(format: "%02X", $0) }.joined().utf8)
        guard hex.count <= holeEnd - holeStart - 2 else { throw PDFSignatureWriter.Failure.signatureTooLarge(cms.count) }
        var out = bytes
        out.replaceSubrange((holeStart + 1)..<(holeStart + 1 + hex.count), with: hex)
        return out
    }
}

/// Appends an invisible signature field to a PDF as an incremental update (ISO 32000-1 §12.8):
/// earlier revisions, and the signatures over them, are left byte for byte as they were.
public enum PDFSignatureWriter {
    public enum Failure: Error, Equatable {
        case unreadable(String)
        case signatureTooLarge(Int)
    }

    /// Room for the DER signature: the signer's chain and signed attributes fit in 16 KiB.
    public static let holeBytes = 16_384

    /// `field` names the signature ("LanhDao", "ConDau"); `reason`, `name` and `location` are shown
    /// by readers; `time` goes in `/M` (Vietnam time).
    public static func prepare(_ pdf: [UInt8], field: String, reason: String, name: String?, location: String?, time: Date) throws -> PreparedSignature {
        let objects = PDFObjects(bytes: pdf)
        do {
            let trailer = try objects.trailer()
            let catalog = try objects.object(trailer.root)
            let pageNumber = try objects.firstPage(catalog: catalog)
            let page = try objects.object(pageNumber)
            let sig = trailer.size, widget = trailer.size + 1
            guard !page.contains("/Annots") || page.contains("/Annots [") else { throw Failure.unreadable("page annotations held in another object") }

            var out = pdf
            if out.last != 0x0A { out.append(0x0A) }
            var offsets: [Int: Int] = [:]
            func append(_ number: Int, _ body: String) {
                offsets[number] = out.count
                out.append(contentsOf: Array("\(number) 0 obj\n\(body)\nendobj\n".utf8))
            }
            let zeros = String(repeating: "0", count: holeBytes * 2)
            let placeholder = "/ByteRange [0 0000000000 0000000000 0000000000]"
            var sigDict = "<</Type /Sig /Filter /Adobe.PPKLite /SubFilter /adbe.pkcs7.detached \(placeholder) /Contents <\(zeros)>"
            sigDict += " /M \(pdfDate(time)) /Reason \(textString(reason))"
            if let name { sigDict += " /Name \(textString(name))" }
            if let location { sigDict += " /Location \(textString(location))" }
            sigDict += ">>"
            append(sig, sigDict)
            append(widget, "<</Type /Annot /Subtype /Widget /FT /Sig /T \(textString(field)) /V \(sig) 0 R /F 132 /Rect [0 0 0 0] /P \(pageNumber) 0 R>>")
            append(pageNumber, adding(reference: widget, toArray: "/Annots", in: page))
            let fields = PDFObjects.references(catalog, "/Fields") + [widget]
            var newCatalog = catalog
            if let r = newCatalog.range(of: "/AcroForm") {
                // The form this module wrote before: <</Fields [...] /SigFlags 3>>, replaced whole.
                let rest = newCatalog[r.upperBound...]
                guard rest.hasPrefix(" <<"), let close = rest.range(of: ">>") else { throw Failure.unreadable("an /AcroForm held in another object") }
                newCatalog.replaceSubrange(r.lowerBound..<close.upperBound, with: "/AcroForm <</Fields [\(fields.map { "\($0) 0 R" }.joined(separator: " "))] /SigFlags 3>>")
            } else {
                newCatalog = String(newCatalog.dropLast(2)) + "\n/AcroForm <</Fields [\(widget) 0 R] /SigFlags 3>>>>"
            }
            append(trailer.root, newCatalog)

            let xref = out.count
            var table = "xref\n"
            for number in offsets.keys.sorted() {
                table += "\(number) 1\n" + String(format: "%010d 00000 n\r\n", offsets[number]!)
            }
            table += "trailer\n<</Size \(trailer.size + 2) /Root \(trailer.root) 0 R"
            if let info = trailer.info { table += " /Info \(info) 0 R" }
            table += " /Prev \(trailer.startxref)>>\nstartxref\n\(xref)\n%%EOF\n"
            out.append(contentsOf: Array(table.utf8))

            // The hole is the `<…>` after /Contents in the signature dictionary; the byte range is written over its placeholder.
            let sigStart = offsets[sig]!
            let objectText = Array("\(sig) 0 obj\n".utf8).count
            let contentsAt = sigStart + objectText + Array(sigDict.utf8).firstRange(of: Array("/Contents <".utf8))!.lowerBound + "/Contents ".utf8.count
            let holeEnd = contentsAt + zeros.utf8.count + 2
            let range = String(format: "/ByteRange [0 %010d %010d %010d]", contentsAt, holeEnd, out.count - holeEnd)
            let rangeAt = sigStart + objectText + Array(sigDict.utf8).firstRange(of: Array(placeholder.utf8))!.lowerBound
            out.replaceSubrange(rangeAt..<(rangeAt + placeholder.utf8.count), with: Array(range.utf8))
            return PreparedSignature(bytes: out, holeStart: contentsAt, holeEnd: holeEnd)
        } catch let failure as PDFObjects.Failure {
            if case .unreadable(let why) = failure { throw Failure.unreadable(why) }
            throw failure
        }
    }

    /// The dictionary with `reference` added to its array `key` (created when absent).
    static func adding(reference: Int, toArray key: String, in dict: String) -> String {
        if let r = dict.range(of: key + " [") {
            var out = dict
            out.insert(contentsOf: "\(reference) 0 R ", at: r.upperBound)
            return out
        }
        return String(dict.dropLast(2)) + "\n\(key) [\(reference) 0 R]>>"
    }

    /// A PDF text string in UTF-16BE with its byte-order mark, as hex: Vietnamese survives.
    static func textString(_ text: String) -> String {
        "<FEFF" + text.utf16.map { String(format: "%04X", $0) }.joined() + ">"
    }

    /// `(D:20261206153000+07'00')`, in Vietnam time.
    static func pdfDate(_ date: Date) -> String {
        var utc = Calendar(identifier: .gregorian)
        utc.timeZone = TimeZone(identifier: "UTC")!
        let shifted = Date(timeIntervalSince1970: (date.timeIntervalSince1970 + 7 * 3600).rounded(.down))
        let parts = utc.dateComponents([.year, .month, .day, .hour, .minute, .second], from: shifted)
        return String(format: "(D:%04d%02d%02d%02d%02d%02d+07'00')", parts.year!, parts.month!, parts.day!, parts.hour!, parts.minute!, parts.second!)
    }
}

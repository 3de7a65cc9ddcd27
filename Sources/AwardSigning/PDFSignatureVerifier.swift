import Foundation
@_spi(CMS) import X509

/// One signature of a PDF as the verifier judged it.
public struct PDFSignatureCheck: Sendable, Equatable {
    /// The signer's common name and whole subject, from the certificate in the signature.
    public var signer: String?
    public var subject: String?
    /// The bytes the signature covers end here; the last signature of a sealed file covers it all.
    public var revisionEnd: Int
    public var coversWholeFile: Bool
    /// The digest matches and the signature is the certificate's.
    public var intact: Bool
    /// The certificate chains to one of the trusted roots.
    public var trusted: Bool
    /// Why not, in English (the engine says it in Vietnamese).
    public var problem: String?
}

/// Finds every signature of a PDF (each `/ByteRange` and the `/Contents` hole between its two
/// ranges) and checks it: the digest over the ranges, the CMS signature, and the signer's chain
/// up to the trusted roots at `time`.
public enum PDFSignatureVerifier {
    public static func verify(_ pdf: [UInt8], trustRoots: [Certificate], at time: Date = Date()) async -> [PDFSignatureCheck] {
        var checks: [PDFSignatureCheck] = []
        for range in byteRanges(pdf) {
            checks.append(await check(pdf, range, trustRoots: trustRoots, at: time))
        }
        return checks.sorted { $0.revisionEnd < $1.revisionEnd }
    }

    static func check(_ pdf: [UInt8], _ r: [Int], trustRoots: [Certificate], at time: Date) async -> PDFSignatureCheck {
        var result = PDFSignatureCheck(signer: nil, subject: nil, revisionEnd: r[2] + r[3], coversWholeFile: r[2] + r[3] == pdf.count,
                                       intact: false, trusted: false, problem: nil)
        guard r[0] == 0, r[1] > 1, r[2] > r[1], r[3] >= 0, r[2] + r[3] <= pdf.count,
              pdf[r[1]] == 0x3C, pdf[r[2] - 1] == 0x3E else {
            result.problem = "malformed byte range"
            return result
        }
        let signed = Array(pdf[0..<r[1]]) + Array(pdf[r[2]..<(r[2] + r[3])])
        guard let der = derFromHex(pdf[(r[1] + 1)..<(r[2] - 1)]) else {
            result.problem = "no signature in the hole"
            return result
        }
        let outcome = await CMS.isValidSignature(dataBytes: signed, signatureBytes: der, trustRoots: CertificateStore(trustRoots)) {
            RFC5280Policy(validationTime: time)
        }
        switch outcome {
        case .success(let valid):
            result.intact = true
            result.trusted = true
            result.signer = SigningIdentity.name(of: valid.signer)
            result.subject = "\(valid.signer.subject)"
        case .failure(.unableToValidateSigner(let failure)):
            result.intact = true
            result.signer = SigningIdentity.name(of: failure.signer)
            result.subject = "\(failure.signer.subject)"
            result.problem = "the signer's certificate does not chain to a trusted root"
        case .failure(.invalidCMSBlock(let block)):
            result.problem = block.reason
        }
        return result
    }

    /// Every `/ByteRange [a b c d]` of the file.
    static func byteRanges(_ pdf: [UInt8]) -> [[Int]] {
        let needle = Array("/ByteRange".utf8)
        var ranges: [[Int]] = []
        var i = 0
        while let found = pdf[i...].firstRange(of: needle) {
            i = found.upperBound
            guard let open = pdf[i..<min(i + 8, pdf.count)].firstIndex(of: 0x5B),
                  let close = pdf[open..<min(open + 64, pdf.count)].firstIndex(of: 0x5D) else { continue }
            let numbers = String(decoding: pdf[(open + 1)..<close], as: UTF8.self).split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\r" }).compactMap { Int($0) }
            if numbers.count == 4 { ranges.append(numbers) }
        }
        return ranges
    }

    /// The DER held in hex, without the zeros that pad the hole: its length is read from its header.
    static func derFromHex(_ hex: ArraySlice<UInt8>) -> [UInt8]? {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(hex.count / 2)
        var high: UInt8? = nil
        for c in hex {
            let v: UInt8
            switch c {
            case 0x30...0x39: v = c - 0x30
            case 0x41...0x46: v = c - 0x41 + 10
            case 0x61...0x66: v = c - 0x61 + 10
            default: continue
            }
            if let h = high { bytes.append(h << 4 | v); high = nil } else { high = v }
        }
        guard bytes.count > 4, bytes[0] == 0x30 else { return nil }
        var length = 0, header = 2
        if bytes[1] < 0x80 { length = Int(bytes[1]) } else {
            let n = Int(bytes[1] & 0x7F)
            guard n >= 1, n <= 4, bytes.count > 2 + n else { return nil }
            for k in 0..<n { length = length << 8 | Int(bytes[2 + k]) }
            header = 2 + n
        }
        guard header + length <= bytes.count else { return nil }
        return Array(bytes[0..<(header + length)])
    }
}

@testable import AwardDocuments
import AwardEngine
import Foundation
import Testing
import ZIPFoundation

/// A small workbook that inflates to gigabytes is refused or ignored after a few megabytes: only
/// the parts a sheet needs are inflated, each checked while it inflates (issue 25).
@Suite struct ZipBombTests {
    /// A real workbook (one sheet, two rows) plus `extra`: parts of `size` bytes of zeros, deflated.
    static func workbook(extra: [(path: String, size: Int)] = [], sheetSize: Int? = nil) throws -> Data {
        let good = try XLSXWriter.workbook(sheetName: "Mẫu", headers: ["kind", "unit"], rows: [[.text("giay-khen"), .text("P-HB")]])
        let source = try Archive(data: good, accessMode: .read)
        let archive = try Archive(data: Data(), accessMode: .create)
        for entry in source where entry.type == .file {
            if entry.path == "xl/worksheets/sheet1.xml", let sheetSize {
                try addZeros(archive, path: entry.path, size: sheetSize)
                continue
            }
            var bytes = Data()
            _ = try source.extract(entry) { bytes.append($0) }
            try archive.addEntry(with: entry.path, type: .file, uncompressedSize: Int64(bytes.count), compressionMethod: .deflate) { position, size in
                bytes.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        for (path, size) in extra { try addZeros(archive, path: path, size: size) }
        return archive.data!
    }

    static func addZeros(_ archive: Archive, path: String, size: Int) throws {
        let chunk = Data(count: 1 << 20)
        try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(size), compressionMethod: .deflate, bufferSize: 1 << 20) { position, length in
            length == chunk.count ? chunk : Data(count: length)
        }
    }

    static func residentMiB() -> Int {
        let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
        let line = status.split(separator: "\n").first { $0.hasPrefix("VmHWM:") } ?? ""
        return (Int(line.split(separator: " ").dropFirst().first ?? "") ?? 0) / 1024
    }

    @Test func aGigabyteOfJunkBesideTheSheetIsRefusedWithoutInflatingIt() throws {
        let bomb = try Self.workbook(extra: [("xl/junk.xml", 1 << 30)])
        #expect(bomb.count < 2 << 20, "the bomb is \(bomb.count) bytes")
        let error = #expect(throws: AwardError.self) { try XLSXReader.rows(bomb) }
        #expect(error?.messageVI.contains("bom nén") == true, "\(error?.messageVI ?? "")")
        // Were it not declared, it would still never be inflated: only the sheet's parts are read.
        var trusting = XLSXReader.Limits()
        trusting.declaredBytes = Int.max
        trusting.ratio = Int.max
        #expect(try XLSXReader.rows(bomb, limits: trusting) == [["kind", "unit"], ["giay-khen", "P-HB"]])
    }

    @Test func aSheetThatInflatesPastTheLimitIsRefusedWhileInflating() throws {
        let bomb = try Self.workbook(sheetSize: 256 << 20)
        let error = #expect(throws: AwardError.self) { try XLSXReader.rows(bomb) }
        #expect(error?.code == .badXlsx && error?.messageVI.contains("lớn") == true, "\(error?.messageVI ?? "")")
        // The declared size is checked first; a part that lies about it is stopped by the count.
        var limits = XLSXReader.Limits()
        limits.entryBytes = 4 << 20
        let honest = try Self.workbook(sheetSize: 8 << 20)
        #expect(throws: AwardError.self) { try XLSXReader.rows(honest, limits: limits) }
    }

    @Test func aWorkbookOfManyPartsOrHugeCoordinatesIsRefused() throws {
        let many = try Self.workbook(extra: (0..<2_100).map { ("xl/p\($0).xml", 1) })
        let error = #expect(throws: AwardError.self) { try XLSXReader.rows(many) }
        #expect(error?.messageVI.contains("quá nhiều thành phần") == true)
        // A row or column number past any sheet is refused, not allocated.
        let sheet = Data(#"<worksheet><sheetData><row r="2000000000"><c r="A2000000000" t="inlineStr"><is><t>x</t></is></c></row></sheetData></worksheet>"#.utf8)
        #expect(throws: AwardError.self) { try XLSXReader.cells(sheet, shared: [], dateStyles: []) }
        let wide = Data(#"<worksheet><sheetData><row r="1"><c r="ZZZZZZZZZZZZZZZZ1" t="inlineStr"><is><t>x</t></is></c></row></sheetData></worksheet>"#.utf8)
        #expect(throws: AwardError.self) { try XLSXReader.cells(wide, shared: [], dateStyles: []) }
        // A date cell of no real day is kept as written.
        #expect(XLSXReader.serialDate(1e300) == "1e+300" && XLSXReader.serialDate(.nan) == "nan")
    }
}

import AwardEngine
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import ZIPFoundation

/// Reads the first sheet of an .xlsx (as Excel, LibreOffice or openpyxl write it) into rows of
/// text: shared and inline strings, numbers (whole numbers without ".0"), and dates — cells whose
/// number format is a date — as YYYY-MM-DD. Rows keep their sheet numbers: row N of the sheet is
/// element N-1, so an import's line numbers are the sheet's; empty trailing rows are dropped.
public enum XLSXReader {
    /// How much of a workbook is read at most: only the five parts a sheet needs are inflated, each
    /// checked while it inflates, so a small file that would inflate to gigabytes (a zip bomb) is
    /// refused after a few megabytes.
    public struct Limits: Sendable {
        /// Entries in the archive's directory.
        public var entries = 2_000
        /// One part, inflated.
        public var entryBytes = 32 << 20
        /// All parts read, inflated.
        public var totalBytes = 64 << 20
        /// All parts together, as the archive's directory declares them (read or not).
        public var declaredBytes = 256 << 20
        /// Inflated ÷ compressed for one part, once it is past a megabyte (real sheets are 5–20).
        public var ratio = 100
        /// Rows and columns of the sheet.
        public var rows = 100_000
        public var columns = 200

        public init() {}
    }

    public static func rows(_ data: Data, limits: Limits = Limits()) throws(AwardError) -> [[String]] {
        let archive: Archive
        do { archive = try Archive(data: data, accessMode: .read) } catch {
            throw refuse("the file is not an .xlsx (zip) workbook", "Tệp không phải sổ tính Excel .xlsx.")
        }
        var reader = PartReader(archive: archive, limits: limits)
        try reader.checkDirectory()
        guard let workbook = try reader.part("xl/workbook.xml") else { throw refuse("the workbook has no xl/workbook.xml", "Sổ tính thiếu xl/workbook.xml.") }
        let firstSheet = XMLElements(workbook, named: ["sheet"]).elements.first
        let relations = try reader.part("xl/_rels/workbook.xml.rels").map { XMLElements($0, named: ["Relationship"]).elements } ?? []
        var sheetPath = "xl/worksheets/sheet1.xml"
        if let id = firstSheet?.attributes["r:id"], let target = relations.first(where: { $0.attributes["Id"] == id })?.attributes["Target"] {
            sheetPath = target.hasPrefix("/") ? String(target.dropFirst()) : "xl/" + target
        }
        guard let sheet = try reader.part(sheetPath) else { throw refuse("the workbook has no first sheet", "Sổ tính không có trang tính đầu tiên.") }
        let shared = try reader.part("xl/sharedStrings.xml").map(sharedStrings) ?? []
        let dateStyles = try reader.part("xl/styles.xml").map(dateStyleIndexes) ?? []
        return try cells(sheet, shared: shared, dateStyles: dateStyles, limits: limits)
    }

    /// Inflates named parts of an archive within ``Limits``.
    struct PartReader {
        let archive: Archive
        let limits: Limits
        var total = 0

        /// Refuses, from the archive's directory alone, a workbook that says it holds too many parts
        /// or too much once inflated (a zip bomb announces itself there; one that lies about its
        /// sizes is stopped while inflating).
        func checkDirectory() throws(AwardError) {
            var count = 0
            var declared: UInt64 = 0
            for entry in archive {
                count += 1
                if count > limits.entries {
                    throw XLSXReader.refuse("the workbook has more than \(limits.entries) parts", "Sổ tính có quá nhiều thành phần (hơn \(limits.entries)); đây không phải tệp Excel thông thường.")
                }
                declared = declared &+ min(entry.uncompressedSize, UInt64(Int64.max >> 2))
                let packed = max(1, entry.compressedSize)
                if declared > UInt64(limits.declaredBytes) || (entry.uncompressedSize > UInt64(limits.entryBytes) && entry.uncompressedSize / packed > UInt64(limits.ratio)) {
                    throw XLSXReader.refuse("the workbook says it inflates to \(declared >> 20) MiB or more (part \(entry.path)): refused as a zip bomb",
                                            "Sổ tính khai báo dung lượng giải nén rất lớn (từ \(declared >> 20) MB, thành phần \(entry.path)): tệp bị từ chối vì có dấu hiệu “bom nén”.")
                }
            }
        }

        /// The part's bytes, or `nil` when the archive has none by that name.
        mutating func part(_ path: String) throws(AwardError) -> Data? {
            guard let entry = archive[path], entry.type == .file else { return nil }
            let compressed = max(1, Int(clamping: entry.compressedSize))
            let cap = min(limits.entryBytes, limits.totalBytes - total)
            guard entry.uncompressedSize <= UInt64(cap) else { throw tooLarge(path) }
            var bytes = Data()
            let limits = self.limits
            do {
                _ = try archive.extract(entry, skipCRC32: false) { chunk in
                    bytes.append(chunk)
                    if bytes.count > cap || (bytes.count > 1 << 20 && bytes.count / compressed > limits.ratio) { throw Stop() }
                }
            } catch is Stop {
                throw tooLarge(path)
            } catch {
                throw XLSXReader.refuse("the workbook's part \(path) cannot be read", "Không đọc được thành phần \(path) của sổ tính; tệp có thể bị hỏng.")
            }
            total += bytes.count
            return bytes
        }

        struct Stop: Error {}

        func tooLarge(_ path: String) -> AwardError {
            XLSXReader.refuse("the workbook's part \(path) inflates beyond \(limits.entryBytes >> 20) MiB (or \(limits.ratio) times its packed size): refused",
                              "Sổ tính có thành phần \(path) giải nén quá lớn (hơn \(limits.entryBytes >> 20) MB hoặc gấp \(limits.ratio) lần dung lượng nén): tệp bị từ chối.")
        }
    }

    /// The rows as CSV, for the import that reads CSV: one record per sheet row.
    public static func csv(_ data: Data) throws(AwardError) -> Data {
        let text = try rows(data).map { CSV.record($0.map { $0.replacingOccurrences(of: "\r\n", with: "\n") }) }.joined()
        return Data(text.utf8)
    }

    static func refuse(_ english: String, _ vietnamese: String) -> AwardError {
        AwardError(.invalidInput, code: .badXlsx, english, vi: vietnamese)
    }

    static func sharedStrings(_ data: Data) -> [String] {
        XMLElements(data, named: ["si"], collectingText: ["t"]).elements.map(\.text)
    }

    /// The cell styles (indexes into cellXfs) whose number format shows a date.
    static func dateStyleIndexes(_ data: Data) -> Set<Int> {
        let parsed = XMLElements(data, named: ["numFmt", "xf", "cellXfs"])
        var custom: [String: String] = [:]
        for element in parsed.elements where element.name == "numFmt" {
            if let id = element.attributes["numFmtId"], let code = element.attributes["formatCode"] { custom[id] = code }
        }
        var indexes: Set<Int> = []
        var inCellXfs = false
        var index = 0
        for element in parsed.elements {
            if element.name == "cellXfs" { inCellXfs = true; index = 0; continue }
            guard element.name == "xf", inCellXfs, element.depthInside == "cellXfs" else { continue }
            let id = element.attributes["numFmtId"] ?? "0"
            let builtInDate = Int(id).map { (14...22).contains($0) || (45...47).contains($0) } ?? false
            let customDate = custom[id].map { code in
                let bare = code.replacingOccurrences(of: "\"[^\"]*\"", with: "", options: .regularExpression).lowercased()
                return bare.contains("d") || bare.contains("yy")
            } ?? false
            if builtInDate || customDate { indexes.insert(index) }
            index += 1
        }
        return indexes
    }

    static func cells(_ data: Data, shared: [String], dateStyles: Set<Int>, limits: Limits = Limits()) throws(AwardError) -> [[String]] {
        let parsed = XMLElements(data, named: ["row", "c"], collectingText: ["v", "t"])
        var rows: [[String]] = []
        var current = -1
        for element in parsed.elements {
            if element.name == "row" {
                current = (element.attributes["r"].flatMap(Int.init) ?? (current + 2)) - 1
                guard (0..<limits.rows).contains(current) else {
                    throw refuse("the sheet has more than \(limits.rows) rows", "Trang tính có hơn \(limits.rows) dòng; hãy chia thành nhiều tệp.")
                }
                while rows.count <= current { rows.append([]) }
                continue
            }
            guard current >= 0 else { continue }
            let column = element.attributes["r"].map(columnIndex) ?? rows[current].count
            guard column < limits.columns else {
                throw refuse("row \(current + 1) has more than \(limits.columns) columns", "Dòng \(current + 1) có hơn \(limits.columns) cột.")
            }
            var value = element.text
            switch element.attributes["t"] {
            case "s":
                guard let i = Int(value), i < shared.count else {
                    throw refuse("row \(current + 1): a shared string is missing", "Dòng \(current + 1): thiếu chuỗi dùng chung trong tệp.")
                }
                value = shared[i]
            case "inlineStr", "str", "e":
                break
            case "b":
                value = value == "1" ? "TRUE" : "FALSE"
            default:
                if let number = Double(value) {
                    if let style = element.attributes["s"].flatMap(Int.init), dateStyles.contains(style) {
                        value = serialDate(number)
                    } else if number == number.rounded(), abs(number) < 1e15 {
                        value = String(Int64(number))
                    }
                }
            }
            while rows[current].count < column { rows[current].append("") }
            if rows[current].count == column { rows[current].append(value) } else { rows[current][column] = value }
        }
        while let last = rows.last, last.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) { rows.removeLast() }
        let width = rows.map(\.count).max() ?? 0
        return rows.map { $0 + Array(repeating: "", count: width - $0.count) }
    }

    /// Excel's serial day (1900 system: day 1 is 1900-01-01, with its phantom 29 February 1900) as YYYY-MM-DD.
    static func serialDate(_ serial: Double) -> String {
        // Excel's dates run from 1900 to 9999 (serial 2,958,465); anything else is kept as written.
        guard serial.isFinite, (0...2_958_465).contains(serial) else { return String(serial) }
        let days = Int(serial.rounded(.down))
        // Serial 25569 is 1970-01-01.
        let date = CivilDate(dayNumber: days - 25569)
        return date.iso
    }

    /// "AB12" → 27.
    static func columnIndex(_ reference: String) -> Int {
        var index = 0
        for scalar in reference.unicodeScalars {
            guard (65...90).contains(scalar.value) else { break }
            index = index * 26 + Int(scalar.value - 64)
            // Excel's last column is XFD (16,384): anything longer is out of any sheet.
            if index > 1 << 20 { return Int.max >> 1 }
        }
        return max(0, index - 1)
    }
}

/// The elements of an XML part that a reader cares about, with their attributes and the text of
/// chosen child elements, in document order.
struct XMLElements {
    struct Element {
        var name: String
        var attributes: [String: String]
        var text: String
        /// The name of the nearest collected ancestor, if any.
        var depthInside: String?
    }

    var elements: [Element] = []

    init(_ data: Data, named names: Set<String>, collectingText textNames: Set<String> = []) {
        let delegate = Delegate(names: names, textNames: textNames)
        let parser = XMLParser(data: data)
        parser.delegate = delegate
        parser.shouldProcessNamespaces = false
        parser.parse()
        elements = delegate.elements
    }

    final class Delegate: NSObject, XMLParserDelegate {
        let names: Set<String>
        let textNames: Set<String>
        var elements: [Element] = []
        var open: [Int] = []
        var stack: [String] = []
        var collecting = 0

        init(names: Set<String>, textNames: Set<String>) {
            self.names = names
            self.textNames = textNames
        }

        static func local(_ name: String) -> String { name.split(separator: ":").last.map(String.init) ?? name }

        func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
                    attributes: [String: String] = [:]) {
            let name = Self.local(elementName)
            if names.contains(name) {
                let inside = stack.last(where: { names.contains($0) })
                elements.append(Element(name: name, attributes: attributes, text: "", depthInside: inside))
                open.append(elements.count - 1)
            }
            // Phonetic runs (rPh) are readings, not the cell's text.
            if textNames.contains(name), !stack.contains("rPh") { collecting += 1 }
            stack.append(name)
        }

        func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?) {
            let name = Self.local(elementName)
            stack.removeLast()
            if textNames.contains(name), !stack.contains("rPh"), collecting > 0 { collecting -= 1 }
            if names.contains(name) { open.removeLast() }
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            guard collecting > 0, let index = open.last else { return }
            elements[index].text += string
        }
    }
}

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
    public static func rows(_ data: Data) throws(AwardError) -> [[String]] {
        let parts: [String: Data]
        do {
            let archive = try Archive(data: data, accessMode: .read)
            var found: [String: Data] = [:]
            for entry in archive where entry.type == .file && entry.path.hasPrefix("xl/") && entry.path.hasSuffix(".xml") || entry.path.hasSuffix(".rels") {
                var bytes = Data()
                _ = try archive.extract(entry) { bytes.append($0) }
                found[entry.path] = bytes
            }
            parts = found
        } catch {
            throw refuse("the file is not an .xlsx (zip) workbook", "Tệp không phải sổ tính Excel .xlsx.")
        }
        guard let workbook = parts["xl/workbook.xml"] else { throw refuse("the workbook has no xl/workbook.xml", "Sổ tính thiếu xl/workbook.xml.") }
        let firstSheet = XMLElements(workbook, named: ["sheet"]).elements.first
        let relations = parts["xl/_rels/workbook.xml.rels"].map { XMLElements($0, named: ["Relationship"]).elements } ?? []
        var sheetPath = "xl/worksheets/sheet1.xml"
        if let id = firstSheet?.attributes["r:id"], let target = relations.first(where: { $0.attributes["Id"] == id })?.attributes["Target"] {
            sheetPath = target.hasPrefix("/") ? String(target.dropFirst()) : "xl/" + target
        }
        guard let sheet = parts[sheetPath] else { throw refuse("the workbook has no first sheet", "Sổ tính không có trang tính đầu tiên.") }
        let shared = parts["xl/sharedStrings.xml"].map(sharedStrings) ?? []
        let dateStyles = parts["xl/styles.xml"].map(dateStyleIndexes) ?? []
        return try cells(sheet, shared: shared, dateStyles: dateStyles)
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

    static func cells(_ data: Data, shared: [String], dateStyles: Set<Int>) throws(AwardError) -> [[String]] {
        let parsed = XMLElements(data, named: ["row", "c"], collectingText: ["v", "t"])
        var rows: [[String]] = []
        var current = -1
        for element in parsed.elements {
            if element.name == "row" {
                current = (element.attributes["r"].flatMap(Int.init) ?? (current + 2)) - 1
                while rows.count <= current { rows.append([]) }
                continue
            }
            guard current >= 0 else { continue }
            let column = element.attributes["r"].map(columnIndex) ?? rows[current].count
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

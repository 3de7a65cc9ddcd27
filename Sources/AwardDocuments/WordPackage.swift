import AwardEngine
import Foundation
import ZIPFoundation

/// A WordprocessingML package (.docx): the template officers open and restyle in Word, and the
/// document rendered from it. The template's `word/document.xml` (and any header) holds mustache
/// tags; rendering replaces them with XML-escaped values and copies every other part untouched.
enum WordPackage {
    /// The parts every package has besides `word/document.xml`: content types, relationships,
    /// styles (Times New Roman 14 pt, the paragraph styles the templates use) and the headers
    /// (a page number, top centre, on every page but the first).
    static let fixedParts: [(String, String)] = [
        ("[Content_Types].xml", """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
            <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
            <Default Extension="xml" ContentType="application/xml"/>
            <Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
            <Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>
            <Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/>
            <Override PartName="/word/header1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/>
            <Override PartName="/word/header2.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/>
            <Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>
            </Types>
            """),
        ("_rels/.rels", """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
            <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>
            <Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>
            </Relationships>
            """),
        ("docProps/core.xml", """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/">
            <dc:creator>Award Engine</dc:creator><dc:language>vi-VN</dc:language>
            </cp:coreProperties>
            """),
        ("word/_rels/document.xml.rels", """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
            <Relationship Id="rIdStyles" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>
            <Relationship Id="rIdSettings" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings" Target="settings.xml"/>
            <Relationship Id="rIdHeaderPage" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header1.xml"/>
            <Relationship Id="rIdHeaderFirst" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header2.xml"/>
            </Relationships>
            """),
        ("word/settings.xml", """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <w:settings xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:defaultTabStop w:val="720"/><w:compat/></w:settings>
            """),
        ("word/styles.xml", """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
            <w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:cs="Times New Roman" w:eastAsia="Times New Roman"/><w:sz w:val="28"/><w:szCs w:val="28"/><w:lang w:val="vi-VN"/></w:rPr></w:rPrDefault>
            <w:pPrDefault><w:pPr><w:spacing w:after="60" w:line="264" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>
            <w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>
            <w:style w:type="paragraph" w:styleId="Center"><w:name w:val="Center"/><w:basedOn w:val="Normal"/><w:pPr><w:jc w:val="center"/></w:pPr></w:style>
            <w:style w:type="paragraph" w:styleId="Body"><w:name w:val="Body"/><w:basedOn w:val="Normal"/><w:pPr><w:spacing w:after="120"/><w:ind w:firstLine="567"/><w:jc w:val="both"/></w:pPr></w:style>
            <w:style w:type="paragraph" w:styleId="Cell"><w:name w:val="Cell"/><w:basedOn w:val="Normal"/><w:pPr><w:spacing w:before="40" w:after="40"/></w:pPr><w:rPr><w:sz w:val="26"/></w:rPr></w:style>
            </w:styles>
            """),
        ("word/header1.xml", """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <w:hdr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:p><w:pPr><w:jc w:val="center"/></w:pPr>
            <w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>2</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p></w:hdr>
            """),
        ("word/header2.xml", """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <w:hdr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:p/></w:hdr>
            """),
    ]

    static let documentPart = "word/document.xml"

    /// The default template of a kind as a .docx: the fixed parts and a `word/document.xml` whose
    /// partials (`{{> list}}`, `{{> signature}}`) are written out, so the officer sees every tag.
    static func defaultTemplate(documentXML: String) throws(AwardError) -> Data {
        try zip(fixedParts.map { ($0.0, Data($0.1.utf8)) } + [(documentPart, Data(documentXML.utf8))])
    }

    /// The parts of a .docx, in order; refuses a file that is not a Word package.
    static func parts(of docx: Data) throws(AwardError) -> [(String, Data)] {
        do {
            let archive = try Archive(data: docx, accessMode: .read)
            // Every part is read (a package is rewritten whole), within the same limits as a workbook's.
            var reader = XLSXReader.PartReader(archive: archive, limits: XLSXReader.Limits())
            try reader.checkDirectory()
            var parts: [(String, Data)] = []
            for entry in archive where entry.type == .file {
                guard let bytes = try reader.part(entry.path) else { continue }
                parts.append((entry.path, bytes))
            }
            guard parts.contains(where: { $0.0 == documentPart }) else {
                throw AwardError(.invalidInput, code: .badTemplate, "the .docx has no word/document.xml",
                                 vi: "Tệp .docx không có word/document.xml: hãy lưu mẫu bằng Word hoặc LibreOffice dạng .docx.")
            }
            return parts
        } catch let error as AwardError {
            throw error
        } catch {
            throw AwardError(.invalidInput, code: .badTemplate, "the template is not a .docx (zip) file",
                             vi: "Mẫu không phải tệp .docx (định dạng zip) hợp lệ.")
        }
    }

    /// The mustache parts of a package: the document and its headers and footers.
    static func isTemplated(_ path: String) -> Bool {
        path == documentPart || (path.hasPrefix("word/header") || path.hasPrefix("word/footer")) && path.hasSuffix(".xml")
    }

    /// A package from its parts, deflated.
    static func zip(_ parts: [(String, Data)]) throws(AwardError) -> Data {
        do {
            let archive = try Archive(data: Data(), accessMode: .create)
            for (path, bytes) in parts {
                try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(bytes.count),
                                     modificationDate: Date(timeIntervalSince1970: 1_577_836_800), compressionMethod: .deflate) { position, size in
                    bytes.subdata(in: Int(position)..<Int(position) + size)
                }
            }
            guard let data = archive.data else { throw AwardError(.internal, code: .internal, "the .docx could not be written") }
            return data
        } catch let error as AwardError {
            throw error
        } catch {
            throw AwardError(.internal, code: .internal, "the .docx could not be written")
        }
    }
}

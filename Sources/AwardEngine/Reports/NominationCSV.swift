import AwardPostgres
import Foundation

extension AwardEngine {
    /// The columns a nominations CSV may have, in any order; the first four are required.
    public static let importColumns = ["kind", "unit", "nominee", "nominee_type", "year", "reason", "submitted_on", "campaign", "type"]
    static let requiredImportColumns = ["kind", "unit", "nominee", "nominee_type"]
    /// The columns as the officers' template heads them; either name is read.
    public static let importColumnLabels: [String: String] = [
        "kind": "Hình thức khen thưởng (mã)", "unit": "Đơn vị đề nghị (mã)", "nominee": "Họ tên hoặc tên tập thể",
        "nominee_type": "Loại đối tượng", "year": "Năm thành tích", "reason": "Thành tích", "submitted_on": "Ngày nhận hồ sơ giấy",
        "campaign": "Phong trào (mã)", "type": "Loại khen thưởng",
    ]

    /// A header cell's column: its code name or its Vietnamese label, in any case.
    static func importColumn(_ header: String) -> String {
        let key = Text.trimmed(header).lowercased()
        return importColumnLabels.first { $0.value.lowercased() == key }?.key ?? key
    }

    /// A nominee type as a file writes it: its code or its Vietnamese name ("cá nhân").
    static func nomineeType(_ text: String) -> NomineeType? {
        let key = text.lowercased()
        return NomineeType(rawValue: key) ?? NomineeType.allCases.first { $0.vietnamese.lowercased() == key }
    }

    /// A commendation type by its code or its Vietnamese name ("Theo chuyên đề").
    static func commendationType(_ text: String) -> CommendationType? {
        let key = text.lowercased()
        return CommendationType(rawValue: key) ?? CommendationType.allCases.first { $0.vietnamese.lowercased() == key }
    }

    /// Reads the CSV record by record, checks each field as a single nomination would, and writes
    /// the rows to the COPY. Throws on the first bad record, naming its line.
    /// With `problems`, a row that cannot be read is reported there and left out, and the rest go
    /// on (the preview lists every row's error); without it, the first such row refuses the file.
    static func streamImport(_ reader: inout CSVReader, to writer: CopyWriter, principal: Principal, today: CivilDate,
                             problems: (@Sendable (AwardError) -> Void)? = nil) throws {
        guard let header = reader.next() else {
            throw AwardError(.invalidInput, code: .emptyImport, "the file is empty: it needs a header line naming its columns (\(importColumns.joined(separator: ",")))")
        }
        let names = try header.get().fields.map(importColumn)
        for name in names where !importColumns.contains(name) {
            throw AwardError(.invalidInput, code: .badCsv, "line 1: unknown column \"\(name)\"; the columns are \(importColumns.joined(separator: ","))")
        }
        for name in requiredImportColumns where !names.contains(name) {
            throw AwardError(.invalidInput, code: .badCsv, "line 1: the column \(name) is missing (required: \(requiredImportColumns.joined(separator: ",")))")
        }
        let index = Dictionary(names.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        while let record = reader.next() {
          do {
            let (line, fields) = try record.mapError { AwardError(.invalidInput, code: .badCsv, "line \($0.line): \($0.message)") }.get()
            guard fields.count == names.count else {
                throw AwardError(.invalidInput, code: .badCsv, "line \(line): \(fields.count) fields, the header has \(names.count)")
            }
            func field(_ name: String) -> String? {
                index[name].map { Text.trimmed(fields[$0]) }.flatMap { $0.isEmpty ? nil : $0 }
            }
            func failing<T>(_ body: () throws(AwardError) -> T) throws(AwardError) -> T {
                do { return try body() } catch { throw error.at(line: line) }
            }
            let kind = try failing { () throws(AwardError) in try Text.required(field("kind") ?? "", field: .kind, maxLength: 100) }
            let unit = try failing { () throws(AwardError) in try Text.required(field("unit") ?? "", field: .unit, maxLength: 100) }
            let nominee = try failing { () throws(AwardError) in try Text.required(field("nominee") ?? "", field: .nominee) }
            guard let nomineeType = field("nominee_type").flatMap(nomineeType) else {
                throw AwardError(.invalidInput, code: .badNomineeType, "line \(line): nominee_type must be individual, collective or household, not \"\(field("nominee_type") ?? "")\"",
                                 vi: "Dòng \(line): «Loại đối tượng» phải là cá nhân, tập thể hoặc hộ gia đình (hoặc individual, collective, household), không phải \"\(field("nominee_type") ?? "")\".")
            }
            var year: Int? = nil
            if let text = field("year") {
                guard let value = Int(text), (1945...2200).contains(value) else {
                    throw AwardError(.invalidInput, code: .badYear, "line \(line): year must be a number from 1945 to 2200, not \"\(text)\"",
                                     vi: "Dòng \(line): year phải là năm từ 1945 đến 2200, không phải \"\(text)\".")
                }
                year = value
            }
            let reason = try failing { () throws(AwardError) in try Text.optional(field("reason"), field: .reason) }
            let campaign = try failing { () throws(AwardError) in try Text.optional(field("campaign"), field: .campaign, maxLength: 100, multiline: false) }
            var submittedOn = today
            if let text = field("submitted_on") {
                guard let date = CivilDate(parsing: text) else {
                    throw AwardError(.invalidInput, code: .badSubmissionDate, "line \(line): submitted_on \"\(text)\" is not a date (YYYY-MM-DD or dd/mm/yyyy)",
                                     vi: "Dòng \(line): submitted_on \"\(text)\" không phải ngày (dd/mm/yyyy hoặc YYYY-MM-DD).")
                }
                guard date <= today else {
                    throw AwardError(.invalidInput, code: .badSubmissionDate, "line \(line): the submission date \(date.vietnamese) is in the future")
                }
                if date != today, case .refused(let refusal) = Policy.check(principal, .backdateSubmission) { throw refusal.at(line: line) }
                submittedOn = date
            }
            var type = CommendationType.annual
            if let text = field("type") {
                guard let value = commendationType(text) else {
                    throw AwardError(.invalidInput, code: .badCommendationType, "line \(line): type must be annual, thematic, adhoc, long_service, foreign, seniority or resistance, not \"\(text)\"")
                }
                type = value
            }
            try writer.row([String(line), kind, unit, nominee, nomineeType.rawValue, year.map(String.init), reason, submittedOn.iso, campaign, type.rawValue])
          } catch let error as AwardError where problems != nil && error.code != .badCsv {
            problems?(error)
          }
        }
    }
}

import Foundation

extension AwardEngine {
    /// The columns of a registration file: `nominee_id` (an existing nominee) or `nominee` and
    /// `nominee_type` (a new one), `kinds` (the titles aimed at, separated by `;`), and `targets`.
    public static let registrationColumns = ["nominee_id", "nominee", "nominee_type", "kinds", "targets"]

    /// Reads a registration file (CSV with a header line, as Excel saves it; an .xlsx is turned
    /// into this CSV by the caller). A bad row refuses the file, naming its line.
    public static func registrationEntries(csv: Data) throws(AwardError) -> [RegistrationEntryInput] {
        var reader = CSVReader(csv)
        func record() throws(AwardError) -> (line: Int, fields: [String])? {
            switch reader.next() {
            case nil: return nil
            case .success(let record)?: return record
            case .failure(let error)?:
                throw AwardError(.invalidInput, code: .badCsv, "line \(error.line): \(error.message)")
            }
        }
        guard let header = try record() else {
            throw AwardError(.invalidInput, code: .emptyImport, "the file is empty: its first line names the columns (\(registrationColumns.joined(separator: ",")))")
        }
        let names = header.fields.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        if let unknown = names.first(where: { !registrationColumns.contains($0) }) {
            throw AwardError(.invalidInput, code: .badCsv, "line 1: unknown column \(unknown); the columns are \(registrationColumns.joined(separator: ", "))",
                             vi: "Dòng 1: cột «\(unknown)» không hợp lệ; các cột: \(registrationColumns.joined(separator: ", ")).")
        }
        guard names.contains("kinds"), names.contains("nominee_id") || names.contains("nominee") else {
            throw AwardError(.invalidInput, code: .badCsv, "line 1: the columns kinds and nominee (or nominee_id) are required",
                             vi: "Dòng 1: cần các cột kinds và nominee (hoặc nominee_id).")
        }
        var entries: [RegistrationEntryInput] = []
        while let row = try record() {
            func field(_ name: String) -> String? {
                guard let index = names.firstIndex(of: name), index < row.fields.count else { return nil }
                let value = row.fields[index].trimmingCharacters(in: .whitespaces)
                return value.isEmpty ? nil : value
            }
            var entry = RegistrationEntryInput(kinds: (field("kinds") ?? "").split(separator: ";").map { String($0).trimmingCharacters(in: .whitespaces) },
                                               targets: field("targets"))
            if let id = field("nominee_id") {
                guard let value = Int64(id), value > 0 else {
                    throw AwardError(.invalidInput, code: .badId, "line \(row.line): nominee_id \(id) is not a positive whole number")
                }
                entry.nomineeId = value
            } else {
                entry.name = field("nominee")
                if let type = field("nominee_type") {
                    guard let value = NomineeType(rawValue: type) else {
                        throw AwardError(.invalidInput, code: .badNomineeType, "line \(row.line): nominee_type \(type) is not one of individual, collective, household")
                    }
                    entry.type = value
                }
            }
            entries.append(entry)
        }
        guard !entries.isEmpty else {
            throw AwardError(.invalidInput, code: .emptyImport, "the file has a header but no registrants")
        }
        return entries
    }
}

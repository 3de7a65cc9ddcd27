import AwardDomain
import AwardPostgres
import Crypto
import Foundation

/// A spreadsheet uploaded for import, as its preview shows it: every row as read, and what the
/// import would say — every row can be created, or each row's refusals by line.
public struct ImportReview: Sendable {
    public struct Row: Sendable, Equatable {
        public var line: Int
        public var kind: String
        public var unit: String
        public var nominee: String
        public var nomineeType: String
        public var year: String
    }

    /// The upload's key, for its confirmation.
    public var token: String
    public var fileName: String
    public var rows: [Row]
    /// `nil` when every row can be created; else why not, naming the line.
    public var refusal: AwardError?
    /// Every row's refusals, each naming its line (a file-wide refusal names none).
    public var problems: [AwardError]

    /// The refusals of the row at `line`.
    public func problems(atLine line: Int) -> [AwardError] { problems.filter { $0.line == line } }
    public var expiresAt: Date
}

extension AwardEngine {
    /// How long an uploaded file waits for its confirmation.
    public static let importReviewLifetime: TimeInterval = 30 * 60
    /// The most rows a file imported from the pages may hold.
    public static let maxImportPreviewRows = 2000

    /// Keeps an uploaded import (CSV text, as read from the .xlsx or .csv) for `principal` in the
    /// session `sessionToken`, and judges it in full without recording anything.
    public func reviewImport(csv: Data, fileName: String, by principal: Principal, sessionToken: String,
                             now: Date = Date()) async throws(AwardError) -> ImportReview {
        try Policy.require(principal, .importNominations)
        let name = try Text.required(fileName, field: .documentName, maxLength: 255, multiline: false)
        let rows = try Self.previewRows(csv)
        var bytes = [UInt8](repeating: 0, count: 16)
        for i in bytes.indices { bytes[i] = UInt8.random(in: 0...255) }
        let token = bytes.map { String(format: "%02x", $0) }.joined()
        let expires = now.addingTimeInterval(Self.importReviewLifetime)
        let session = Self.sessionHash(sessionToken), actor = principal.name
        try await transaction { c in
            try ImportUploadStore.keep(c, token: token, actor: actor, session: session, fileName: name, content: csv, expires: expires)
        }
        let judged = await dryRun(csv, by: principal, now: now)
        return ImportReview(token: token, fileName: name, rows: rows, refusal: judged.refusal, problems: judged.problems, expiresAt: expires)
    }

    /// The review of an upload kept for `principal` in this session (judged again: the database may
    /// have changed since).
    public func importReview(token: String, by principal: Principal, sessionToken: String, now: Date = Date()) async throws(AwardError) -> ImportReview {
        let (csv, name, expires) = try await upload(token, by: principal, sessionToken: sessionToken)
        let judged = await dryRun(csv, by: principal, now: now)
        return ImportReview(token: token, fileName: name, rows: try Self.previewRows(csv), refusal: judged.refusal, problems: judged.problems,
                            expiresAt: expires)
    }

    /// Imports the upload that was previewed, all or none; the upload is taken in the import's
    /// own transaction, so a second confirmation finds nothing to import.
    public func confirmImport(token: String, by principal: Principal, sessionToken: String, now: Date = Date()) async throws(AwardError) -> ImportSummary {
        let (csv, _, _) = try await upload(token, by: principal, sessionToken: sessionToken)
        let session = Self.sessionHash(sessionToken), actor = principal.name
        return try await importNominations(csv: csv, by: principal, overrideReason: nil, now: now, dryRun: false) { c in
            guard try ImportUploadStore.take(c, token: token, actor: actor, session: session) else { throw Self.uploadGone }
        }
    }

    static let uploadGone = AwardError(.notFound, code: .unknownImport, "the uploaded file was imported already, has expired or is another session's",
                                       vi: "Không còn tệp đã tải lên để nhập: tệp đã được nhập, đã quá 30 phút, hoặc thuộc phiên làm việc khác. Hãy tải tệp lên lại.")

    private func upload(_ token: String, by principal: Principal, sessionToken: String) async throws(AwardError) -> (Data, String, Date) {
        guard token.count == 32, token.allSatisfy(\.isHexDigit) else { throw Self.uploadGone }
        let session = Self.sessionHash(sessionToken)
        let actor = principal.name
        return try await lease { c in
            guard let found = try ImportUploadStore.find(c, token: token, actor: actor, session: session) else { throw Self.uploadGone }
            return (found.content, found.fileName, found.expires)
        }
    }

    /// The import judged and rolled back: no refusal when it would succeed; else the first, and
    /// every row's.
    private func dryRun(_ csv: Data, by principal: Principal, now: Date) async -> (refusal: AwardError?, problems: [AwardError]) {
        let found = ImportProblems()
        do {
            _ = try await importNominations(csv: csv, by: principal, overrideReason: nil, now: now, dryRun: true, claim: nil, problems: found)
            return (nil, [])
        } catch {
            let problems = found.ordered
            return (problems.first ?? error, problems.isEmpty ? [error] : problems)
        }
    }

    static func sessionHash(_ token: String) -> String {
        SHA256.hash(data: Data(("import:" + token).utf8)).map { String(format: "%02x", $0) }.joined()
    }

    /// The rows as the file gives them (columns by code name or Vietnamese label), bounded.
    static func previewRows(_ csv: Data) throws(AwardError) -> [ImportReview.Row] {
        var reader = CSVReader(csv)
        guard let header = reader.next(), case .success(let head) = header else {
            throw AwardError(.invalidInput, code: .emptyImport, "the file is empty", vi: "Tệp trống: cần một dòng tiêu đề và ít nhất một dòng hồ sơ.")
        }
        let index = Dictionary(head.fields.map(importColumn).enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        var rows: [ImportReview.Row] = []
        while let record = reader.next() {
            guard case .success(let (line, fields)) = record else { break }
            guard rows.count < maxImportPreviewRows else {
                throw AwardError(.invalidInput, code: .badCsv, "the file has more than \(maxImportPreviewRows) rows",
                                 vi: "Tệp có hơn \(maxImportPreviewRows) dòng; hãy chia thành nhiều tệp.")
            }
            func value(_ name: String) -> String { index[name].flatMap { $0 < fields.count ? Text.trimmed(fields[$0]) : nil } ?? "" }
            rows.append(.init(line: line, kind: value("kind"), unit: value("unit"), nominee: value("nominee"), nomineeType: value("nominee_type"),
                              year: value("year")))
        }
        return rows
    }
}

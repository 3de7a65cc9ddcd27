import AwardPostgres
import Foundation

extension AwardEngine {
    /// Any failure as the engine reports it: its own errors as they are, the database's by SQLSTATE
    /// and constraint. No database or Swift wording reaches a caller: a refusal the database makes
    /// names the field it concerns (from the constraint's name) in words of its own; the server's
    /// text stays in `PostgresError` for the logs.
    public static func map(_ error: any Error) -> AwardError {
        if let error = error as? AwardError { return error }
        guard let error = error as? PostgresError else {
            return AwardError(.internal, code: .internal, "internal error (\(String(reflecting: type(of: error))))")
        }
        if error.kind == .localCluster {
            return AwardError(.unavailable, code: .localCluster, error.message)
        }
        if error.isConnectionFailure {
            return AwardError(.unavailable, code: .databaseUnavailable, "the database is unavailable")
        }
        if let known = knownConstraint(error.constraint) { return known }
        if error.sqlState == "40001", error.message.hasPrefix("nomination ") {
            // award_conflict: a version-checked write found the nomination changed.
            return AwardError(.conflict, code: .concurrentChange, error.message)
        }
        if error.isConflict {
            return AwardError(.conflict, code: .concurrentChange, "a concurrent change won; read again and retry")
        }
        switch error.sqlState {
        case "57014", "53300", "57P01", "57P02", "57P03", "55P03":
            // Statement timeout, too many connections, server shutting down, lock timeout.
            return AwardError(.unavailable, code: .databaseBusy, "the database could not answer in time")
        case "23514", "23502", "23503", "22001", "22P02", "22007", "22008", "22003", "22023", "54000":
            return refusal(sqlState: error.sqlState ?? "", constraint: error.constraint)
        case "42501":
            return AwardError(.forbidden, code: .appendOnly, "history cannot be edited: record a new step instead")
        default:
            return AwardError(.internal, code: .databaseError, "database error \(error.sqlState ?? "")")
        }
    }

    /// The constraints whose refusal means something of its own.
    static func knownConstraint(_ name: String?) -> AwardError? {
        switch name {
        case "quotas_not_exceeded":
            AwardError(.refused, code: .quotaExceeded, "the quota for this kind, org and year is reached: no more awards can be decided",
                       vi: "Đã hết chỉ tiêu khen thưởng của hình thức này, cơ quan này trong năm: không thể quyết định thêm.")
        case "campaign_quota_not_exceeded":
            AwardError(.refused, code: .campaignQuotaExceeded, "the unit's quota of proposals for this title in the campaign is reached")
        case "cluster_flag_quota_not_exceeded":
            AwardError(.refused, code: .clusterFlagQuotaExceeded, "the cluster's quota of Cờ thi đua proposals for the year is reached")
        case "nominees_cccd_digest_key":
            AwardError(.conflict, code: .duplicateCitizenId, "cccd: this citizen identity number is recorded for another nominee already",
                       vi: "Số CCCD này đã được ghi cho một đối tượng khác; mỗi người chỉ có một hồ sơ đối tượng.", field: "cccd")
        case "nominee_home_by_transfer":
            AwardError(.forbidden, code: .appendOnly, "a nominee moves to another unit only through a recorded transfer",
                       vi: "Đối tượng chỉ chuyển sang đơn vị khác qua thủ tục chuyển đối tượng có ghi nhận.")
        default:
            nil
        }
    }

    /// A value the database refused, described by the field its constraint names (`votes_members_check`
    /// → `members`): what kind of value it was and that nothing changed.
    static func refusal(sqlState: String, constraint: String?) -> AwardError {
        let field = constraint.map(fieldName) ?? ""
        let named = field.isEmpty ? "" : "\(field): "
        let namedVI = field.isEmpty ? "" : "Trường \(field): "
        let (en, vi): (String, String) = switch sqlState {
        case "22003": ("a number is too large or too small", "số quá lớn hoặc quá nhỏ")
        case "22001": ("a text is too long", "văn bản quá dài")
        case "23502": ("a required value is missing", "thiếu giá trị bắt buộc")
        case "23503": ("it refers to something that does not exist", "tham chiếu tới mục không tồn tại")
        case "22007", "22008": ("a date is not valid", "ngày không hợp lệ")
        default: ("the value is not accepted", "giá trị không được chấp nhận")
        }
        return AwardError(.invalidInput, code: .constraintViolation, "\(named)\(en); nothing was changed",
                          vi: "\(namedVI)\(vi); không có gì bị thay đổi.")
    }

    /// The column a constraint is named after: PostgreSQL names a column's CHECK
    /// `<table>_<column>_check` (and a foreign key `<table>_<column>_fkey`).
    static func fieldName(_ constraint: String) -> String {
        var name = constraint
        for suffix in ["_check", "_fkey", "_key", "_not_null"] where name.hasSuffix(suffix) {
            name.removeLast(suffix.count)
        }
        for table in ["registration_entries", "campaign_reviews", "campaign_awards", "cluster_votes", "fund_income", "nominee_ratings",
                      "nominee_transfers", "nominations", "transitions", "decisions", "documents", "nominees", "campaigns", "clusters",
                      "quotas", "users", "orgs", "objections", "registrations", "webhook_subscriptions", "base_salaries"]
        where name.hasPrefix(table + "_") {
            return String(name.dropFirst(table.count + 1))
        }
        return ""
    }
}

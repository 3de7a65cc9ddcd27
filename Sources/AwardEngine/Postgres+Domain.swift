@_exported import AwardDomain
import AwardPostgres

// The domain's values as the libpq layer binds and reads them: the engine teaches AwardPostgres
// its types, so that AwardPostgres knows none of them.

extension CivilDate: SQLBindable, SQLDecodable {
    public var sqlText: String { iso }
    public init?(sqlText: String) { self.init(iso: sqlText) }
}

extension Row {
    /// A `date` column (ISO output) that may be NULL.
    func optionalDate(_ name: String) throws(PostgresError) -> CivilDate? {
        try optional(CivilDate.self, name)
    }

    /// A `date` column that is never NULL.
    func civilDate(_ name: String) throws(PostgresError) -> CivilDate {
        guard let date = try optionalDate(name) else {
            throw PostgresError(kind: .protocolViolation, message: "column \(name) is NULL")
        }
        return date
    }
}

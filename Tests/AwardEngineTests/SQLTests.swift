import AwardPostgres
import Testing

/// Composing statements: the placeholders of an appended part are renumbered after the first
/// part's binds, text without binds is appended untouched, and non-ASCII text survives.
@Suite struct SQLTests {
    @Test func appendedPlaceholdersAreRenumbered() {
        let name = "Nguyễn Văn An", org: Int64 = 7, year = 2025
        let first: SQL = "SELECT * FROM nominees WHERE name = \(name) AND home_org_id = \(org)"
        let both = first.appending(" AND year = \(year) AND note <> 'Đã duyệt' AND id > \(org)")
        #expect(both.text == "SELECT * FROM nominees WHERE name = $1 AND home_org_id = $2 AND year = $3 AND note <> 'Đã duyệt' AND id > $4")
        #expect(both.binds == [name, "7", "2025", "7"])
    }

    @Test func textWithoutBindsIsAppendedAsItIs() {
        let first: SQL = "SELECT 1 WHERE x = \(1)"
        // A constant part may hold a dollar sign that is not a placeholder (a regular expression).
        let both = first.appending(SQL(stringLiteral: " AND h ~ '^\\$2[aby]\\$'"))
        #expect(both.text == "SELECT 1 WHERE x = $1 AND h ~ '^\\$2[aby]\\$'")
        let leading = SQL(stringLiteral: "SELECT 2").appending(" WHERE y = \(3)")
        #expect(leading.text == "SELECT 2 WHERE y = $1" && leading.binds == ["3"])
    }
}

import AwardPostgres
import Foundation

/// The working calendar: holidays and make-up working days as the database lists them.
enum CalendarStore {
    /// The working calendar over the next `span` days from `from`.
    static func calendar(_ c: Connection, from: CivilDate, span: Int = 400) throws -> WorkingCalendar {
        var calendar = WorkingCalendar()
        for row in try c.execute("""
            SELECT day, working FROM calendar_days WHERE day BETWEEN \(from.adding(days: -span))::date AND \(from.adding(days: span))::date
            """) {
            guard let day = try row.optionalDate("day") else { continue }
            if try row.bool("working") { calendar.makeUpDays.insert(day) } else { calendar.holidays.insert(day) }
        }
        return calendar
    }

    /// Marks one day as a holiday (`working` false) or a make-up working day.
    static func set(_ c: Connection, day: CivilDate, working: Bool, name: String?) throws {
        try c.execute("""
            INSERT INTO calendar_days (day, working, name) VALUES (\(day)::date, \(working), \(name))
            ON CONFLICT (day) DO UPDATE SET working = EXCLUDED.working, name = EXCLUDED.name
            """)
    }
}

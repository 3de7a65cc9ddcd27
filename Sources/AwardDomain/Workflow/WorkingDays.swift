import Foundation

/// Working days: Monday to Friday, except listed holidays (Tết, national days), plus listed make-up
/// working days (a Saturday worked to bridge a holiday). Pure: the caller passes the listed days.
public struct WorkingCalendar: Sendable, Equatable {
    /// Days that are not working days although they fall Monday–Friday.
    public var holidays: Set<CivilDate>
    /// Days that are working days although they fall on a weekend.
    public var makeUpDays: Set<CivilDate>

    public init(holidays: Set<CivilDate> = [], makeUpDays: Set<CivilDate> = []) {
        self.holidays = holidays
        self.makeUpDays = makeUpDays
    }

    /// Whether `date` is a working day.
    public func isWorkingDay(_ date: CivilDate) -> Bool {
        if makeUpDays.contains(date) { return true }
        if holidays.contains(date) { return false }
        let weekday = date.weekday
        return weekday != 6 && weekday != 7
    }

    /// The day on which a period of `days` working days starting from `start` ends. As the Civil
    /// Code counts periods, the first day counted is the next working day after `start`.
    public func add(workingDays days: Int, to start: CivilDate) -> CivilDate {
        walk(from: start) { _, counted in counted < days }.date
    }

    /// Working days counted from the day after `start` up to and including `end`.
    public func workingDays(from start: CivilDate, to end: CivilDate) -> Int {
        walk(from: start) { date, _ in date < end }.counted
    }

    /// Steps a day at a time from `start` while `going` holds, counting the working days stepped on.
    private func walk(from start: CivilDate, while going: (CivilDate, Int) -> Bool) -> (date: CivilDate, counted: Int) {
        var date = start
        var counted = 0
        while going(date, counted) {
            date = date.adding(days: 1)
            if isWorkingDay(date) { counted += 1 }
        }
        return (date, counted)
    }
}

extension CivilDate {
    /// Days since 1970-01-01 (proleptic Gregorian).
    package var dayNumber: Int {
        // Howard Hinnant's days_from_civil.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }

    package init(dayNumber z0: Int) {
        let z = z0 + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        self.init(year: yoe + era * 400 + (m <= 2 ? 1 : 0), month: m, day: d)!
    }

    /// The date `days` later (or earlier when negative).
    public func adding(days: Int) -> CivilDate { CivilDate(dayNumber: dayNumber + days) }

    /// ISO weekday: 1 Monday … 7 Sunday.
    public var weekday: Int {
        let n = (dayNumber + 3) % 7   // 1970-01-01 was a Thursday
        return (n < 0 ? n + 7 : n) + 1
    }
}

import AwardPostgres
import Foundation

/// A nomination that is late or due soon.
public struct DeadlineInfo: Sendable, Codable, Equatable {
    public var nomination: NominationView
    public var dueOn: CivilDate
    /// Working days left (negative when late).
    public var workingDaysLeft: Int

    enum CodingKeys: String, CodingKey { case nomination, dueOn = "due_on", workingDaysLeft = "working_days_left" }
}

extension AwardEngine {
    /// Marks days from `from` to `to` (inclusive) as holidays, or one day as a make-up working day.
    public func setCalendar(from: CivilDate, to: CivilDate? = nil, working: Bool, name: String? = nil) async throws(AwardError) -> Int {
        let end = to ?? from
        guard end >= from else { throw AwardError(.invalidInput, code: .badPeriod, "the end is before the start") }
        guard end.dayNumber - from.dayNumber <= 366 else { throw AwardError(.invalidInput, code: .badPeriod, "at most a year at a time") }
        let name = try Text.optional(name, field: .name, maxLength: 200, multiline: false)
        return try await transaction { c in
            var day = from
            var count = 0
            while day <= end {
                try CalendarStore.set(c, day: day, working: working, name: name)
                day = day.adding(days: 1)
                count += 1
            }
            return count
        }
    }

    /// The day a period of `days` working days from `from` ends, under the recorded calendar.
    public func dueDate(from: CivilDate, workingDays days: Int) async throws(AwardError) -> CivilDate {
        guard (0...2000).contains(days) else { throw AwardError(.invalidInput, code: .badDays, "days must be 0–2000") }
        return try await lease { c in try CalendarStore.calendar(c, from: from, span: days * 2 + 60).add(workingDays: days, to: from) }
    }

    /// Nominations late or due within `within` working days, at `org` and below (all for `nil`).
    public func overdue(org: String? = nil, within: Int = 0, viewer: Principal? = nil, now: Date = Date()) async throws(AwardError) -> [DeadlineInfo] {
        let today = Self.today(now)
        let within = try Bound.within.check(within)
        return try await lease { c in
            // Only what waits within the viewer's reach, whatever org it asks for.
            let orgId = try Access.scope(c, viewer, .readReports, requested: org).root
            let calendar = try CalendarStore.calendar(c, from: today)
            let horizon = calendar.add(workingDays: max(0, within), to: today)
            return try NominationStore.due(c, by: horizon, waitingUnder: orgId).map { view in
                let due = view.dueOn!
                let left = due >= today ? calendar.workingDays(from: today, to: due) : -calendar.workingDays(from: due, to: today)
                return DeadlineInfo(nomination: view, dueOn: due, workingDaysLeft: left)
            }
        }
    }

    /// Fires the timers due by today: ends public notices (the nomination becomes pending for its
    /// council) and raises deadline warnings. Picked with FOR UPDATE SKIP LOCKED and marked fired in
    /// the same transaction, so concurrent workers never fire one twice. Returns how many fired.
    public func runDueTimers(now: Date = Date(), limit: Int = 100) async throws(AwardError) -> Int {
        let today = Self.today(now)
        return try await transaction { c in
            let due = try TimerStore.lockDue(c, by: today, limit: limit)
            for fired in due {
                let timer = fired.timer, nomination = fired.nomination
                var outcome = "stale"
                switch timer.kind {
                case .noticeEnd where nomination.state == .publicNotice && nomination.noticeUntil == timer.due:
                    outcome = try TimerStore.endNotice(c, nomination: nomination.id, version: nomination.version) ? "notice ended" : "conflict"
                case .deadline where (nomination.state == .pending || nomination.state == .publicNotice) && nomination.dueOn == timer.due:
                    try TimerStore.warn(c, nomination: nomination.id, org: nomination.currentOrg,
                                        message: "Hồ sơ #\(nomination.id) đến hạn xử lý ngày \(timer.due.vietnamese) / nomination \(nomination.id) is due")
                    outcome = "warned"
                default:
                    break
                }
                try TimerStore.markFired(c, timer: fired.id, outcome: outcome)
            }
            return due.count
        }
    }
}

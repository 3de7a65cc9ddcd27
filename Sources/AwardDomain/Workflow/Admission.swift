/// How a new nomination enters its route: the state it starts in, and the clocks that start with it.
///
/// A submitted dossier waits at tier 1 (in public notice first when the kind's notice falls on
/// tier 1); a draft waits at its unit. Tier 1's processing clock starts at once only when the tier
/// needs no document, since a new dossier has none yet.
public struct Admission: Sendable, Equatable {
    public var state: NominationState
    public var clockStartedOn: CivilDate?
    public var dueOn: CivilDate?
    public var noticeUntil: CivilDate?

    /// The timers the admission sets.
    public var timers: [TimerEffect] {
        [dueOn.map { TimerEffect(kind: .deadline, due: $0) }, noticeUntil.map { TimerEffect(kind: .noticeEnd, due: $0) }].compactMap { $0 }
    }

    public init(rule: KindRule, routeLevels: [OrgLevel], draft: Bool, calendar: WorkingCalendar, today: CivilDate) {
        let firstTier = routeLevels.first.flatMap(rule.tier(at:))
        state = draft ? .draft : rule.noticeTier(on: routeLevels) == 1 ? .publicNotice : .pending
        let clockStarts = !draft && (firstTier?.documents ?? []).isEmpty
        clockStartedOn = clockStarts ? today : nil
        dueOn = clockStarts ? firstTier?.limitDays.map { calendar.add(workingDays: $0, to: today) } : nil
        noticeUntil = state == .publicNotice ? rule.publicNoticeDays.map { calendar.add(workingDays: $0, to: today) } : nil
    }
}

import OIRModel

/// Which picture of a plan to draw: its swimlanes (Bilag 1's shape) or its schedule on a
/// timeline. The raw values are the words of `--view`.
public enum DiagramView: String, Sendable, CaseIterable {
    case baner
    case tidsplan
}

/// What a plan's timeline shows besides the lanes' tasks: the day it is looked at, the days
/// that are not worked, and each task's days. Built from the plan's analysis, so the timeline
/// and the checklist speak of the same schedule.
public struct TimelineContent: Sendable, Equatable {
    /// The day the plan is looked at (the "today" line).
    public var day: CalendarDay
    /// The projected end.
    public var end: CalendarDay
    /// The weekdays that are not working days (public holidays, the plan's `fridage`) are asked
    /// of this calendar.
    public var calendar: WorkingCalendar
    /// Per task key: its days, when the schedule places it.
    public var timings: [TaskKey: TaskTiming]
    /// Per task key: its planned days in a baseline, when one is given.
    public var baseline: [TaskKey: DaySpan] = [:]
    /// Rows stay in the lanes' order (a rollout's kommuner by projected end) instead of by start.
    public var keepsOrder = false

    public init(day: CalendarDay, end: CalendarDay, calendar: WorkingCalendar, timings: [TaskKey: TaskTiming]) {
        self.day = day
        self.end = end
        self.calendar = calendar
        self.timings = timings
    }
}

/// One task on the timeline.
public struct TaskTiming: Sendable, Equatable {
    /// Its first and last day: projected for open work, as recorded for done work.
    public var span: DaySpan
    public var done: Bool
    public var deadline: CalendarDay?
    /// Open, without slack: a delay moves the projected end.
    public var critical: Bool
    /// Open and projected to finish after its frist.
    public var late: Bool

    public init(span: DaySpan, done: Bool, deadline: CalendarDay?, critical: Bool, late: Bool) {
        self.span = span
        self.done = done
        self.deadline = deadline
        self.critical = critical
        self.late = late
    }
}

extension TimelineContent {
    /// The timeline of `plan` as `analysis` schedules it; nil without a schedule (no durations).
    /// Done work without a recorded day has no place on it.
    public static func make(_ plan: ScopedPlan, analysis: PlanAnalysis, baseline: Baseline.Kommune? = nil) -> TimelineContent? {
        guard let schedule = analysis.schedule else { return nil }
        var timings: [TaskKey: TaskTiming] = [:]
        for instance in plan.instances {
            let key = instance.key, deadline = plan.entry(key)?.deadline
            if let span = schedule.done[key] {
                timings[key] = TaskTiming(span: span, done: true, deadline: deadline, critical: false, late: false)
            } else if let start = schedule.earliestStart[key], let finish = schedule.earliestFinish[key] {
                timings[key] = TaskTiming(span: DaySpan(start: start, finish: finish), done: false, deadline: deadline,
                                          critical: schedule.critical.contains(key), late: deadline.map { finish > $0 } ?? false)
            }
        }
        var content = TimelineContent(day: analysis.day, end: schedule.end, calendar: WorkingCalendar(extraDaysOff: plan.plan.daysOff),
                                      timings: timings)
        for (key, span) in baseline?.tasks ?? [] where timings[key] != nil { content.baseline[key] = span }
        return content
    }
}

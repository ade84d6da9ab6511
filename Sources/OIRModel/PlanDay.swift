import Foundation

/// Where "now" comes from: the system clock, `SOURCE_DATE_EPOCH` when it is set (the
/// reproducible-builds convention: a run then gives the same outputs on any day), or a fixed
/// instant a test gives.
public struct Clock: Sendable {
    /// The instant, in seconds since 1970-01-01 00:00 UTC.
    public let now: @Sendable () -> Double

    public init(now: @escaping @Sendable () -> Double) {
        self.now = now
    }

    /// The system clock, unless `SOURCE_DATE_EPOCH` names an instant.
    public static let system = Clock {
        if let text = ProcessInfo.processInfo.environment["SOURCE_DATE_EPOCH"], let seconds = Double(text) { return seconds }
        return Date().timeIntervalSince1970
    }

    /// Always `seconds` since 1970-01-01 00:00 UTC.
    public static func fixed(_ seconds: Double) -> Clock {
        Clock { seconds }
    }

    /// The calendar day in Denmark (Europe/Copenhagen) at this clock's instant, whatever the
    /// machine's time zone: Danish plans are dated by Danish days, also an hour after midnight.
    public var todayInDenmark: CalendarDay {
        CalendarDay.inDenmark(at: now())
    }
}

extension CalendarDay {
    /// The day in Denmark at `seconds` since 1970-01-01 00:00 UTC. Denmark keeps CET (UTC+1)
    /// and, from the last Sunday of March to the last Sunday of October at 01:00 UTC, CEST
    /// (UTC+2): the EU rule, computed here so no time zone database is needed.
    public static func inDenmark(at seconds: Double) -> CalendarDay {
        let utcDay = CalendarDay(ordinal: Int((seconds / 86_400).rounded(.down)))
        let year = utcDay.components.0
        let summer = Double(lastSunday(month: 3, year: year).ordinal) * 86_400 + 3_600
            ..< Double(lastSunday(month: 10, year: year).ordinal) * 86_400 + 3_600
        let offset: Double = summer.contains(seconds) ? 7_200 : 3_600
        return CalendarDay(ordinal: Int(((seconds + offset) / 86_400).rounded(.down)))
    }

    /// The last Sunday of a month.
    static func lastSunday(month: Int, year: Int) -> CalendarDay {
        var day = CalendarDay(ordinal: ordinal(year: year, month: month, day: daysIn(month: month, year: year)))
        // 1970-01-01 was a Thursday: Sunday is weekday index 6 (Monday = 0).
        while ((day.ordinal % 7) + 7 + 3) % 7 != 6 { day.ordinal -= 1 }
        return day
    }
}

/// The day a plan is looked at: `--dato` when given, else the plan's own `dato`, else today in
/// Denmark. The commands read the clock once per run and hand this to every stage, so every
/// output of one run speaks of the same day.
public struct PlanDay: Sendable, Equatable {
    /// `--dato`: the day for every plan, when given.
    public var given: CalendarDay?
    /// Today in Denmark when the run began.
    public var today: CalendarDay
    /// For output that must depend only on its inputs (documentation pages checked in CI): a
    /// plan without `dato` is looked at on its `start`, else on this day, never on today.
    public var withoutToday: CalendarDay?

    public init(given: CalendarDay? = nil, today: CalendarDay) {
        self.given = given
        self.today = today
    }

    /// - Parameters:
    ///   - given: `--dato`, if the user gave it.
    ///   - clock: where today comes from.
    public init(given: CalendarDay? = nil, clock: Clock) {
        self.init(given: given, today: clock.todayInDenmark)
    }

    /// Today by the system clock, nothing given: for callers that look at a plan once.
    public static func now() -> PlanDay {
        PlanDay(clock: .system)
    }

    /// The day `plan` is looked at.
    public func of(_ plan: Plan) -> CalendarDay {
        given ?? plan.day ?? withoutToday.map { plan.start ?? $0 } ?? today
    }

    /// Whether `plan` is looked at on a day its file does not name and no one gave: what a page
    /// about it says once.
    public func isUndated(_ plan: Plan) -> Bool {
        given == nil && plan.day == nil
    }
}

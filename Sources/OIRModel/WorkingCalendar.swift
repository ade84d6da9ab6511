/// Which days are working days for a Danish kommune: Monday to Friday, except the Danish public
/// holidays (computed, the Easter-based ones included; Store Bededag until 2023, when it was
/// abolished) and the plan's own `fridage` (such as Grundlovsdag or the days between Christmas
/// and New Year, which many offices close but the law does not).
public struct WorkingCalendar: Sendable, Equatable {
    /// The plan's own days off.
    public var extraDaysOff: Set<CalendarDay>

    public init(extraDaysOff: Set<CalendarDay> = []) {
        self.extraDaysOff = extraDaysOff
    }

    /// Monday to Friday, not a holiday and not one of the plan's days off.
    public func isWorkingDay(_ day: CalendarDay) -> Bool {
        day.isWeekday && !extraDaysOff.contains(day) && !Self.isPublicHoliday(day)
    }

    /// `day` if it is a working day, else the next one.
    public func workingDayOrNext(_ day: CalendarDay) -> CalendarDay {
        var day = day
        while !isWorkingDay(day) { day.ordinal += 1 }
        return day
    }

    /// The working day `count` working days after `day` (moved to a working day first). Whole
    /// weeks are jumped and the days off in them counted back, so a long plan costs little.
    public func adding(_ count: Int, to day: CalendarDay) -> CalendarDay {
        var day = workingDayOrNext(day)
        var left = count
        while left > 10 {
            let weeks = left / 5 - 1
            let from = day
            day.ordinal += weeks * 7
            left -= weeks * 5
            left += daysOff(after: from, through: day)
        }
        while left > 0 {
            day.ordinal += 1
            if isWorkingDay(day) { left -= 1 }
        }
        return day
    }

    /// The working day `count` working days before `day` (moved back to a working day first):
    /// for done work, whose recorded last day is known. Spans are short, so day by day.
    public func subtracting(_ count: Int, from day: CalendarDay) -> CalendarDay {
        var day = day
        while !isWorkingDay(day) { day.ordinal -= 1 }
        var left = count
        while left > 0 {
            day.ordinal -= 1
            if isWorkingDay(day) { left -= 1 }
        }
        return day
    }

    /// How many working days lie after `start` up to and including `end` (0 when `end` is not
    /// after `start`): the offset of `end` in a schedule that begins on `start`.
    public func workingDays(after start: CalendarDay, through end: CalendarDay) -> Int {
        guard end > start else { return 0 }
        let span = end.ordinal - start.ordinal
        var weekdays = (span / 7) * 5
        var day = CalendarDay(ordinal: start.ordinal + (span / 7) * 7)
        while day < end {
            day.ordinal += 1
            if day.isWeekday { weekdays += 1 }
        }
        return weekdays - daysOff(after: start, through: end)
    }

    /// Weekdays after `start` up to and including `end` that are holidays or days off.
    private func daysOff(after start: CalendarDay, through end: CalendarDay) -> Int {
        guard end > start else { return 0 }
        var days = Set(extraDaysOff.filter { $0 > start && $0 <= end && $0.isWeekday })
        for year in start.year...end.year {
            for holiday in Self.publicHolidays(year) where holiday > start && holiday <= end && holiday.isWeekday { days.insert(holiday) }
        }
        return days.count
    }

    /// Whether `day` is a Danish public holiday (helligdag).
    public static func isPublicHoliday(_ day: CalendarDay) -> Bool {
        publicHolidays(day.year).contains(day)
    }

    /// The Danish public holidays of `year`: New Year's Day, Maundy Thursday, Good Friday, Easter
    /// Sunday and Monday, Store Bededag (the fourth Friday after Easter, until 2023), Ascension Day,
    /// Whit Sunday and Monday, Christmas Day and Boxing Day.
    public static func publicHolidays(_ year: Int) -> [CalendarDay] {
        let easter = easterSunday(year)
        func fromEaster(_ days: Int) -> CalendarDay { CalendarDay(ordinal: easter.ordinal + days) }
        var days = [CalendarDay(ordinal: CalendarDay.ordinal(year: year, month: 1, day: 1)),
                    fromEaster(-3), fromEaster(-2), easter, fromEaster(1), fromEaster(39), fromEaster(49), fromEaster(50),
                    CalendarDay(ordinal: CalendarDay.ordinal(year: year, month: 12, day: 25)),
                    CalendarDay(ordinal: CalendarDay.ordinal(year: year, month: 12, day: 26))]
        if year <= 2023 { days.append(fromEaster(26)) }
        return days
    }

    /// Easter Sunday of the Gregorian calendar (the anonymous Gregorian algorithm).
    public static func easterSunday(_ year: Int) -> CalendarDay {
        let a = year % 19, b = year / 100, c = year % 100, d = b / 4, e = b % 4
        let f = (b + 8) / 25, g = (b - f + 1) / 3, h = (19 * a + b - d - g + 15) % 30
        let i = c / 4, k = c % 4, l = (32 + 2 * e + 2 * i - h - k) % 7
        let m = (a + 11 * h + 22 * l) / 451
        let month = (h + l - 7 * m + 114) / 31, day = (h + l - 7 * m + 114) % 31 + 1
        return CalendarDay(ordinal: CalendarDay.ordinal(year: year, month: month, day: day))
    }
}

extension CalendarDay {
    /// Monday to Friday.
    public var isWeekday: Bool { weekdayIndex < 5 }
}

import Foundation

/// A calendar date without a time or time zone ("2025-03-14"), as plans write deadlines and
/// start dates. Counted as days since 1970-01-01 so comparing and adding working days is plain
/// arithmetic, the same on every machine whatever its time zone.
public struct CalendarDay: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Days since 1970-01-01 (a Thursday).
    public var ordinal: Int

    public init(ordinal: Int) {
        self.ordinal = ordinal
    }

    /// A date in ISO 8601 form (`YYYY-MM-DD`); nil when the text is not one or names no real day.
    public init?(_ text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
              let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]),
              (1...12).contains(m), d >= 1, d <= Self.daysIn(month: m, year: y) else { return nil }
        self.ordinal = Self.ordinal(year: y, month: m, day: d)
    }

    public static func < (a: CalendarDay, b: CalendarDay) -> Bool { a.ordinal < b.ordinal }

    /// `YYYY-MM-DD`.
    public var description: String {
        let (y, m, d) = components
        return String(format: "%04d-%02d-%02d", y, m, d)
    }

    /// `YYYYMMDD`, as iCalendar writes a DATE value.
    public var compact: String { description.replacingAll("-", with: "") }

    /// Monday … Friday.
    /// The years a plan's dates may lie in: four digits, and none before the tool's domain.
    public static let years = 1900...9999

    /// The year.
    public var year: Int { components.0 }

    // Howard Hinnant's days-from-civil algorithm (proleptic Gregorian calendar).
    static func ordinal(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    var components: (Int, Int, Int) {
        let z = ordinal + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }
}

extension CalendarDay {
    /// The month, 1–12.
    public var month: Int { components.1 }
    /// The day of the month.
    public var dayOfMonth: Int { components.2 }
    /// Monday = 0 … Sunday = 6.
    public var weekdayIndex: Int {
        // 1970-01-01 was a Thursday.
        ((ordinal % 7) + 7 + 3) % 7
    }
    /// The Monday of its week.
    public var monday: CalendarDay { CalendarDay(ordinal: ordinal - weekdayIndex) }
    /// The ISO 8601 week number, as Danish offices count weeks: week 1 holds the year's first
    /// Thursday.
    public var isoWeek: Int {
        let thursday = CalendarDay(ordinal: ordinal - weekdayIndex + 3)
        return (thursday.ordinal - CalendarDay.ordinal(year: thursday.year, month: 1, day: 1)) / 7 + 1
    }
}

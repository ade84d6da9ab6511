import Foundation
import OIRModel
import XCTest

/// "Today" is the day in Denmark, read once per run, whatever the machine's time zone.
final class PlanDayTests: XCTestCase {
    /// Seconds since 1970 of a UTC time written `YYYY-MM-DD HH:MM`.
    private func utc(_ text: String) -> Double {
        let parts = text.split(separator: " ")
        let day = CalendarDay(String(parts[0]))!
        let time = parts[1].split(separator: ":").map { Double($0)! }
        return Double(day.ordinal) * 86_400 + time[0] * 3_600 + time[1] * 60
    }

    func testTheDayIsDenmarksInWinterAndSummerAndAtBothClockChanges() {
        let cases: [(String, String)] = [
            ("2025-12-31 23:30", "2026-01-01"),  // CET: 00:30 on New Year's Day
            ("2025-12-31 22:59", "2025-12-31"),  // 23:59 in Denmark
            ("2025-07-01 22:30", "2025-07-02"),  // CEST: 00:30
            ("2025-07-01 21:59", "2025-07-01"),  // 23:59
            ("2025-03-29 23:30", "2025-03-30"),  // the night summer time begins (last Sunday of March): 00:30 CET
            ("2025-03-30 22:30", "2025-03-31"),  // that Sunday evening, already CEST: 00:30
            ("2025-10-25 22:30", "2025-10-26"),  // the night it ends (last Sunday of October): 00:30 CEST
            ("2025-10-26 22:30", "2025-10-26"),  // that Sunday evening, CET again: 23:30
            ("2024-02-29 23:00", "2024-03-01"),  // a leap day ends
        ]
        for (instant, day) in cases {
            XCTAssertEqual(Clock.fixed(utc(instant)).todayInDenmark.description, day, "\(instant) UTC")
        }
    }

    func testThePlansDayComesFromDatoThenThePlanThenToday() {
        let newYear = PlanDay(clock: .fixed(utc("2025-12-31 23:30")))
        XCTAssertEqual(newYear.today.description, "2026-01-01")
        let undated = Plan(kommune: "K", systems: [])
        let dated = Plan(kommune: "K", date: "2025-03-10", systems: [])
        XCTAssertEqual(newYear.of(undated).description, "2026-01-01")
        XCTAssertEqual(newYear.of(dated).description, "2025-03-10")
        let given = PlanDay(given: CalendarDay("2025-05-01"), clock: .fixed(utc("2025-12-31 23:30")))
        XCTAssertEqual(given.of(dated).description, "2025-05-01", "--dato wins over the plan's dato")
    }
}

/// Danish public holidays, computed.
final class WorkingCalendarTests: XCTestCase {
    func testTheDanishPublicHolidays() {
        let y2025 = WorkingCalendar.publicHolidays(2025).map(\.description).sorted()
        XCTAssertEqual(y2025, ["2025-01-01", "2025-04-17", "2025-04-18", "2025-04-20", "2025-04-21", "2025-05-29",
                               "2025-06-08", "2025-06-09", "2025-12-25", "2025-12-26"], "no Store Bededag after 2023")
        let y2023 = Set(WorkingCalendar.publicHolidays(2023).map(\.description))
        XCTAssertTrue(y2023.contains("2023-05-05"), "Store Bededag 2023")
        XCTAssertTrue(y2023.contains("2023-04-09"), "Easter Sunday 2023")
        XCTAssertEqual(WorkingCalendar.easterSunday(2024).description, "2024-03-31")
        XCTAssertEqual(WorkingCalendar.easterSunday(2026).description, "2026-04-05")
        let calendar = WorkingCalendar()
        // Wednesday before Easter 2025 plus one working day is the Tuesday after it.
        XCTAssertEqual(calendar.adding(1, to: CalendarDay("2025-04-16")!).description, "2025-04-22")
        XCTAssertEqual(calendar.adding(1, to: CalendarDay("2025-12-24")!).description, "2025-12-29")
    }
}

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

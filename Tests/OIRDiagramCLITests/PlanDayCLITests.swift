import Foundation
import XCTest

/// The day an undated plan is looked at is today in Denmark, whatever the machine's time zone.
final class PlanDayCLITests: XCTestCase {
    /// The command line, run with the machine's zone set to UTC and to Copenhagen at 23:30 UTC on
    /// 31 December: a plan without dato is looked at on 1 January either way.
    func testAnUndatedPlanIsDatedByTheDanishDayWhateverTheMachinesZone() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("oir-day-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let plan = folder.appendingPathComponent("plan.yaml")
        try """
            kommune: Testby Kommune
            bogføringssystem: {navn: Øko, myndighed: Testby Kommune, første_gang: true}
            fagsystemer:
              - {navn: Sag, myndighed: Testby Kommune, første_gang: true, sortiment: abonnement, leverance: [straks]}
            """.write(to: plan, atomically: true, encoding: .utf8)
        for zone in ["UTC", "Europe/Copenhagen"] {
            // 2025-12-31 23:30 UTC.
            let result = try CLIRunner.run(["plan", plan.path, "--format", "summary"],
                                           environment: ["TZ": zone, "SOURCE_DATE_EPOCH": "1767223800"])
            XCTAssertEqual(result.status, 0, result.stderr)
            XCTAssertTrue(result.stdout.contains("Pr. 2026-01-01:"), "TZ=\(zone): \(result.stdout.prefix(200))")
        }
    }

    /// A documentation page depends only on its inputs: an undated plan is shown on its start
    /// (the page says so once), so `docs --check` passes with the clock a day later; a dated one
    /// says nothing of it.
    func testDocsOfAnUndatedPlanStayTheSameTheNextDay() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("oir-docs-day-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let plan = folder.appendingPathComponent("plan.yaml")
        let text = """
            kommune: Testby Kommune
            start: 2025-03-03
            varighed: {FM001: 5}
            bogføringssystem: {navn: Øko, myndighed: Testby Kommune, første_gang: true}
            fagsystemer:
              - {navn: Sag, myndighed: Testby Kommune, første_gang: true, sortiment: abonnement, leverance: [straks]}
            status:
              FM001: {frist: 2025-03-05}
            """
        try text.write(to: plan, atomically: true, encoding: .utf8)
        let site = folder.appendingPathComponent("site").path
        // 2026-01-01 and 2026-01-02, 12:00 UTC.
        let written = try CLIRunner.run(["docs", "--plan", plan.path, "-o", site], environment: ["SOURCE_DATE_EPOCH": "1767268800"])
        XCTAssertEqual(written.status, 0, written.stderr)
        let page = try String(contentsOfFile: site + "/testby-kommune-plan/index.md", encoding: .utf8)
        XCTAssertEqual(page.components(separatedBy: "Planen har ingen dato: siden viser den pr. 2025-03-03 (dens start)").count - 1, 1,
                       "said once: \(page.prefix(1500))")
        XCTAssertFalse(page.contains("2026-01-01"), "today appears nowhere on the page")
        let nextDay = try CLIRunner.run(["docs", "--plan", plan.path, "-o", site, "--check"], environment: ["SOURCE_DATE_EPOCH": "1767355200"])
        XCTAssertEqual(nextDay.status, 0, "the next day the page is the same: \(nextDay.stderr)")
        try (text + "\ndato: 2025-03-10\n").write(to: plan, atomically: true, encoding: .utf8)
        let dated = try CLIRunner.run(["docs", "--plan", plan.path, "-o", site], environment: ["SOURCE_DATE_EPOCH": "1767268800"])
        XCTAssertEqual(dated.status, 0, dated.stderr)
        XCTAssertFalse(try String(contentsOfFile: site + "/testby-kommune-plan/index.md", encoding: .utf8).contains("ingen dato"))
    }
}

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
}

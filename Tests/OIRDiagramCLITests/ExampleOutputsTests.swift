import Foundation
import XCTest

/// The committed outputs of the plan examples are what the tool writes today: a change that
/// alters them must re-generate them (the commands are listed in the README).
final class ExampleOutputsTests: XCTestCase {
    private let plans = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Examples/plans")

    private func run(_ arguments: [String]) throws -> CLIResult {
        try CLIRunner.run(arguments, in: plans)
    }

    func testChecklistsSummaryAndCalendarMatchTheCommittedFiles() throws {
        let cases: [([String], String)] = [
            (["plan", "vesterhavn-i-gang.yaml", "--format", "markdown"], "vesterhavn-i-gang.md"),
            (["plan", "vesterhavn-i-gang.yaml", "--format", "summary"], "vesterhavn-i-gang-status.txt"),
            (["plan", "vesterhavn-i-gang.yaml", "--format", "ics"], "vesterhavn-i-gang.ics"),
            (["plan", "vesterhavn-i-gang.yaml", "--format", "csv", "--csv-delimiter", ";"], "vesterhavn-i-gang.csv"),
            (["plan", "udrulning.yaml", "--all", "--format", "csv", "--csv-delimiter", ";"], "udrulning.csv"),
        ]
        for (arguments, file) in cases {
            let result = try run(arguments)
            XCTAssertEqual(result.status, 0, result.stderr)
            // Bytes, not text: the CSV's byte order mark is part of the file.
            let committed = try Data(contentsOf: plans.appendingPathComponent(file))
            XCTAssertEqual(Data(result.stdout.utf8), committed, "\(file) is stale: oir-diagram \(arguments.joined(separator: " ")) > \(file)")
        }
    }

    func testTheWorkbookMatchesTheCommittedFile() throws {
        let folder = try temporaryFolder()
        let fresh = folder.appendingPathComponent("v.xlsx")
        let result = try run(["plan", "vesterhavn-i-gang.yaml", "-o", fresh.path])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(try Data(contentsOf: fresh), try Data(contentsOf: plans.appendingPathComponent("vesterhavn-i-gang.xlsx")),
                       "vesterhavn-i-gang.xlsx is stale: oir-diagram plan vesterhavn-i-gang.yaml -o vesterhavn-i-gang.xlsx")
    }

    func testThePeoplesListsMatchTheCommittedFiles() throws {
        let folder = try temporaryFolder()
        let result = try run(["plan", "udrulning.yaml", "--per-person", "-o", folder.path])
        XCTAssertEqual(result.status, 0, result.stderr)
        let committed = plans.appendingPathComponent("udrulning-personer")
        let files = try XCTUnwrap(FileManager.default.enumerator(atPath: folder.path)?.compactMap { $0 as? String }).filter { $0.contains(".") }.sorted()
        let kept = try XCTUnwrap(FileManager.default.enumerator(atPath: committed.path)?.compactMap { $0 as? String }).filter { $0.contains(".") }.sorted()
        XCTAssertEqual(files, kept, "udrulning-personer is stale: oir-diagram plan udrulning.yaml --per-person -o udrulning-personer")
        for file in files {
            XCTAssertEqual(try Data(contentsOf: folder.appendingPathComponent(file)), try Data(contentsOf: committed.appendingPathComponent(file)), "\(file) is stale")
        }
    }

    func testOverviewAndDocsMatchTheCommittedFiles() throws {
        for (arguments, what) in [
            (["oversigt", "udrulning.yaml", "-o", "udrulning-oversigt.svg", "--check"], "the overview SVG"),
            (["oversigt", "udrulning.yaml", "-o", "udrulning-oversigt.csv", "--csv-delimiter", ";", "--check"], "the overview CSV"),
            (["docs", "--plan", "udrulning.yaml", "--all", "-o", "udrulning-docs", "--check"], "the rollout's docs"),
        ] {
            let result = try run(arguments)
            XCTAssertEqual(result.status, 0, "\(what) is stale: \(result.stderr)")
        }
    }
}

import Foundation
import XCTest

/// Every value a plan or catalog gives is checked: nothing is silently read as something else.
final class ValueCheckTests: XCTestCase {
    private func plan(_ extra: String) -> String {
        """
        kommune: Testby Kommune
        bogføringssystem: {navn: Øko}
        fagsystemer: [{navn: Sag, leverance: [straks], sortiment: abonnement}]
        \(extra)
        """
    }

    private func problems(_ extra: String) throws -> CLIResult {
        let dir = try temporaryFolder()
        return try CLIRunner.run(["plan", try write(plan(extra), "plan.yaml", in: dir), "--format", "json"])
    }

    func testDatesAreRealDaysOfTheYears1900To9999() throws {
        for (line, expected) in [
            ("dato: 2024-02-30", "'dato' of the plan for Testby Kommune is '2024-02-30', not a date"),
            ("dato: tomorrow", "is 'tomorrow', not a date"),
            ("dato: 1899-12-31", "outside the years 1900–9999"),
            ("status: {FM001: {frist: +999-01-01}}", "'frist' of 'FM001' is '+999-01-01', not a date"),
            ("status: {FM001: {frist: 10000-01-01}}", "is '10000-01-01', not a date"),
            ("start: 2025-13-01", "'start' of the plan for Testby Kommune is '2025-13-01', not a date"),
        ] {
            let result = try problems(line)
            XCTAssertEqual(result.status, 1, line)
            XCTAssertEqual(result.stdout, "", line)
            XCTAssertTrue(result.stderr.contains(expected), "\(line): \(result.stderr)")
        }
        XCTAssertEqual(try problems("dato: 2024-02-29").status, 0, "a leap day is a day")
    }

    func testDurationKeysNameTasksAndInstancesOfThePlan() throws {
        let typo = try problems("varighed: {TF1O5: 3}")
        XCTAssertEqual(typo.status, 1)
        XCTAssertTrue(typo.stderr.contains("'varighed' names the task 'TF1O5', which the catalog does not have (did you mean 'TF105'?"), typo.stderr)
        let instance = try problems("varighed: {TF105@Sagg: 3}")
        XCTAssertEqual(instance.status, 1)
        XCTAssertTrue(instance.stderr.contains("'varighed' names 'Sagg', which is no fagsystem of the plan (did you mean 'Sag'?"), instance.stderr)
        XCTAssertEqual(try problems("varighed: {TF105@Sag: 3, FM001: 2}").status, 0)
    }

    func testATaskIdMayNotHoldTheKeySeparator() throws {
        let dir = try temporaryFolder()
        let source = try String(contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Sources/OIRModel/Catalogs/sf1590a.yaml"), encoding: .utf8)
        let broken = source.replacingOccurrences(of: "- id: \"FM001\"", with: "- id: \"FM001@Parkering\"")
        XCTAssertNotEqual(broken, source)
        let result = try CLIRunner.run(["lint", "--catalog", try write(broken, "katalog.yaml", in: dir)])
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.stderr.contains("contains '@', which separates a task id from an instance's name"), result.stderr)
    }

    func testAnOutputNameWhoseExtensionNamesNoFormatIsAUsageError() throws {
        let dir = try temporaryFolder()
        let render = try CLIRunner.run(["render", "-o", dir.appendingPathComponent("x.unknownext").path])
        XCTAssertEqual(render.status, 64)
        XCTAssertTrue(render.stderr.contains("'.unknownext' names no format"), render.stderr)
        let rollout = try write(plan(""), "plan.yaml", in: dir)
        let overview = try CLIRunner.run(["oversigt", rollout, "-o", dir.appendingPathComponent("x.pdf").path])
        XCTAssertEqual(overview.status, 64)
        XCTAssertTrue(overview.stderr.contains("'.pdf' names no format of the overview"), overview.stderr)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir.path), ["plan.yaml"], "nothing written")
        let named = try CLIRunner.run(["render", "--format", "dot", "-o", dir.appendingPathComponent("graph.txt").path])
        XCTAssertEqual(named.status, 0, "--format says what the bytes are: \(named.stderr)")
    }

    /// Limits count Unicode scalars, what costs: one letter with 20,000 combining marks is no
    /// short name. Bidirectional overrides are refused: they would reorder a table row.
    func testLimitsCountScalarsAndBidiControlsAreRefused() throws {
        let dir = try temporaryFolder()
        let marks = "S" + String(repeating: "\u{0301}", count: 20_000)
        let long = try CLIRunner.run(["plan", try write(plan("").replacingOccurrences(of: "Testby Kommune", with: marks), "long.yaml", in: dir)])
        XCTAssertEqual(long.status, 1)
        XCTAssertTrue(long.stderr.contains("is 20001 characters long; the limit is 100"), String(long.stderr.prefix(300)))
        let spoof = try problems("status: {FM001: {note: \"Sag\\u202ETXE.exe\"}}")
        XCTAssertEqual(spoof.status, 1)
        XCTAssertTrue(spoof.stderr.contains("contains the bidirectional control character U+202E at character 4"), spoof.stderr)
    }

    /// A name is text: `navn: true` is YAML's yes, refused with the fix.
    func testANameThatYAMLReadsAsYesOrNoIsRefused() throws {
        let result = try CLIRunner.run(["plan", try write(plan("").replacingOccurrences(of: "{navn: Øko}", with: "{navn: true}"), "p.yaml",
                                                          in: try temporaryFolder())])
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.stderr.contains("is true, which YAML reads as yes or no, not a name"), result.stderr)
        let quoted = try CLIRunner.run(["plan", try write(plan("").replacingOccurrences(of: "{navn: Øko}", with: "{navn: \"true\"}"), "q.yaml",
                                                          in: try temporaryFolder()), "--format", "json"])
        XCTAssertEqual(quoted.status, 0, quoted.stderr)
    }
}

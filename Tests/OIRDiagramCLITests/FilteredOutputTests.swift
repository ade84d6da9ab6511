import Foundation
import XCTest

/// A filtered or narrowed run speaks of what it keeps: the summary of one person's tasks counts
/// and names those tasks with their dates and people, and `--since --kommune` compares only
/// that kommune.
final class FilteredOutputTests: XCTestCase {
    private let examples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Examples/plans")

    func testAFilteredSummaryCountsAndNamesOnlyItsTasks() throws {
        let plan = examples.appendingPathComponent("vesterhavn-i-gang.yaml").path
        for filter in [["--person", "Sofie Eng"], ["--only", "forsinket"], ["--person", "Birgit Mose"]] {
            let json = try CLIRunner.run(["plan", plan, "--format", "json"] + filter)
            let rows = try XCTUnwrap((try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])?["opgaver"] as? [[String: Any]])
            let keys = Set(rows.compactMap { $0["nøgle"] as? String })
            let summary = try CLIRunner.run(["plan", plan, "--format", "summary"] + filter)
            XCTAssertEqual(summary.status, 0, summary.stderr)
            XCTAssertTrue(summary.stdout.contains(": \(rows.count) opgaver:"), "\(filter): \(summary.stdout)")
            for line in summary.stdout.split(separator: "\n") where line.hasPrefix("  ") && !line.contains("…") {
                let key = String(line.dropFirst(2).split(separator: " ")[0]).trimmingCharacters(in: CharacterSet(charactersIn: ":"))
                XCTAssertTrue(keys.contains(key), "\(filter): \(line) names a task the filter left out")
                XCTAssertFalse(line.hasSuffix("frist ") || line.hasSuffix(" – "), "\(filter): \(line) has its date and person")
            }
        }
    }

    func testSinceWithKommuneComparesOnlyThatKommune() throws {
        let plan = examples.appendingPathComponent("udrulning.yaml").path
        let result = try CLIRunner.run(["plan", plan, "--since", plan, "--kommune", "Nordby Kommune", "--format", "json"])
        XCTAssertEqual(result.status, 0, result.stderr)
        let object = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        XCTAssertEqual(object["fjernede_kommuner"] as? [String], [], "the other kommuner are not removed")
        XCTAssertEqual(object["nye_kommuner"] as? [String], [])
    }
}

/// A task whose projected finish lies after its frist is flagged before the frist has passed.
final class ProjectedLateTests: XCTestCase {
    func testAProjectedFinishPastTheFristIsFlaggedInEveryFormat() throws {
        let dir = try temporaryFolder()
        let path = try write("""
            kommune: Testby Kommune
            dato: 2025-03-03
            start: 2025-03-03
            bogføringssystem: {navn: Øko}
            fagsystemer: [{navn: Sag, leverance: [straks], sortiment: abonnement}]
            varighed: {FM001: 10}
            status:
              FM001: {frist: 2025-03-07}
              FM002: {frist: 2025-12-31}
            """, "plan.yaml", in: dir)
        let json = try CLIRunner.run(["plan", path, "--format", "json"])
        let rows = try XCTUnwrap((try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])?["opgaver"] as? [[String: Any]])
        let fm001 = try XCTUnwrap(rows.first { $0["nøgle"] as? String == "FM001" })
        XCTAssertEqual(fm001["forventet_forsinket"] as? Bool, true, "ten working days from 3 March end on 14 March, after the frist")
        XCTAssertEqual(fm001["forsinket"] as? Bool, false, "not yet overdue on 3 March")
        XCTAssertEqual(rows.first { $0["nøgle"] as? String == "FM002" }?["forventet_forsinket"] as? Bool, false)
        let summary = try CLIRunner.run(["plan", path, "--format", "summary"])
        XCTAssertTrue(summary.stdout.contains("Forventet forsinket (tidligst slut efter fristen):\n  FM001: frist 2025-03-07, tidligst slut 2025-03-14"), summary.stdout)
        let markdown = try CLIRunner.run(["plan", path, "--format", "markdown"])
        XCTAssertTrue(markdown.stdout.contains("| ikke startet, forventet forsinket |"), markdown.stdout)
        let csv = try CLIRunner.run(["plan", path, "--format", "csv"])
        XCTAssertTrue(csv.stdout.contains("forventet_forsinket"), "the CSV has the column")
    }
}

/// `--person` finds people by name or e-mail, and a name nobody has is an error with the
/// nearest names, never an empty list that looks like "nothing to do".
final class PersonFilterTests: XCTestCase {
    func testAPersonIsFoundByNameOrEmailAndATypoFails() throws {
        let plan = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Examples/plans/vesterhavn-i-gang.yaml").path
        let typo = try CLIRunner.run(["plan", plan, "--person", "Karin Holm"])
        XCTAssertEqual(typo.status, 1)
        XCTAssertEqual(typo.stdout, "")
        XCTAssertTrue(typo.stderr.contains("--person 'Karin Holm' names nobody in the plan (did you mean 'Karen Holm'?"), typo.stderr)
        let byName = try CLIRunner.run(["plan", plan, "--person", "mette skov", "--format", "json"])
        let byEmail = try CLIRunner.run(["plan", plan, "--person", "MESK@vesterhavn.dk", "--format", "json"])
        XCTAssertEqual(byName.status, 0, byName.stderr)
        XCTAssertEqual(byEmail.stdout, byName.stdout, "the e-mail address finds the same tasks")
        XCTAssertTrue(byName.stdout.contains("\"nøgle\""), "some tasks")
    }
}

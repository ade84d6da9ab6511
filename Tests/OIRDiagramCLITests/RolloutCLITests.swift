import Foundation
import FoundationXML
import XCTest
import OIRTestSupport

/// A supplier's rollout: the overview, a docs page per kommune, and the plan diagram's marks for
/// done inputs, deadlines and people.
final class RolloutCLITests: XCTestCase {
    private func run(_ arguments: [String]) throws -> CLIResult {
        try CLIRunner.run(arguments)
    }

    private let rollout = """
    dato: 2025-03-10
    standard:
      bogføringssystem: {navn: Økonomi}
      fagsystemer:
        - {navn: Sag, leverance: [straks], sortiment: abonnement, forvaltningsansvarlig: {navn: Lars Lev, organisation: "Lev & Co"}}
    kommuner:
      - kommune: Nordby Kommune
        status: {FM001: udført, FM002: udført, FM003: {frist: 2025-03-01}}
      - kommune: Sydby Kommune
        status: {FM001: udført, TF105@Sag: udført, TF106@Sag: i_gang}
      - kommune: Fejlby Kommune
        status: {TF10: udført}
      - kommune: "Vest<by> Kommune"
        fagsystemer: [{navn: Sag, leverance: [masse]}]
    """

    func testOversigtInEveryFormat() throws {
        let dir = try temporaryFolder()
        let path = try write(rollout, "udrulning.yaml", in: dir)
        // An overview that would leave a kommune out is not written unless asked for: a good
        // overview on disk stays as it was.
        let existing = dir.appendingPathComponent("kept.svg")
        try Data("good".utf8).write(to: existing)
        let refused = try run(["oversigt", path, "-o", existing.path])
        XCTAssertEqual(refused.status, 1)
        XCTAssertEqual(try String(contentsOf: existing, encoding: .utf8), "good", "nothing written on failure")
        XCTAssertTrue(refused.stderr.contains("nothing written: the overview would leave out 1 kommune (Fejlby Kommune)"), refused.stderr)
        XCTAssertEqual(try run(["oversigt", path, "-o", "-", "--format", "json"]).stdout, "", "no document on standard output either")
        let json = try run(["oversigt", path, "-o", "-", "--format", "json", "--partial"])
        XCTAssertEqual(json.status, 1, "Fejlby Kommune has a problem: reported, and the rest still written")
        XCTAssertTrue(json.stderr.contains("did you mean 'TF105'") || json.stderr.contains("'TF10'"), json.stderr)
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let kommuner = try XCTUnwrap(object["kommuner"] as? [[String: Any]])
        XCTAssertEqual(kommuner.compactMap { $0["kommune"] as? String }, ["Nordby Kommune", "Sydby Kommune", "Vest<by> Kommune"])
        let nordby = kommuner[0]
        XCTAssertEqual(nordby["udført"] as? Int, 2)
        XCTAssertEqual(nordby["forsinket"] as? Int, 1)
        let cells = try XCTUnwrap(nordby["opgaver"] as? [String: [String: Any]])
        XCTAssertEqual(cells["FM001"]?["status"] as? String, "udført")
        XCTAssertEqual(cells["FM003"]?["forsinket"] as? Bool, true)
        XCTAssertNil(cells["TF112"], "a task outside the plan has no cell")
        let sydby = try XCTUnwrap(kommuner[1]["opgaver"] as? [String: [String: Any]])
        XCTAssertEqual(sydby["TF105"]?["status"] as? String, "udført")
        XCTAssertEqual(sydby["TF106"]?["status"] as? String, "i_gang")
        let blockers = try XCTUnwrap(object["største_blokeringer"] as? [[String: Any]])
        XCTAssertEqual(blockers.first?["kommuner"] as? Int, 3, "a task open in all three kommuner blocks most")
        XCTAssertEqual(blockers.map { $0["kommuner"] as? Int ?? 0 }, blockers.map { $0["kommuner"] as? Int ?? 0 }.sorted(by: >))
        let english = try run(["oversigt", path, "-o", "-", "--format", "json", "--language", "en", "--partial"])
        XCTAssertEqual(english.stdout, json.stdout, "JSON keys and codes are the same in every language")

        let csv = try run(["oversigt", path, "-o", "-", "--format", "csv", "--csv-delimiter", ";", "--partial"])
        let lines = csv.stdout.components(separatedBy: "\r\n").filter { !$0.isEmpty }
        XCTAssertEqual(lines.count, 4, "a header and one line per kommune")
        XCTAssertTrue(lines[0].hasPrefix("\u{FEFF}Kommune;Opgaver;Udført;"), lines[0])
        XCTAssertTrue(lines[1].hasPrefix("Nordby Kommune;"), lines[1])

        let svgPath = dir.appendingPathComponent("oversigt.svg").path
        let svg = try run(["oversigt", path, "-o", svgPath, "--partial"])
        XCTAssertEqual(svg.status, 1)
        let text = try String(contentsOfFile: svgPath, encoding: .utf8)
        XCTAssertTrue(text.contains("Vest&lt;by&gt; Kommune"), "kommune names stay text")
        XCTAssertFalse(text.contains("Vest<by>"))
        XCTAssertTrue(text.contains("class=\"status-udfoert\"") && text.contains("class=\"overdue-mark\""))
        XCTAssertTrue(text.contains(" width=\"") && text.contains("viewBox=\"0 0 "), "an intrinsic size")
        XCTAssertNoThrow(try WellFormedXML.document(Data(text.utf8)))
        let png = dir.appendingPathComponent("oversigt.png").path
        let convert = try ExternalTool.run("rsvg-convert", [svgPath, "-o", png])
        XCTAssertEqual(convert.status, 0, convert.errors)

        let markdown = try run(["oversigt", path, "-o", "-", "--format", "markdown", "--partial"])
        XCTAssertTrue(markdown.stdout.contains("| Vest\\<by\\> Kommune |") || markdown.stdout.contains("| Vest&lt;by&gt; Kommune |"), markdown.stdout)
        let again = try run(["oversigt", path, "-o", "-", "--format", "json", "--partial"])
        XCTAssertEqual(again.stdout, json.stdout, "same input, same bytes")
    }

    func testDocsAllWritesAPagePerKommuneAndAnIndex() throws {
        let dir = try temporaryFolder()
        let path = try write(rollout, "udrulning.yaml", in: dir)
        let out = dir.appendingPathComponent("site")
        let refused = try run(["docs", "--plan", path, "--all", "-o", out.path])
        XCTAssertEqual(refused.status, 1)
        XCTAssertFalse(FileManager.default.fileExists(atPath: out.path), "nothing written, not even the folder")
        let result = try run(["docs", "--plan", path, "--all", "-o", out.path, "--partial"])
        XCTAssertEqual(result.status, 1, result.stderr)
        let index = try String(contentsOf: out.appendingPathComponent("index.md"), encoding: .utf8)
        XCTAssertTrue(index.contains("[Nordby Kommune](nordby-kommune-plan/index.md)"), index)
        XCTAssertFalse(index.contains("Fejlby"))
        let page = try String(contentsOf: out.appendingPathComponent("nordby-kommune-plan/index.md"), encoding: .utf8)
        XCTAssertTrue(page.contains("## Status"), page)
        XCTAssertTrue(page.contains("Forvaltningsansvarlig for Sag: Lars Lev (Lev & Co)") || page.contains("Lars Lev (Lev &amp; Co)"), page)
        XCTAssertTrue(FileManager.default.fileExists(atPath: out.appendingPathComponent("sydby-kommune-plan/sydby-kommune-plan.svg").path))
    }

    func testPlanDiagramMarksDoneInputsDeadlinesAndPeople() throws {
        let dir = try temporaryFolder()
        let path = try write(rollout, "udrulning.yaml", in: dir)
        let plain = try run(["render", "--plan", path, "--kommune", "Nordby Kommune", "--format", "json", "-o", "-"])
        XCTAssertEqual(plain.status, 0, plain.stderr)
        XCTAssertTrue(plain.stdout.contains("Forsinket 2025-03-01"), "FM003's frist has passed on the plan's dato")
        XCTAssertFalse(plain.stdout.contains("Udf.: Lars Lev"), "people only with --show people")
        let before = try run(["render", "--plan", path, "--kommune", "Nordby Kommune", "--format", "json", "-o", "-", "--dato", "2025-02-01"])
        XCTAssertTrue(before.stdout.contains("\"Frist 2025-03-01\""), "not yet overdue a month earlier")
        let people = try run(["render", "--plan", path, "--kommune", "Nordby Kommune", "--format", "json", "-o", "-", "--show", "people"])
        XCTAssertTrue(people.stdout.contains("Udf.: Lars Lev"), people.stdout.prefix(400).description)
        // Done inputs: FM001 is done, so what waits on it is drawn as a done input.
        let svg = try run(["render", "--plan", path, "--kommune", "Sydby Kommune", "-o", "-"])
        XCTAssertEqual(svg.status, 0, svg.stderr)
        XCTAssertTrue(svg.stdout.contains("stub stub-done") || svg.stdout.contains("arrow arrow-done"), "a done input is drawn apart")
        XCTAssertTrue(svg.stdout.contains("stub stub-input"), "open inputs keep the plain stub")
        XCTAssertTrue(svg.stdout.contains("input der er udført") || svg.stdout.contains("Afhængighed der er udført"), "the legend says so")
        // The viewer's panel carries the people, the frist and whether it has passed.
        let viewer = try run(["render", "--plan", path, "--kommune", "Nordby Kommune", "--format", "html", "-o", "-"])
        XCTAssertTrue(viewer.stdout.contains("\"label\": \"Udførende (person)\"") || viewer.stdout.contains("Udførende (person)"), "people in the panel")
        XCTAssertTrue(viewer.stdout.contains("Lars Lev (Lev \\u0026 Co)") || viewer.stdout.contains("Lars Lev (Lev & Co)") || viewer.stdout.contains("Lars Lev (Lev &amp; Co)"),
                      "the supplier's person, as data")
        XCTAssertTrue(viewer.stdout.contains("2025-03-01 (forsinket)"))
        let bad = try run(["render", "--dato", "2025-01-01"])
        XCTAssertEqual(bad.status, 64, "--dato needs --plan")
    }
}

import Foundation
import XCTest

/// `oir-diagram plan` and `render --plan` as a user runs them.
final class PlanCLITests: XCTestCase {
    private func run(_ arguments: [String]) throws -> CLIResult {
        try CLIRunner.run(arguments)
    }

    private func folder() throws -> URL {
        try temporaryFolder()
    }

    private let plan = """
    kommune: Eksempel Kommune
    bogføringssystem: {navn: Økonomisystem X, myndighed: Anden Kommune}
    fagsystemer:
      - {navn: "Fagsystem A", leverance: [straks], sortiment: abonnement}
    status:
      FM001: udført
    """

    private let rollout = """
    kommuner:
      - kommune: Nordby Kommune
        bogføringssystem: {navn: B}
        fagsystemer: [{navn: F, leverance: [straks], sortiment: manuel}]
      - kommune: Fejlby Kommune
        bogføringssystem: {navn: B}
        fagsystemer: [{navn: F, leverance: [straks], sortiment: manuel}]
        status: {TF112@F: udført}
      - kommune: Åby Kommune
        bogføringssystem: {navn: B}
        fagsystemer: [{navn: F, leverance: [masse], sortiment: abonnement}]
    """

    /// The keys of a task in `plan --format json`, in order, as the README documents them.
    static let documentedKeys = ["nøgle", "id", "fagsystem", "titel", "ansvarlig", "udførende", "person", "afhænger_af", "status", "klar", "frist", "forsinket", "forventet_forsinket", "note", "venter_på", "blokerer", "tidligst_start", "tidligst_slut", "kritisk"]

    func testPlanJSONHasExactlyTheDocumentedKeysInOrder() throws {
        let dir = try folder()
        let result = try run(["plan", try write(plan, "p.yaml", in: dir), "--format", "json"])
        XCTAssertEqual(result.status, 0, result.stderr)
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        XCTAssertEqual(Set(object.keys), ["kommune", "dato", "forventet_slut", "opgaver"])
        XCTAssertEqual(object["kommune"] as? String, "Eksempel Kommune")
        let tasks = try XCTUnwrap(object["opgaver"] as? [[String: Any]])
        for task in tasks {
            XCTAssertEqual(Set(task.keys), Set(Self.documentedKeys))
        }
        let fm001 = try XCTUnwrap(tasks.first { $0["nøgle"] as? String == "FM001" })
        XCTAssertTrue(fm001["fagsystem"] is NSNull, "once-tasks have fagsystem null")
        XCTAssertEqual(fm001["status"] as? String, "udført")
        XCTAssertEqual(fm001["klar"] as? Bool, false)
        let tf108 = try XCTUnwrap(tasks.first { $0["nøgle"] as? String == "TF108@Fagsystem A" })
        XCTAssertEqual(tf108["fagsystem"] as? String, "Fagsystem A")
        XCTAssertEqual(tf108["afhænger_af"] as? [String], ["FF102@Fagsystem A"])
        XCTAssertEqual(tf108["status"] as? String, "ikke_startet")
        XCTAssertEqual(tf108["klar"] as? Bool, false)
        // Key order as documented, for people reading the file.
        let first = result.stdout.components(separatedBy: "\n").filter { $0.hasPrefix("      \"") }.prefix(Self.documentedKeys.count)
            .map { $0.trimmingCharacters(in: .whitespaces).components(separatedBy: "\"")[1] }
        XCTAssertEqual(first, Self.documentedKeys)
    }

    func testPlanCSVAndMarkdown() throws {
        let dir = try folder()
        let path = try write(plan, "p.yaml", in: dir)
        let csv = try run(["plan", path, "--format", "csv"])
        XCTAssertEqual(csv.status, 0, csv.stderr)
        let lines = csv.stdout.components(separatedBy: "\r\n")
        XCTAssertEqual(lines[0], "\u{FEFF}nøgle,id,fagsystem,titel,ansvarlig,udførende,afhænger_af,koordineres_med,status,statuskode,dato,klar,"
                       + "ansvarlig_person,ansvarlig_email,ansvarlig_organisation,udførende_person,udførende_email,udførende_organisation,frist,forsinket,forventet_forsinket,note,venter_på,blokerer,tidligst_start,tidligst_slut,kritisk")
        XCTAssertTrue(lines.contains { $0.hasPrefix("FM001,FM001,,Myndighedens adgang") }, csv.stdout)
        XCTAssertTrue(lines.contains { $0.hasPrefix("TF108@Fagsystem A,TF108,Fagsystem A,") })
        let markdown = try run(["plan", path, "--format", "markdown"])
        XCTAssertTrue(markdown.stdout.hasPrefix("# Implementeringsplan for Eksempel Kommune\n\n| Nøgle |"), markdown.stdout)
        XCTAssertTrue(markdown.stdout.contains("| FF102@Fagsystem A | Dataudvekslingsaftale mellem myndigheder |"))
    }

    func testRenderPlanWritesTheKommunesDiagram() throws {
        let dir = try folder()
        let path = try write(plan, "p.yaml", in: dir)
        let out = dir.appendingPathComponent("p.svg").path
        let result = try run(["render", "--plan", path, "-o", out])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(result.stdout, "\(out)\n")
        let svg = try String(contentsOfFile: out, encoding: .utf8)
        XCTAssertTrue(svg.contains("Eksempel Kommune"))
        XCTAssertTrue(svg.contains("Fagsystem: Fagsystem A"))
        XCTAssertTrue(svg.contains("Udført"))
    }

    func testBadPlanWritesNothingAndFailsWithOneMessage() throws {
        let dir = try folder()
        let path = try write(plan.replacingOccurrences(of: "leverance", with: "leverence"), "p.yaml", in: dir)
        let out = dir.appendingPathComponent("p.svg")
        try Data("old".utf8).write(to: out)
        let result = try run(["render", "--plan", path, "-o", out.path])
        XCTAssertEqual(result.status, 1)
        XCTAssertEqual(result.stderr, "error: \(path):4:27: unknown key 'leverence' in a fagsystem (did you mean 'leverance'?)\n")
        XCTAssertEqual(try String(contentsOf: out, encoding: .utf8), "old", "the output file is unchanged")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted(), ["p.svg", "p.yaml"])

        let plan = try run(["plan", path])
        XCTAssertEqual(plan.status, 1)
        XCTAssertEqual(plan.stdout, "")
    }

    func testUnknownKommuneListsTheNames() throws {
        let dir = try folder()
        let result = try run(["plan", try write(rollout, "r.yaml", in: dir), "--kommune", "Sydby Kommune"])
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.stderr.contains("no kommune named 'Sydby Kommune'"), result.stderr)
        XCTAssertTrue(result.stderr.contains("Nordby Kommune, Fejlby Kommune, Åby Kommune"), result.stderr)
    }

    func testRenderAllKeepsGoingPastAFailingKommune() throws {
        let dir = try folder()
        let path = try write(rollout, "r.yaml", in: dir)
        let out = dir.appendingPathComponent("ud")
        let result = try run(["render", "--plan", path, "--all", "-o", out.path])
        XCTAssertEqual(result.status, 1, "one kommune failed")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: out.path).sorted(),
                       ["aaby-kommune-plan.svg", "nordby-kommune-plan.svg"])
        XCTAssertTrue(result.stderr.contains("[1/2] Nordby Kommune → "), result.stderr)
        XCTAssertTrue(result.stderr.contains("error: \(path):8:14: status for 'TF112@F', a task that is not in the plan"), result.stderr)
        XCTAssertTrue(result.stderr.contains("rendered 2 of 3 kommuner"), result.stderr)
        XCTAssertTrue(result.stderr.contains("left out for their problems (1): Fejlby Kommune"), result.stderr)
    }

    func testAllAndKommuneNeedPlanAndAFolder() throws {
        XCTAssertEqual(try run(["render", "--all", "-o", "x"]).status, 64)
        let dir = try folder()
        let path = try write(rollout, "r.yaml", in: dir)
        XCTAssertEqual(try run(["render", "--plan", path, "--all"]).status, 64)
        XCTAssertEqual(try run(["render", "--plan", path, "--all", "--kommune", "Åby Kommune", "-o", "x"]).status, 64)
    }
}

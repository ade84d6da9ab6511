import Foundation
import XCTest

/// `render --plan FILE --view tidsplan`: the timeline in every format a user asks for, and a
/// plan without durations refused with what to add.
final class TimelineCLITests: XCTestCase {
    private var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("oir-timeline-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: folder)
    }

    private let plan = """
        kommune: Testby Kommune
        dato: 2025-04-15
        start: 2025-04-01
        bogføringssystem: {navn: Øko, myndighed: Testby Kommune, første_gang: true}
        fagsystemer:
          - {navn: Sag, myndighed: Testby Kommune, første_gang: true, sortiment: abonnement, leverance: [straks]}
        varighed: {FM001: 3, FM002: 4, FM003: 5, TF105: 6}
        status:
          FM001: {status: udført, dato: 2025-04-03}
          FM002: {status: i_gang, dato: 2025-04-07, frist: 2025-04-16}
        """

    func testTheTimelineInEveryFormat() throws {
        let file = folder.appendingPathComponent("plan.yaml")
        try plan.write(to: file, atomically: true, encoding: .utf8)
        for ext in ["svg", "pdf", "png", "json", "dot", "html"] {
            let out = folder.appendingPathComponent("t.\(ext)").path
            let result = try CLIRunner.run(["render", "--plan", file.path, "--view", "tidsplan", "-o", out])
            XCTAssertEqual(result.status, 0, "\(ext): \(result.stderr)")
            XCTAssertGreaterThan((try? FileManager.default.attributesOfItem(atPath: out)[.size] as? Int) ?? 0, 500, ext)
        }
        let svg = try String(contentsOfFile: folder.appendingPathComponent("t.svg").path, encoding: .utf8)
        XCTAssertTrue(svg.contains("Tidsplan: Testby Kommune"), "the title names the timeline")
        XCTAssertTrue(svg.contains("timeline-today"), "the today line is drawn with its role class")
        XCTAssertTrue(svg.contains("I dag 2025&#45;04&#45;15"), "Graphviz writes the hyphens as character references")
        // Easter 2025 (17–21 April) is shaded.
        XCTAssertTrue(svg.contains("timeline-holiday"))
        let json = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent("t.json"))) as? [String: Any])
        let boxes = json["boxes"] as? [[String: Any]] ?? []
        let fm001 = try XCTUnwrap(boxes.first { $0["key"] as? String == "FM001" })
        XCTAssertEqual(fm001["start"] as? String, "2025-04-01")
        XCTAssertEqual(fm001["finish"] as? String, "2025-04-03", "done work ends on its recorded day")
        let fm002 = try XCTUnwrap(boxes.first { $0["key"] as? String == "FM002" })
        XCTAssertEqual(fm002["start"] as? String, "2025-04-07", "started work starts on its recorded day")
        let english = try CLIRunner.run(["render", "--plan", file.path, "--view", "tidsplan", "--language", "en", "-o", "-"])
        XCTAssertTrue(english.stdout.contains("Schedule: Testby Kommune"), english.stderr)
    }

    /// A baseline frozen earlier is drawn under the bars, one thin bar per task it planned.
    func testABaselineIsDrawnUnderTheBars() throws {
        let file = folder.appendingPathComponent("plan.yaml")
        try plan.replacingOccurrences(of: "dato: 2025-04-15", with: "dato: 2025-04-08").write(to: file, atomically: true, encoding: .utf8)
        let frozen = folder.appendingPathComponent("baseline.json").path
        XCTAssertEqual(try CLIRunner.run(["plan", file.path, "--save-baseline", frozen]).status, 0)
        let later = folder.appendingPathComponent("later.yaml")
        try plan.write(to: later, atomically: true, encoding: .utf8)
        let out = folder.appendingPathComponent("t.json").path
        let result = try CLIRunner.run(["render", "--plan", later.path, "--view", "tidsplan", "--baseline", frozen, "-o", out])
        XCTAssertEqual(result.status, 0, result.stderr)
        let json = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out))) as? [String: Any])
        let marks = (json["marks"] as? [[String: Any]] ?? []).filter { $0["kind"] as? String == "baseline" }
        let bars = Set((json["boxes"] as? [[String: Any]] ?? []).compactMap { $0["key"] as? String })
        XCTAssertFalse(marks.isEmpty)
        XCTAssertTrue(marks.allSatisfy { bars.contains($0["key"] as? String ?? "") }, "each under a bar of its task")
        let usage = try CLIRunner.run(["render", "--plan", later.path, "--baseline", frozen])
        XCTAssertEqual(usage.status, 64, "a baseline is drawn on the timeline only: \(usage.stderr)")
    }

    func testAPlanWithoutDurationsIsRefusedAndNothingIsWritten() throws {
        let file = folder.appendingPathComponent("plan.yaml")
        try plan.replacingOccurrences(of: "varighed: {FM001: 3, FM002: 4, FM003: 5, TF105: 6}\n", with: "")
            .write(to: file, atomically: true, encoding: .utf8)
        let out = folder.appendingPathComponent("t.svg").path
        let result = try CLIRunner.run(["render", "--plan", file.path, "--view", "tidsplan", "-o", out])
        XCTAssertNotEqual(result.status, 0)
        XCTAssertTrue(result.stderr.contains("gives no durations") && result.stderr.contains("varighed"), result.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: out))
        let usage = try CLIRunner.run(["render", "--view", "tidsplan"])
        XCTAssertEqual(usage.status, 64, usage.stderr)
    }
}

/// `oversigt FILE --view tidsplan`: one row per kommune, by projected end, the overview's day as
/// the today line.
final class RolloutTimelineCLITests: XCTestCase {
    func testTheRolloutTimelineHasARowPerKommuneByProjectedEnd() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("oir-rollout-timeline-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("udrulning.yaml")
        try """
            dato: 2025-03-17
            standard:
              start: 2025-03-03
              varighed: {FM001: 5, FM002: 10, FM003: 5, TF105: 5}
              bogføringssystem: {navn: Øko}
              fagsystemer: [{navn: Sag, leverance: [straks], sortiment: abonnement}]
            kommuner:
              - kommune: Sent Kommune
                varighed: {FM001: 30}
              - kommune: Tidlig Kommune
                status: {FM001: {status: udført, dato: 2025-03-07}, FM002: {status: i_gang, dato: 2025-03-10}}
              - kommune: Uden Kommune
                varighed: {}
            """.write(to: file, atomically: true, encoding: .utf8)
        let out = folder.appendingPathComponent("t.json").path
        let result = try CLIRunner.run(["oversigt", file.path, "--view", "tidsplan", "-o", out])
        XCTAssertEqual(result.status, 0, result.stderr)
        let json = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out))) as? [String: Any])
        // Each row's key is the kommune's file-name form (its id and anchor), its task the name.
        let boxes = json["boxes"] as? [[String: Any]] ?? []
        XCTAssertEqual(Set(boxes.map { $0["key"] as? String ?? "" }), ["tidlig-kommune", "sent-kommune", "uden-kommune"])
        let bars = boxes.map { ($0["task"] as? String ?? "", $0["finish"] as? String ?? "") }
        XCTAssertEqual(Set(bars.map(\.0)), ["Tidlig Kommune", "Sent Kommune", "Uden Kommune"])
        XCTAssertEqual(bars.first?.0, "Tidlig Kommune", "the kommune ahead first")
        XCTAssertEqual(bars.last?.0, "Sent Kommune", "the one with 30 days of FM001 last")
        XCTAssertEqual(bars.map(\.1), bars.map(\.1).sorted(), "sorted by projected end")
        XCTAssertEqual((json["time_scale"] as? [String: Any])?["day"] as? String, "2025-03-17")
        XCTAssertTrue(result.stdout.contains("t.json"))
        for ext in ["svg", "pdf", "png"] {
            let path = folder.appendingPathComponent("t.\(ext)").path
            XCTAssertEqual(try CLIRunner.run(["oversigt", file.path, "--view", "tidsplan", "-o", path]).status, 0, ext)
        }
        let wrong = try CLIRunner.run(["oversigt", file.path, "--view", "tidsplan", "-o", folder.appendingPathComponent("t.csv").path])
        XCTAssertEqual(wrong.status, 64, wrong.stderr)
    }

    /// `docs --all` shows each kommune's timeline on its page (a kommune without durations has
    /// none), offers it as the viewer's second view, and puts the rollout's timeline on the
    /// index, whose rows carry the anchors its bars link to.
    func testDocsForARolloutShowTheTimelines() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("oir-docs-timeline-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("udrulning.yaml")
        try """
            dato: 2025-03-17
            standard:
              start: 2025-03-03
              bogføringssystem: {navn: Øko}
              fagsystemer: [{navn: Sag, leverance: [straks], sortiment: abonnement}]
            kommuner:
              - kommune: Sent Kommune
                varighed: {FM001: 30, FM002: 10}
              - kommune: Uden Kommune
            """.write(to: file, atomically: true, encoding: .utf8)
        let site = folder.appendingPathComponent("site")
        let result = try CLIRunner.run(["docs", "--plan", file.path, "--all", "-o", site.path])
        XCTAssertEqual(result.status, 0, result.stderr)
        let page = try String(contentsOf: site.appendingPathComponent("sent-kommune-plan/index.md"), encoding: .utf8)
        XCTAssertTrue(page.contains("## Tidsplan"), page)
        for name in ["sent-kommune-tidsplan.svg", "sent-kommune-tidsplan-dark.svg"] {
            XCTAssertTrue(page.contains("(\(name)"), name)
            XCTAssertTrue(FileManager.default.fileExists(atPath: site.appendingPathComponent("sent-kommune-plan/\(name)").path), name)
        }
        XCTAssertEqual(page.components(separatedBy: "<style>").count - 1, 1, "the pictures' rules once on the page")
        let viewer = try String(contentsOf: site.appendingPathComponent("sent-kommune-plan/sent-kommune-plan.html"), encoding: .utf8)
        XCTAssertEqual(viewer.components(separatedBy: "role=\"tab\"").count - 1, 2, "the viewer's second view")
        let without = try String(contentsOf: site.appendingPathComponent("uden-kommune-plan/index.md"), encoding: .utf8)
        XCTAssertFalse(without.contains("## Tidsplan"), "no durations, no timeline")
        XCTAssertFalse(FileManager.default.fileExists(atPath: site.appendingPathComponent("uden-kommune-plan/uden-kommune-tidsplan.svg").path))
        let index = try String(contentsOf: site.appendingPathComponent("index.md"), encoding: .utf8)
        XCTAssertTrue(index.contains("(oversigt-tidsplan.svg#gh-light-mode-only)") && index.contains("(oversigt-tidsplan-dark.svg#gh-dark-mode-only)"), index)
        let svg = try String(contentsOf: site.appendingPathComponent("oversigt-tidsplan.svg"), encoding: .utf8)
        for kommune in ["sent-kommune", "uden-kommune"] {
            XCTAssertTrue(index.contains("<a id=\"\(kommune)\"></a>"), "the row's anchor: \(kommune)")
        }
        XCTAssertTrue(svg.contains("href=\"index.html#sent-kommune\""), "the bar links to its row")
        XCTAssertEqual(try CLIRunner.run(["docs", "--plan", file.path, "--all", "-o", site.path, "--check"]).status, 0, "the same set again")
    }
}

import XCTest
@testable import OIRModel

/// Lint checks of the integration's structure: each problem with its message, and every problem
/// of one file in one run.
final class StructureLintTests: XCTestCase {
    private var original: String!

    override func setUpWithError() throws {
        original = try XCTUnwrap(EmbeddedFiles.all[Catalog.builtInName])
    }

    /// The built-in catalog with each (old, new) replacement made once.
    private func text(_ replacements: [(String, String)]) throws -> String {
        var text: String = original
        for (old, new) in replacements {
            let range = try XCTUnwrap(text.range(of: old), "fixture text not found: \(old)")
            text.replaceSubrange(range, with: new)
        }
        return text
    }

    /// Every message of the catalog's problems, in line order.
    private func messages(_ text: String) -> [String] {
        do {
            _ = try Catalog.parse(text, file: "bad.yaml")
            return []
        } catch let error as InputErrors {
            return error.errors.map(\.description)
        } catch {
            return ["\(error)"]
        }
    }

    private func line(of needle: String, in text: String) -> Int {
        text.components(separatedBy: "\n").firstIndex { $0.contains(needle) }.map { $0 + 1 } ?? -1
    }

    func testRoleIDThatIsAlsoAPlanKey() throws {
        let text = try text([("  - id: \"underskriftberettigede\"", "  - id: \"leverance\"")])
        let expected = "bad.yaml:\(line(of: "  - id: \"leverance\"", in: text)): role id 'leverance' is also a key of a plan file"
        XCTAssertTrue(messages(text).contains { $0.hasPrefix(expected) }, messages(text).joined(separator: "\n"))
    }

    func testADefaultDurationIsReadAndChecked() throws {
        let catalog = try Catalog.parse(try text([("    værktøj: \"FK-ADM\"\n", "    værktøj: \"FK-ADM\"\n    varighed: 3\n")]), file: "c.yaml")
        XCTAssertEqual(catalog.tasks.first?.duration, 3)
        let scoped = try PlanFile.parse("kommune: K\nbogføringssystem: {navn: Ø}\nfagsystemer: [{navn: F, leverance: straks, sortiment: abonnement}]\nstart: 2025-03-03\n",
                                        file: "p.yaml", catalog: catalog).plans[0].scope(catalog)
        let schedule = try XCTUnwrap(scoped.analysis(on: CalendarDay("2025-03-03")!).schedule, "the catalog's duration gives a schedule")
        XCTAssertEqual(schedule.earliestFinish[TaskKey(catalog.tasks[0].id)]?.description, "2025-03-05", "three working days")
        XCTAssertTrue(messages(try text([("    værktøj: \"FK-ADM\"\n", "    værktøj: \"FK-ADM\"\n    varighed: -1\n")]))
            .contains { $0.contains("'varighed' of task FM001 must be a whole number") })
    }

    func testAPartThatDisagreesWithTheLaneRuleIsReportedOnItsLine() throws {
        let text = try text([("    part: \"fagsystem\"\n    art: \"tilslutning\"\n    frekvens: \"første_gang_fagsystem\"",
                              "    part: \"bogføringssystem\"\n    art: \"tilslutning\"\n    frekvens: \"første_gang_fagsystem\"")])
        let expected = "bad.yaml:\(line(of: "part: \"bogføringssystem\"", in: text)): task TF100: part is 'bogføringssystem', but its udførende role (system 'fagsystem') puts it in the lane of party 'fagsystem'"
        XCTAssertTrue(messages(text).contains { $0.hasPrefix(expected) }, messages(text).joined(separator: "\n"))
    }

    func testACoordinationPairOfOnceAndPerInstanceWorkIsRefused() throws {
        // FM003 is done once per kommune; TF101 per fagsystem.
        let mixed = try text([("  - [\"FF102\", \"FB204\"]", "  - [\"FF102\", \"FB204\"]\n  - [\"FM003\", \"TF101\"]")])
        XCTAssertTrue(messages(mixed).contains { $0.contains("coordination pair [FM003, TF101] joins FM003, done once, with TF101, done per instance") },
                      messages(mixed).joined(separator: "\n"))
    }

    func testAQuantifierAroundNoRepeatedSystemIsRefused() throws {
        let text = try text([("    værktøj: \"FK-ADM\"\n", "    værktøj: \"FK-ADM\"\n    betingelse: {nogen: {kommune.første_gang: true}}\n")])
        XCTAssertTrue(messages(text).contains { $0.contains("'nogen:' around a condition that asks about no repeated system") }, messages(text).joined(separator: "\n"))
    }

    func testAPartyWithoutAPlanLaneIsReportedOnThePlanLanes() throws {
        let text = try text([("    - \"myndighed\"\n", "")])
        let message = messages(text).first { $0.contains("gives party 'myndighed' no lane for its once-work (such as FM001)") }
        XCTAssertNotNil(message, messages(text).joined(separator: "\n"))
        // On the first lane rule under plan → baner (the line after "  baner:").
        let lanesLine = text.components(separatedBy: "\n").firstIndex { $0 == "  baner:" }.map { $0 + 2 }
        XCTAssertEqual(message.map { $0.hasPrefix("bad.yaml:\(lanesLine ?? -1):") }, true, message ?? "")
    }

    func testTaskWhoseDecidingRoleMapsToNoLane() throws {
        let text = try text([
            ("  - id: \"bogføringssystem\"\n", "  - id: \"debitorsystem\"\n    navn: \"Debitorsystem\"\n  - id: \"bogføringssystem\"\n"),
            ("udførende: {rolle: \"forvaltningsansvarlig\", system: \"fagsystem\"}\n    afhænger_af: [\"FF102\"]",
             "udførende: {rolle: \"forvaltningsansvarlig\", system: \"debitorsystem\"}\n    afhænger_af: [\"FF102\"]"),
        ])
        let problemLine = line(of: "system: \"debitorsystem\"}", in: text)
        XCTAssertEqual(messages(text), [
            "bad.yaml:\(problemLine): task TF108: its udførende role 'forvaltningsansvarlig' (system 'debitorsystem') maps to no lane "
                + "(declare a party with system: debitorsystem under baner → parter, or change the task's udførende)",
        ])
    }

    func testUndeclaredBandFrequencyAndColumn() throws {
        let text = try text([("frekvens: \"hver_tilslutning\"", "frekvens: \"hver_tilslutnig\""), ("art: \"tilslutning\"", "art: \"tilslutnnig\"")])
        let found = messages(text)
        XCTAssertEqual(found.count, 2, "\(found)")
        XCTAssertTrue(found.contains { $0.contains("art 'tilslutnnig' is not declared in 'kolonner' (did you mean 'tilslutning'? declared: forudsætning, tilslutning)") }, "\(found)")
        XCTAssertTrue(found.contains { $0.contains("frekvens 'hver_tilslutnig' is not declared in 'bånd → frekvenser' (did you mean 'hver_tilslutning'?") }, "\(found)")
    }

    func testConditionNamingAnUnknownQuestionOrValue() throws {
        let text = try text([
            ("betingelse: {fagsystem.supplement: true}", "betingelse: {fagsystem.suplement: true}"),
            ("betingelse: {fagsystem.sortiment: \"manuel\"}", "betingelse: {fagsystem.sortiment: \"manual\"}"),
            ("betingelse: {fagsystem.produktionsverifikation: true}", "betingelse: {fagsystems.produktionsverifikation: true}"),
        ])
        let question = line(of: "fagsystem.suplement", in: text), value = line(of: "\"manual\"", in: text)
        let level = line(of: "fagsystems.produktionsverifikation", in: text)
        XCTAssertEqual(messages(text), [
            "bad.yaml:\(question):18: condition names unknown question 'suplement' of fagsystem (did you mean 'supplement'? "
                + "questions of fagsystem: første_gang, leverance, sortiment, supplement, produktionsverifikation, myndighed)",
            "bad.yaml:\(level):18: condition names unknown plan level 'fagsystems' in 'fagsystems.produktionsverifikation' "
                + "(did you mean 'fagsystem'? levels: kommune, bogføringssystem, fagsystem)",
            "bad.yaml:\(value):18: condition asks for 'manual', which 'fagsystem.sortiment' cannot be (did you mean 'manuel'? values: abonnement, manuel)",
        ])
    }

    func testChoiceGroupWithOneMember() throws {
        let text = try text([("opgaver: [\"TF113-A\", \"TF113-B\"]", "opgaver: [\"TF113-A\"]")])
        let found = messages(text)
        XCTAssertTrue(found.contains("bad.yaml:\(line(of: "- id: \"TF113\"", in: text)): choice group 'TF113' has 1 member "
                                     + "(a choice is between at least two tasks; remove the group or add the alternatives)"), "\(found)")
        // TF113-B still says it is a choice: named too.
        XCTAssertTrue(found.contains { $0.contains("task TF113-B: valg 'TF113' is not a declared choice group listing it") }, "\(found)")
    }

    func testCoordinationPairThatIsNotMutual() throws {
        let text = try text([("afhænger_af: [\"FB204\"]", "afhænger_af: []")])
        let pairLine = line(of: "[\"FF102\", \"FB204\"]", in: text)
        XCTAssertEqual(messages(text), [
            "bad.yaml:\(pairLine): coordination pair [FF102, FB204] is not mutual: FF102 does not name FB204 in afhænger_af "
                + "(coordinated tasks name each other; add FB204 to FF102's afhænger_af or remove the pair)",
        ])
    }

    func testCoordinationPairThatOverlapsAnother() throws {
        // FB205 and FB204 made a second pair that shares FB204 with [FF102, FB204].
        let text = try text([
            ("  - [\"FF102\", \"FB204\"]\n", "  - [\"FF102\", \"FB204\"]\n  - [\"FB205\", \"FB204\"]\n"),
            ("udførende: {rolle: \"systemejer\", system: \"bogføringssystem\"}\n    afhænger_af: [\"FF102\"]", "udførende: {rolle: \"systemejer\", system: \"bogføringssystem\"}\n    afhænger_af: [\"FF102\", \"FB205\"]"),
        ])
        let found = messages(text)
        XCTAssertTrue(found.contains { $0.contains("coordination pair [FB205, FB204] overlaps [FF102, FB204] in FB204 (a task is coordinated with one other task at most)") },
                      "\(found)")
    }

    func testCoordinationPairThatHidesACycleThroughAThirdTask() throws {
        // FB204 waits for TF108, which waits for FF102: the pair waits for itself.
        let text = try text([("udførende: {rolle: \"systemejer\", system: \"bogføringssystem\"}\n    afhænger_af: [\"FF102\"]", "udførende: {rolle: \"systemejer\", system: \"bogføringssystem\"}\n    afhænger_af: [\"FF102\", \"TF108\"]")])
        let found = messages(text)
        XCTAssertEqual(found.count, 1, "\(found)")
        let first = try XCTUnwrap(found.first)
        XCTAssertTrue(first.hasPrefix("bad.yaml:\(line(of: "[\"FF102\", \"FB204\"]", in: text)): coordination pair [FF102, FB204] hides a dependency cycle through another task: "),
                      first)
        XCTAssertTrue(first.contains("TF108"), first)
    }

    func testEveryProblemOfAFileInOneRun() throws {
        let text = try text([
            ("    kildenoter: []\n", "    kildenoter: []\n    farve: blå\n"),
            ("variant: \"masseleverance\"", "variant: \"masselevering\""),
            ("opgaver: [\"TF113-A\", \"TF113-B\"]", "opgaver: [\"TF113-A\"]"),
            ("afhænger_af: [\"TF108\"]", "afhænger_af: [\"TF1O8\"]"),
        ])
        let found = messages(text)
        XCTAssertGreaterThanOrEqual(found.count, 4, "\(found)")
        for expected in ["unknown key 'farve' in a task", "variant 'masselevering' is not declared", "choice group 'TF113' has 1 member",
                         "unknown dependency 'TF1O8'"] {
            XCTAssertTrue(found.contains { $0.contains(expected) }, "\(expected) missing from \(found)")
        }
        let lines = found.compactMap { Int($0.split(separator: ":")[1]) }
        XCTAssertEqual(lines, lines.sorted(), "reported in line order")
    }
}

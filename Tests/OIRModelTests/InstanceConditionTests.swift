import Foundation
@testable import OIRModel
import XCTest

/// Work done once may ask about the repeated system only through `nogen:` (some instance) or
/// `alle_instanser:` (every instance), and waits for every instance's work unless the catalog
/// says `venter_på_instanser: nogen`: the plan is the same however many fagsystems it has.
final class InstanceConditionTests: XCTestCase {
    private func catalog(once condition: String, wait: String = "") -> String {
        """
        integration: {id: KORT, titel: Kortbetaling}
        systemer: [{id: fagsystem, navn: Fagsystem, bestemt: fagsystemet}]
        roller: [{id: ejer, navn: Ejer}]
        baner: {parter: [{id: kommune, navn: Kommunen, system: null}, {id: fagsystem, navn: Fagsystem, system: fagsystem}]}
        bånd:
          - {id: b, navn: B, frekvenser: [{id: en_gang, pr: kommune}, {id: hver, pr: fagsystem}]}
        kolonner: [{id: f, overskrift: F}]
        plan:
          systemer:
            - {id: fagsystem, nøgle: fagsystemer, antal: flere, spørgsmål: [{id: kort, type: ja_nej, standard: false}]}
          baner: [kommune, fagsystem, {for_hver: fagsystem, parter: [fagsystem, kommune]}]
        opgaver:
          - {id: A1, titel: Tilslut, ansvarlig: {rolle: ejer, system: fagsystem}, udførende: {rolle: ejer, system: fagsystem},
             part: fagsystem, art: f, frekvens: hver}
          - {id: K1, titel: Kortaftale, ansvarlig: {rolle: ejer}, udførende: {rolle: ejer}, part: kommune, art: f, frekvens: en_gang,
             betingelse: \(condition)}
          - {id: K2, titel: Samlet test, ansvarlig: {rolle: ejer}, udførende: {rolle: ejer}, part: kommune, art: f, frekvens: en_gang,
             afhænger_af: [A1]\(wait)}
        """
    }

    private func plan(cards: [Bool], status: String = "") -> String {
        "kommune: K\nfagsystemer:\n" + cards.enumerated().map { "  - {navn: S\($0.offset), kort: \($0.element)}" }.joined(separator: "\n")
            + (status.isEmpty ? "" : "\nstatus: {\(status)}")
    }

    private func scoped(_ catalogText: String, _ planText: String) throws -> ScopedPlan {
        let catalog = try Catalog.parse(catalogText, file: "k.yaml")
        return try PlanFile.parse(planText, file: "p.yaml", catalog: catalog).plans[0].scope(catalog)
    }

    func testSomeAndEveryInstanceGiveTheSameAnswerForOneAndForManyFagsystems() throws {
        let some = catalog(once: "{nogen: {fagsystem.kort: true}}"), every = catalog(once: "{alle_instanser: {fagsystem.kort: true}}")
        let cases: [([Bool], Bool, Bool)] = [([true], true, true), ([false], false, false), ([false, true, false, true], true, false),
                                              ([true, true, true, true], true, true), ([false, false], false, false)]
        for (cards, needsSome, needsEvery) in cases {
            XCTAssertEqual(try scoped(some, plan(cards: cards)).instance("K1") != nil, needsSome, "nogen, \(cards)")
            XCTAssertEqual(try scoped(every, plan(cards: cards)).instance("K1") != nil, needsEvery, "alle_instanser, \(cards)")
        }
    }

    func testLintRefusesAOnceConditionOnTheRepeatedSystemWithTheFix() {
        XCTAssertThrowsError(try Catalog.parse(catalog(once: "{fagsystem.kort: true}"), file: "k.yaml")) { error in
            XCTAssertTrue("\(error)".contains("task K1 is done once, but its condition asks about one fagsystem ('fagsystem.kort')"), "\(error)")
            XCTAssertTrue("\(error)".contains("write nogen: {fagsystem.kort: …} when any fagsystem is enough"), "\(error)")
        }
        // The same through a variant the once task is in.
        let variant = catalog(once: "null").replacingOccurrences(of: "kolonner:", with: "varianter: [{id: v, navn: V, betingelse: {fagsystem.kort: true}}]\nkolonner:")
            .replacingOccurrences(of: "betingelse: null}", with: "variant: v}")
        XCTAssertThrowsError(try Catalog.parse(variant, file: "k.yaml")) { error in
            XCTAssertTrue("\(error)".contains("task K1 is done once, but its variant 'v' asks about one fagsystem"), "\(error)")
        }
    }

    func testOnceWorkWaitsForEveryInstanceUnlessTheCatalogSaysOne() throws {
        let every = catalog(once: "null"), one = catalog(once: "null", wait: ", venter_på_instanser: nogen")
        let half = plan(cards: [false, false], status: "A1@S0: udført")
        XCTAssertEqual(try scoped(every, half).instance("K2")?.ready, false, "one fagsystem connected is not all")
        XCTAssertEqual(try scoped(one, half).instance("K2")?.ready, true, "nogen: one is enough")
        let all = plan(cards: [false, false], status: "A1@S0: udført, A1@S1: udført")
        XCTAssertEqual(try scoped(every, all).instance("K2")?.ready, true)
    }
}

/// `tasks --format json` carries every field a task may have, as the README's table lists them.
final class TaskExportFieldTests: XCTestCase {
    func testTheTaskJSONHasEveryFieldOfTheReadmesTable() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let readme = try String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)
        let start = try XCTUnwrap(readme.range(of: "| `id` | as printed")?.lowerBound)
        let table = readme[start...].components(separatedBy: "\n\n")[0]
        let documented = Set(table.split(separator: "\n").flatMap { row -> [String] in
            let cell = row.split(separator: "|", omittingEmptySubsequences: true).first.map(String.init) ?? ""
            return cell.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "`")) }
        })
        XCTAssertTrue(documented.isSuperset(of: ["id", "betingelse", "varighed", "venter_på_instanser", "kildenoter"]), "\(documented)")
        let json = try Catalog.builtIn().exportJSON()
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: json) as? [String: Any])
        let tasks = try XCTUnwrap(object["opgaver"] as? [[String: Any]])
        // Optional fields are written as null when absent, so every task carries every key.
        let keys = Set(tasks[0].keys)
        XCTAssertEqual(documented.subtracting(keys), [], "documented but not written")
        XCTAssertEqual(keys.subtracting(documented), ["koordineres_med"], "written but not documented (the partner is derived)")
        XCTAssertTrue(tasks.contains { $0["venter_på_instanser"] as? String == "nogen" })
    }
}

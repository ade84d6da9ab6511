import Foundation
import OIRModel
import OIRTestSupport
import XCTest

/// Reading plan files: the format, its defaults, and one clear message for each bad input.
final class PlanFileTests: XCTestCase {
    private let valid = """
    kommune: Eksempel Kommune
    dato: 2024-05-01
    bogføringssystem:
      navn: Økonomisystem X
    fagsystemer:
      - navn: Fagsystem A
        leverance: [straks, masse]
        sortiment: abonnement
      - navn: Fagsystem B
        første_gang: false
        leverance: [masse]
        sortiment: manuel
        supplement: true
        produktionsverifikation: true
        myndighed: Fællesskab
    status:
      FM001: udført
      TF108@Fagsystem A: i_gang
    """

    private func parse(_ text: String) throws -> PlanFile {
        try PlanFile.parse(text, file: "plan.yaml", catalog: Catalog.builtIn())
    }

    /// The message of the error `body` throws, which must be an `InputError`.
    private func message(_ body: () throws -> Void, file: StaticString = #filePath, line: UInt = #line) -> String {
        do {
            try body()
            XCTFail("expected an input error", file: file, line: line)
            return ""
        } catch let error as InputError {
            return error.description
        } catch {
            XCTFail("expected an InputError, got \(error)", file: file, line: line)
            return ""
        }
    }

    private func replacing(_ old: String, with new: String) -> String {
        XCTAssertTrue(valid.contains(old), "test setup: '\(old)' not in the valid plan")
        return valid.replacingOccurrences(of: old, with: new)
    }

    // MARK: Reading

    func testReadsEveryFieldAndTheDefaults() throws {
        let file = try parse(valid)
        XCTAssertFalse(file.isRollout)
        let plan = try file.plan(named: nil)
        XCTAssertEqual(plan.kommune, "Eksempel Kommune")
        XCTAssertEqual(plan.date, "2024-05-01")
        XCTAssertEqual(plan.answers, ["første_gang": .yesNo(true)])
        XCTAssertEqual(plan.systems, [
            SystemInstance(system: "bogføringssystem", name: "Økonomisystem X",
                           answers: ["første_gang": .yesNo(true), "myndighed": .name("Eksempel Kommune")]),
            SystemInstance(system: "fagsystem", name: "Fagsystem A", answers: [
                "første_gang": .yesNo(true), "leverance": .words(["straks", "masse"]), "sortiment": .word("abonnement"),
                "supplement": .yesNo(false), "produktionsverifikation": .yesNo(false), "myndighed": .name("Eksempel Kommune"),
            ]),
            SystemInstance(system: "fagsystem", name: "Fagsystem B", answers: [
                "første_gang": .yesNo(false), "leverance": .words(["masse"]), "sortiment": .word("manuel"),
                "supplement": .yesNo(true), "produktionsverifikation": .yesNo(true), "myndighed": .name("Fællesskab"),
            ]),
        ])
        XCTAssertEqual(plan.status.map(\.key), ["FM001", "TF108@Fagsystem A"])
        XCTAssertEqual(plan.status(of: "TF108@Fagsystem A"), .inProgress)
        XCTAssertEqual(plan.status(of: "TF109@Fagsystem A"), .notStarted)
        XCTAssertEqual(plan.fileName, "eksempel-kommune")
    }

    func testRolloutFileAndKommuneSelection() throws {
        let text = """
        dato: 2024-06-01
        kommuner:
          - kommune: Århus Kommune
            bogføringssystem: {navn: Opus}
            fagsystemer: [{navn: F, leverance: [straks], sortiment: manuel}]
          - kommune: Ærø Kommune
            dato: 2024-07-01
            bogføringssystem: {navn: Opus}
            fagsystemer: [{navn: F, leverance: [masse], sortiment: manuel}]
        """
        let file = try parse(text)
        XCTAssertTrue(file.isRollout)
        XCTAssertEqual(file.plans.map(\.kommune), ["Århus Kommune", "Ærø Kommune"])
        XCTAssertEqual(file.plans.map(\.date), ["2024-06-01", "2024-07-01"])
        XCTAssertEqual(file.plans.map(\.fileName), ["aarhus-kommune", "aeroe-kommune"])
        XCTAssertEqual(try file.plan(named: "Ærø Kommune").kommune, "Ærø Kommune")
        XCTAssertEqual(try file.plan(named: "ærø kommune").kommune, "Ærø Kommune")

        let unknown = message { _ = try file.plan(named: "Aero Kommune") }
        XCTAssertTrue(unknown.hasPrefix("plan.yaml: no kommune named 'Aero Kommune'"), unknown)
        XCTAssertTrue(unknown.contains("the file has: Århus Kommune, Ærø Kommune"), unknown)
        let none = message { _ = try file.plan(named: nil) }
        XCTAssertTrue(none.contains("choose one with --kommune"), none)
        XCTAssertTrue(none.contains("Århus Kommune, Ærø Kommune"), none)
    }

    // MARK: Bad input

    /// Past `PlanFile.maximumInstances` fagsystems a plan is refused with its line and the limit;
    /// at the limit it is read.
    func testAPlanOfMoreFagsystemsThanTheLimitIsRefused() throws {
        func plan(_ count: Int) -> String {
            "kommune: Stor\nbogføringssystem:\n  navn: Økonomi\nfagsystemer:\n"
                + (1...count).map { "  - {navn: S\($0), leverance: [straks], sortiment: manuel}\n" }.joined()
        }
        XCTAssertEqual(try PlanFile.parse(plan(PlanFile.maximumInstances), file: "plan.yaml", catalog: Catalog.builtIn()).plans[0].systems.count,
                       PlanFile.maximumInstances + 1)
        XCTAssertThrowsError(try PlanFile.parse(plan(PlanFile.maximumInstances + 1), file: "plan.yaml", catalog: Catalog.builtIn())) { error in
            XCTAssertTrue("\(error)".contains("plan.yaml:5:3: 'fagsystemer' of the plan for Stor lists 2001 fagsystems; the limit is 2000"), "\(error)")
        }
    }

    func testYAMLSyntaxError() {
        let text = message { _ = try parse("kommune: [Eksempel\nfagsystemer: x\n") }
        XCTAssertTrue(text.hasPrefix("plan.yaml:"), text)
        XCTAssertTrue(text.contains("YAML"), text)
        XCTAssertNotNil(text.range(of: #"^plan\.yaml:\d+:\d+: "#, options: .regularExpression), "names line and column: \(text)")
    }

    func testMissingRequiredKey() {
        let text = message { _ = try parse(replacing("    leverance: [straks, masse]\n", with: "")) }
        XCTAssertTrue(text.hasPrefix("plan.yaml:6:5: a fagsystem is missing the required key 'leverance'"), text)
        let kommune = message { _ = try parse(replacing("kommune: Eksempel Kommune\n", with: "")) }
        XCTAssertTrue(kommune.hasPrefix("plan.yaml:1:1: the plan is missing the required key 'kommune'"), kommune)
        let bookkeeping = message { _ = try parse(replacing("bogføringssystem:\n  navn: Økonomisystem X\n", with: "")) }
        XCTAssertTrue(bookkeeping.contains("missing the required key 'bogføringssystem'"), bookkeeping)
    }

    func testUnknownKeySuggestsTheNearest() {
        let text = message { _ = try parse(replacing("    leverance: [straks, masse]", with: "    leverence: [straks, masse]")) }
        XCTAssertEqual(text, "plan.yaml:7:5: unknown key 'leverence' in a fagsystem (did you mean 'leverance'?)")
        let top = message { _ = try parse(replacing("dato:", with: "date:")) }
        XCTAssertEqual(top, "plan.yaml:2:1: unknown key 'date' in the plan (did you mean 'dato'?)")
    }

    func testWrongValueListsTheAllowedOnes() {
        let text = message { _ = try parse(replacing("leverance: [straks, masse]", with: "leverance: [hurtig]")) }
        XCTAssertTrue(text.hasPrefix("plan.yaml:7:17: 'hurtig' is not a valid leverance"), text)
        XCTAssertTrue(text.contains("expected one of: straks, masse"), text)
        let sortiment = message { _ = try parse(replacing("sortiment: abonnement", with: "sortiment: abonement")) }
        XCTAssertTrue(sortiment.hasPrefix("plan.yaml:8:16: 'abonement' is not a valid sortiment"), sortiment)
        XCTAssertTrue(sortiment.contains("did you mean 'abonnement'?"), sortiment)
        let flag = message { _ = try parse(replacing("supplement: true", with: "supplement: måske")) }
        XCTAssertTrue(flag.hasPrefix("plan.yaml:13:17: 'supplement' in a fagsystem must be true or false, not 'måske'"), flag)
        let status = message { _ = try parse(replacing("FM001: udført", with: "FM001: færdig")) }
        XCTAssertTrue(status.hasPrefix("plan.yaml:17:10: 'færdig' is not a valid status"), status)
        XCTAssertTrue(status.contains("expected one of: udført, i_gang, ikke_startet"), status)
        let empty = message { _ = try parse(replacing("leverance: [straks, masse]", with: "leverance: []")) }
        XCTAssertTrue(empty.contains("'leverance' of fagsystem 'Fagsystem A' is empty"), empty)
    }

    func testDuplicateFagsystemNames() {
        let text = message { _ = try parse(replacing("navn: Fagsystem B", with: "navn: Fagsystem A")) }
        XCTAssertTrue(text.hasPrefix("plan.yaml:9:5: fagsystem 'Fagsystem A' appears twice in the plan for Eksempel Kommune"), text)
        XCTAssertTrue(text.contains("already listed on line 6"), text)
    }

    func testNoFagsystem() {
        let text = message { _ = try parse("kommune: K\nbogføringssystem: {navn: B}\nfagsystemer: []\n") }
        XCTAssertTrue(text.hasPrefix("plan.yaml:3:14: 'fagsystemer' of the plan for K lists no fagsystem"), text)
    }

    func testDuplicateKommuneInRollout() {
        let text = message { _ = try parse("""
            kommuner:
              - {kommune: K, bogføringssystem: {navn: B}, fagsystemer: [{navn: F, leverance: [straks], sortiment: manuel}]}
              - {kommune: K, bogføringssystem: {navn: B}, fagsystemer: [{navn: F, leverance: [straks], sortiment: manuel}]}
            """) }
        XCTAssertTrue(text.hasPrefix("plan.yaml:3:5: kommune 'K' appears twice"), text)
    }

    // MARK: Status keys, checked against the catalog

    private func scope(_ text: String) throws {
        _ = try parse(text).plan(named: nil).scope(Catalog.builtIn())
    }

    func testValidStatusScopes() throws {
        XCTAssertNoThrow(try scope(valid))
    }

    func testStatusForAnUnknownTaskKey() {
        let text = message { try scope(replacing("FM001: udført", with: "FM01: udført")) }
        XCTAssertTrue(text.hasPrefix("plan.yaml:17:3: status for unknown task key 'FM01'"), text)
        XCTAssertTrue(text.contains("did you mean 'FM001'?"), text)
        let fagsystem = message { try scope(replacing("TF108@Fagsystem A", with: "TF108@Fagsystem Z")) }
        XCTAssertTrue(fagsystem.hasPrefix("plan.yaml:18:3: status for unknown task key 'TF108@Fagsystem Z': the plan has no fagsystem 'Fagsystem Z'"), fagsystem)
        XCTAssertTrue(fagsystem.contains("Fagsystem A, Fagsystem B"), fagsystem)
        let bare = message { try scope(replacing("TF108@Fagsystem A", with: "TF108")) }
        XCTAssertTrue(bare.contains("TF108 is done per fagsystem"), bare)
        XCTAssertTrue(bare.contains("TF108@Fagsystem A, TF108@Fagsystem B"), bare)
        let once = message { try scope(replacing("FM001: udført", with: "FM001@Fagsystem A: udført")) }
        XCTAssertTrue(once.contains("FM001 is done once, not per fagsystem"), once)
    }

    func testStatusForATaskNotInThePlan() {
        // Fagsystem B delivers only by Masseleverance: no TF108 for it.
        let text = message { try scope(replacing("TF108@Fagsystem A", with: "TF108@Fagsystem B")) }
        XCTAssertTrue(text.hasPrefix("plan.yaml:18:3: status for 'TF108@Fagsystem B', a task that is not in the plan"), text)
        XCTAssertTrue(text.contains("TF108 is only needed when fagsystem.leverance: straks"), text)
        let notFirst = message { try scope(replacing("TF108@Fagsystem A", with: "FF100@Fagsystem B")) }
        XCTAssertTrue(notFirst.contains("FF100 is only needed when fagsystem.første_gang: true"), notFirst)
    }

    func testDuplicateStatusKey() {
        let text = message { _ = try parse(replacing("TF108@Fagsystem A: i_gang", with: "FM001: i_gang")) }
        XCTAssertNotNil(text.range(of: #"^plan\.yaml:\d+:\d+: 'FM001' appears 2 times in 'status', on lines \d+ and \d+"#, options: .regularExpression), text)
    }

    /// A status added under a task that already has an entry names both lines and suggests the
    /// one entry; every repeated key of the file is reported at once, each at its first line.
    func testARepeatedStatusKeyNamesEveryLineAndTheMergedEntry() throws {
        let catalog = try Catalog.builtIn()
        let text = """
            kommuner:
              - kommune: Nordby Kommune
                bogføringssystem: {navn: Øko}
                status:
                  FM001: {frist: 2025-03-01, note: "ring, til IT"}   # spurgt
                  FM002: udført
                  FM001: udført
                  FM003:
                    frist: 2025-04-01
                  FM003: i_gang
                  FM002: {dato: 2025-02-03}
                  FM002: i_gang
            """
        let errors: [InputError]
        do {
            _ = try PlanFile.parse(text, file: "r.yaml", catalog: catalog)
            return XCTFail("repeated keys must be refused")
        } catch let error as InputErrors {
            errors = error.errors
        }
        XCTAssertEqual(errors.map(\.description), [
            "r.yaml:5:7: 'FM001' appears 2 times in 'status', on lines 5 and 7 (write it once: FM001: {status: udført, frist: 2025-03-01, note: \"ring, til IT\"})",
            "r.yaml:6:7: 'FM002' appears 3 times in 'status', on lines 6, 11 and 12 (keep one entry per key, with everything it says)",
            "r.yaml:8:7: 'FM003' appears 2 times in 'status', on lines 8 and 10 (keep one entry per key, with everything it says)",
        ])
    }

    func testMissingFileAndFolder() {
        XCTAssertEqual(message { _ = try PlanFile.load(path: "/nonexistent/plan.yaml", catalog: Catalog.builtIn()) }, "/nonexistent/plan.yaml: no such file")
    }
}

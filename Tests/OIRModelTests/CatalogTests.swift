import Foundation
import OIRPublish
import XCTest
@testable import OIRModel

final class CatalogTests: XCTestCase {
    private var catalog: Catalog!

    override func setUpWithError() throws {
        catalog = try Catalog.builtIn()
    }

    /// The built-in catalog is read from the tree `oir-embed` composed at build time: it must be
    /// the catalog its YAML file says (line numbers aside, which the tree does not carry): every
    /// field of every task, and every diagram and plan drawn from it (the golden files).
    func testTheBuiltInTreeIsTheCatalogFile() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let fromFile = try Catalog.load(path: root.appendingPathComponent("Sources/OIRModel/Catalogs/sf1590a.yaml").path)
        let builtIn = try Catalog.builtIn()
        XCTAssertEqual(try builtIn.exportJSON(), try fromFile.exportJSON())
        XCTAssertEqual(builtIn.structure.bands.map(\.id), fromFile.structure.bands.map(\.id))
        XCTAssertEqual(builtIn.tasks.map { $0.condition.map { "\($0)" } }, fromFile.tasks.map { $0.condition.map { "\($0)" } })
    }

    func testHoldsTheThirtySixTasksInDocumentOrder() {
        XCTAssertEqual(catalog.tasks.map(\.id), [
            "FM001", "FM002", "FM003", "FF100", "TF100", "TF101", "TF102", "FB200", "FB201", "FB202", "FB203",
            "TB200", "TB201", "TB202", "TB203", "FF101", "FF102", "TF103", "TF104", "TF105", "TF106", "TF107",
            "TF108", "TF109", "TF110", "TF111", "TF112", "TF113-A", "TF113-B", "FB204", "FB205",
            "TB204", "TB205", "TB206", "TB207", "TB208",
        ])
    }

    /// The Afhæng af column of every table, with TF106's "TS105" read as TF105.
    func testDependenciesAreExactlyTheTables() {
        let expected: [String: [String]] = [
            "TF101": ["TF113-A"], "FB202": ["FB201"], "FB203": ["FB202"], "TB200": ["TF106"], "TB201": ["FM003", "TF105"],
            "FF102": ["FB204"], "TF104": ["TF103"], "TF106": ["TF105"], "TF107": ["TB204"], "TF108": ["FF102"],
            "TF109": ["TF108"], "TF111": ["TF110"], "TF112": ["TF100"], "TF113-A": ["TF103"], "TF113-B": ["TF103"],
            "FB204": ["FF102"], "FB205": ["TF105", "TF109", "TF111"], "TB204": ["TF105", "TB208"], "TB205": ["TB204", "TF107"],
            "TB207": ["TB201"], "TB208": ["TF105"],
        ]
        for task in catalog.tasks {
            XCTAssertEqual(task.dependencies, expected[task.id] ?? [], "dependencies of \(task.id)")
        }
        XCTAssertTrue(catalog.task("TF106")!.sourceNotes.joined().contains("TS105"), "TF106 says where TF105 comes from")
    }

    /// Ansvarlig and Udførende of every task, as the tables name them.
    func testResponsibleAndPerformerRoles() {
        let forvFag = "Forvaltningsansvarlig for fagsystemet", forvBog = "Forvaltningsansvarlig for bogføringssystemet"
        let ejerFag = "Systemejer for fagsystemet", ejerBog = "Systemejer for bogføringssystemet"
        let ansvFag = "Systemansvarlig for fagsystemet", ansvBog = "Systemansvarlig for bogføringssystemet"
        let admFag = "Systemadministrator for fagsystemet", admBog = "Systemadministrator for bogføringssystemet"
        let underskrift = "Underskriftberettigede for fagsystemet"
        let infraEjer = "Infrastruktursystemejer", infraAnsv = "Infrastruktursystemansvarlig"
        let expected: [String: (String, String)] = [
            "FM001": (infraEjer, infraAnsv), "FM002": (infraEjer, infraAnsv), "FM003": (infraEjer, infraAnsv),
            "FF100": (forvFag, forvFag), "TF100": (forvFag, forvFag), "TF101": (forvFag, forvFag), "TF102": (forvFag, forvFag),
            "FB200": (forvBog, forvBog), "FB201": (ejerBog, ejerBog), "FB202": (forvBog, forvBog), "FB203": (forvBog, forvBog),
            "TB200": (ejerBog, ansvBog), "TB201": (forvBog, forvBog), "TB202": (forvBog, forvBog), "TB203": (ansvBog, forvBog),
            "FF101": (ejerFag, ejerFag), "FF102": (ejerFag, ejerFag), "TF103": (forvFag, forvFag), "TF104": (ejerFag, admFag),
            "TF105": (ejerFag, admFag), "TF106": (ejerFag, ansvFag), "TF107": (ansvFag, admFag), "TF108": (forvFag, forvFag),
            "TF109": (ansvFag, underskrift), "TF110": (forvFag, forvFag), "TF111": (ansvFag, underskrift),
            "TF112": (forvFag, forvFag), "TF113-A": (ansvFag, admFag), "TF113-B": (forvFag, forvFag),
            "FB204": (ejerBog, ejerBog), "FB205": (ansvBog, forvBog), "TB204": (ansvBog, admBog), "TB205": (ansvBog, admBog),
            "TB206": (ansvBog, forvBog), "TB207": (ansvBog, forvBog), "TB208": (ansvBog, admBog),
        ]
        XCTAssertEqual(Set(expected.keys), Set(catalog.tasks.map(\.id)))
        for task in catalog.tasks {
            XCTAssertEqual(catalog.name(of: task.responsible), expected[task.id]?.0, "ansvarlig of \(task.id)")
            XCTAssertEqual(catalog.name(of: task.performer), expected[task.id]?.1, "udførende of \(task.id)")
        }
    }

    func testClassificationFollowsTheDocumentSections() {
        func ids(_ include: (TaskDefinition) -> Bool) -> [String] { catalog.tasks.filter(include).map(\.id) }
        XCTAssertEqual(ids { $0.frequency == "én_gang_pr_kommune" }, ["FM001", "FM002", "FM003"])
        XCTAssertEqual(ids { $0.frequency == "første_gang_fagsystem" }, ["FF100", "TF100", "TF101", "TF102"])
        XCTAssertEqual(ids { $0.frequency == "første_gang_bogføringssystem" }, ["FB200", "FB201", "FB202", "FB203", "TB200", "TB201", "TB202", "TB203"])
        XCTAssertEqual(ids { $0.variant == "straksleverance" }, ["TF108", "TF109", "TF110", "TF111", "TB206"])
        XCTAssertEqual(ids { $0.variant == "masseleverance" }, ["TF112", "TB207"])
        XCTAssertEqual(ids { $0.variant == "sortiment" }, ["TF113-A", "TF113-B", "TB208"])
        XCTAssertEqual(ids { $0.alternative == .conditional }, ["TF100"])
        XCTAssertEqual(ids { $0.alternative == .optional }, ["TF107", "TB205"])
        XCTAssertEqual(ids { $0.alternative == .choice }, ["TF113-A", "TF113-B"])
        XCTAssertEqual(ids { $0.klik }, ["FM001", "FM002", "FM003", "FF100", "TF100", "FB200", "FB202", "TF104",
                                         "TF108", "TF109", "TF110", "TF111", "TF113-A", "TF113-B", "TB208"])
        for task in catalog.tasks {
            XCTAssertEqual(task.kind, task.id.hasPrefix("F") ? "forudsætning" : "tilslutning", task.id)
            let party = task.id.dropFirst().hasPrefix("M") ? "myndighed" : task.id.dropFirst().hasPrefix("F") ? "fagsystem" : "bogføringssystem"
            XCTAssertEqual(task.party, party, task.id)
        }
    }

    func testCoordinationPairIsNotACycle() {
        XCTAssertEqual(catalog.coordinationPartner(of: "FF102"), "FB204")
        XCTAssertEqual(catalog.coordinationPartner(of: "FB204"), "FF102")
        let graph = DependencyGraph(catalog: catalog)
        XCTAssertNil(graph.firstCycle())
        XCTAssertEqual(graph.predecessors["FF102"], [])
        XCTAssertEqual(graph.predecessors["FB204"], [])
        let order = graph.topologicalOrder()
        XCTAssertEqual(order.count, 36)
        for task in catalog.tasks {
            for dependency in graph.predecessors[task.id] ?? [] {
                XCTAssertLessThan(order.firstIndex(of: dependency)!, order.firstIndex(of: task.id)!)
            }
        }
    }

    func testJSONExportCarriesEveryFieldWithRoleNames() throws {
        let export = try JSONDecoder().decode(Catalog.Export.self, from: catalog.exportJSON())
        XCTAssertEqual(export.opgaver.count, 36)
        let tf109 = try XCTUnwrap(export.opgaver.first { $0.id == "TF109" })
        XCTAssertEqual(tf109.ansvarlig, "Systemansvarlig for fagsystemet")
        XCTAssertEqual(tf109.udførende, "Underskriftberettigede for fagsystemet")
        XCTAssertEqual(tf109.afhænger_af, ["TF108"])
        XCTAssertEqual(tf109.variant, "straksleverance")
        XCTAssertTrue(tf109.klik)
        let ff102 = try XCTUnwrap(export.opgaver.first { $0.id == "FF102" })
        XCTAssertEqual(ff102.koordineres_med, "FB204")
        let tb201 = try XCTUnwrap(export.opgaver.first { $0.id == "TB201" })
        XCTAssertEqual(tb201.infref, ["SF1590_A_IF02-03"])
        XCTAssertTrue(export.opgaver.allSatisfy { !$0.aktivitet.isEmpty && !$0.titel.isEmpty })
    }
}

/// Each lint error names the file, the line and the offending value.
final class CatalogValidationTests: XCTestCase {
    private func text(replacing old: String, with new: String) throws -> String {
        let original = try XCTUnwrap(EmbeddedFiles.all[Catalog.builtInName])
        XCTAssertTrue(original.contains(old), "fixture text not found: \(old)")
        return original.replacingOccurrences(of: old, with: new)
    }

    private func line(of needle: String, in text: String) -> Int {
        text.components(separatedBy: "\n").firstIndex { $0.contains(needle) }.map { $0 + 1 } ?? -1
    }

    private func message(_ text: String) -> String {
        do {
            _ = try Catalog.parse(text, file: "bad.yaml")
            return "no error"
        } catch {
            return "\(error)"
        }
    }

    func testUnknownDependency() throws {
        let text = try text(replacing: "afhænger_af: [\"TF108\"]", with: "afhænger_af: [\"TF1O8\"]")
        let taskLine = line(of: "id: \"TF109\"", in: text)
        XCTAssertEqual(message(text), "bad.yaml:\(taskLine): task TF109: unknown dependency 'TF1O8' (did you mean 'TF108'?)")
    }

    func testDuplicateID() throws {
        let text = try text(replacing: "id: \"TF110\"", with: "id: \"TF109\"")
        let lines = text.components(separatedBy: "\n").enumerated().filter { $0.element.contains("id: \"TF109\"") }.map { $0.offset + 1 }
        XCTAssertEqual(lines.count, 2)
        XCTAssertTrue(message(text).hasPrefix("bad.yaml:\(lines[1]):"), message(text))
        XCTAssertTrue(message(text).contains("duplicate task id 'TF109' (it is already defined on line \(lines[0])"), message(text))
    }

    func testUnknownRole() throws {
        let text = try text(replacing: "ansvarlig: {rolle: \"systemansvarlig\", system: \"fagsystem\"}\n    udførende: {rolle: \"underskriftberettigede\"",
                            with: "ansvarlig: {rolle: \"systemansvarli\", system: \"fagsystem\"}\n    udførende: {rolle: \"underskriftberettigede\"")
        let m = message(text)
        XCTAssertTrue(m.hasPrefix("bad.yaml:\(line(of: "id: \"TF109\"", in: text)): task TF109: unknown role 'systemansvarli' in ansvarlig"), m)
        XCTAssertTrue(m.contains("did you mean 'systemansvarlig'?"), m)
    }

    func testUnknownEnumerationValue() throws {
        let text = try text(replacing: "variant: \"masseleverance\"", with: "variant: \"masselevering\"")
        let m = message(text)
        let valueLine = line(of: "variant: \"masselevering\"", in: text)
        XCTAssertTrue(m.hasPrefix("bad.yaml:\(valueLine):"), m)
        XCTAssertTrue(m.contains("task TF112: variant 'masselevering' is not declared in 'varianter'"), m)
        XCTAssertTrue(m.contains("did you mean 'masseleverance'?"), m)
        XCTAssertTrue(m.contains("declared: sortiment, straksleverance, masseleverance"), m)
    }

    func testPrecedenceCycle() throws {
        // TF108 waits for FF102; making FF102 wait for TF109 closes FF102 → TF108 → TF109 → FF102.
        let text = try text(replacing: "afhænger_af: [\"FB204\"]", with: "afhænger_af: [\"FB204\", \"TF109\"]")
        let m = message(text)
        XCTAssertTrue(m.contains("dependency cycle"), m)
        XCTAssertTrue(m.contains("FF102") && m.contains("TF108") && m.contains("TF109"), m)
        XCTAssertTrue(m.hasPrefix("bad.yaml:"), m)
    }

    /// A cycle is reported with the file's other problems, in one run.
    func testACycleIsReportedBesideOtherProblems() throws {
        let cyclic = try text(replacing: "afhænger_af: [\"FB204\"]", with: "afhænger_af: [\"FB204\", \"TF109\"]")
        let both = cyclic.replacingOccurrences(of: "    kommentar: ", with: "    komentar: ")
        XCTAssertNotEqual(both, cyclic)
        let m = message(both)
        XCTAssertTrue(m.contains("dependency cycle"), m)
        XCTAssertTrue(m.contains("unknown key 'komentar'"), m)
    }

    func testMutualDependencyOutsideACoordinationIsACycle() throws {
        let text = try text(replacing: "  - [\"FF102\", \"FB204\"]", with: "  []")
        XCTAssertTrue(message(text).contains("dependency cycle"), message(text))
    }

    func testUnknownKeySuggestsTheNearest() throws {
        let text = try text(replacing: "    kommentar: ", with: "    komentar: ")
        let m = message(text)
        XCTAssertTrue(m.contains("unknown key 'komentar' in a task (did you mean 'kommentar'?)"), m)
    }

    func testYAMLSyntaxErrorHasLineAndColumn() {
        let m = message("integration:\n  id: [unclosed\n")
        XCTAssertTrue(m.hasPrefix("bad.yaml:"), m)
        XCTAssertTrue(m.contains("YAML syntax error"), m)
    }

    func testEmptyFile() {
        XCTAssertEqual(message(""), "bad.yaml:1: the file is empty (expected a YAML mapping)")
    }
}

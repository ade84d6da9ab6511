import Foundation
import OIRTestSupport
import XCTest
@testable import OIRModel

/// Inputs that make no sense are refused with one clear message.
final class InputSenseTests: XCTestCase {
    private func message(_ plan: String) -> String {
        do {
            _ = try PlanFile.parse(plan, file: "p.yaml", catalog: Catalog.builtIn())
            return "no error"
        } catch {
            return "\(error)"
        }
    }

    private func plan(kommune: String) -> String {
        "kommune: \(kommune)\nbogføringssystem: {navn: B}\nfagsystemer: [{navn: F, leverance: straks, sortiment: manuel}]\n"
    }

    func testNullEmptyAndInvisibleNamesAreRefused() {
        XCTAssertEqual(message(plan(kommune: "~")), "p.yaml:1:10: 'kommune' in the plan is empty (null) (give a name)")
        XCTAssertEqual(message(plan(kommune: "null")), "p.yaml:1:10: 'kommune' in the plan is empty (null) (give a name)")
        XCTAssertEqual(message(plan(kommune: "\"  \"")), "p.yaml:1:10: 'kommune' in the plan is empty (give a name)")
        for invisible in ["\"\u{200B}\u{200D}\"", "\"\u{301}\u{302}\u{20DD}\"", "\"\u{2060}\u{FEFF}\""] {
            XCTAssertTrue(message(plan(kommune: invisible)).contains("'kommune' in the plan has no visible character"), message(plan(kommune: invisible)))
        }
        XCTAssertEqual(message(plan(kommune: "\"Å\u{301}by Kommune\"")), "no error", "a combining mark on a letter is fine")
    }

    func testAPlanWhoseStatusKeysAllMissSaysSo() throws {
        let catalog = try Catalog.builtIn()
        let text = plan(kommune: "K") + "status:\n  BK001: udført\n  BB201@Nordbank: i_gang\n"
        // (BK001 and BB201 are another catalog's tasks.)
        let file = try PlanFile.parse(text, file: "p.yaml", catalog: catalog)
        XCTAssertThrowsError(try file.plans[0].scope(catalog)) { error in
            XCTAssertTrue("\(error)".contains("none of the plan's 2 status keys names a task of SF1590_A"), "\(error)")
        }
        // One right key among wrong ones: only the wrong ones are reported.
        let mixed = try PlanFile.parse(plan(kommune: "K") + "status:\n  FM001: udført\n  XX002: i_gang\n", file: "p.yaml", catalog: catalog)
        XCTAssertThrowsError(try mixed.plans[0].scope(catalog)) { error in
            XCTAssertFalse("\(error)".contains("none of the plan's"), "\(error)")
        }
    }

    /// Durations that put the projected end past 9999 are refused with the year they would give
    /// (never a five-digit date in a calendar or a checklist).
    func testAProjectedEndPastTheYearLimitIsRefused() throws {
        let tasks = (0..<2_100).map { i in
            "  - {id: A\(i), titel: T, ansvarlig: {rolle: r, system: fagsystem}, udførende: {rolle: r, system: fagsystem}, "
                + "afhænger_af: [\(i == 0 ? "" : "A\(i - 1)")], part: fagsystem, art: forudsætning, frekvens: hver_tilslutning, varighed: 1000}"
        }
        let text = "integration: {id: X, titel: X}\nsystemer: [{id: fagsystem, navn: F}]\nroller: [{id: r, navn: R}]\n"
            + MinimalCatalog.structure + "\nopgaver:\n" + tasks.joined(separator: "\n") + "\n"
        let catalog = try Catalog.parse(text, file: "long.yaml")
        let file = try PlanFile.parse("kommune: K\nstart: 2025-01-06\nfagsystemer: [{navn: F}]\n", file: "p.yaml", catalog: catalog)
        XCTAssertThrowsError(try file.plans[0].scope(catalog)) { error in
            XCTAssertTrue("\(error)".contains("the plan's durations put its projected end in the year 1"), "\(error)")
            XCTAssertTrue("\(error)".contains("past 9999"), "\(error)")
        }
        // The same chain of short tasks is fine.
        let short = try Catalog.parse(text.replacingOccurrences(of: "varighed: 1000", with: "varighed: 1"), file: "short.yaml")
        XCTAssertNoThrow(try PlanFile.parse("kommune: K\nstart: 2025-01-06\nfagsystemer: [{navn: F}]\n", file: "p.yaml", catalog: short).plans[0].scope(short))
    }

    func testAFIFOOrDeviceIsNotReadAsAFile() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("oir-fifo-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let fifo = folder.appendingPathComponent("plan.yaml")
        XCTAssertEqual(mkfifo(fifo.path, 0o600), 0)
        XCTAssertThrowsError(try PlanFile.load(path: fifo.path, catalog: Catalog.builtIn())) {
            XCTAssertEqual("\($0)", "\(fifo.path): is a FIFO; give a file (the file is read twice at most, which a pipe cannot do)")
        }
        XCTAssertThrowsError(try Catalog.load(path: "/dev/zero")) { XCTAssertEqual("\($0)", "/dev/zero: is a device; give a file") }
    }

    func testALongListOfKommunerIsCutToACount() throws {
        let entries = (1...2_000).map { "  - {kommune: K\($0), bogføringssystem: {navn: B}, fagsystemer: [{navn: F, leverance: straks, sortiment: manuel}]}" }
        let file = try PlanFile.parse("kommuner:\n" + entries.joined(separator: "\n") + "\n", file: "r.yaml", catalog: Catalog.builtIn())
        XCTAssertThrowsError(try file.plan(named: nil)) { error in
            XCTAssertLessThan("\(error)".count, 300, "\(error)")
            XCTAssertTrue("\(error)".contains("K1, K2, K3, K4, K5, K6, K7, K8, K9, K10 and 1990 more"), "\(error)")
        }
    }

    func testALinkBaseIsAFullWebAddressWithoutFragment() {
        for good in ["https://docs.example.org/sf1590a", "http://intranet/opgaver.html", "#", "./", "opgaver.html", "../plan/index.html#"] {
            XCTAssertTrue(Slug.isLinkBase(good), good)
        }
        for bad in ["http://", "https://", "https://example.org/#top", "https://example.org/a#", "ftp://example.org", "javascript:alert(1)",
                    "JavaScript:alert(1)", "data:text/html,x", "//evil.example/x", "a#b", "opgaver .html", "x\"onload=\"y"] {
            XCTAssertFalse(Slug.isLinkBase(bad), bad)
        }
    }

    func testTaskLinksJoinTheBaseAndTheTask() {
        XCTAssertEqual(Slug.link(base: "#", task: "TF108"), "#TF108")
        XCTAssertEqual(Slug.link(base: "./", task: "TF113-A"), "./#TF113-A")
        XCTAssertEqual(Slug.link(base: "https://example.org/opgaver", task: "TF108"), "https://example.org/opgaver#TF108")
    }
}

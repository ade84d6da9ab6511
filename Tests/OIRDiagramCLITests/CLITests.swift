import Foundation
import OIRTestSupport
import XCTest

/// Runs the built `oir-diagram` the way a user does and checks what they rely on.
final class CLITests: XCTestCase {
    private var binary: URL { CLIRunner.binary }

    private func run(_ arguments: [String], in directory: URL? = nil) throws -> CLIResult {
        try CLIRunner.run(arguments, in: directory)
    }

    private func temporaryDirectory() throws -> URL {
        try temporaryFolder()
    }

    func testRenderWithoutArgumentsWritesTheOfficialSVGAndPrintsItsPath() throws {
        let folder = try temporaryDirectory()
        let result = try run(["render"], in: folder)
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(result.stdout, "sf1590a-bilag1.svg\n")
        XCTAssertEqual(result.stderr, "", "the library prints nothing to stderr")
        let svg = try String(contentsOf: folder.appendingPathComponent("sf1590a-bilag1.svg"), encoding: .utf8)
        XCTAssertTrue(svg.contains("<svg"))
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path), ["sf1590a-bilag1.svg"], "no temporary files left")
    }

    func testRenderFormatsAndStandardOutput() throws {
        let dot = try run(["render", "--format", "dot", "-o", "-"])
        XCTAssertEqual(dot.status, 0)
        XCTAssertTrue(dot.stdout.hasPrefix("digraph \"sf1590a-bilag1\" {"))
        let folder = try temporaryDirectory()
        let pdf = try run(["render", "--format", "pdf", "-o", folder.appendingPathComponent("b.pdf").path])
        XCTAssertEqual(pdf.status, 0, pdf.stderr)
        let bytes = try Data(contentsOf: folder.appendingPathComponent("b.pdf"))
        XCTAssertEqual(Array(bytes.prefix(5)), Array("%PDF-".utf8))
        // qpdf finds nothing to complain about.
        let qpdf = try ExternalTool.run("qpdf", ["--check", folder.appendingPathComponent("b.pdf").path])
        XCTAssertEqual(qpdf.status, 0, "qpdf --check: \(qpdf.output)")
    }

    func testTasksJSONHasTheThirtySixTasksWithRoleNames() throws {
        let result = try run(["tasks", "--format", "json"])
        XCTAssertEqual(result.status, 0, result.stderr)
        let json = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let tasks = try XCTUnwrap(json["opgaver"] as? [[String: Any]])
        XCTAssertEqual(tasks.count, 36)
        let fm001 = try XCTUnwrap(tasks.first)
        XCTAssertEqual(fm001["id"] as? String, "FM001")
        XCTAssertEqual(fm001["ansvarlig"] as? String, "Infrastruktursystemejer")
        XCTAssertEqual(fm001["udførende"] as? String, "Infrastruktursystemansvarlig")
        for key in ["titel", "aktivitet", "værktøj", "afhænger_af", "kommentar", "part", "art", "frekvens", "variant",
                    "alternativ", "klik", "infref", "referencer", "links"] {
            XCTAssertNotNil(fm001[key], "field \(key)")
        }
        let table = try run(["tasks"])
        XCTAssertTrue(table.stdout.contains("TF113-A"))
    }

    func testLintReportsABadCatalogWithFileAndLineAndLeavesOutputsAlone() throws {
        let folder = try temporaryDirectory()
        let catalog = folder.appendingPathComponent("bad.yaml")
        let text = """
            integration: {id: "X", titel: "X"}
            systemer: [{id: fagsystem, navn: Fagsystem, bestemt: fagsystemet}]
            roller: [{id: systemejer, navn: Systemejer}]
            opgaver:
              - id: FF100
                titel: A
                ansvarlig: {rolle: systemejer, system: fagsystem}
                udførende: {rolle: systemejer, system: fagsystem}
                afhænger_af: [FF999]
                part: fagsystem
                art: forudsætning
                frekvens: hver_tilslutning
            \(MinimalCatalog.structure)
            """
        try text.write(to: catalog, atomically: true, encoding: .utf8)
        let lint = try run(["lint", "--catalog", catalog.path])
        XCTAssertEqual(lint.status, 1)
        XCTAssertEqual(lint.stderr, "error: \(catalog.path):5: task FF100: unknown dependency 'FF999' (a dependency must be the id of a task in this catalog)\n")

        let existing = folder.appendingPathComponent("keep.svg")
        try Data("old".utf8).write(to: existing)
        let render = try run(["render", "--catalog", catalog.path, "-o", existing.path])
        XCTAssertEqual(render.status, 1)
        XCTAssertEqual(try String(contentsOf: existing, encoding: .utf8), "old", "a failed render leaves the file alone")
    }

    func testUnknownStyleAndUnwritableTargetFailClearly() throws {
        let style = try run(["render", "--style", "glossy", "-o", "-"])
        XCTAssertEqual(style.status, 1)
        XCTAssertTrue(style.stderr.contains("unknown style 'glossy'"), style.stderr)
        let folder = try temporaryDirectory()
        let directory = try run(["render", "-o", folder.path])
        XCTAssertEqual(directory.status, 1)
        XCTAssertTrue(directory.stderr.contains("is a directory"), directory.stderr)
        let format = try run(["render", "--format", "gif"])
        XCTAssertEqual(format.status, 64, "a usage error")
    }

    func testPageAndDPIAreCheckedBeforeAnyWork() throws {
        for (arguments, says) in [
            (["render", "--page", "letter", "-o", "-"], "'a3', 'a4', 'a3-portrait'"),
            (["render", "--dpi", "150", "-o", "-"], "--dpi sets the resolution of a PNG"),
            (["render", "--format", "png", "--dpi", "5", "-o", "-"], "--dpi must be between 36 and 600, not 5"),
            (["render", "--split", "bands", "-o", "-"], "--split spreads a PDF over pages: use it with --format pdf (svg has one picture)"),
            (["render", "--split", "columns", "--format", "pdf", "-o", "-"], "'auto', 'none' or 'bands'"),
        ] {
            let result = try run(arguments)
            XCTAssertEqual(result.status, 64, arguments.joined(separator: " "))
            XCTAssertTrue(result.stderr.contains(says), result.stderr)
        }
        let slide = try run(["render", "--page", "slide", "--format", "png", "--dpi", "72", "-o", "-"])
        XCTAssertEqual(slide.status, 0, slide.stderr)
    }

    /// `--split`: A4 splits by itself, `none` keeps one page, `bands` splits even A3 (a page per column).
    func testSplitDecidesThePagesOfAPDF() throws {
        try ExternalTool.require("pdfinfo")
        let folder = try temporaryDirectory()
        for (arguments, pages) in [(["--page", "a4"], 3), (["--page", "a4", "--split", "none"], 1), ([], 1), (["--split", "bands"], 2)] {
            let pdf = folder.appendingPathComponent("\(UUID().uuidString).pdf").path
            let result = try run(["render"] + arguments + ["-o", pdf])
            XCTAssertEqual(result.status, 0, result.stderr)
            let info = try ExternalTool.run("pdfinfo", [pdf]).output
            XCTAssertTrue(info.contains("Pages:           \(pages)\n"), "\(arguments): \(info)")
        }
    }

    func testDocsWritesAPageWhoseImagesResolveAndWhoseTablesAreWellFormed() throws {
        let folder = try temporaryDirectory().appendingPathComponent("docs")
        let result = try run(["docs", "-o", folder.path])
        XCTAssertEqual(result.status, 0, result.stderr)
        let page = try String(contentsOf: folder.appendingPathComponent("sf1590a-bilag1/index.md"), encoding: .utf8)
        // Every image the page names is a file next to it.
        let regex = try NSRegularExpression(pattern: #"!\[[^\]]*\]\(([^)#]+)(#[^)]*)?\)"#)
        let images = regex.matches(in: page, range: NSRange(page.startIndex..., in: page)).map { String(page[Range($0.range(at: 1), in: page)!]) }
        XCTAssertEqual(images, ["sf1590a-bilag1.svg", "sf1590a-bilag1-dark.svg"])
        for image in images {
            XCTAssertTrue(FileManager.default.fileExists(atPath: folder.appendingPathComponent("sf1590a-bilag1/" + image).path), image)
        }
        XCTAssertTrue(page.contains("(sf1590a-bilag1.svg#gh-light-mode-only)") && page.contains("(sf1590a-bilag1-dark.svg#gh-dark-mode-only)"))
        // Boxes link to their own row: the page's tables carry an anchor per task.
        let svg = try String(contentsOf: folder.appendingPathComponent("sf1590a-bilag1/sf1590a-bilag1.svg"), encoding: .utf8)
        XCTAssertTrue(svg.contains("xlink:href=\"index.html#TF108\""), "a box links to the page's row, by its file name (from disk too)")
        XCTAssertTrue(page.contains("| <a id=\"TF108\"></a>TF108 |"), "the row has the anchor")
        XCTAssertEqual(page.components(separatedBy: "<a id=\"TF108\">").count, 2, "one anchor per task")
        // A table per lane: a header, a separator with as many columns, and rows of the same width.
        let lines = page.components(separatedBy: "\n")
        let headers = lines.indices.filter { lines[$0] == "| ID | Titel | Ansvarlig | Udførende | Værktøj | Afhænger af |" }
        XCTAssertEqual(headers.count, 5, "one table per lane")
        for header in headers {
            XCTAssertEqual(lines[header + 1], "| --- | --- | --- | --- | --- | --- |")
            var row = header + 2
            while row < lines.count, lines[row].hasPrefix("| ") {
                let unescaped = lines[row].replacingOccurrences(of: "\\|", with: "")
                XCTAssertEqual(unescaped.filter { $0 == "|" }.count, 7, lines[row])
                row += 1
            }
            XCTAssertGreaterThan(row, header + 2)
        }
        XCTAssertTrue(page.contains("| <a id=\"TF109\"></a>TF109 | Godkendelse af serviceaftale for SP webservice | Systemansvarlig for fagsystemet | Underskriftberettigede for fagsystemet |"))

        let plan = try run(["docs", "--plan", packageRoot.appendingPathComponent("Examples/plans/vesterhavn-i-gang.yaml").path, "-o", folder.path])
        XCTAssertEqual(plan.status, 0, plan.stderr)
        let planPage = try String(contentsOf: URL(fileURLWithPath: plan.stdout.trimmingCharacters(in: .whitespacesAndNewlines)), encoding: .utf8)
        XCTAssertTrue(planPage.contains("## Tjekliste"))
        XCTAssertEqual(planPage.components(separatedBy: "\n").filter { $0.hasPrefix("# ") }.count, 1, "one H1")
        XCTAssertTrue(planPage.contains("| Forvaltningsansvarlig for Skolesystem: Anders Vig (Ydelsesleverandøren ApS) |"), "lane tables name the plan's systems and people")
        XCTAssertFalse(planPage.contains("for fagsystemet"), "not the catalog's general role names")
        XCTAssertTrue(planPage.contains("#gh-light-mode-only)](vesterhavn-kommune-plan.svg)"), "the picture links to the full-size SVG")
        XCTAssertTrue(planPage.contains("](vesterhavn-kommune-plan.html)"), "and to the interactive viewer")
        XCTAssertFalse(planPage.contains("\nImplementeringsplan for Vesterhavn Kommune: 49 opgaver"), "the alt text is not repeated as a paragraph")
        XCTAssertTrue(planPage.contains("udført"))

        // Every box links to its own row: one anchor per task key (three fagsystems: three TF105 rows).
        let pageURL = URL(fileURLWithPath: plan.stdout.trimmingCharacters(in: .whitespacesAndNewlines))
        let planSVG = try String(contentsOf: pageURL.deletingLastPathComponent().appendingPathComponent("vesterhavn-kommune-plan.svg"), encoding: .utf8)
        let targets = planSVG.components(separatedBy: "href=\"index.html#").dropFirst().map { String($0.prefix { $0 != "\"" }) }
        let anchors = planPage.components(separatedBy: "<a id=\"").dropFirst().map { String($0.prefix { $0 != "\"" }) }
        XCTAssertGreaterThan(targets.count, 40)
        XCTAssertEqual(Set(targets).count, targets.count, "no two boxes link to the same row")
        XCTAssertEqual(Set(targets).subtracting(anchors), [], "every link has its anchor on the page")
        XCTAssertTrue(targets.contains("TF105-skolesystem"), "\(targets.filter { $0.hasPrefix("TF105") })")
    }

    /// `docs --target github`: a `<picture>` with the dark source and the light image, linking to
    /// the full size; no `<style>` (GitHub shows it as text), no mode-only suffixes, no viewer.
    func testDocsForGitHubUseAPictureAndNoStyle() throws {
        let folder = try temporaryFolder()
        let result = try run(["docs", "--plan", packageRoot.appendingPathComponent("Examples/plans/vesterhavn-i-gang.yaml").path,
                              "--target", "github", "-o", folder.path])
        XCTAssertEqual(result.status, 0, result.stderr)
        let pageURL = URL(fileURLWithPath: result.stdout.trimmingCharacters(in: .whitespacesAndNewlines))
        let page = try String(contentsOf: pageURL, encoding: .utf8)
        XCTAssertTrue(page.contains("<a href=\"vesterhavn-kommune-plan.svg\"><picture><source media=\"(prefers-color-scheme: dark)\" "
                                    + "srcset=\"vesterhavn-kommune-plan-dark.svg\"><img alt=\"Implementeringsplan for Vesterhavn Kommune"), page.prefix(800).description)
        XCTAssertTrue(page.contains("srcset=\"vesterhavn-kommune-tidsplan-dark.svg\""), "the timeline too")
        XCTAssertFalse(page.contains("<style"), "no style element")
        XCTAssertFalse(page.contains("mode-only"), "no GitHub-only suffixes needed")
        XCTAssertFalse(page.contains(".html)"), "no viewer link")
        let files = try FileManager.default.contentsOfDirectory(atPath: pageURL.deletingLastPathComponent().path)
        XCTAssertFalse(files.contains { $0.hasSuffix(".html") }, "no viewer file: \(files)")
        // GitHub's Markdown (cmark-gfm) keeps the picture as it is.
        try ExternalTool.require("cmark-gfm")
        let html = try ExternalTool.run("cmark-gfm", ["--unsafe", "-e", "table", pageURL.path])
        XCTAssertEqual(html.output.components(separatedBy: "<picture>").count - 1, 2, "two pictures: the plan and its timeline")
    }

    private var packageRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    func testStylesListsTheBuiltInStylesEvenWhenTheBinaryIsCopiedElsewhere() throws {
        let folder = try temporaryDirectory()
        let copy = folder.appendingPathComponent("oir-diagram")
        try FileManager.default.copyItem(at: binary, to: copy)
        let listing = try CLIRunner.run(["styles"], in: folder, executable: copy)
        let text = listing.stdout
        XCTAssertEqual(listing.status, 0)
        XCTAssertEqual(text.split(separator: "\n").map { String($0.prefix(while: { $0 != " " })) }, ["official", "print", "dark", "auto", "edges"])
        let render = try run(["render", "--style", "print", "-o", folder.appendingPathComponent("p.svg").path])
        XCTAssertEqual(render.status, 0, render.stderr)
    }
}

import Foundation
import OIRTestSupport
import XCTest
@testable import OIRContent
@testable import OIRModel
@testable import OIRPipeline
@testable import OIRPublish
@testable import OIRRender

/// No text from a catalog or plan becomes markup, script, a live link or a formula in the
/// Markdown and CSV outputs: checked with a real CommonMark renderer that lets raw HTML through.
final class InjectionTests: XCTestCase {
    static let hostile = [
        "<script>alert(1)</script>", "<iframe src=\"http://evil.example\"></iframe>", "<img src=x onerror=alert(1)>",
        "[klik](javascript:alert(1))", "javascript:alert(1)", "![billede](http://evil.example/x.png)",
        "<a href=\"http://evil.example\">x</a>", "**fed** _kursiv_ `kode`", "<!-- skjult -->", "&lt;script&gt;",
        "=HYPERLINK(\"http://evil.example\")", "+1+1", "-2+3", "<svg onload=alert(1)>", "| tabel | brud |",
    ]

    /// A docs page without its own stylesheet (the rule that picks the light or dark picture),
    /// which must come first and be exactly the page's: anything else styled is an injection.
    private func withoutOwnStyle(_ markdown: String) -> String {
        let own = DocumentationPage.picture(alt: "", light: "", dark: "").components(separatedBy: "\n")[0]
        return markdown.replacingOccurrences(of: own, with: "")
    }

    /// The HTML a CommonMark renderer (GitHub's cmark-gfm, raw HTML allowed) makes of `markdown`.
    private func html(_ markdown: String) throws -> String {
        try ExternalTool.run("cmark-gfm", ["--unsafe", "-e", "table", "-e", "autolink", "-e", "strikethrough"],
                             input: Data(markdown.utf8)).output
    }

    /// Elements and attributes a browser would run or fetch; `allowedImages` are the page's own
    /// pictures. A link is allowed only to an http(s) address or a picture of the page (it needs a click).
    private func assertInert(_ html: String, allowedImages: Set<String> = [], _ what: String, file: StaticString = #filePath, line: UInt = #line) {
        let tags = html.ranges(of: #/<[a-zA-Z!][^>]*>/#).map { String(html[$0]) }
        for tag in tags {
            let name = tag.dropFirst().prefix { $0.isLetter || $0 == "!" || $0 == "-" }.lowercased()
            XCTAssertFalse(["script", "iframe", "svg", "object", "embed", "style", "!--", "form", "meta", "link"].contains(name),
                           "\(what): <\(name)> became live HTML", file: file, line: line)
            // Attribute names, outside the quoted values.
            let unquoted = tag.replacing(#/"[^"]*"|'[^']*'/#, with: "\"\"")
            XCTAssertNil(unquoted.range(of: #"\son[a-z]+\s*="#, options: .regularExpression), "\(what): an event attribute in \(tag)", file: file, line: line)
            if name == "a", tag.range(of: #"^<a id="[A-Za-z0-9%._-]*">$"#, options: .regularExpression) == nil {
                // An http(s) address, or one of the page's own files (the full-size picture).
                let target = tag.range(of: #"href="[^"]*""#, options: .regularExpression).map { String(tag[$0].dropFirst(6).dropLast()) } ?? ""
                XCTAssertTrue(target.hasPrefix("http://") || target.hasPrefix("https://") || allowedImages.contains(target),
                              "\(what): a link that is neither http(s) nor the page's own file: \(tag)", file: file, line: line)
            }
            if name == "img" {
                let source = tag.range(of: #"src="[^"]*""#, options: .regularExpression).map { String(tag[$0].dropFirst(5).dropLast()) } ?? ""
                XCTAssertTrue(allowedImages.contains(source), "\(what): an image the page did not put there: \(tag)", file: file, line: line)
            }
        }
    }

    /// The page's own pictures as the page names them (relative, with the light/dark ending), and
    /// the full-size files they link to.
    private func pictures(_ page: DocumentationPage) -> Set<String> {
        let light = (page.files[1].name as NSString).lastPathComponent, dark = (page.files[2].name as NSString).lastPathComponent
        return [light, dark, light + "#gh-light-mode-only", dark + "#gh-dark-mode-only"]
    }

    private func plan(_ text: String) -> SF1590APlan {
        SF1590APlan(kommune: "K " + text, date: text, bookkeeping: BookkeepingSystem(name: "B " + text, authority: "K"),
                    fagsystems: [Fagsystem(name: "F " + text.replacingOccurrences(of: "@", with: ""), deliveries: [.immediate],
                                           assortment: .manual, authority: "Anden " + text)])
    }

    func testChecklistMarkdownAndDocsPagesStayInert() throws {
        let catalog = try Catalog.builtIn()
        for text in Self.hostile {
            let scoped = try plan(text).scope(catalog)
            assertInert(try html(scoped.export(.markdown, catalog: catalog)), "plan --format markdown with \(text)")
            let content = Pipeline.content(.plan(scoped, catalog))
            let page = DocumentationPage.make(content, catalog: catalog, plan: scoped, light: Data(), dark: Data())
            let markdown = withoutOwnStyle(String(decoding: page.files[0].data, as: UTF8.self))
            assertInert(try html(markdown), allowedImages: pictures(page), "docs --plan with \(text)")
        }
    }

    func testACatalogsTextsAndLinkStayInertOnTheDocsPage() throws {
        let original = try XCTUnwrap(OIRModel.EmbeddedFiles.all[Catalog.builtInName])
        for text in Self.hostile {
            let quoted = "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
            let changed = original
                .replacingOccurrences(of: "link: \"https://digitaliseringskataloget.dk/integration/sf1590a\"", with: "link: \(quoted)")
                .replacingOccurrences(of: "titel: \"Bestille ydelser i Digitaliseringskataloget\"", with: "titel: \(quoted)")
                .replacingOccurrences(of: "værktøj: \"Aftaledokument\"", with: "værktøj: \(quoted)")
            let catalog = try Catalog.parse(changed, file: "c.yaml")
            let content = Pipeline.content(.official(catalog))
            let page = DocumentationPage.make(content, catalog: catalog, light: Data(), dark: Data())
            assertInert(try html(withoutOwnStyle(String(decoding: page.files[0].data, as: UTF8.self))), allowedImages: pictures(page), "docs with \(text)")
        }
    }

    /// Every label text, as a style's `texts:` may replace it, with hostile text added: the
    /// Markdown outputs (checklist, docs page of the official diagram and of a plan, the rollout
    /// index, the changes) stay inert, and a `|` in a header never adds a table column.
    func testEveryLabelTextStaysInertInEveryMarkdownOutput() throws {
        let catalog = try Catalog.builtIn()
        let scoped = try plan("Plan").scope(catalog)
        let base = LabelSet.builtIn(.da)
        for text in ["<img src=x onerror=alert(1)>", "| a | b |", "[klik](javascript:alert(1))", "<script>alert(1)</script>"] {
            // The original text keeps its placeholders; the hostile words come after them.
            let labels = base.overriding(Dictionary(uniqueKeysWithValues: base.keys.map { ($0, base.text($0) + " " + text) }))
            let checklist = scoped.export(.markdown, catalog: catalog, labels: labels)
            assertInert(try html(checklist), "plan --format markdown with labels '\(text)'")
            let rows = checklist.split(separator: "\n").filter { $0.hasPrefix("|") }
            let columns = { (row: Substring) in row.replacingOccurrences(of: "\\|", with: "").filter { $0 == "|" }.count }
            XCTAssertEqual(Set(rows.map(columns)).count, 1, "every row of the table has the same columns: \(rows.prefix(2))")
            for (subject, planOfPage) in [(Pipeline.Subject.official(catalog), nil), (.plan(scoped, catalog), scoped)] as [(Pipeline.Subject, ScopedPlan?)] {
                let content = Pipeline.content(subject, labels: labels)
                let page = DocumentationPage.make(content, catalog: catalog, plan: planOfPage, light: Data(), dark: Data())
                let markdown = withoutOwnStyle(String(decoding: page.files[0].data, as: UTF8.self))
                assertInert(try html(markdown), allowedImages: pictures(page), "docs with labels '\(text)'")
            }
            let checklists = [Checklist(scoped, catalog: catalog, labels: labels)]
            let index = DocumentationIndex.page(checklists, pages: ["k"], labels: labels)
            assertInert(try html(String(decoding: index.files[0].data, as: UTF8.self)), allowedImages: ["k/index.md"], "the index with labels '\(text)'")
            let changes = PlanChanges.between(old: [scoped], new: [scoped], day: PlanDay(today: CalendarDay("2025-01-01")!))
            assertInert(try html(changes.export(.markdown, labels: labels)), "the changes with labels '\(text)'")
        }
    }

    /// The guard looks past invisible characters and combining marks a spreadsheet may drop.
    func testTheFormulaGuardSeesPastInvisibleAndCombiningCharacters() {
        for hidden in ["=\u{200D}1+1", "@\u{0300}SUM(1)", "\u{FEFF}=1+1", "\u{200B}-2+3", "\tx", "=1"] {
            XCTAssertTrue(ChecklistWriter.csvField(hidden).hasPrefix("'") || ChecklistWriter.csvField(hidden).hasPrefix("\"'"),
                          "\(hidden.unicodeScalars.map { String($0.value, radix: 16) })")
        }
        for plain in ["Sag", "Æ=1", "\u{200D}Sag"] { XCTAssertEqual(ChecklistWriter.csvField(plain), plain) }
    }

    func testCSVCellsNeverStartAFormula() throws {
        for text in ["=1+1", "+1+1", "-2*3", "+A1", "-cmd|' /C calc'!A0", "+\u{200B}1", "@SUM(A1)", "\t=1", "\r=1"] {
            let field = ChecklistWriter.csvField(text)
            let value = field.hasPrefix("\"") ? field.dropFirst() : Substring(field)
            XCTAssertTrue(value.hasPrefix("'"), "\(field) is neutralised")
            XCTAssertTrue(field.contains(text), "\(field) keeps the value")
        }
        XCTAssertEqual(ChecklistWriter.csvField("Fagsystem A"), "Fagsystem A", "ordinary text is untouched")
        // A number as people write one computes nothing: a phone number and a slip stay readable.
        for number in ["+45 12 34 56 78", "-5", "+3", "+45 (12) 34.56/78", "-"] {
            XCTAssertEqual(ChecklistWriter.csvField(number), number, "\(number) stays as written")
        }
        // End to end: a fagsystem name in the instance column of `plan --format csv`.
        let catalog = try Catalog.builtIn()
        let csv = try SF1590APlan(kommune: "K", bookkeeping: BookkeepingSystem(name: "B", authority: "K"),
                                  fagsystems: [Fagsystem(name: "=1+1", deliveries: [.immediate], assortment: .manual, authority: "K")])
            .scope(catalog).export(.csv, catalog: catalog)
        for line in csv.dropFirst().split(separator: "\r\n") {
            for cell in line.split(separator: ",", omittingEmptySubsequences: false) {
                XCTAssertFalse(cell.first.map { "=+-@".contains($0) } ?? false, "a formula cell in: \(line)")
            }
        }
        XCTAssertTrue(csv.contains(",'=1+1,"))
    }
}

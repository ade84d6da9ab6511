import Foundation
import FoundationXML
import OIRTestSupport
import XCTest
@testable import OIRContent
@testable import OIRLayout
@testable import OIRModel
@testable import OIRPipeline
@testable import OIRPublish
@testable import OIRRender
@testable import OIRRouting

/// What a documentation page relies on when it embeds the SVG.
final class EmbeddingTests: XCTestCase {
    private var catalog: Catalog!
    private var diagram: RoutedDiagram!

    override func setUpWithError() throws {
        catalog = try Catalog.builtIn()
        diagram = routed(DiagramContent.official(catalog))
    }

    private func svg(_ options: RenderOptions) throws -> String {
        String(decoding: try Renderer.render(diagram, options: options), as: UTF8.self)
    }

    private func official(prefix: String? = nil, inline: Bool = false, linkBase: String? = nil) throws -> RenderOptions {
        RenderOptions(format: .svg, style: try Style.builtIn("official"), idPrefix: prefix, linkBase: linkBase, inline: inline)
    }

    private func ids(_ text: String) -> [String] {
        let regex = try! NSRegularExpression(pattern: #" id="([^"]*)""#)
        return regex.matches(in: text, range: NSRange(text.startIndex..., in: text)).map { String(text[Range($0.range(at: 1), in: text)!]) }
    }

    func testScalesWithItsContainerAndIsLabelledForScreenReaders() throws {
        let text = try svg(official())
        let root = try XCTUnwrap(text.range(of: #"<svg[^>]*>"#, options: .regularExpression).map { String(text[$0]) })
        XCTAssertTrue(root.contains("viewBox=\""), root)
        // An intrinsic size (an <img> in a table cell would otherwise collapse), and a style that
        // lets it shrink to a narrower container.
        XCTAssertTrue(root.contains(" width=\"1604pt\" height=\"1120pt\""), root)
        XCTAssertTrue(root.contains("style=\"max-width:100%;height:auto\""), root)
        XCTAssertFalse(text.contains("\"transparent\""), "SVG 1.1 tools paint 'transparent' black; unfilled shapes say none")
        // The title is the accessible name, the description the description: each read once.
        XCTAssertTrue(root.contains(#"lang="da" role="img" aria-labelledby="sf1590a-bilag1-title" aria-describedby="sf1590a-bilag1-desc""#), root)
        XCTAssertTrue(text.contains("<title id=\"sf1590a-bilag1-title\">ØiR – SF1590_A_2.12 Finans – ØiR implementeringsopgaver</title>"))
        XCTAssertTrue(text.contains("<desc id=\"sf1590a-bilag1-desc\">Diagram over implementeringsopgaverne for SF1590_A"))
        let fixed = try svg(RenderOptions(format: .svg, style: try Style.builtIn("official"), fixedSize: true))
        XCTAssertNotNil(fixed.range(of: #"<svg[^>]* width="1604pt""#, options: .regularExpression), "--size keeps the size")
        XCTAssertFalse(fixed.contains("max-width:100%"), "--size does not shrink")
    }

    func testTheHeaderLinkStartsWhereTheTitleStarts() throws {
        let text = try svg(official())
        func start(of prefix: String) throws -> (anchor: String, x: Double) {
            let regex = try NSRegularExpression(pattern: #"<text[^>]* text-anchor="([a-z]+)" x="([0-9.]+)"[^>]*>"# + NSRegularExpression.escapedPattern(for: prefix))
            let match = try XCTUnwrap(regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)), prefix)
            return (String(text[Range(match.range(at: 1), in: text)!]), Double(text[Range(match.range(at: 2), in: text)!])!)
        }
        let title = try start(of: "ØiR – SF1590_A"), link = try start(of: "Link: https://")
        XCTAssertEqual(link.anchor, "start", "left-aligned, not centred on an estimated width")
        XCTAssertEqual(link.x, title.x, accuracy: 0.5)
    }

    func testBoxIdsAreUniqueStableAndPrefixed() throws {
        let text = try svg(official())
        let all = ids(text)
        XCTAssertEqual(all.count, Set(all).count, "ids are unique")
        // The root element carries the prefix itself (the stylesheet is scoped under it); every
        // other id starts with it.
        XCTAssertEqual(all.first, "sf1590a-bilag1")
        XCTAssertTrue(all.dropFirst().allSatisfy { $0.hasPrefix("sf1590a-bilag1-") }, all.filter { !$0.hasPrefix("sf1590a-bilag1-") }.description)
        for task in catalog.tasks {
            XCTAssertTrue(all.contains("sf1590a-bilag1-opgave-\(Slug.make(task.id))"), task.id)
        }
        XCTAssertTrue(all.contains("sf1590a-bilag1-opgave-tf113-a"))
        // Stable: the same across renders, and a different prefix changes nothing but the prefix.
        XCTAssertEqual(try svg(official()), text)
        let other = try svg(official(prefix: "zqx"))
        XCTAssertEqual(other.replacingOccurrences(of: "zqx", with: "sf1590a-bilag1"), text)
        XCTAssertTrue(Set(ids(other)).isDisjoint(with: Set(all)), "two prefixes never collide on one page")
    }

    func testBoxesCarryClassesForPartKindVariantKlikAndAlternative() throws {
        let text = try svg(official())
        XCTAssertTrue(text.contains(#"id="sf1590a-bilag1-opgave-tf109" class="node opgave part-fagsystem art-tilslutning variant-straksleverance klik""#))
        XCTAssertTrue(text.contains(#"class="node opgave part-fagsystem art-tilslutning alternativ-optionel""#), "TF107")
        XCTAssertTrue(text.contains(#"class="node opgave part-fagsystem art-tilslutning klik alternativ-betinget""#), "TF100")
        XCTAssertTrue(text.contains(#"class="node opgave part-fagsystem art-tilslutning variant-sortiment klik alternativ-valg""#), "TF113-A/B")
        XCTAssertTrue(text.contains(#"class="node opgave part-myndighed art-forudsaetning klik""#), "FM001")
    }

    func testTooltipsHoldTheActivityAndLinksGoToTheIntegrationPage() throws {
        let document = try WellFormedXML.document(Data(try svg(official()).utf8))
        let links = try document.nodes(forXPath: "//*[local-name()='a']").compactMap { $0 as? XMLElement }
        let tf108 = try XCTUnwrap(links.first { $0.attribute(forName: "xlink:href")?.stringValue?.hasSuffix("#TF108") == true })
        XCTAssertEqual(tf108.attribute(forName: "xlink:href")?.stringValue, "https://digitaliseringskataloget.dk/integration/sf1590a#TF108")
        let tooltip = try XCTUnwrap(tf108.attribute(forName: "xlink:title")?.stringValue)
        XCTAssertTrue(tooltip.contains("Der skal for hver myndighed oprettes serviceaftale"), tooltip)
        XCTAssertTrue(tooltip.contains("Ansvarlig: Forvaltningsansvarlig for fagsystemet"), tooltip)
        XCTAssertTrue(tooltip.contains("Afhænger af: FF102"), tooltip)
        let custom = try svg(official(linkBase: "https://intranet.example.dk/oir"))
        XCTAssertTrue(custom.contains("xlink:href=\"https://intranet.example.dk/oir#TF113-A\""))
    }

    func testNoScriptsNoEventsNoNonWebLinksNoInternalNames() throws {
        for name in Style.builtInNames {
            let text = try svg(RenderOptions(format: .svg, style: try Style.builtIn(name)))
            let document = try WellFormedXML.document(Data(text.utf8))
            XCTAssertTrue(try document.nodes(forXPath: "//*[local-name()='script']").isEmpty, name)
            XCTAssertTrue(try document.nodes(forXPath: "//@*[starts-with(local-name(), 'on')]").isEmpty, name)
            for href in try document.nodes(forXPath: "//@*[local-name()='href']") {
                XCTAssertTrue(href.stringValue?.hasPrefix("https://") == true || href.stringValue?.hasPrefix("http://") == true, "\(name): \(href)")
            }
            XCTAssertFalse(text.contains("<!--"), "\(name): no comments")
            XCTAssertFalse(text.contains("_stub"), "\(name): internal node names do not leak")
            XCTAssertFalse(text.contains("_corner"), name)
            let titles = try document.nodes(forXPath: "//*[local-name()='title']")
            XCTAssertEqual(titles.count, 1, "\(name): only the diagram's own title")
        }
    }

    func testInlineFormParsesAsAnXMLFragment() throws {
        let inline = try svg(official(inline: true))
        XCTAssertTrue(inline.hasPrefix("<svg "), String(inline.prefix(40)))
        XCTAssertFalse(inline.contains("<?xml"))
        XCTAssertFalse(inline.contains("<!DOCTYPE"))
        // A fragment inside another element still parses.
        _ = try WellFormedXML.document(Data(("<div>" + inline + inline.replacingOccurrences(of: "sf1590a-bilag1-", with: "b-") + "</div>").utf8))
    }

    func testAutoStyleCarriesADarkSchemeRuleAndOthersDoNot() throws {
        let auto = try svg(RenderOptions(format: .svg, style: try Style.builtIn("auto")))
        let dark = try XCTUnwrap(auto.range(of: "@media (prefers-color-scheme: dark){").map { String(auto[$0.upperBound...]) })
        XCTAssertTrue(dark.hasPrefix("#sf1590a-bilag1 .canvas{fill:#0d1117}"), String(dark.prefix(80)))
        XCTAssertTrue(dark.contains("#sf1590a-bilag1 .klik polygon,#sf1590a-bilag1 .klik path,#sf1590a-bilag1 .klik ellipse{fill:#1f4e79;stroke:#e6edf3}"),
                      "KLIK blue turns the dark style's dark blue")
        let official = try svg(official())
        XCTAssertTrue(official.contains("<style>#sf1590a-bilag1 .canvas{fill:#ffffff}"), "every style colours by role")
        XCTAssertFalse(official.contains("@media"), "only a style with a dark variant follows the colour scheme")
        // Every rule is scoped under the diagram's root id, so nothing else on a page is touched.
        let css = try XCTUnwrap(auto.range(of: #"<style>[^<]*</style>"#, options: .regularExpression).map { String(auto[$0]) })
        let selectors = css.dropFirst("<style>".count).dropLast("</style>".count).replacingOccurrences(of: "@media (prefers-color-scheme: dark){", with: "")
            .split(separator: "}").flatMap { $0.split(separator: "{").first.map { $0.split(separator: ",") } ?? [] }
        XCTAssertGreaterThan(selectors.count, 50)
        XCTAssertTrue(selectors.allSatisfy { $0.hasPrefix("#sf1590a-bilag1 ") }, selectors.filter { !$0.hasPrefix("#sf1590a-bilag1 ") }.description)
    }

    func testBadStyleFilesAreRefusedWithFileLineAndName() throws {
        func message(_ text: String) -> String {
            do {
                _ = try Style.parse(text, file: "mine.yaml")
                return "no error"
            } catch {
                return "\(error)"
            }
        }
        XCTAssertEqual(message("base: official\nroles:\n  box.klik.fil: \"#000000\"\n"),
                       "mine.yaml:3: unknown style role 'box.klik.fil' (did you mean 'box.klik.fill'?)")
        XCTAssertEqual(message("base: official\nroles:\n  box.klik.fill: \"blå\"\n"),
                       "mine.yaml:3: bad value 'blå' for 'box.klik.fill': expected a colour like \"#1f4e99\" or \"#abc\", a colour name such as navy, or none")
        // Full-width digits are not hex digits; #rgb and names become #rrggbb for Graphviz and CSS alike.
        XCTAssertTrue(message("roles:\n  box.klik.fill: \"#１２３４５６\"\n").contains("bad value"))
        XCTAssertEqual(try Style.parse("roles:\n  box.klik.fill: \"#abc\"\n  box.klik.border: Navy\n", file: "m.yaml")["box.klik.fill"], "#aabbcc")
        XCTAssertEqual(try Style.parse("roles:\n  box.klik.border: Navy\n", file: "m.yaml")["box.klik.border"], "#000080")
        // Control characters, repeated keys and syntax errors point at line and column.
        XCTAssertEqual(message("name: \"a\\e]0;title\\ab\"\n"), "mine.yaml:1:7: 'name' contains the control character U+001B at character 2 (remove it; only printable text, tabs and line breaks are allowed)")
        XCTAssertTrue(message("name: a\nname: b\n").hasPrefix("mine.yaml:1:1: 'name' appears 2 times in one mapping, on lines 1 and 2"), message("name: a\nname: b\n"))
        XCTAssertTrue(message("roles: [\n").hasPrefix("mine.yaml:2:1: YAML syntax error"), message("roles: [\n"))
        XCTAssertEqual(message("base: glossy\n"), "mine.yaml:1: unknown base style 'glossy' (built-in styles: official, print, dark, auto, edges)")
        XCTAssertEqual(message("colour: red\n"), "mine.yaml:1: unknown key 'colour' in a style file (allowed keys: name, description, base, dark, roles, texts)")
        let derived = try Style.parse("base: official\nroles:\n  box.klik.fill: \"#b7d7f0\"\n", file: "mine.yaml")
        XCTAssertEqual(derived["box.klik.fill"], "#b7d7f0")
        XCTAssertEqual(derived["box.klik.border"], "#000000", "other roles come from the base")
    }

    func testEveryStyleRendersPDFOnOnePageOfItsSize() throws {
        try ExternalTool.require("pdfinfo")
        for name in Style.builtInNames {
            let style = try Style.builtIn(name)
            let pdf = try Renderer.render(diagram, options: RenderOptions(format: .pdf, style: style))
            let url = FileManager.default.temporaryDirectory.appendingPathComponent("oir-style-\(name)-\(UUID().uuidString).pdf")
            try pdf.write(to: url)
            try assertQPDFAccepts(url)
            defer { try? FileManager.default.removeItem(at: url) }
            let info = try XCTUnwrap(try runTool("pdfinfo", [url.path]))
            XCTAssertNotNil(info.range(of: #"Pages:\s+1\n"#, options: .regularExpression), "\(name): \(info)")
            XCTAssertTrue(info.contains("1191 x 842 pts (A3)"), "\(name): \(info)")
        }
        let a4 = try Style.parse("base: print\nroles:\n  page: a4-landscape\n", file: "a4.yaml")
        let pdf = try Renderer.render(diagram, options: RenderOptions(format: .pdf, style: a4))
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("oir-a4-\(UUID().uuidString).pdf")
        try pdf.write(to: url)
        try assertQPDFAccepts(url)
        defer { try? FileManager.default.removeItem(at: url) }
        XCTAssertTrue(try XCTUnwrap(try runTool("pdfinfo", [url.path])).contains("842 x 595 pts (A4)"), "A4 in whole points, rounded (841.89 × 595.28)")
    }
}

/// Ids stay unique after task keys become SVG ids, for any catalog.
final class UniqueIdTests: XCTestCase {
    func testTasksWhoseIdsRunTogetherGetDistinctSVGIds() throws {
        let tasks = [("Q", "[]"), ("Q-R", "[]"), ("R-S", "[Q]"), ("S", "[Q-R]"), ("q", "[]")].map { id, dependencies in
            "  - {id: \"\(id)\", titel: T, afhænger_af: \(dependencies), ansvarlig: {rolle: ejer, system: fagsystem}, udførende: {rolle: ejer, system: fagsystem}, part: fagsystem, art: forudsætning, frekvens: hver_tilslutning}"
        }
        let text = """
            integration: {id: X, titel: X}
            systemer: [{id: fagsystem, navn: Fagsystem, bestemt: fagsystemet}]
            roller: [{id: ejer, navn: Ejer}]
            \(MinimalCatalog.structure)
            opgaver:
            \(tasks.joined(separator: "\n"))
            """
        let catalog = try Catalog.parse(text, file: "ids.yaml")
        let svg = String(decoding: try Pipeline.render(Pipeline.content(.official(catalog)), options: RenderOptions(style: .builtIn("official"))),
                         as: UTF8.self)
        let ids = svg.ranges(of: #/ id="([^"]*)"/#).map { String(svg[$0]) }
        XCTAssertGreaterThan(ids.count, 10)
        XCTAssertEqual(ids.count, Set(ids).count, "ids repeated: \(Dictionary(grouping: ids, by: { $0 }).filter { $0.value.count > 1 }.keys.sorted())")
        XCTAssertTrue(svg.contains("kant-q-r-s\"") && svg.contains("kant-q-r-s-2\""), "the two arrows get distinct ids")
    }
}

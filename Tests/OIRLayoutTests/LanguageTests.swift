import Foundation
import XCTest
@testable import OIRContent
@testable import OIRLayout
@testable import OIRModel
@testable import OIRPipeline
@testable import OIRPublish
@testable import OIRRender
@testable import OIRRouting

/// `--language en`: every word the tool writes comes from the English label set.
final class LanguageTests: XCTestCase {
    func testLabelSetsAreComplete() {
        let danish = LabelSet.builtIn(.da), english = LabelSet.builtIn(.en)
        XCTAssertGreaterThan(danish.keys.count, 50)
        XCTAssertEqual(danish.keys, english.keys, "both sets have every key")
    }

    /// A catalog that gives its texts in both languages: its English diagrams, plan and
    /// checklist carry none of its Danish-only words (task titles, roles, systems, lanes, bands,
    /// columns, variants, the integration's titles).
    func testACatalogWithEnglishTextsGivesEnglishOutput() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let folder = root.appendingPathComponent("Examples/eksempel-betaling")
        let path = folder.appendingPathComponent("katalog.yaml").path
        let danish = try Pipeline.catalog(path: path, language: .da), english = try Pipeline.catalog(path: path, language: .en)
        func words(_ catalog: Catalog) -> Set<String> {
            var texts = [catalog.integration.title, catalog.integration.diagramTitle]
            texts += catalog.tasks.flatMap { [$0.title, $0.activity, $0.tool, $0.comment] }
            texts += catalog.roles.flatMap { [$0.name, $0.definition] } + catalog.systems.flatMap { [$0.name, $0.definite] }
            let s = catalog.structure, language = catalog == danish ? "da" : "en"
            texts += s.parties.map { $0.name.text(language) } + s.bands.map { $0.name.text(language) }
                + s.columns.map { $0.header.text(language) } + s.variants.map { $0.name.text(language) }
            return Set(texts.flatMap { $0.split(whereSeparator: { !$0.isLetter }).map(String.init) }.filter { $0.count > 3 })
        }
        let danishOnly = words(danish).subtracting(words(english))
        XCTAssertGreaterThan(danishOnly.count, 50, "the catalog gives Danish texts")
        let plan = try Pipeline.planFile(path: folder.appendingPathComponent("plan-tre-banker.yaml").path, catalog: english)
        let scoped = try plan.plans[0].scope(english)
        let labels = LabelSet.builtIn(.en)
        var outputs: [(String, String)] = []
        for (what, subject) in [("diagram", Pipeline.Subject.official(english)), ("plan", .plan(scoped, english, PlanDiagramOptions()))] {
            let content = Pipeline.content(subject, labels: labels)
            let svg = try Pipeline.render(content, options: RenderOptions(format: .svg, style: try Style.builtIn("official")))
            outputs.append((what, String(decoding: svg, as: UTF8.self)))
        }
        let options = ChecklistOptions()
        let checklists = Pipeline.checklists([scoped], catalog: english, labels: labels, options: options)
        outputs.append(("checklist", String(decoding: try Pipeline.export(checklists, format: .markdown, catalog: english, labels: labels,
                                                                       options: options, rollout: false), as: UTF8.self)))
        for (what, output) in outputs {
            // What a reader sees: the text between tags (not CSS class names, not the style
            // sheet), without links.
            var text = output
            if let style = text.range(of: "<style"), let end = text.range(of: "</style>") , style.lowerBound < end.lowerBound {
                text.removeSubrange(style.lowerBound..<end.upperBound)
            }
            let visible = text.split(separator: ">").compactMap { $0.split(separator: "<", omittingEmptySubsequences: false).first }
                .joined(separator: " ").split(separator: " ").filter { !$0.contains("://") }.joined(separator: " ")
            let found = Set(visible.split(whereSeparator: { !$0.isLetter }).map(String.init)).intersection(danishOnly)
            XCTAssertEqual(found, [], "Danish words in the English \(what)")
        }
    }

    func testPlaceholdersAreFilledInOnePass() {
        let labels = LabelSet.builtIn(.da)
        XCTAssertEqual(labels.text("box.deadline", ["date": "{date}"]), "Frist {date}", "a value is never read as a placeholder")
    }

    /// Pieces of Danish label texts (between placeholders) that the English set does not share.
    private func danishPieces() -> [String] {
        let danish = LabelSet.builtIn(.da), english = LabelSet.builtIn(.en)
        let englishTexts = english.keys.map { english.text($0) }
        var pieces: Set<String> = []
        for key in danish.keys {
            let text = danish.text(key)
            guard text != english.text(key) else { continue }
            for piece in text.split(whereSeparator: { "{}".contains($0) }).enumerated().filter({ $0.offset % 2 == 0 }).map(\.element) {
                let trimmed = piece.trimmingCharacters(in: .whitespacesAndNewlines.union(.punctuationCharacters))
                if trimmed.count >= 4, !englishTexts.contains(where: { $0.contains(trimmed) }) { pieces.insert(trimmed) }
            }
        }
        return pieces.sorted()
    }

    private func assertNoDanishUIWords(_ text: String, _ what: String, file: StaticString = #filePath, line: UInt = #line) {
        let pieces = danishPieces()
        XCTAssertGreaterThan(pieces.count, 40, "the check has Danish words to look for", file: file, line: line)
        for piece in pieces {
            let pattern = "(?<![\\p{L}])" + NSRegularExpression.escapedPattern(for: piece) + "(?![\\p{L}])"
            XCTAssertNil(text.range(of: pattern, options: .regularExpression), "\(what) contains the Danish UI text '\(piece)'", file: file, line: line)
        }
    }

    /// The texts a diagram writes itself: everything but the catalog's and the plan's own words
    /// (box titles, role names in tooltips), which stay as they are given.
    private func uiTexts(_ diagram: RoutedDiagram, content: DiagramContent) -> String {
        var texts = diagram.header.map(\.text) + diagram.columnHeaders.map(\.text) + diagram.bands.map(\.label) + diagram.lanes.map(\.label)
        texts += diagram.legend.map(\.label) + diagram.notes.map(\.text) + diagram.frames.map(\.label) + diagram.stubs.map(\.tooltip)
        texts += diagram.boxes.flatMap { [$0.lines.first ?? "", $0.status == nil ? "" : $0.lines.last ?? ""] }
        texts.append(content.summary)
        return texts.joined(separator: "\n")
    }

    func testOfficialDiagramInEnglish() throws {
        let catalog = try Catalog.builtIn()
        let content = DiagramContent.official(catalog, labels: .builtIn(.en))
        let diagram = routed(content)
        let texts = uiTexts(diagram, content: content)
        assertNoDanishUIWords(texts, "the official diagram")
        for english in ["Legend", "Connection prerequisites", "Once per kommune", "(Optional)", "(Choose one)", "Input from TF105", "Authority"] {
            XCTAssertTrue(texts.contains(english), "\(english) in the English diagram")
        }
        let svg = String(decoding: try Renderer.render(diagram, options: RenderOptions(style: .builtIn("official"))), as: UTF8.self)
        XCTAssertTrue(svg.contains("Input from TF105"), "the SVG carries the English tooltips")
        // The Danish diagram is the default and says the same in Danish.
        let danish = String(decoding: try Renderer.render(routed(DiagramContent.official(catalog)), options: RenderOptions(style: .builtIn("official"))),
                            as: UTF8.self)
        XCTAssertTrue(danish.contains("Forklaring") && danish.contains("(Vælg én)"))
    }

    func testPlanDiagramAndChecklistInEnglish() throws {
        let catalog = try Catalog.builtIn()
        let path = Golden.packageRoot.appendingPathComponent("Examples/plans/vesterhavn-i-gang.yaml").path
        let scoped = try PlanFile.load(path: path, catalog: catalog).plans[0].scope(catalog)
        let labels = LabelSet.builtIn(.en)
        let content = DiagramContent.plan(scoped, catalog: catalog, labels: labels)
        let texts = uiTexts(routed(content), content: content)
        assertNoDanishUIWords(texts, "the plan diagram")
        for status in ["Done", "In progress", "Ready", "Blocked"] { XCTAssertTrue(texts.contains(status), status) }
        // The plan's and the catalog's own words (titles, role names, system names) stay as given.
        let data = scoped.rows(catalog: catalog, labels: labels).flatMap { [$0.title, ScopedPlan.shorten($0.title, 48), $0.responsible, $0.performer, $0.key.description] }
            .sorted { $0.count > $1.count }
        // JSON keys and status codes are an interface: the same in every language.
        XCTAssertEqual(scoped.export(.json, catalog: catalog, labels: labels).prefix(40), scoped.export(.json, catalog: catalog).prefix(40))
        XCTAssertTrue(scoped.export(.json, catalog: catalog, labels: labels).contains("\"status\": \"ikke_startet\""))
        // The workbook is binary, with the CSV's texts in its cells.
        for format in PlanFormat.allCases where format != .json && format != .xlsx {
            var checklist = scoped.export(format, catalog: catalog, labels: labels)
            for value in data { checklist = checklist.replacingOccurrences(of: value, with: "") }
            // The CSV's status codes are an interface, like JSON's: the same in every language.
            if format == .csv {
                for code in TaskStatus.allCases { checklist = checklist.replacingOccurrences(of: ",\(code.rawValue),", with: ",,") }
            }
            assertNoDanishUIWords(checklist, "the \(format) checklist")
            // iCalendar states a task's status with its own words (NEEDS-ACTION).
            if format != .ics { XCTAssertTrue(checklist.contains("not started") || checklist.contains("done"), "\(format) statuses in English") }
        }
    }
}

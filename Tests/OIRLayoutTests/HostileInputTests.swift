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

/// Text from files people write by hand, or from others: every hostile string either appears
/// literally and safely in SVG, PDF and DOT, or is refused with a clear message when read.
final class HostileInputTests: XCTestCase {
    /// What happens to a string in a file.
    enum Outcome {
        /// Read and shown as written.
        case literal
        /// Read, but too long for a name (kommune, fagsystem): refused; as a title it is shortened
        /// in the box and whole in the tooltip.
        case long
        /// Refused when read, naming file and line (control characters).
        case refused
    }

    static let matrix: [(name: String, text: String, outcome: Outcome)] = [
        ("less than", "a < b", .literal),
        ("greater than", "a > b", .literal),
        ("ampersand", "Drift & Udvikling", .literal),
        ("double quote", "Det \"rigtige\" system", .literal),
        ("apostrophe", "Kommunens 'eget' system", .literal),
        ("CDATA end", "x ]]> y", .literal),
        ("script element", "<script>alert(1)</script>", .literal),
        ("event attribute", "\" onload=\"alert(1)\" x=\"", .literal),
        ("javascript link", "javascript:alert(document.cookie)", .literal),
        ("graphviz \\N", "Node \\N here", .literal),
        ("graphviz \\G", "Graph \\G here", .literal),
        ("graphviz \\n", "line\\nbreak \\l \\r", .literal),
        ("backslashes", "a\\\\b \\ end\\", .literal),
        ("right-to-left marks", "abc \u{200F}עברית\u{200E} العربية", .literal),
        // An override shows a row in another order than it is written ("Sag‮TXE.exe").
        ("bidi override", "abc \u{202E}fed\u{202C}", .refused),
        ("bidi isolate", "abc \u{2067}fed\u{2069}", .refused),
        ("emoji", "Fagsystem 🚀 👩‍👩‍👧 🇩🇰", .literal),
        ("NUL", "a\u{0}b", .refused),
        ("escape sequence", "a\u{1B}[2Jb", .refused),
        ("bell and DEL", "a\u{7}b\u{7F}", .refused),
        ("C1 control", "a\u{85}b\u{9B}", .refused),
        ("non-character", "a\u{FFFE}b", .refused),
        ("10,000 characters", String(repeating: "Meget lang opgavetekst ", count: 435), .long),
        ("10,000-character word", String(repeating: "x", count: 10_000), .long),
        ("combining marks", "a" + String(repeating: "\u{301}", count: 2_000), .long),
    ]

    private var catalog: Catalog!
    private var style: Style!

    override func setUpWithError() throws {
        catalog = try Catalog.builtIn()
        style = try Style.builtIn("official")
    }

    // MARK: The matrix

    func testEveryHostileStringIsShownSafelyOrRefused() throws {
        for entry in Self.matrix {
            let started = Date()
            defer { print("hostile \(entry.name): \(Int(Date().timeIntervalSince(started) * 1000)) ms") }
            try checkFiles(entry.text, outcome: entry.outcome, name: entry.name)
            try checkRendering(entry.text, outcome: entry.outcome, name: entry.name)
        }
    }

    /// Reading: in a catalog (title, comment, activity, link) and in a plan (kommune, fagsystem).
    private func checkFiles(_ text: String, outcome: Outcome, name: String) throws {
        let quoted = try yamlQuoted(text)
        let catalogText = """
            integration: {id: X1, titel: "Test", link: \(quoted)}
            systemer: [{id: fagsystem, navn: Fagsystem, bestemt: fagsystemet}]
            roller: [{id: ejer, navn: Ejer}]
            \(MinimalCatalog.structure)
            opgaver:
              - id: FF100
                titel: \(quoted)
                aktivitet: \(quoted)
                kommentar: \(quoted)
                links: [\(quoted)]
                ansvarlig: {rolle: ejer, system: fagsystem}
                udførende: {rolle: ejer, system: fagsystem}
                part: fagsystem
                art: forudsætning
                frekvens: hver_tilslutning
            """
        let planText = """
            kommune: \(quoted)
            bogføringssystem: {navn: \(quoted)}
            fagsystemer:
              - navn: \(quoted)
                leverance: straks
                sortiment: abonnement
            """
        switch outcome {
        case .refused:
            for (file, body) in [("c.yaml", { _ = try Catalog.parse(catalogText, file: "c.yaml") }),
                                 ("p.yaml", { _ = try PlanFile.parse(planText, file: "p.yaml", catalog: Catalog.builtIn()) })] as [(String, () throws -> Void)] {
                XCTAssertThrowsError(try body(), name) { error in
                    let message = "\(error)"
                    XCTAssertTrue(message.hasPrefix("\(file):"), message)
                    XCTAssertTrue(message.contains("control character U+"), message)
                    XCTAssertFalse(message.unicodeScalars.contains { !YAMLSafe.printable($0) }, "the message itself is printable")
                    XCTAssertNotNil(message.range(of: #"^\w\.yaml:\d+:\d+: "#, options: .regularExpression), "file, line and column: \(message)")
                }
            }
        case .long:
            let parsed = try Catalog.parse(catalogText, file: "c.yaml")
            XCTAssertEqual(parsed.tasks[0].title, text)
            XCTAssertThrowsError(try PlanFile.parse(planText, file: "p.yaml", catalog: Catalog.builtIn()), name) { error in
                XCTAssertTrue("\(error)".contains("the limit is \(PlanFile.maximumNameLength)"), "\(error)")
                XCTAssertLessThan("\(error)".count, 400, "the message does not repeat the whole name")
            }
        case .literal:
            let parsed = try Catalog.parse(catalogText, file: "c.yaml")
            XCTAssertEqual(parsed.tasks[0].title, text)
            XCTAssertEqual(parsed.tasks[0].comment, text)
            let trimmed = text.trimmingCharacters(in: .whitespaces)
            if text.contains("@") || trimmed.count > PlanFile.maximumNameLength || text.contains("\n") { return }
            let plan = try PlanFile.parse(planText, file: "p.yaml", catalog: Catalog.builtIn()).plans[0]
            XCTAssertEqual(plan.kommune, trimmed)
            XCTAssertEqual(plan.instances(of: "fagsystem")[0].name, trimmed)
        }
    }

    /// Rendering through the library, where nothing checked the text: SVG, PDF and DOT.
    private func checkRendering(_ text: String, outcome: Outcome, name: String) throws {
        var hostile = catalog!
        hostile.tasks[0].title = text
        hostile.tasks[0].comment = text
        hostile.tasks[0].activity = text
        hostile.tasks[0].links = [text]
        hostile.integration.link = text
        hostile.integration.diagramTitle = text
        let official = routed(DiagramContent.official(hostile))
        let plan = SF1590APlan(kommune: text, date: text, bookkeeping: BookkeepingSystem(name: text, authority: text),
                        fagsystems: [Fagsystem(name: text.replacingOccurrences(of: "@", with: ""), deliveries: [.immediate],
                                               assortment: .subscription, authority: text)])
        let planDiagram = routed(DiagramContent.plan(try plan.scope(catalog), catalog: catalog))

        for diagram in [official, planDiagram] {
            // DOT: Graphviz reads it without a single message.
            let dot = Renderer.graph(for: diagram, options: RenderOptions(format: .svg, style: style)).dot
            let result = try GraphvizGateway.shared.render(dot: dot, engine: GraphvizGraph.engine, format: "svg")
            // Only "size too small for label" (a link text measured narrower than drawn) is tolerated.
            XCTAssertEqual(result.warnings.filter { !$0.contains("size too small for label") }, [], name)
            XCTAssertFalse(dot.unicodeScalars.contains { $0.value == 0 || $0.value == 0x1B }, name)

            let svg = try Renderer.render(diagram, options: RenderOptions(format: .svg, style: style))
            let strings = try checkSafeSVG(svg, name: name)
            let pdf = try Renderer.render(diagram, options: RenderOptions(format: .pdf, style: style))
            XCTAssertEqual(Array(pdf.prefix(5)), Array("%PDF-".utf8), name)
            XCTAssertTrue(String(decoding: pdf.suffix(8), as: UTF8.self).contains("%%EOF"), name)
            let url = FileManager.default.temporaryDirectory.appendingPathComponent("oir-hostile-\(UUID().uuidString).pdf")
            try pdf.write(to: url)
            try assertQPDFAccepts(url)
            try? FileManager.default.removeItem(at: url)

            guard outcome != .refused else { continue }
            // The whole text is in a tooltip; no user link survives unless it is http(s).
            XCTAssertTrue(strings.contains { $0.contains(text) }, "\(name): shown literally")
        }

        // The task's box: its title, shortened with an ellipsis when long.
        let svg = String(decoding: try Renderer.render(official, options: RenderOptions(format: .svg, style: style)), as: UTF8.self)
        let document = try WellFormedXML.document(Data(svg.utf8))
        let box = try XCTUnwrap(try document.nodes(forXPath: "//*[@id='sf1590a-bilag1-opgave-fm001']").first as? XMLElement, name)
        let boxText = try box.nodes(forXPath: ".//*[local-name()='text']").compactMap(\.stringValue).joined(separator: " ")
        let boxLines = try XCTUnwrap(official.boxes.first { $0.key == "FM001" }).lines
        XCTAssertLessThanOrEqual(boxLines.count, LayoutOptions().maxTitleLines + 1, name)
        let tooltip = try XCTUnwrap(box.nodes(forXPath: ".//@*[local-name()='title']").first?.stringValue, name)
        XCTAssertTrue(outcome == .refused || tooltip.contains(text), "\(name): whole and literal in the tooltip: \(tooltip.prefix(80))")
        if outcome == .literal, text.utf8.count <= DOT.maximumLabelBytes {
            // Wrapping may break lines at spaces and after hyphens or slashes.
            let squeeze = { (s: String) in s.filter { !$0.isWhitespace && $0 != "-" } }
            XCTAssertTrue(squeeze(boxText).contains(squeeze(text)), "\(name): literal in the box: \(boxText)")
        }
        if outcome == .long {
            XCTAssertTrue(boxText.hasSuffix("…"), "\(name): \(boxText.suffix(40))")
            XCTAssertLessThan(boxText.count, 400, name)
            let tooltip = try XCTUnwrap(box.nodes(forXPath: ".//@*[local-name()='title']").first?.stringValue, name)
            XCTAssertTrue(tooltip.contains(text), "\(name): whole in the tooltip")
        }
    }

    /// Parses as XML; no script, no event attribute, no link other than http(s). Returns every
    /// attribute value and text, decoded.
    @discardableResult
    private func checkSafeSVG(_ data: Data, name: String) throws -> [String] {
        let document: XMLDocument
        do {
            document = try WellFormedXML.document(data)
        } catch {
            XCTFail("\(name): the SVG does not parse as XML: \(error)")
            return []
        }
        var strings: [String] = []
        var stack: [XMLNode] = [try XCTUnwrap(document.rootElement())]
        while let node = stack.popLast() {
            if let element = node as? XMLElement {
                let local = (element.localName ?? element.name ?? "").lowercased()
                XCTAssertNotEqual(local, "script", name)
                XCTAssertNotEqual(local, "foreignobject", name)
                for attribute in element.attributes ?? [] {
                    let attributeName = (attribute.localName ?? attribute.name ?? "").lowercased()
                    let value = attribute.stringValue ?? ""
                    XCTAssertFalse(attributeName.hasPrefix("on"), "\(name): event attribute \(attributeName)")
                    if attributeName == "href" {
                        XCTAssertTrue(value.hasPrefix("https://") || value.hasPrefix("http://"), "\(name): link \(value.prefix(60))")
                    }
                    strings.append(value)
                }
                stack += element.children ?? []
            } else if node.kind == .text, let value = node.stringValue {
                strings.append(value)
            }
        }
        return strings
    }

    enum YAMLSafe {
        static func printable(_ s: Unicode.Scalar) -> Bool { s == "\n" || s == "\t" || !(s.value < 0x20 || (0x7F...0x9F).contains(s.value)) }
    }

    /// A YAML double-quoted scalar (JSON's string syntax is valid YAML).
    private func yamlQuoted(_ text: String) throws -> String {
        String(decoding: try JSONEncoder().encode(text), as: UTF8.self)
    }

    // MARK: Pieces

    func testLongNamesNeverReachGraphvizWhole() throws {
        let long = String(repeating: "Ø", count: 5_000)
        let plan = SF1590APlan(kommune: long, bookkeeping: BookkeepingSystem(name: long, authority: long),
                        fagsystems: [Fagsystem(name: long, deliveries: [.immediate, .bulk], assortment: .manual, authority: "Anden")])
        let diagram = routed(DiagramContent.plan(try plan.scope(catalog), catalog: catalog))
        let dot = Renderer.graph(for: diagram, options: RenderOptions(format: .svg, style: style)).dot
        // Names Graphviz may quote in a message: the graph's and every node's.
        let names = dot.split(separator: "\n").compactMap { line -> Substring? in
            let trimmed = line.drop { $0 == " " }
            guard trimmed.hasPrefix("\"") || trimmed.hasPrefix("digraph") else { return nil }
            return trimmed.prefix { $0 != "[" }
        }
        XCTAssertFalse(names.isEmpty)
        for name in names { XCTAssertLessThan(name.utf8.count, 2 * DOT.maximumNameBytes + 10, String(name.prefix(80))) }
        let keys = diagram.boxes.map { DOT.node($0.key.description) }
        XCTAssertEqual(Set(keys).count, keys.count, "bounded names stay unique")
        XCTAssertNoThrow(try Renderer.render(diagram, options: RenderOptions(format: .svg, style: style)))
    }

    func testQuotingKeepsBackslashesBeforeQuotesAndLineBreaks() throws {
        for text in ["a\\", "a\\\"b", "a\\\nb", "\\\\\"", "x\"\\"] {
            var box = catalog!
            box.tasks[0].title = text
            box.tasks[0].activity = text
            let diagram = routed(DiagramContent.official(box))
            let svg = try Renderer.render(diagram, options: RenderOptions(format: .svg, style: style))
            let strings = try checkSafeSVG(svg, name: text)
            let firstLine = String(text.split(separator: "\n", omittingEmptySubsequences: false)[0])
            XCTAssertTrue(strings.contains { $0.contains(firstLine) }, "\(text.debugDescription) in the tooltip")
        }
    }
}

import Foundation
import FoundationXML
import XCTest
import OIRTestSupport
@testable import OIRContent
@testable import OIRLayout
@testable import OIRModel
@testable import OIRPipeline
@testable import OIRRender

/// Every character the diagrams write is in the common sans fonts, so a viewer without DejaVu
/// Sans (Liberation Sans, Nimbus Sans) shows no empty boxes; a plan's status marks are drawn as
/// shapes, not written.
final class FontCoverageTests: XCTestCase {
    /// The code points of a font file, from fontconfig's charset ("20-7e a0-36f …").
    private func codePoints(of font: String) throws -> [ClosedRange<UInt32>] {
        let charset = try XCTUnwrap(try runTool("fc-query", ["--format", "%{charset}", font]))
        return charset.split(separator: " ").compactMap { part in
            let bounds = part.split(separator: "-").compactMap { UInt32($0, radix: 16) }
            guard let first = bounds.first else { return nil }
            return first...(bounds.last ?? first)
        }
    }

    /// Every character of every `<text>` in `svg`.
    private func characters(_ svg: Data) throws -> Set<Unicode.Scalar> {
        let document = try WellFormedXML.document(svg)
        let texts = try document.nodes(forXPath: "//*[local-name()='text']").compactMap(\.stringValue)
        return Set(texts.joined().unicodeScalars)
    }

    func testEveryCharacterADiagramWritesIsInLiberationAndNimbusSans() throws {
        let fonts = ["/usr/share/fonts/truetype/liberation2/LiberationSans-Regular.ttf",
                     "/usr/share/fonts/opentype/urw-base35/NimbusSans-Regular.otf"]
        try ExternalTool.require("fc-query", fonts[0], fonts[1])
        let catalog = try Catalog.builtIn()
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let plan = try PlanFile.load(path: root.appendingPathComponent("Examples/plans/vesterhavn-i-gang.yaml").path, catalog: catalog)
        let scoped = try plan.plan(named: nil).scope(catalog)
        var written: Set<Unicode.Scalar> = []
        for language in Language.allCases {
            let labels = LabelSet.builtIn(language)
            for content in [DiagramContent.official(catalog, labels: labels), DiagramContent.plan(scoped, catalog: catalog, labels: labels)] {
                for style in ["official", "print"] {
                    written.formUnion(try characters(Pipeline.render(content, options: RenderOptions(format: .svg, style: try Style.builtIn(style)))))
                }
            }
        }
        XCTAssertTrue(written.contains("√"), "a satisfied stub's tick is written")
        for font in fonts {
            let covered = try codePoints(of: font)
            let missing = written.filter { scalar in scalar.value >= 0x20 && !covered.contains { $0.contains(scalar.value) } }
            XCTAssertEqual(missing.map { String(format: "U+%04X %@", $0.value, String($0)) }.sorted(), [], "missing from \(font)")
        }
    }

    func testStatusMarksAreDrawnShapes() throws {
        let catalog = try Catalog.builtIn()
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let plan = try PlanFile.load(path: root.appendingPathComponent("Examples/plans/vesterhavn-i-gang.yaml").path, catalog: catalog)
        let content = DiagramContent.plan(try plan.plan(named: nil).scope(catalog), catalog: catalog)
        let diagram = Pipeline.diagram(content, style: try Style.builtIn("official"))
        let svg = String(decoding: try Renderer.render(diagram, options: RenderOptions(format: .svg, style: try Style.builtIn("official"))), as: UTF8.self)
        for status in OIRModel.Progress.allCases {
            let boxes = diagram.boxes.filter { $0.status == status }.count
            let legend = diagram.legend.filter { $0.sample == .status(status) }.count
            XCTAssertGreaterThan(boxes, 0, "the example plan has a \(status) box")
            // A tick is two invisible points and a line: one class per mark on the line.
            let marks = svg.components(separatedBy: "status-mark status-mark-\(status.cssName)").count - 1
            XCTAssertEqual(marks, boxes + legend, "one \(status) mark per box and legend sample")
        }
        XCTAssertFalse(svg.contains("✓") || svg.contains("◐") || svg.contains("▶") || svg.contains("■") || svg.contains("⚠"))
    }
}

/// A style says in words what it shows: the official subtitle's "blå med sort kant" is the
/// official look's; dark and print carry their own, in every language.
final class StyleTextTests: XCTestCase {
    private func subtitle(_ style: String, _ language: Language) throws -> String {
        let style = try Style.builtIn(style)
        let content = Pipeline.content(.official(try Catalog.builtIn()), labels: .builtIn(language), style: style)
        let svg = String(decoding: try Pipeline.render(content, options: RenderOptions(format: .svg, style: style)), as: UTF8.self)
        XCTAssertTrue(svg.contains(content.subtitle.replacingOccurrences(of: "-", with: "&#45;").replacingOccurrences(of: "  ", with: " &#160;")),
                      "the SVG shows the subtitle")
        return content.subtitle
    }

    func testTheSubtitleDescribesTheKLIKBoxesOfTheStyle() throws {
        XCTAssertTrue(try subtitle("official", .da).contains("markeret blå med sort kant"))
        XCTAssertTrue(try subtitle("print", .da).contains("grå med tyk sort kant"))
        XCTAssertTrue(try subtitle("dark", .da).contains("mørkeblå med lys kant"))
        XCTAssertTrue(try subtitle("print", .en).contains("grey with a heavy black border"))
        XCTAssertTrue(try subtitle("dark", .en).contains("dark blue with a light border"))
        // One SVG for both schemes: words true in both.
        XCTAssertTrue(try subtitle("auto", .da).contains("blå med kraftig kant"))
    }

    /// Every problem of a style file in one run, each with its line.
    func testEveryProblemOfAStyleFileIsReportedAtOnce() {
        let text = "name: x\nroles:\n  box.klik.fil: \"#fff\"\n  box.width: \"99\"\ntexts:\n  da:\n    legend.klick: \"x\"\n  de:\n    legend.klik: \"y\"\n"
        XCTAssertThrowsError(try Style.parse(text, file: "x.yaml")) { error in
            let messages = (error as? InputErrors)?.errors.map(\.description) ?? []
            XCTAssertEqual(messages.count, 4, "\(error)")
            for expected in ["x.yaml:3: unknown style role 'box.klik.fil'", "x.yaml:4: bad value '99' for 'box.width'",
                             "x.yaml:7: unknown text 'legend.klick'", "x.yaml:9: unknown language 'de'"] {
                XCTAssertTrue(messages.contains { $0.hasPrefix(expected) }, "\(expected) in \(messages)")
            }
        }
    }

    func testAStyleFileMayReplaceTextsAndIsToldAboutWrongOnes() throws {
        let own = try Style.parse("name: mine\nbase: print\ntexts:\n  da:\n    legend.klik: \"KLIK: portalen\"\n", file: "mine.yaml")
        XCTAssertEqual(own.labels(.builtIn(.da)).text("legend.klik"), "KLIK: portalen")
        XCTAssertTrue(own.labels(.builtIn(.da)).text("official.klik").contains("grå"), "the base style's texts are inherited")
        XCTAssertEqual(own.labels(.builtIn(.en)).text("legend.klik"), LabelSet.builtIn(.en).text("legend.klik"), "only the language given")
        XCTAssertThrowsError(try Style.parse("name: x\ntexts:\n  da:\n    legend.klick: \"x\"\n", file: "x.yaml")) { error in
            XCTAssertTrue("\(error)".contains("x.yaml:4: unknown text 'legend.klick'"), "\(error)")
            XCTAssertTrue("\(error)".contains("did you mean 'legend.klik'?"), "\(error)")
        }
        XCTAssertThrowsError(try Style.parse("name: x\ntexts:\n  de:\n    legend.klik: \"x\"\n", file: "x.yaml")) { error in
            XCTAssertTrue("\(error)".contains("unknown language 'de'"), "\(error)")
        }
    }
}

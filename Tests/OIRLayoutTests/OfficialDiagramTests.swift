import Foundation
import FoundationXML
import XCTest
import OIRTestSupport
@testable import OIRContent
@testable import OIRLayout
@testable import OIRModel
@testable import OIRPipeline
@testable import OIRPublish
@testable import OIRRender
@testable import OIRRouting

final class OfficialDiagramTests: XCTestCase {
    private var catalog: Catalog!
    private var style: Style!
    private var diagram: RoutedDiagram!

    override func setUpWithError() throws {
        catalog = try Catalog.builtIn()
        style = try Style.builtIn("official")
        diagram = Pipeline.diagram(DiagramContent.official(catalog), style: style)
    }

    // MARK: Geometry

    func testLanesAreFullWidthBandsInTheDocumentsOrder() {
        XCTAssertEqual(diagram.bands.map(\.label), [
            "Én gang pr. kommune", "Klargøring – første gang snitfladen tages i brug", "For hver tilslutning af fagsystem",
        ])
        XCTAssertEqual(diagram.lanes.map(\.party), ["myndighed", "fagsystem", "bogføringssystem", "fagsystem", "bogføringssystem"])
        XCTAssertEqual(diagram.lanes.map(\.label), ["Myndighed", "Fagsystem", "Bogføringssystem", "Fagsystem", "Bogføringssystem"])
        let first = diagram.lanes[0].rect
        for (upper, lower) in zip(diagram.lanes, diagram.lanes.dropFirst()) {
            XCTAssertEqual(lower.rect.minX, first.minX)
            XCTAssertEqual(lower.rect.width, first.width)
            XCTAssertEqual(lower.rect.minY, upper.rect.maxY, accuracy: 0.001, "lanes touch, without gaps")
        }
        for band in diagram.bands {
            let lanes = diagram.lanes.filter { band.rect.contains($0.rect) }
            XCTAssertFalse(lanes.isEmpty, band.label)
        }
    }

    func testEveryBoxSitsInsideTheLaneOfItsPerformer() throws {
        XCTAssertEqual(diagram.boxes.count, 36)
        for box in diagram.boxes {
            let task = try XCTUnwrap(catalog.task(box.taskID))
            let lanes = diagram.lanes.filter { $0.rect.contains(box.rect) }
            XCTAssertEqual(lanes.count, 1, "\(box.key) lies wholly inside exactly one lane")
            let lane = try XCTUnwrap(lanes.first)
            let performerSide = task.performer.system ?? "myndighed"
            XCTAssertEqual(lane.party, performerSide, "\(box.key) is with its performer")
            XCTAssertFalse(lane.labelRect.intersects(box.rect), "\(box.key) clear of the lane label")
            let bandIndex = diagram.bands.firstIndex { $0.rect.contains(lane.rect) }!
            let expectedBand: Int = switch task.frequency {
            case "én_gang_pr_kommune": 0
            case "første_gang_fagsystem", "første_gang_bogføringssystem": 1
            default: 2
            }
            XCTAssertEqual(bandIndex, expectedBand, "\(box.key) in its frequency band")
        }
    }

    func testNoBoxesOverlapAndNoneIsCutByAFrameOrTheDivider() throws {
        for (i, a) in diagram.boxes.enumerated() {
            for b in diagram.boxes[(i + 1)...] {
                XCTAssertFalse(a.rect.insetBy(-4, -4).intersects(b.rect), "\(a.key) and \(b.key) overlap or touch")
            }
            for frame in diagram.frames {
                XCTAssertTrue(frame.rect.contains(a.rect) || !frame.rect.intersects(a.rect), "\(a.key) is cut by the \(frame.label) frame")
            }
        }
        XCTAssertEqual(diagram.dividers.count, 1)
        let divider = try XCTUnwrap(diagram.dividers.first)
        XCTAssertEqual(divider.from.x, divider.to.x, "the column split is one vertical line")
        XCTAssertLessThanOrEqual(divider.from.y, diagram.lanes.first!.rect.minY)
        XCTAssertGreaterThanOrEqual(divider.to.y, diagram.lanes.last!.rect.maxY)
        for box in diagram.boxes {
            let task = catalog.task(box.taskID)!
            if task.kind == "forudsætning" {
                XCTAssertLessThan(box.rect.maxX, divider.from.x, "\(box.key) left of the split")
            } else {
                XCTAssertGreaterThan(box.rect.minX, divider.from.x, "\(box.key) right of the split")
            }
        }
    }

    func testVariantTasksAreFramedAndOnlyThey() {
        for box in diagram.boxes {
            let frames = diagram.frames.filter { $0.rect.contains(box.rect) }
            if let variant = box.variant {
                XCTAssertEqual(frames.map(\.variant), [variant], "\(box.key) in its frame")
            } else {
                XCTAssertTrue(frames.isEmpty, "\(box.key) has no frame")
            }
        }
        XCTAssertEqual(Set(diagram.frames.map(\.label)), ["Sortiment", "Straksleverance", "Masseleverance"])
    }

    func testTextFitsItsBox() {
        let options = LayoutOptions()
        for box in diagram.boxes {
            XCTAssertLessThanOrEqual(Double(box.lines.count) * options.lineHeight + 2 * options.boxPadding, box.rect.height, box.key.description)
            for line in box.lines {
                XCTAssertLessThanOrEqual(TextMetrics.width(line, size: options.fontSize, bold: line == box.lines.first),
                                         box.rect.width - 2 * options.boxPadding + 8, "\(box.key): \(line)")
            }
        }
    }

    func testArrowsInsideALaneStubsFromOtherLanesAndTheCoordinationPair() {
        func stubs(_ key: TaskKey) -> [String] { diagram.stubs.filter { $0.target == key }.map(\.label) }
        func arrows(into key: TaskKey) -> [TaskKey] { diagram.edges.filter { $0.to == key }.map(\.from) }
        XCTAssertEqual(arrows(into: "TF106"), ["TF105"])
        XCTAssertEqual(stubs("TF106"), [])
        XCTAssertEqual(arrows(into: "FB203"), ["FB202"])
        XCTAssertEqual(stubs("TB201"), ["FM003", "TF105"])
        XCTAssertEqual(stubs("FB205"), ["TF105", "TF109", "TF111"])
        XCTAssertEqual(stubs("TB200"), ["TF106"])
        XCTAssertEqual(arrows(into: "TB204"), ["TB208"])
        XCTAssertEqual(stubs("TB204"), ["TF105"])
        XCTAssertEqual(diagram.stubs.filter { $0.kind == .coordination }.map { "\($0.label)→\($0.target)" }.sorted(), ["FB204→FF102", "FF102→FB204"])
        // Every dependency of the catalog is drawn, as an arrow or a stub.
        for task in catalog.tasks {
            XCTAssertEqual(Set(arrows(into: TaskKey(task.id)).map(\.task) + stubs(TaskKey(task.id))), Set(task.dependencies), task.id)
        }
        for stub in diagram.stubs {
            let target = diagram.boxes.first { $0.key == stub.target }!
            XCTAssertEqual(stub.end.x, target.rect.minX, "\(stub.label) ends at \(stub.target)'s left side")
            XCTAssertTrue(stub.end.y > target.rect.minY && stub.end.y < target.rect.maxY)
            XCTAssertFalse(diagram.boxes.contains { $0.rect.insetBy(-1, -1).contains(Rect(x: stub.start.x, y: stub.start.y, width: 0, height: 0)) },
                           "stub \(stub.label) starts clear of every box")
        }
    }

    func testLegendExplainsWhatTheDiagramShows() throws {
        XCTAssertEqual(diagram.legend.map { String($0.label.prefix(12)) }, [
            "Opgave", "KLIK-opgave:", "(Optionel) o", "(Betinget) o", "Valg: der væ", "Afhængighed ", "--[ input fr", "Koordineret ",
        ])
        let planFile = Golden.packageRoot.appendingPathComponent("Examples/plans/vesterhavn-i-gang.yaml").path
        let scoped = try PlanFile.load(path: planFile, catalog: catalog).plan(named: nil).scope(catalog)
        let plan = routed(DiagramContent.plan(scoped, catalog: catalog))
        let labels = plan.legend.map(\.label)
        XCTAssertFalse(labels.contains { $0.hasPrefix("(Optionel)") || $0.hasPrefix("Valg") }, "a plan has made its choices: \(labels)")
        XCTAssertTrue(labels.contains("Uden for planen: regnes som opfyldt"))
        XCTAssertTrue(labels.contains("Udført"))
    }

    func testEdgesStyleRoutesEveryDependency() {
        let routed = routed(DiagramContent.official(catalog), options: LayoutOptions(dependencies: .edges))
        XCTAssertTrue(routed.stubs.isEmpty)
        XCTAssertEqual(routed.edges.filter { $0.kind == .dependency }.count, catalog.tasks.reduce(0) { $0 + $1.dependencies.count } - 2)
        XCTAssertEqual(routed.edges.filter { $0.kind == .coordination }.count, 1)
    }

    // MARK: Rendered output

    func testSVGMatchesTheCommittedExample() throws {
        let svg = try Renderer.render(diagram, options: RenderOptions(format: .svg, style: style))
        try Golden.assertMatches(svg, "Examples/sf1590a-bilag1.svg")
        let again = try Renderer.render(diagram, options: RenderOptions(format: .svg, style: style))
        XCTAssertEqual(svg, again, "same diagram, same bytes within one process")
    }

    func testDOTIsTheGraphHandedToGraphviz() throws {
        let dot = try Renderer.render(diagram, options: RenderOptions(format: .dot, style: style))
        try Golden.assertMatches(dot, "Examples/sf1590a-bilag1.dot")
    }

    func testSVGParsesAndShowsEveryTaskAndTheHeader() throws {
        let svg = try Renderer.render(diagram, options: RenderOptions(format: .svg, style: style))
        let document = try WellFormedXML.document(svg)
        let texts = try document.nodes(forXPath: "//*[local-name()='text']").compactMap(\.stringValue)
        for task in catalog.tasks {
            XCTAssertTrue(texts.contains { $0.hasPrefix(task.id) }, "\(task.id) appears as text")
        }
        let all = texts.joined(separator: " ")
        XCTAssertTrue(all.contains("https://digitaliseringskataloget.dk/integration/sf1590a"))
        XCTAssertTrue(all.contains("KLIK-opgaver er markeret blå med sort kant"))
        XCTAssertTrue(all.contains("Tilslutningsforudsætninger"))
        XCTAssertTrue(all.contains("Tilslutningsopgaver (ALLE forudsætninger SKAL være løst)"))
        XCTAssertTrue(all.contains("Én gang pr."), "Danish letters survive")
        XCTAssertTrue(all.contains("Forklaring"), "a legend")
        for frame in ["Sortiment", "Straksleverance", "Masseleverance"] { XCTAssertTrue(all.contains(frame)) }
        XCTAssertTrue(texts.contains { $0.hasPrefix("TF107 (Optionel)") })
        XCTAssertTrue(texts.contains { $0.hasPrefix("TF100 (Betinget)") })
    }

    /// The project routes the arrows and Graphviz draws them; none may run through a box it does
    /// not start or end at.
    func testNoRoutedEdgeCrossesABox() throws {
        for drawing in [DependencyDrawing.stubs, .edges] {
            let options = LayoutOptions(dependencies: drawing)
            let laid = routed(DiagramContent.official(catalog), options: options)
            let svg = try Renderer.render(laid, options: RenderOptions(format: .svg, style: style))
            let text = String(decoding: svg, as: UTF8.self)
            let height = laid.size.height
            for edge in laid.edges {
                let from = laid.boxes.first { $0.key == edge.from }!.rect, to = laid.boxes.first { $0.key == edge.to }!.rect
                let points = try XCTUnwrap(SVGPath.points(ofEdge: "\(edge.from)->\(edge.to)", in: text), "\(edge.from)->\(edge.to) drawn")
                for point in points.map({ Point($0.x, $0.y + height) }) {
                    for box in laid.boxes where box.rect != from && box.rect != to {
                        XCTAssertFalse(box.rect.insetBy(2, 2).contains(Rect(x: point.x, y: point.y, width: 0, height: 0)),
                                       "\(drawing): edge \(edge.from)→\(edge.to) crosses \(box.key)")
                    }
                }
            }
        }
    }

    func testPDFIsOneA3LandscapePageWithEveryTaskAsText() throws {
        try ExternalTool.require("pdftotext")
        let pdf = try Renderer.render(diagram, options: RenderOptions(format: .pdf, style: style))
        let again = try Renderer.render(diagram, options: RenderOptions(format: .pdf, style: style))
        XCTAssertEqual(pdf, again, "PDF bytes are deterministic")
        try Golden.assertMatches(pdf, "Examples/sf1590a-bilag1.pdf")
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("oir-test-\(UUID().uuidString).pdf")
        try pdf.write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        let output = try runTool("pdfinfo", [url.path])
        let info = try XCTUnwrap(output)
        XCTAssertNotNil(info.range(of: #"Pages:\s+1\n"#, options: .regularExpression), info)
        XCTAssertTrue(info.contains("1191 x 842 pts (A3)"), info)
        let text = try XCTUnwrap(try runTool("pdftotext", [url.path, "-"]))
        for task in catalog.tasks { XCTAssertTrue(text.contains(task.id), "\(task.id) in the PDF text") }
        XCTAssertTrue(text.contains("Bogføringssystem"))
        let fonts = try XCTUnwrap(try runTool("pdffonts", [url.path]))
        XCTAssertFalse(fonts.split(separator: "\n").dropFirst(2).contains { !$0.contains(" yes yes ") }, "every font embedded:\n\(fonts)")
        XCTAssertTrue(info.contains("Title:           ØiR – SF1590_A_2.12 Finans – ØiR implementeringsopgaver"), info)
        XCTAssertTrue(info.contains("CreationDate:    Fri Apr 24 00:00:00 2020 UTC"), "the catalog's date: \(info)")
        try assertQPDFAccepts(url)
    }


    func testPlanPDFIsTitledAndDatedByThePlanAndPassesQPDF() throws {
        let plan = try PlanFile.load(path: Golden.packageRoot.appendingPathComponent("Examples/plans/vesterhavn-i-gang.yaml").path, catalog: catalog)
        let content = Pipeline.content(.plan(try plan.plans[0].scope(catalog), catalog))
        let pdf = try Pipeline.render(content, options: RenderOptions(format: .pdf, style: style))
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("oir-test-\(UUID().uuidString).pdf")
        try pdf.write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        let output = try runTool("pdfinfo", [url.path])
        let info = try XCTUnwrap(output)
        XCTAssertTrue(info.contains("Title:           Vesterhavn Kommune – implementeringsplan for SF1590_A (2024-11-15)"), info)
        XCTAssertTrue(info.contains("CreationDate:    Fri Nov 15 00:00:00 2024 UTC"), "the plan's dato: \(info)")
        XCTAssertTrue(String(decoding: pdf, as: UTF8.self).contains("/URI"), "links kept")
        try assertQPDFAccepts(url)
        // A title is data whatever it holds.
        let hostile = PDFFinisher.information(title: "a) /Evil (b\\", date: nil)
        XCTAssertFalse(hostile.contains("/Evil"), hostile)
    }

    /// The exported DOT is a graph every Graphviz command draws, the same way: it names its
    /// engine (nop2), so `dot -Tsvg` does not lay it out again (which crashes Graphviz 2.43 on a
    /// text-drawing background) and gives exactly what `neato -n2 -Tsvg` gives.
    func testExportedDOTRendersWithEveryGraphvizCommand() throws {
        try ExternalTool.require("dot", "neato", "fdp")
        let plan = try PlanFile.load(path: Golden.packageRoot.appendingPathComponent("Examples/plans/eksempel-kommune.yaml").path, catalog: catalog)
        let contents = [Pipeline.content(.official(catalog)), Pipeline.content(.plan(try plan.plans[0].scope(catalog), catalog))]
        for content in contents {
            let dot = try Pipeline.render(content, options: RenderOptions(format: .dot, style: style))
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("oir-dot-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }
            let file = folder.appendingPathComponent("graph.dot")
            try dot.write(to: file)
            var outputs: [String: String] = [:]
            for command in [["dot", "-Tsvg"], ["neato", "-n2", "-Tsvg"], ["fdp", "-Tsvg"]] {
                let result = try ExternalTool.run(command[0], Array(command.dropFirst()) + [file.path])
                let name = command.joined(separator: " ")
                XCTAssertEqual(result.status, 0, "\(name) on \(content.name): \(result.errors.suffix(200))")
                outputs[name] = result.output
            }
            XCTAssertEqual(outputs["dot -Tsvg"], outputs["neato -n2 -Tsvg"], "\(content.name): dot and neato -n2 draw the same picture")
            XCTAssertEqual(outputs["fdp -Tsvg"], outputs["neato -n2 -Tsvg"], content.name)
            XCTAssertTrue(outputs["dot -Tsvg"]?.contains("TF108") == true)
            // Outlines (bands, the legend frame) are unfilled, not filled with a transparent
            // colour, which Inkscape and others paint black.
            XCTAssertFalse(outputs["dot -Tsvg"]?.contains("fill=\"transparent\"") ?? true, "\(content.name): a fill Graphviz writes as transparent")
            XCTAssertTrue(outputs["dot -Tsvg"]?.contains("<polygon fill=\"none\"") ?? false, content.name)
        }
    }

    func testPNGRenders() throws {
        let png = try Renderer.render(diagram, options: RenderOptions(format: .png, style: style))
        XCTAssertEqual(Array(png.prefix(8)), [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
    }
}

/// Points along an edge's path in Graphviz's SVG (y is negative: the SVG's y axis is flipped by a transform).
enum SVGPath {
    static func points(ofEdge title: String, in svg: String) -> [Point]? {
        let ends = title.components(separatedBy: "->").map(Slug.make)
        guard let group = svg.range(of: "id=\"sf1590a-bilag1-kant-\(ends[0])-\(ends[1])\""),
              let d = svg[group.upperBound...].range(of: " d=\"") else { return nil }
        let end = svg[d.upperBound...].firstIndex(of: "\"")!
        let numbers = svg[d.upperBound..<end].split(whereSeparator: { "MC ,".contains($0) }).compactMap { Double($0) }
        var controls: [Point] = []
        for i in stride(from: 0, to: numbers.count - 1, by: 2) { controls.append(Point(numbers[i], numbers[i + 1])) }
        var samples: [Point] = []
        // Cubic Bézier segments share end points: p0 c1 c2 p1 c1 c2 p2 …
        var i = 0
        while i + 3 < controls.count {
            let (p0, p1, p2, p3) = (controls[i], controls[i + 1], controls[i + 2], controls[i + 3])
            for step in 1..<20 {
                let t = Double(step) / 20, u = 1 - t
                samples.append(Point(u * u * u * p0.x + 3 * u * u * t * p1.x + 3 * u * t * t * p2.x + t * t * t * p3.x,
                                     u * u * u * p0.y + 3 * u * u * t * p1.y + 3 * u * t * t * p2.y + t * t * t * p3.y))
            }
            i += 3
        }
        return samples
    }
}

import Foundation
import OIRTestSupport
import XCTest
@testable import OIRContent
@testable import OIRLayout
@testable import OIRModel
@testable import OIRPipeline
@testable import OIRPublish
@testable import OIRRender
@testable import OIRRouting

/// Every diagram gets its arrows from `EdgeRouter`, not from Graphviz: every arrow must be
/// routed, drawn where it was routed in every format, and cross no box.
final class EdgeRouterTests: XCTestCase {
    /// A plan with `count` fagsystems and every option varied.
    private func largePlan(_ count: Int) -> SF1590APlan {
        let fagsystems = (0..<count).map { i in
            Fagsystem(name: "System \(i + 1)", firstTime: i % 5 != 4,
                      deliveries: [[.immediate], [.bulk], [.immediate, .bulk]][i % 3],
                      assortment: i % 2 == 0 ? .subscription : .manual, supplement: i % 4 < 2,
                      productionVerification: (i / 3) % 2 == 0, authority: i % 4 == 1 ? "Fælles \(i)" : "Stor Kommune")
        }
        return SF1590APlan(kommune: "Stor Kommune", date: "2025-01-10", bookkeeping: BookkeepingSystem(name: "Økonomi", authority: "Stor Kommune"),
                    fagsystems: fagsystems, status: [StatusEntry(key: "FM001", status: .done)])
    }

    private func diagram(_ count: Int) throws -> RoutedDiagram {
        let catalog = try Catalog.builtIn()
        return Pipeline.diagram(DiagramContent.plan(try largePlan(count).scope(catalog), catalog: catalog), style: try Style.builtIn("official"))
    }

    /// Graphviz routes nothing in any format: every arrow of the graph it gets brings its route,
    /// the one the diagram carries, so SVG, PDF, PNG and DOT draw the same geometry.
    func testEveryFormatDrawsTheOneRouteOfEveryArrow() throws {
        let catalog = try Catalog.builtIn()
        let style = try Style.builtIn("official")
        for laid in [Pipeline.diagram(DiagramContent.official(catalog), style: style), try diagram(2)] {
            XCTAssertEqual(laid.routes.count, laid.edges.count, "every arrow routed")
            let svgGraph = Renderer.graph(for: laid, options: RenderOptions(format: .svg, style: style))
            for format in [OutputFormat.svg, .pdf, .png, .dot] {
                let graph = Renderer.graph(for: laid, options: RenderOptions(format: format, style: style))
                XCTAssertTrue(graph.dot.contains("splines=\"line\""), "\(format): Graphviz does not route")
                let arrows = graph.dot.split(separator: "\n").filter { $0.contains("class=\"arrow") && $0.contains("->") && !$0.contains("_legend") }
                XCTAssertEqual(arrows.count, laid.edges.count, "\(format)")
                XCTAssertTrue(arrows.allSatisfy { $0.contains("pos=\"") }, "\(format): every arrow has its route")
                if format == .dot { XCTAssertEqual(graph.dot, svgGraph.dot, "the DOT is the SVG's graph") }
            }
        }
    }

    func testEveryArrowOfALargePlanIsRoutedBetweenItsBoxes() throws {
        let laid = try diagram(12)
        XCTAssertGreaterThan(laid.edges.count, 50)
        let rects = Dictionary(laid.boxes.map { ($0.key, $0.rect) }, uniquingKeysWith: { a, _ in a })
        for (edge, route) in laid.routedEdges {
            XCTAssertEqual(route.points.count % 3, 1, "a B-spline has 3n+1 points")
            let from = rects[edge.from]!, to = rects[edge.to]!
            XCTAssertEqual(route.points.first!.x, from.maxX, accuracy: 0.01, "leaves at the source's right side")
            let tip = try XCTUnwrap(route.arrowTip)
            let onLeft = abs(tip.x - to.minX) < 0.01 && tip.y > to.minY && tip.y < to.maxY
            let onTopOrBottom = (abs(tip.y - to.minY) < 0.01 || abs(tip.y - to.maxY) < 0.01) && tip.x > to.minX && tip.x < to.maxX
            XCTAssertTrue(onLeft || onTopOrBottom, "the arrowhead touches the target's border")
        }
    }

    /// The SVG's path of every arrow, sampled: no point inside a box that is not one of its ends.
    func testNoRoutedEdgeCrossesABoxInALargePlan() throws {
        let laid = try diagram(12)
        let style = try Style.builtIn("official")
        let svg = String(decoding: try Renderer.render(laid, options: RenderOptions(format: .svg, style: style, idPrefix: "t")), as: UTF8.self)
        let dot = Renderer.graph(for: laid, options: RenderOptions(format: .svg, style: style)).dot
        XCTAssertTrue(dot.contains("splines=\"line\""), "Graphviz does not route again")
        // Boxes by lane band, so each sample is checked against its neighbours only.
        let boxes = laid.boxes
        var checked = 0
        for edge in laid.edges {
            let id = "t-kant-\(Slug.make(edge.from.description))-\(Slug.make(edge.to.description))"
            let points = try XCTUnwrap(Self.pathPoints(id: id, in: svg), "\(edge.from)→\(edge.to) drawn")
            XCTAssertFalse(points.isEmpty)
            for p in points.map({ Point($0.x, $0.y + laid.size.height) }) {
                for box in boxes where box.key != edge.from && box.key != edge.to && abs(box.rect.mid.y - p.y) < 200 {
                    XCTAssertFalse(box.rect.insetBy(1, 1).contains(Rect(x: p.x, y: p.y, width: 0, height: 0)),
                                   "\(edge.from)→\(edge.to) crosses \(box.key) at \(p)")
                }
                checked += 1
            }
            // The drawn path starts at the source's right side and ends near the target's left.
            let start = Point(points[0].x, points[0].y + laid.size.height)
            let from = boxes.first { $0.key == edge.from }!.rect
            XCTAssertEqual(start.x, from.maxX, accuracy: 2)
        }
        XCTAssertGreaterThan(checked, 1000)
    }

    /// Samples along the cubic Bézier path of the element with `id` (Graphviz's y is negative).
    static func pathPoints(id: String, in svg: String) -> [Point]? {
        guard let group = svg.range(of: "id=\"\(id)\""), let d = svg[group.upperBound...].range(of: " d=\"") else { return nil }
        let end = svg[d.upperBound...].firstIndex(of: "\"")!
        let numbers = svg[d.upperBound..<end].split(whereSeparator: { "MC ,".contains($0) }).compactMap { Double($0) }
        var controls: [Point] = []
        for i in stride(from: 0, to: numbers.count - 1, by: 2) { controls.append(Point(numbers[i], numbers[i + 1])) }
        guard let first = controls.first else { return nil }
        var samples = [first]
        var i = 0
        while i + 3 < controls.count {
            let (p0, p1, p2, p3) = (controls[i], controls[i + 1], controls[i + 2], controls[i + 3])
            for step in 1...20 {
                let t = Double(step) / 20, u = 1 - t
                samples.append(Point(u * u * u * p0.x + 3 * u * u * t * p1.x + 3 * u * t * t * p2.x + t * t * t * p3.x,
                                     u * u * u * p0.y + 3 * u * u * t * p1.y + 3 * u * t * t * p2.y + t * t * t * p3.y))
            }
            i += 3
        }
        return samples
    }
}

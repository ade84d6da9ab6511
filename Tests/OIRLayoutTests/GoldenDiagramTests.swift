import Foundation
import XCTest
@testable import OIRContent
@testable import OIRLayout
@testable import OIRModel
@testable import OIRPipeline
@testable import OIRPublish
@testable import OIRRender
@testable import OIRRouting

/// Golden files for the laid-out diagram (JSON) and the final SVG, one case per example: the
/// official diagram (Danish, English, the edges style), every example plan and rollout kommune,
/// and the made-up second integration, which has no Swift of its own.
final class GoldenDiagramTests: XCTestCase {
    struct Case {
        /// The golden files' path without extension, relative to the package.
        var path: String
        var catalog: String?
        var plan: String?
        var kommune: String?
        var style = "official"
        var language = Language.da
    }

    static let cases: [Case] = [
        Case(path: "Examples/sf1590a-bilag1"),
        Case(path: "Examples/sf1590a-bilag1-en", language: .en),
        Case(path: "Examples/styles/bilag1-edges", style: "edges"),
        Case(path: "Examples/plans/eksempel-kommune", plan: "Examples/plans/eksempel-kommune.yaml"),
        Case(path: "Examples/plans/masseleverance", plan: "Examples/plans/masseleverance.yaml"),
        Case(path: "Examples/plans/vesterhavn-i-gang", plan: "Examples/plans/vesterhavn-i-gang.yaml"),
        Case(path: "Examples/plans/udrulning/aabjerg-kommune-plan", plan: "Examples/plans/udrulning.yaml", kommune: "Åbjerg Kommune"),
        Case(path: "Examples/plans/udrulning/nordby-kommune-plan", plan: "Examples/plans/udrulning.yaml", kommune: "Nordby Kommune"),
        Case(path: "Examples/plans/udrulning/oesterlund-kommune-plan", plan: "Examples/plans/udrulning.yaml", kommune: "Østerlund Kommune"),
        Case(path: "Examples/eksempel-debitor/diagram", catalog: "Examples/eksempel-debitor/katalog.yaml"),
        Case(path: "Examples/eksempel-debitor/plan", catalog: "Examples/eksempel-debitor/katalog.yaml", plan: "Examples/eksempel-debitor/plan.yaml"),
        Case(path: "Examples/eksempel-betaling/diagram", catalog: "Examples/eksempel-betaling/katalog.yaml"),
        Case(path: "Examples/eksempel-betaling/diagram-en", catalog: "Examples/eksempel-betaling/katalog.yaml", language: .en),
        Case(path: "Examples/eksempel-betaling/plan-en-bank", catalog: "Examples/eksempel-betaling/katalog.yaml",
             plan: "Examples/eksempel-betaling/plan-en-bank.yaml"),
        Case(path: "Examples/eksempel-betaling/plan-tre-banker", catalog: "Examples/eksempel-betaling/katalog.yaml",
             plan: "Examples/eksempel-betaling/plan-tre-banker.yaml"),
    ]

    private func url(_ relative: String) -> String { Golden.packageRoot.appendingPathComponent(relative).path }

    private func diagram(_ c: Case) throws -> (RoutedDiagram, Style) {
        let catalog = try Pipeline.catalog(path: c.catalog.map(url), language: c.language)
        let labels = LabelSet.builtIn(c.language)
        let style = try Style.builtIn(c.style)
        let content: DiagramContent
        if let plan = c.plan {
            let scoped = try PlanFile.load(path: url(plan), catalog: catalog).plan(named: c.kommune).scope(catalog)
            content = DiagramContent.plan(scoped, catalog: catalog, labels: labels)
        } else {
            content = DiagramContent.official(catalog, labels: labels)
        }
        return (Pipeline.diagram(content, style: style), style)
    }

    func testEveryCaseMatchesItsGoldenJSONAndSVG() throws {
        for c in Self.cases {
            let (laid, style) = try diagram(c)
            for format in [OutputFormat.json, .svg] {
                let data = try Renderer.render(laid, options: RenderOptions(format: format, style: style))
                try Golden.assertMatches(data, "\(c.path).\(format.fileExtension)")
            }
        }
    }

    /// The JSON says where everything is: each box inside its lane, each arrow's route from its
    /// source box to its target box, the legend below the lanes.
    func testJSONDescribesTheDrawing() throws {
        for c in Self.cases {
            let (laid, style) = try diagram(c)
            let data = try Renderer.render(laid, options: RenderOptions(format: .json, style: style))
            let root = try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [String: Any], c.path)
            let lanes = try XCTUnwrap(root["lanes"] as? [[String: Any]])
            let laneRects = Dictionary(uniqueKeysWithValues: lanes.map { ($0["id"] as! String, rect($0["rect"])) })
            let boxes = try XCTUnwrap(root["boxes"] as? [[String: Any]])
            XCTAssertEqual(boxes.count, laid.boxes.count, c.path)
            var boxRects: [String: Rect] = [:]
            for box in boxes {
                let r = rect(box["rect"]), lane = try XCTUnwrap(laneRects[box["lane"] as! String], c.path)
                XCTAssertTrue(lane.contains(r), "\(c.path): \(box["key"]!) inside its lane")
                boxRects[box["key"] as! String] = r
                for line in box["lines"] as! [[String: Any]] {
                    XCTAssertLessThanOrEqual((line["width"] as! NSNumber).doubleValue, r.width, "\(c.path): a line of \(box["key"]!) fits")
                }
            }
            for arrow in try XCTUnwrap(root["arrows"] as? [[String: Any]]) {
                let route = try XCTUnwrap(arrow["route"] as? [[NSNumber]], "\(c.path): every arrow has its route")
                let from = try XCTUnwrap(boxRects[arrow["from"] as! String]), to = try XCTUnwrap(boxRects[arrow["to"] as! String])
                let start = Point(route[0][0].doubleValue, route[0][1].doubleValue)
                let tip = (arrow["arrow_tip"] as? [NSNumber]).map { Point($0[0].doubleValue, $0[1].doubleValue) }
                    ?? Point(route.last![0].doubleValue, route.last![1].doubleValue)
                XCTAssertTrue(from.insetBy(-3, -3).containsPoint(start), "\(c.path): \(arrow["from"]!)→\(arrow["to"]!) starts at its source")
                XCTAssertTrue(to.insetBy(-3, -3).containsPoint(tip), "\(c.path): \(arrow["from"]!)→\(arrow["to"]!) ends at its target")
            }
            let legend = rect((root["legend"] as! [String: Any])["rect"])
            XCTAssertGreaterThanOrEqual(legend.minY, lanes.map { rect($0["rect"]).maxY }.max()!, c.path)
        }
    }

    private func rect(_ value: Any?) -> Rect {
        let r = value as! [String: NSNumber]
        return Rect(x: r["x"]!.doubleValue, y: r["y"]!.doubleValue, width: r["width"]!.doubleValue, height: r["height"]!.doubleValue)
    }
}

private extension Rect {
    func containsPoint(_ p: Point) -> Bool { p.x >= minX && p.x <= maxX && p.y >= minY && p.y <= maxY }
}

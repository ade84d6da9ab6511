import Foundation
import OIRTestSupport
import XCTest
@testable import OIRContent
@testable import OIRLayout
@testable import OIRModel
@testable import OIRPipeline
@testable import OIRRender
@testable import OIRRouting

/// Every arrow is routed by the project; its route is checked on the laid-out diagram as a user
/// of `render --format json` sees it: the drawn curve crosses no box, stub, stub label, frame label,
/// note ("eller") or another arrow's head; with stubs it stays in the lanes of its two ends; it
/// leaves its source's border and its head ends on its target's border, outside the box; it bends
/// at most `EdgeRouter.maxBends` times (`maxBendsAcrossLanes` with the edges style).
final class RouteQualityTests: XCTestCase {
    /// A generator of plans with every answer varied, the same sequence every run.
    private struct Plans {
        var state: UInt64

        mutating func next(_ bound: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(bound))
        }

        mutating func plan() -> SF1590APlan {
            let count = 1 + next(6)
            let fagsystems = (0..<count).map { i in
                Fagsystem(name: "System \(i + 1)", firstTime: next(4) != 0,
                          deliveries: [[.immediate], [.bulk], [.immediate, .bulk]][next(3)],
                          assortment: next(2) == 0 ? .subscription : .manual, supplement: next(2) == 0,
                          productionVerification: next(2) == 0, authority: next(3) == 0 ? "Fælles \(i)" : "Kommune")
            }
            // Done tasks make done inputs: subdued stubs and arrows, routed the same way.
            let status = ["TF103@System 1", "TF105@System 1", "TF106@System 1"].filter { _ in next(2) == 0 }.map { StatusEntry(key: $0, status: .done) }
            return SF1590APlan(kommune: "Kommune", date: "2025-01-10",
                               firstTime: next(3) != 0,
                               bookkeeping: BookkeepingSystem(name: "Økonomi", firstTime: next(3) != 0, authority: "Kommune"),
                               fagsystems: fagsystems, status: status)
        }
    }

    /// The laid-out diagram as the JSON a user gets.
    private func json(_ content: DiagramContent, style: String) throws -> [String: Any] {
        let style = try Style.builtIn(style)
        let diagram = Pipeline.diagram(content, style: style)
        let data = try Renderer.render(diagram, options: RenderOptions(format: .json, style: style))
        return try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    func testRoutesOfGeneratedPlansKeepClearOfEverything() throws {
        let catalog = try Catalog.builtIn()
        var plans = Plans(state: 20_250_110)
        var arrows = 0, worstBends = 0
        for round in 0..<24 {
            let plan = plans.plan()
            let content = DiagramContent.plan(try plan.scope(catalog), catalog: catalog)
            for style in round % 4 == 3 ? ["edges"] : ["official"] {
                let report = RouteCheck(try json(content, style: style), stubs: style != "edges").problems()
                XCTAssertEqual(report.problems, [], "plan \(round) (\(plan.fagsystems.count) fagsystems, \(style))")
                arrows += report.arrows
                if style != "edges" { worstBends = max(worstBends, report.worstBends) }
            }
        }
        XCTAssertGreaterThan(arrows, 300, "the generated plans have arrows to check")
        XCTAssertLessThanOrEqual(worstBends, EdgeRouter.maxBends)
    }

    func testRoutesOfTheOfficialDiagramKeepClearOfEverything() throws {
        let catalog = try Catalog.builtIn()
        for style in ["official", "edges"] {
            let report = RouteCheck(try json(DiagramContent.official(catalog), style: style), stubs: style != "edges").problems()
            XCTAssertEqual(report.problems, [], style)
            XCTAssertGreaterThan(report.arrows, 3)
        }
        // TF103's arrows to the two choices pass beside "eller", not through it.
        let laid = try json(DiagramContent.official(catalog), style: "official")
        let arrows = try XCTUnwrap(laid["arrows"] as? [[String: Any]])
        XCTAssertEqual(arrows.filter { ($0["from"] as? String) == "TF103" }.count, 3)
    }

    func testRoutesOfAnotherIntegrationKeepClearOfEverything() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let catalog = try Catalog.load(path: root.appendingPathComponent("Examples/eksempel-debitor/katalog.yaml").path)
        for style in ["official", "edges"] {
            let report = RouteCheck(try json(DiagramContent.official(catalog), style: style), stubs: style != "edges").problems()
            XCTAssertEqual(report.problems, [], style)
        }
    }

    /// The checker itself finds a crossing: an arrow drawn straight through a box is reported.
    func testTheCheckFindsAnArrowThroughABox() throws {
        let catalog = try Catalog.builtIn()
        var laid = try json(DiagramContent.official(catalog), style: "official")
        var arrows = try XCTUnwrap(laid["arrows"] as? [[String: Any]])
        let index = try XCTUnwrap(arrows.firstIndex { ($0["to"] as? String) == "TF113-B" })
        // From TF103 straight down-left through TF107 and TF113-A.
        let route = try XCTUnwrap(arrows[index]["route"] as? [[Double]])
        let first = route[0], last = try XCTUnwrap(arrows[index]["arrow_tip"] as? [Double])
        arrows[index]["route"] = [first, [first[0] - 20, first[1] + 60], [last[0] + 20, last[1] - 60], [last[0], last[1] - 7]]
        laid["arrows"] = arrows
        let problems = RouteCheck(laid, stubs: true).problems().problems
        XCTAssertTrue(problems.contains { $0.contains("crosses box TF107") }, "\(problems)")
    }
}

/// Checks the routes of one laid-out diagram (its JSON) against everything drawn.
struct RouteCheck {
    let json: [String: Any]
    /// Dependencies between lanes are stubs: an arrow stays in the lanes of its two ends.
    let stubs: Bool

    init(_ json: [String: Any], stubs: Bool) {
        self.json = json
        self.stubs = stubs
    }

    struct Report {
        var problems: [String] = []
        var arrows = 0
        var worstBends = 0
    }

    private func rect(_ any: Any?) -> Rect? {
        guard let r = any as? [String: Any], let x = r["x"] as? Double, let y = r["y"] as? Double,
              let w = r["width"] as? Double, let h = r["height"] as? Double else { return nil }
        return Rect(x: x, y: y, width: w, height: h)
    }

    private func point(_ any: Any?) -> Point? {
        guard let p = any as? [Double], p.count == 2 else { return nil }
        return Point(p[0], p[1])
    }

    private func inside(_ p: Point, _ r: Rect, by margin: Double = 0.5) -> Bool {
        p.x > r.minX + margin && p.x < r.maxX - margin && p.y > r.minY + margin && p.y < r.maxY - margin
    }

    func problems() -> Report {
        var report = Report()
        let boxes = (json["boxes"] as? [[String: Any]] ?? []).compactMap { b -> (String, Rect, String)? in
            guard let key = b["key"] as? String, let r = rect(b["rect"]) else { return nil }
            return (key, r, b["lane"] as? String ?? "")
        }
        let rectOfBox = Dictionary(boxes.map { ($0.0, $0.1) }, uniquingKeysWith: { a, _ in a })
        let laneOfBox = Dictionary(boxes.map { ($0.0, $0.2) }, uniquingKeysWith: { a, _ in a })
        let lanes = Dictionary((json["lanes"] as? [[String: Any]] ?? []).compactMap { l -> (String, Rect)? in
            guard let id = l["id"] as? String, let r = rect(l["rect"]) else { return nil }
            return (id, r)
        }, uniquingKeysWith: { a, _ in a })
        // Everything an arrow must not cross, named for the message.
        var things: [(String, Rect)] = []
        for stub in json["stubs"] as? [[String: Any]] ?? [] {
            guard let from = point(stub["from"]), let to = point(stub["to"]), let at = point(stub["label_at"]) else { continue }
            let label = stub["label"] as? String ?? ""
            let target = stub["target"] as? String ?? ""
            things.append(("stub \(label)→\(target)", Rect(x: min(from.x, to.x), y: from.y - 3, width: abs(to.x - from.x), height: 6)))
            let w = TextMetrics.width(label, size: Diagram.stubLabelSize)
            things.append(("stub label \(label)→\(target)", Rect(x: at.x - w / 2, y: at.y - 4, width: w, height: 8)))
        }
        for frame in json["frames"] as? [[String: Any]] ?? [] {
            guard let r = rect(frame["rect"]) else { continue }
            let w = TextMetrics.width(frame["label"] as? String ?? "", size: Diagram.frameLabelSize)
            things.append(("frame label \(frame["label"] as? String ?? "")", Rect(x: r.minX + 6, y: r.minY + 12 - 7, width: min(w, r.width - 10), height: 9)))
        }
        let laneTop = lanes.values.map(\.minY).min() ?? 0, laneBottom = lanes.values.map(\.maxY).max() ?? 0
        for note in json["notes"] as? [[String: Any]] ?? [] {
            guard let at = point(note["at"]), at.y > laneTop, at.y < laneBottom, let text = note["text"] as? String else { continue }
            let size = note["size"] as? Double ?? 9
            let w = TextMetrics.width(text, size: size)
            let left = switch note["anchor"] as? String { case "start": at.x; case "end": at.x - w; default: at.x - w / 2 }
            things.append(("note \"\(text)\"", Rect(x: left, y: at.y - size * 0.7, width: w, height: size * 0.9)))
        }
        let arrows = json["arrows"] as? [[String: Any]] ?? []
        // Arrowheads: a 7-point triangle behind each tip, approximated by its box.
        let heads = arrows.compactMap { arrow -> (String, Rect)? in
            guard let tip = point(arrow["arrow_tip"]), let route = arrow["route"] as? [[Double]], let last = route.last.flatMap(point) else { return nil }
            let dx = tip.x - last.x, dy = tip.y - last.y
            let r = abs(dx) > abs(dy) ? Rect(x: min(tip.x, last.x), y: tip.y - 2.5, width: abs(dx), height: 5)
                : Rect(x: tip.x - 2.5, y: min(tip.y, last.y), width: 5, height: abs(dy))
            return (arrow["to"] as? String ?? "", r)
        }
        for arrow in arrows {
            let from = arrow["from"] as? String ?? "", to = arrow["to"] as? String ?? ""
            let name = "\(from)→\(to)"
            guard let route = (arrow["route"] as? [[Double]])?.compactMap(point), route.count >= 4, route.count % 3 == 1 else {
                report.problems.append("\(name) has no route of 3n+1 points")
                continue
            }
            report.arrows += 1
            guard let source = rectOfBox[from], let target = rectOfBox[to] else { continue }
            var samples = Self.samples(route)
            let tip = point(arrow["arrow_tip"])
            if let tip { samples.append(tip) }
            // Ends on borders.
            if abs(route[0].x - source.maxX) > 0.01 || route[0].y <= source.minY || route[0].y >= source.maxY {
                report.problems.append("\(name) does not leave from its source's right side")
            }
            if let tip {
                let onBorder = (abs(tip.x - target.minX) < 0.01 && tip.y > target.minY && tip.y < target.maxY)
                    || ((abs(tip.y - target.minY) < 0.01 || abs(tip.y - target.maxY) < 0.01) && tip.x > target.minX && tip.x < target.maxX)
                if !onBorder { report.problems.append("\(name)'s head does not end on its target's border") }
                let last = route[route.count - 1]
                if abs(last.x - tip.x) + abs(last.y - tip.y) < 6 { report.problems.append("\(name)'s head is hidden") }
            }
            // Crossings, ignoring the first and last point (on the borders).
            for p in samples.dropFirst().dropLast() {
                for (key, r, _) in boxes where inside(p, r) {
                    report.problems.append("\(name) crosses box \(key) at \(Int(p.x)),\(Int(p.y))")
                }
                for (thing, r) in things where inside(p, r, by: 0) {
                    report.problems.append("\(name) crosses \(thing) at \(Int(p.x)),\(Int(p.y))")
                }
                for (target, r) in heads where target != to && inside(p, r, by: 0) {
                    report.problems.append("\(name) crosses the head of an arrow into \(target)")
                }
            }
            if stubs, let a = laneOfBox[from].flatMap({ lanes[$0] }), let b = laneOfBox[to].flatMap({ lanes[$0] }) {
                let top = min(a.minY, b.minY), bottom = max(a.maxY, b.maxY)
                if samples.contains(where: { $0.y < top || $0.y > bottom }) { report.problems.append("\(name) leaves the lanes of its ends") }
            }
            let bends = Self.bends(samples)
            report.worstBends = max(report.worstBends, bends)
            if bends > (stubs ? EdgeRouter.maxBends : EdgeRouter.maxBendsAcrossLanes) { report.problems.append("\(name) bends \(bends) times") }
        }
        // One message per arrow and thing is enough.
        var seen = Set<String>()
        report.problems = report.problems.map { $0.components(separatedBy: " at ").first ?? $0 }.filter { seen.insert($0).inserted }
        return report
    }

    /// Points along the cubic Bézier pieces of `controls`.
    static func samples(_ controls: [Point]) -> [Point] {
        var samples = [controls[0]]
        var i = 0
        while i + 3 < controls.count {
            let (p0, p1, p2, p3) = (controls[i], controls[i + 1], controls[i + 2], controls[i + 3])
            for step in 1...16 {
                let t = Double(step) / 16, u = 1 - t
                samples.append(Point(u * u * u * p0.x + 3 * u * u * t * p1.x + 3 * u * t * t * p2.x + t * t * t * p3.x,
                                     u * u * u * p0.y + 3 * u * u * t * p1.y + 3 * u * t * t * p2.y + t * t * t * p3.y))
            }
            i += 3
        }
        return samples
    }

    /// Turns between horizontal and vertical runs along the sampled curve (an S-curve has two).
    static func bends(_ samples: [Point]) -> Int {
        var headings: [Bool] = []
        for (a, b) in zip(samples, samples.dropFirst()) {
            let dx = abs(b.x - a.x), dy = abs(b.y - a.y)
            guard dx + dy > 0.3 else { continue }
            let horizontal = dx >= dy
            if headings.last != horizontal { headings.append(horizontal) }
        }
        return max(0, headings.count - 1)
    }
}

import OIRSupport
import OIRLayout
import OIRModel

/// Routes every dependency arrow itself, so Graphviz only draws.
///
/// Graphviz's spline routing around fixed positions (`nop2` with `splines=spline`) builds a
/// visibility graph over every node's outline: about 0.4 s for the official diagram, 1 s for a
/// small plan, minutes for fifty fagsystems, and it routes again for every output format. Here
/// each arrow gets one route, which every format draws (`pos` of the edge, kept verbatim by `nop2`).
///
/// An arrow leaves its source's right side and arrives at its target's left side, as in Bilag 1.
/// Where the band between the two is free, it is one S-curve (a straight line when aligned).
/// Otherwise it is the cheapest orthogonal path over the free lines of the grid (the gaps between
/// levels and rows, beside the stubs, the lane padding), with a penalty per bend, searched only
/// among the lanes of its two ends, so the work per arrow does not grow with the diagram. The
/// path keeps off boxes, stubs and their labels, frame labels, notes such as "eller" and other
/// arrows' heads, and never runs along a lane, frame or column border; its corners are rounded.
public enum EdgeRouter {
    /// The most bends an arrow inside its lanes takes (checked by the route-quality tests on
    /// generated plans); the bend penalty keeps routes at the fewest bends that reach.
    public static let maxBends = 4
    /// The most bends an arrow between lanes takes (the `edges` style): one that runs back to a
    /// box left of its source in another lane goes round both.
    public static let maxBendsAcrossLanes = 6

    /// An arrow whose lanes hold more obstacles than this (only the `edges` style, whose arrows
    /// cross many lanes; about ten fagsystems' lanes) gets a direct S-curve: searching so wide a
    /// corridor per arrow would make the work grow with the square of the diagram.
    static let spanLimit = 300

    /// `diagram` with a route for every arrow.
    /// - Parameters:
    ///   - diagram: A laid-out diagram; its boxes, stubs, frames and notes are the obstacles.
    ///   - options: The sizes it was laid out with (gaps and paddings give the free lines).
    ///
    /// An arrow with no route clear of every box, stub, label and arrowhead within its bends
    /// becomes the labelled stub the layout gave it (`Edge.fallback`), and so do the other
    /// arrows into that box (their heads would meet the stub): one stub at the box's middle,
    /// naming every task it waits for.
    public static func routed(_ diagram: Diagram, options: LayoutOptions) -> RoutedDiagram {
        var current = diagram
        // The new stubs are obstacles too: the arrows left in their lanes are routed again
        // around them, the others keep their routes (a few rounds at most; what still fails
        // then is drawn as `direct` gives it).
        var kept: [String: EdgeRoute] = [:]
        var touched: Set<Int>?
        @Sendable func name(_ edge: Diagram.Edge) -> String { "\(edge.from)>\(edge.to)>\(edge.kind)" }
        var round = 0
        // The last round's router and arrowheads: a kept route whose lanes did not change since
        // it passed the check passes it again, unchecked.
        var before: (router: Router, heads: [[(Rect, TaskKey)]])?
        while true {
            let router = Router(diagram: current, options: options)
            // Each arrow is routed on its own (the router is read-only): on every core at once,
            // the routes in the arrows' order, so the drawing is the same as routed one by one.
            let (keptNow, touchedNow) = (kept, touched)
            let found = current.edges.concurrentMap { edge -> EdgeRoute? in
                if let touchedNow, let previous = keptNow[name(edge)], let lanes = router.lanes(of: edge), touchedNow.isDisjoint(with: lanes) { return previous }
                return router.route(edge)
            }
            // Every arrowhead as drawn, by lane; then every route checked against the drawing.
            var heads = Array(repeating: [(Rect, TaskKey)](), count: max(1, current.lanes.count))
            for (edge, route) in zip(current.edges, found) {
                guard let route, let rect = Router.head(of: route) else { continue }
                for lane in router.lane(at: rect.minY)...router.lane(at: rect.maxY) { heads[lane].append((rect, edge.to)) }
            }
            for lane in heads.indices { heads[lane].sort { $0.0.minX < $1.0.minX } }
            let drawnHeads = heads
            let unchanged = before.map { router.unchangedLanes(heads: drawnHeads, since: $0.router, heads: $0.heads) } ?? []
            let routes = Array(zip(current.edges, found)).concurrentMap { edge, route -> EdgeRoute? in
                guard let route else { return nil }
                if edge.fallback == nil { return route }
                if !unchanged.isEmpty, keptNow[name(edge)] == route, router.lanes(covering: route).allSatisfy({ unchanged[$0] }) { return route }
                return router.isClear(route, of: edge, heads: drawnHeads) ? route : nil
            }
            let stubbed = Set(zip(current.edges, routes).compactMap { edge, route in route == nil && edge.fallback != nil ? edge.to : nil })
            guard !stubbed.isEmpty, round < 2 else {
                return RoutedDiagram(diagram: current, routes: zip(current.edges, routes).map { $1 ?? router.direct($0) })
            }
            kept = Dictionary(zip(current.edges, routes).compactMap { edge, route in route.map { (name(edge), $0) } }, uniquingKeysWith: { a, _ in a })
            touched = Set(stubbed.compactMap { router.indexOfKey[$0].map { router.laneOfBox[$0] } })
            before = (router, drawnHeads)
            current = stubbing(current, into: stubbed, options: options)
            round += 1
        }
    }

    /// `diagram` with every arrow into the boxes of `targets` replaced by their one stub.
    private static func stubbing(_ diagram: Diagram, into stubbed: Set<TaskKey>, options: LayoutOptions) -> Diagram {
        var drawn = diagram
        drawn.edges = []
        var stubs: [TaskKey: Diagram.Stub] = [:], order: [TaskKey] = []
        for edge in diagram.edges {
            guard stubbed.contains(edge.to), var stub = edge.fallback else {
                drawn.edges.append(edge)
                continue
            }
            if let earlier = stubs[edge.to] {
                // One stub per box: its label lists every task (cut to the gap before the box,
                // the tooltip keeps them all), done only when all are.
                let room = options.gapX - 6
                stub.label = TextMetrics.fit(earlier.label + ", " + stub.label, width: room, size: Diagram.stubLabelSize)
                stub.tooltip = earlier.tooltip + "; " + stub.tooltip
                if earlier.kind != .done { stub.kind = earlier.kind }
                let width = TextMetrics.width(stub.label, size: Diagram.stubLabelSize)
                stub.labelAt.x = min(stub.labelAt.x, stub.end.x - 2 - width / 2)
            }
            if stubs[edge.to] == nil { order.append(edge.to) }
            stubs[edge.to] = stub
        }
        drawn.stubs += order.compactMap { stubs[$0] }
        return drawn
    }
}

/// Something a route must not cross: its area, and the box key whose arrows may touch it (the
/// box itself at their ends, the arrowhead shared by arrows into one box).
private struct Obstacle: Equatable {
    var rect: Rect
    var owner: TaskKey?
    /// An arrowhead: arrows into the same box share it.
    var head = false
}

/// Where a path ends: the point where the line stops (the arrowhead starts), the tip on the
/// target's border, the direction it comes in, and what entering there costs beyond its length.
private struct Arrival {
    enum Heading { case east, south, north }
    var end: Point
    var tip: Point
    var heading: Heading
    var extra: Double
}

/// A line a route may cross but not run along (lane, frame and column borders).
private struct Rail {
    var from: Point
    var to: Point
    var vertical: Bool { from.x == to.x }
}

private struct Router {
    let boxes: [Diagram.Box]
    let lanes: [Diagram.Lane]
    let o: LayoutOptions
    let indexOfKey: [TaskKey: Int]
    /// Each box's lane, and the obstacles and rails of every lane.
    let laneOfBox: [Int]
    let obstaclesOfLane: [[Obstacle]]
    /// What a drawn arrow must not touch, as drawn (no clearance), by lane: boxes, stubs and
    /// their labels, frame labels and notes; the tops of the lanes, to find a point's lane.
    let drawnOfLane: [[Obstacle]]
    /// The widest of each lane's drawn obstacles: with them sorted by left edge, the ones that
    /// can hold a point are found by binary search (a lane of thousands of boxes).
    let drawnWidthOfLane: [Double]
    let laneTops: [Double]
    let railsOfLane: [[Rail]]
    /// The x of each column divider: crossing one costs like a bend, so a route stays in its
    /// column when it can.
    let dividers: [Double]
    /// Grid lines offered by each lane.
    let xsOfLane: [[Double]]
    let ysOfLane: [[Double]]
    /// Free space kept between a path and any box.
    let clearance = 5.0
    /// Length of the arrowhead (Graphviz: 10 points x arrowsize 0.7).
    let arrowLength = 7.0
    /// How close a path may run alongside a border.
    let railDistance = 3.0
    /// The cost of a bend, in points of length; and of crossing an obstacle (only paid when no
    /// free path exists, so every arrow is drawn).
    let bendCost = 60.0
    /// A bend between lanes (the `edges` style) costs more: such a route is long anyway, and
    /// every jog through the lanes it passes makes it harder to follow.
    let bendCostAcrossLanes = 200.0
    let blockedCost = 100_000.0

    init(diagram: Diagram, options: LayoutOptions) {
        boxes = diagram.boxes
        lanes = diagram.lanes
        o = options
        var indexOfKey: [TaskKey: Int] = [:]
        for (i, box) in boxes.enumerated() where indexOfKey[box.key] == nil { indexOfKey[box.key] = i }
        self.indexOfKey = indexOfKey
        let tops = lanes.map(\.rect.minY)
        /// Lanes are horizontal strips in order: the lanes `rect` overlaps, by binary search.
        func laneRange(_ rect: Rect) -> ClosedRange<Int>? {
            guard !tops.isEmpty else { return nil }
            return Self.lane(at: rect.minY, tops: tops)...Self.lane(at: rect.maxY, tops: tops)
        }
        var obstacles = Array(repeating: [Obstacle](), count: lanes.count)
        var drawn = Array(repeating: [Obstacle](), count: lanes.count)
        func addDrawn(_ obstacle: Obstacle) {
            guard let range = laneRange(obstacle.rect) else { return }
            for lane in range { drawn[lane].append(obstacle) }
        }
        var rails = Array(repeating: [Rail](), count: lanes.count)
        var xs = Array(repeating: [Double](), count: lanes.count)
        var ys = Array(repeating: [Double](), count: lanes.count)
        func add(_ obstacle: Obstacle) {
            guard let range = laneRange(obstacle.rect) else { return }
            for lane in range { obstacles[lane].append(obstacle) }
        }
        func add(_ rail: Rail) {
            guard let range = laneRange(Rect(x: rail.from.x, y: min(rail.from.y, rail.to.y), width: 0, height: abs(rail.to.y - rail.from.y))) else { return }
            for lane in range { rails[lane].append(rail) }
        }
        var laneOfBox: [Int] = []
        let c = clearance
        for box in boxes {
            let r = box.rect
            let lane = laneRange(Rect(x: r.mid.x, y: r.mid.y, width: 0, height: 0))?.lowerBound ?? 0
            laneOfBox.append(lane)
            add(Obstacle(rect: r.insetBy(-c, -c), owner: box.key))
            addDrawn(Obstacle(rect: r.insetBy(0.5, 0.5), owner: box.key))
            if !lanes.isEmpty {
                xs[lane] += [r.minX - o.gapX / 2, r.maxX + o.gapX / 2, r.maxX + 2 * c, r.minX - o.stubLength - 2 * c]
                ys[lane] += [r.minY - o.gapY / 2, r.maxY + o.gapY / 2]
            }
        }
        for stub in diagram.stubs {
            add(Obstacle(rect: stub.lineRect.insetBy(-2, -2), owner: nil))
            add(Obstacle(rect: stub.labelRect.insetBy(-1, -1), owner: nil))
            addDrawn(Obstacle(rect: stub.lineRect, owner: nil))
            addDrawn(Obstacle(rect: stub.labelRect, owner: nil))
        }
        for edge in diagram.edges where edge.kind == .dependency {
            guard let target = indexOfKey[edge.to] else { continue }
            let r = boxes[target].rect
            add(Obstacle(rect: Rect(x: r.minX - arrowLength - 2, y: r.mid.y - 5, width: arrowLength + 2, height: 10), owner: edge.to, head: true))
        }
        for frame in diagram.frames {
            add(Obstacle(rect: frame.labelRect, owner: nil))
            addDrawn(Obstacle(rect: frame.labelRect, owner: nil))
            let r = frame.rect
            add(Rail(from: Point(r.minX, r.minY), to: Point(r.maxX, r.minY)))
            add(Rail(from: Point(r.minX, r.maxY), to: Point(r.maxX, r.maxY)))
            add(Rail(from: Point(r.minX, r.minY), to: Point(r.minX, r.maxY)))
            add(Rail(from: Point(r.maxX, r.minY), to: Point(r.maxX, r.maxY)))
            if let lane = laneRange(r)?.lowerBound {
                xs[lane] += [r.minX - 2 * railDistance, r.maxX + 2 * railDistance]
                ys[lane] += [r.minY - 2 * railDistance, r.maxY + 2 * railDistance]
            }
        }
        // Notes inside the lanes ("eller" between the boxes of a choice).
        if let first = lanes.first, let last = lanes.last {
            for note in diagram.notes where note.at.y > first.rect.minY && note.at.y < last.rect.maxY {
                add(Obstacle(rect: note.rect.insetBy(-2, -2), owner: nil))
                addDrawn(Obstacle(rect: note.rect, owner: nil))
            }
        }
        for (index, lane) in lanes.enumerated() {
            let r = lane.rect
            rails[index] += [Rail(from: Point(r.minX, r.minY), to: Point(r.maxX, r.minY)), Rail(from: Point(r.minX, r.maxY), to: Point(r.maxX, r.maxY))]
            ys[index] += [r.minY + o.lanePadding / 2, r.maxY - o.lanePadding / 2]
        }
        for divider in diagram.dividers {
            add(Rail(from: divider.from, to: divider.to))
            for lane in lanes.indices { xs[lane] += [divider.from.x - o.gapX / 4, divider.from.x + o.gapX / 4] }
        }
        self.laneOfBox = laneOfBox
        dividers = diagram.dividers.map(\.from.x)
        obstaclesOfLane = obstacles
        drawnOfLane = drawn.map { $0.sorted { $0.rect.minX < $1.rect.minX } }
        drawnWidthOfLane = drawn.map { $0.map(\.rect.width).max() ?? 0 }
        laneTops = tops
        railsOfLane = rails
        xsOfLane = xs
        ysOfLane = ys
    }

    /// The lane a height lies in.
    func lane(at y: Double) -> Int { Self.lane(at: y, tops: laneTops) }

    /// The lanes an arrow's route may use: those of its two ends and between.
    func lanes(of edge: Diagram.Edge) -> ClosedRange<Int>? {
        guard let a = indexOfKey[edge.from], let b = indexOfKey[edge.to] else { return nil }
        return min(laneOfBox[a], laneOfBox[b])...max(laneOfBox[a], laneOfBox[b])
    }

    /// The lane of the strips starting at `tops` (in order) that a height lies in, by binary search.
    static func lane(at y: Double, tops: [Double]) -> Int {
        var lo = 0, hi = tops.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if tops[mid] <= y { lo = mid + 1 } else { hi = mid }
        }
        return max(0, lo - 1)
    }

    /// The area of a route's arrowhead, behind its tip.
    static func head(of route: EdgeRoute) -> Rect? {
        guard let tip = route.arrowTip, let last = route.points.last else { return nil }
        let dx = tip.x - last.x, dy = tip.y - last.y
        return abs(dx) > abs(dy) ? Rect(x: min(tip.x, last.x), y: tip.y - 2.5, width: abs(dx), height: 5)
            : Rect(x: tip.x - 2.5, y: min(tip.y, last.y), width: 5, height: abs(dy))
    }

    /// The lanes the drawn curve of `route` can touch: a Bézier curve stays inside the hull of
    /// its control points.
    func lanes(covering route: EdgeRoute) -> ClosedRange<Int> {
        let ys = route.points.map(\.y)
        return lane(at: ys.min() ?? 0)...lane(at: ys.max() ?? 0)
    }

    /// For each lane, whether `isClear` sees the same in it as it saw with `earlier`: the same
    /// lane, drawn obstacles and arrowheads.
    func unchangedLanes(heads: [[(Rect, TaskKey)]], since earlier: Router, heads earlierHeads: [[(Rect, TaskKey)]]) -> [Bool] {
        guard laneTops == earlier.laneTops, heads.count == earlierHeads.count else { return Array(repeating: false, count: laneTops.count) }
        return laneTops.indices.map { lane in
            drawnOfLane[lane] == earlier.drawnOfLane[lane] && heads[lane].count == earlierHeads[lane].count
                && zip(heads[lane], earlierHeads[lane]).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
        }
    }

    /// Whether the drawn curve of `route` keeps off every box but its ends, every stub and
    /// label, frame label and note, and the heads of arrows into other boxes: the check an
    /// arrow passes before it is drawn (the route-quality tests make the same one).
    func isClear(_ route: EdgeRoute, of edge: Diagram.Edge, heads: [[(Rect, TaskKey)]]) -> Bool {
        guard !laneTops.isEmpty else { return true }
        var lane = 0
        for p in Self.samples(route.points).dropFirst().dropLast() {
            // The next sample is mostly in the lane of the one before.
            if p.y < laneTops[lane] || (lane + 1 < laneTops.count && p.y >= laneTops[lane + 1]) { lane = self.lane(at: p.y) }
            let drawn = drawnOfLane[lane]
            var lo = 0, hi = drawn.count
            while lo < hi {
                let mid = (lo + hi) / 2
                if drawn[mid].rect.minX < p.x - drawnWidthOfLane[lane] { lo = mid + 1 } else { hi = mid }
            }
            while lo < drawn.count, drawn[lo].rect.minX < p.x {
                let obstacle = drawn[lo]
                if obstacle.owner != edge.from && obstacle.owner != edge.to && obstacle.rect.strictlyContains(p) { return false }
                lo += 1
            }
            // Heads sorted by left edge (`routed`), none wider than an arrowhead's length.
            let near = heads[lane]
            var first = 0, past = near.count
            while first < past {
                let mid = (first + past) / 2
                if near[mid].0.minX < p.x - arrowLength - 1 { first = mid + 1 } else { past = mid }
            }
            while first < near.count, near[first].0.minX < p.x {
                if near[first].1 != edge.to && near[first].0.strictlyContains(p) { return false }
                first += 1
            }
        }
        return true
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

    /// A straight line between the two boxes' centres: for the one arrow `route` has no path for,
    /// an arrow from a box to itself, which a validated catalog never has.
    func direct(_ edge: Diagram.Edge) -> EdgeRoute {
        let from = indexOfKey[edge.from].map { boxes[$0].rect.mid } ?? Point(0, 0)
        let to = indexOfKey[edge.to].map { boxes[$0].rect.mid } ?? from
        return EdgeRoute(points: line(from, to), arrowTip: nil)
    }

    func route(_ edge: Diagram.Edge) -> EdgeRoute? {
        guard let a = indexOfKey[edge.from], let b = indexOfKey[edge.to], a != b else { return nil }
        let source = boxes[a].rect, target = boxes[b].rect
        let headed = edge.kind == .dependency
        let start = Point(source.maxX, source.mid.y)
        let tip = Point(target.minX, target.mid.y)
        let end = headed ? Point(tip.x - arrowLength, tip.y) : tip
        let head: Point? = headed ? tip : nil
        guard !lanes.isEmpty else { return EdgeRoute(points: line(start, end), arrowTip: head) }
        let laneRange = min(laneOfBox[a], laneOfBox[b])...max(laneOfBox[a], laneOfBox[b])
        // Counted before anything is gathered, so a long arrow costs nothing per lane it spans.
        var spanned = 0
        for lane in laneRange {
            spanned += obstaclesOfLane[lane].count
            if spanned > EdgeRouter.spanLimit { return EdgeRoute(points: sCurve(start, end), arrowTip: head) }
        }
        // Obstacles once each (a frame label or a stub can touch two lanes).
        var seen = Set<Rect>()
        let obstacles = laneRange.flatMap { obstaclesOfLane[$0] }.filter { !($0.head && $0.owner == edge.to) }
            .filter { seen.insert($0.rect).inserted }
        let blocking = obstacles.filter { $0.owner != edge.from && $0.owner != edge.to }

        // Aligned and nothing between: a straight line.
        if abs(start.y - end.y) < 0.5, end.x > start.x, clear(start, end, blocking) {
            return EdgeRoute(points: line(start, end), arrowTip: head)
        }
        // The next level, or a free band between: one S-curve through the gap.
        if end.x - start.x > 2 * clearance {
            let band = Rect(x: start.x, y: min(start.y, end.y), width: end.x - start.x, height: abs(start.y - end.y))
            if !blocking.contains(where: { $0.rect.intersects(band) }) {
                return EdgeRoute(points: sCurve(start, end), arrowTip: head)
            }
        }
        // A target that does not stand to the right may also be entered from above or below,
        // which costs about two bends: a short way in beats a long way round to its left side.
        var arrivals = [Arrival(end: end, tip: head ?? tip, heading: .east, extra: 0)]
        if end.x - start.x <= 2 * clearance {
            let x = target.minX + target.width * 0.75
            let lengthOfHead = headed ? arrowLength : 0
            arrivals.append(Arrival(end: Point(x, target.minY - lengthOfHead), tip: Point(x, target.minY), heading: .south, extra: 2 * bendCost))
            arrivals.append(Arrival(end: Point(x, target.maxY + lengthOfHead), tip: Point(x, target.maxY), heading: .north, extra: 2 * bendCost))
        }
        let search = GridSearch(router: self, laneRange: laneRange, throughX: arrivals.map(\.end.x), throughY: [start.y] + arrivals.map(\.end.y),
                                obstacles: obstacles, rails: laneRange.flatMap { railsOfLane[$0] }, crossings: dividers,
                                bendCost: laneRange.count > 1 ? bendCostAcrossLanes : bendCost)
        guard let (path, arrival) = search.path(from: start, to: arrivals, source: edge.from, target: edge.to),
              Self.bends(path) <= (laneRange.count > 1 ? EdgeRouter.maxBendsAcrossLanes : EdgeRouter.maxBends) else {
            // No clear way within the bends: a stub instead, where the layout gave one.
            return edge.fallback == nil ? EdgeRoute(points: sCurve(start, end), arrowTip: head) : nil
        }
        return EdgeRoute(points: rounded(path), arrowTip: headed ? arrival.tip : nil)
    }

    /// The turns of an orthogonal path of corner points.
    static func bends(_ corners: [Point]) -> Int {
        var headings: [Bool] = []
        for (a, b) in zip(corners, corners.dropFirst()) where abs(b.x - a.x) + abs(b.y - a.y) > 0.01 {
            let horizontal = abs(b.x - a.x) >= abs(b.y - a.y)
            if headings.last != horizontal { headings.append(horizontal) }
        }
        return max(0, headings.count - 1)
    }

    /// True when the segment `p`–`q` (horizontal or vertical) enters none of `obstacles`.
    func clear(_ p: Point, _ q: Point, _ obstacles: [Obstacle]) -> Bool {
        let segment = Rect(x: min(p.x, q.x), y: min(p.y, q.y), width: abs(q.x - p.x), height: abs(q.y - p.y))
        return !obstacles.contains { r in
            segment.minX < r.rect.maxX && segment.maxX > r.rect.minX && segment.minY < r.rect.maxY && segment.maxY > r.rect.minY
        }
    }

    // MARK: Curves

    func line(_ a: Point, _ b: Point) -> [Point] {
        [a, Point(a.x + (b.x - a.x) / 3, a.y + (b.y - a.y) / 3), Point(a.x + 2 * (b.x - a.x) / 3, a.y + 2 * (b.y - a.y) / 3), b]
    }

    /// Leaves and arrives horizontally, turning in the middle of the gap.
    func sCurve(_ start: Point, _ end: Point) -> [Point] {
        guard abs(start.y - end.y) > 0.5 else { return line(start, end) }
        let mid = (start.x + end.x) / 2
        return [start, Point(mid, start.y), Point(mid, end.y), end]
    }

    /// An orthogonal polyline as a B-spline with rounded corners (radius at most 8 points, and
    /// at most half of each neighbouring segment, so the curve stays within the clearance).
    func rounded(_ corners: [Point]) -> [Point] {
        guard corners.count > 2 else { return line(corners[0], corners[corners.count - 1]) }
        func length(_ a: Point, _ b: Point) -> Double { abs(b.x - a.x) + abs(b.y - a.y) }
        func toward(_ a: Point, _ b: Point, _ d: Double) -> Point {
            let l = length(a, b)
            return l == 0 ? a : Point(a.x + (b.x - a.x) * d / l, a.y + (b.y - a.y) * d / l)
        }
        let k = 0.5523 // cubic approximation of a quarter circle
        var out: [Point] = [corners[0]]
        var cursor = corners[0]
        for i in 1..<(corners.count - 1) {
            let p = corners[i - 1], c = corners[i], n = corners[i + 1]
            let r = min(8, length(p, c) / 2, length(c, n) / 2)
            let enter = toward(c, p, r), leave = toward(c, n, r)
            out += Array(line(cursor, enter).dropFirst())
            out += [toward(enter, c, r * k), toward(leave, c, r * k), leave]
            cursor = leave
        }
        out += Array(line(cursor, corners[corners.count - 1]).dropFirst())
        return out
    }
}

/// The shortest orthogonal path for one arrow over the grid of its lanes' free lines.
private struct GridSearch {
    let router: Router
    let xs: [Double]
    let ys: [Double]
    let obstacles: [Obstacle]
    /// What the segment from grid point (ix, iy) to (ix + 1, iy), or to (ix, iy + 1), costs
    /// beyond its length: a lot when it enters an obstacle or runs along a border.
    var costRight: [Double]
    var costDown: [Double]
    /// What a bend costs, in points of length.
    let bendCost: Double

    /// - Parameters:
    ///   - throughX: Columns the path's ends need (an entry from above or below).
    ///   - throughY: Rows the path's ends need.
    ///   - crossings: Vertical lines that cost a bend to cross (column dividers).
    init(router: Router, laneRange: ClosedRange<Int>, throughX: [Double], throughY: [Double], obstacles: [Obstacle], rails: [Rail],
         crossings: [Double], bendCost: Double) {
        self.router = router
        self.bendCost = bendCost
        self.obstacles = obstacles
        let top = router.lanes[laneRange.lowerBound].rect, bottom = router.lanes[laneRange.upperBound].rect
        let minX = top.minX + router.o.laneLabelWidth + 2, maxX = top.maxX - 2
        xs = Array(Set(laneRange.flatMap { router.xsOfLane[$0] } + throughX)).filter { $0 > minX && $0 < maxX }.sorted()
        ys = Array(Set(laneRange.flatMap { router.ysOfLane[$0] } + throughY)).filter { $0 > top.minY && $0 < bottom.maxY }.sorted()
        let nx = xs.count, ny = ys.count
        costRight = Array(repeating: 0, count: nx * ny)
        costDown = Array(repeating: 0, count: nx * ny)
        for obstacle in obstacles { block(obstacle.rect) }
        for rail in rails { block(rail) }
        for x in crossings {
            for ix in 0..<max(0, nx - 1) where xs[ix] < x && xs[ix + 1] > x {
                for iy in 0..<ny { costRight[iy * nx + ix] += bendCost }
            }
        }
    }

    /// Index of the first value in `values` not below `value`.
    private static func lowerBound(_ values: [Double], _ value: Double) -> Int {
        var lo = 0, hi = values.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if values[mid] < value { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    /// Marks every grid segment that enters the interior of `r`.
    private mutating func block(_ r: Rect) {
        let nx = xs.count
        // Rows strictly inside r: their horizontal segments overlapping r's width.
        let iy0 = Self.lowerBound(ys, r.minY), iy1 = Self.lowerBound(ys, r.maxY)
        let ix0 = Self.lowerBound(xs, r.minX), ix1 = Self.lowerBound(xs, r.maxX)
        for iy in iy0..<iy1 where ys[iy] > r.minY {
            for ix in max(0, ix0 - 1)..<min(nx - 1, ix1) where xs[ix] < r.maxX && xs[ix + 1] > r.minX {
                costRight[iy * nx + ix] = router.blockedCost
            }
        }
        for ix in ix0..<ix1 where xs[ix] > r.minX {
            for iy in max(0, iy0 - 1)..<min(ys.count - 1, iy1) where ys[iy] < r.maxY && ys[iy + 1] > r.minY {
                costDown[iy * nx + ix] = router.blockedCost
            }
        }
    }

    /// Marks every grid segment that runs along `rail` within the rail distance.
    private mutating func block(_ rail: Rail) {
        let d = router.railDistance
        if rail.vertical {
            let y0 = min(rail.from.y, rail.to.y), y1 = max(rail.from.y, rail.to.y)
            block(Rect(x: rail.from.x - d, y: y0, width: 2 * d, height: y1 - y0), along: true)
        } else {
            let x0 = min(rail.from.x, rail.to.x), x1 = max(rail.from.x, rail.to.x)
            block(Rect(x: x0, y: rail.from.y - d, width: x1 - x0, height: 2 * d), along: false)
        }
    }

    /// Marks the segments parallel to a border (vertical ones for a vertical border) inside `band`.
    private mutating func block(_ band: Rect, along vertical: Bool) {
        let nx = xs.count
        if vertical {
            for ix in Self.lowerBound(xs, band.minX)..<Self.lowerBound(xs, band.maxX) where xs[ix] > band.minX {
                for iy in 0..<max(0, ys.count - 1) where ys[iy] < band.maxY && ys[iy + 1] > band.minY { costDown[iy * nx + ix] = router.blockedCost }
            }
        } else {
            for iy in Self.lowerBound(ys, band.minY)..<Self.lowerBound(ys, band.maxY) where ys[iy] > band.minY {
                for ix in 0..<max(0, nx - 1) where xs[ix] < band.maxX && xs[ix + 1] > band.minX { costRight[iy * nx + ix] = router.blockedCost }
            }
        }
    }

    /// The corners of the cheapest path from `start` (leaving eastwards) to one of `arrivals`,
    /// and that arrival; nil when the grid offers none.
    func path(from start: Point, to arrivals: [Arrival], source: TaskKey, target: TaskKey) -> ([Point], Arrival)? {
        let nx = xs.count, ny = ys.count
        guard nx > 0, let y0 = ys.firstIndex(of: start.y) else { return nil }
        let notSource = obstacles.filter { $0.owner != source || $0.head }, notTarget = obstacles.filter { $0.owner != target }
        let bend = bendCost, penalty = router.blockedCost, clearance = router.clearance
        // Where each arrival is reached from: its row (east) or column (south, north).
        let ends = arrivals.map { arrival in
            arrival.heading == .east ? ys.firstIndex(of: arrival.end.y) : xs.firstIndex(of: arrival.end.x)
        }
        // State: grid point and direction (0 east, 1 west, 2 south, 3 north).
        func id(_ ix: Int, _ iy: Int, _ d: Int) -> Int { ((iy * nx) + ix) * 4 + d }
        var cost = Array(repeating: Double.infinity, count: nx * ny * 4)
        var previous = Array(repeating: -1, count: nx * ny * 4)
        // A*: what is left from a state costs at least its distance to an arrival, that
        // arrival's extra, and the bends it still needs (every step costs its length and more,
        // every turn a bend), so the search keeps to a corridor towards the target instead of
        // spreading over every lane it may use.
        func rest(_ ix: Int, _ iy: Int, _ d: Int) -> Double {
            var least = Double.infinity
            for arrival in arrivals {
                let x = xs[ix], y = ys[iy], horizontal = d < 2
                let turns: Double = switch arrival.heading {
                case .east: y == arrival.end.y ? (d == 0 ? 0 : d == 1 ? 2 : 1) : (horizontal ? 2 : 1)
                case .south: x == arrival.end.x ? (d == 2 ? 0 : d == 3 ? 2 : 1) : (horizontal ? 1 : 2)
                case .north: x == arrival.end.x ? (d == 3 ? 0 : d == 2 ? 2 : 1) : (horizontal ? 1 : 2)
                }
                least = min(least, abs(arrival.end.x - x) + abs(arrival.end.y - y) + arrival.extra + turns * bend)
            }
            return least
        }
        var heap = MinHeap<Pending>()
        // Leave the source eastwards to any grid line before the first obstacle.
        for ix in 0..<nx where xs[ix] >= start.x + clearance {
            let p = Point(xs[ix], start.y), free = router.clear(start, p, notSource)
            let s = id(ix, y0, 0)
            cost[s] = p.x - start.x + (free ? 0 : penalty)
            heap.push(Pending(cost: cost[s], bound: cost[s] + rest(ix, y0, 0), state: s))
            if !free { break }
        }
        // A path that must enter an obstacle or run along a border is no path (below): the
        // search stops at that cost, so a target with no free way costs only the free region.
        var best = penalty, bestState = -1, bestArrival = 0
        while let popped = heap.pop() {
            let c = popped.cost, s = popped.state
            if c > cost[s] { continue }
            // Nothing left in the heap can end below `best`.
            if popped.bound >= best { break }
            let d = s % 4, cell = s / 4, ix = cell % nx, iy = cell / nx
            let here = Point(xs[ix], ys[iy])
            for (index, arrival) in arrivals.enumerated() {
                let end = arrival.end
                let reaches: Bool, heading: Int
                switch arrival.heading {
                case .east: reaches = iy == ends[index] && here.x <= end.x - clearance; heading = 0
                // Between two rows of boxes there is only just room for a bend and a head.
                case .south: reaches = ix == ends[index] && here.y <= end.y - 2; heading = 2
                case .north: reaches = ix == ends[index] && here.y >= end.y + 2; heading = 3
                }
                guard reaches else { continue }
                let free = router.clear(here, end, notTarget)
                let total = c + abs(end.x - here.x) + abs(end.y - here.y) + (d == heading ? 0 : bend) + arrival.extra + (free ? 0 : penalty)
                if total < best { best = total; bestState = s; bestArrival = index }
            }
            // Every way on but back (east and west, south and north are pairs: `d ^ 1`);
            // a switch, not a list of neighbours, which would be allocated for every state.
            for nd in 0..<4 where nd != d ^ 1 {
                let jx: Int, jy: Int, extra: Double
                switch nd {
                case 0:
                    guard ix + 1 < nx else { continue }
                    (jx, jy, extra) = (ix + 1, iy, costRight[iy * nx + ix])
                case 1:
                    guard ix > 0 else { continue }
                    (jx, jy, extra) = (ix - 1, iy, costRight[iy * nx + ix - 1])
                case 2:
                    guard iy + 1 < ny else { continue }
                    (jx, jy, extra) = (ix, iy + 1, costDown[iy * nx + ix])
                default:
                    guard iy > 0 else { continue }
                    (jx, jy, extra) = (ix, iy - 1, costDown[(iy - 1) * nx + ix])
                }
                let next = id(jx, jy, nd)
                let nc = c + abs(xs[jx] - xs[ix]) + abs(ys[jy] - ys[iy]) + (nd == d ? 0 : bend) + extra
                guard nc < cost[next] else { continue }
                let bound = nc + rest(jx, jy, nd)
                if bound < best {
                    cost[next] = nc
                    previous[next] = s
                    heap.push(Pending(cost: nc, bound: bound, state: next))
                }
            }
        }
        // A path that must enter an obstacle or run along a border is no path: the arrow is
        // drawn another way (`EdgeRouter.routed`).
        guard bestState >= 0, best < penalty else { return nil }
        let arrival = arrivals[bestArrival]
        var points = [arrival.end]
        var s = bestState
        while s >= 0 {
            let cell = s / 4
            points.append(Point(xs[cell % nx], ys[cell / nx]))
            s = previous[s]
        }
        points.append(start)
        points.reverse()
        // Keep only the corners.
        var corners = [points[0]]
        for i in 1..<(points.count - 1) {
            let p = corners.last!, q = points[i], r = points[i + 1]
            let straight = (p.x == q.x && q.x == r.x) || (p.y == q.y && q.y == r.y)
            if !straight { corners.append(q) }
        }
        corners.append(points.last!)
        return (corners, arrival)
    }
}

/// A search state waiting in the heap: the cost of reaching it, and the least a path through it
/// can cost. Ordered by that bound, then the deeper state first (on a grid many paths tie, and
/// following one of them reaches the end sooner); the state's number settles the rest, so the
/// order never depends on the heap.
private struct Pending: Comparable {
    let cost: Double
    let bound: Double
    let state: Int

    static func < (a: Pending, b: Pending) -> Bool {
        a.bound != b.bound ? a.bound < b.bound : a.cost != b.cost ? a.cost < b.cost : a.state < b.state
    }
    static func == (a: Pending, b: Pending) -> Bool { a.bound == b.bound && a.cost == b.cost && a.state == b.state }
}

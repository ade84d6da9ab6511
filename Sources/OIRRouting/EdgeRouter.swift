import OIRLayout

/// Routes dependency arrows of large diagrams itself, so Graphviz does not have to.
///
/// Graphviz's spline routing around fixed positions (`nop2` with `splines=spline`) builds a
/// visibility graph over every node's outline; its cost grows roughly with the cube of the
/// diagram (about 1 s for a two-fagsystem plan, minutes for fifty fagsystems). Small diagrams
/// (the official Bilag 1, plans of a few fagsystems) keep Graphviz's routing, unchanged.
///
/// Above `obstacleLimit` boxes and stubs, every arrow is routed here instead: an orthogonal
/// path over the free lines of the grid (the gaps `gapX` between levels, `gapY` between rows,
/// the lane padding), found by a shortest path with a penalty per bend among only the boxes of
/// the lanes the arrow spans, so the work per arrow does not grow with the diagram. The path is
/// drawn as one S-curve where the gap between two boxes allows, otherwise with rounded corners,
/// and handed to Graphviz as the edge's `pos`, which `nop2` keeps verbatim.
public enum EdgeRouter {
    /// Diagrams with more boxes plus stubs than this get their arrows routed here (Graphviz's
    /// routing takes about 1 s at 75 and grows with the cube). The official diagram has 69, the
    /// example plans at most 74.
    public static let obstacleLimit = 100
    /// An arrow whose lanes hold more boxes than this is left to Graphviz (only with the
    /// `edges` style, whose arrows may cross many lanes).
    static let spanLimit = 400

    /// Whether `diagram` is large enough to have its arrows routed here.
    public static func routesItself(_ diagram: Diagram) -> Bool {
        diagram.boxes.count + diagram.stubs.count > obstacleLimit
    }

    /// `diagram` with routes for its arrows when it is large; unchanged when it is small.
    public static func routedIfLarge(_ diagram: Diagram, options: LayoutOptions) -> Diagram {
        routesItself(diagram) ? routed(diagram, options: options) : diagram
    }

    /// `diagram` with a route for every arrow that can be routed without crossing a box.
    public static func routed(_ diagram: Diagram, options: LayoutOptions) -> Diagram {
        var diagram = diagram
        let router = Router(diagram: diagram, options: options)
        for index in diagram.edges.indices {
            diagram.edges[index].route = router.route(diagram.edges[index])
        }
        return diagram
    }
}

private struct Router {
    let boxes: [Diagram.Box]
    let lanes: [Diagram.Lane]
    let o: LayoutOptions
    /// Box index by key, and each box's lane.
    let indexOfKey: [String: Int]
    let laneOfBox: [Int]
    /// Box indices per lane.
    let boxesOfLane: [[Int]]
    /// Free space kept between a path and any box.
    let clearance = 5.0
    /// Length of the arrowhead (Graphviz: 10 points x arrowsize 0.7).
    let arrowLength = 7.0

    init(diagram: Diagram, options: LayoutOptions) {
        boxes = diagram.boxes
        lanes = diagram.lanes
        o = options
        var indexOfKey: [String: Int] = [:]
        for (i, box) in boxes.enumerated() where indexOfKey[box.key] == nil { indexOfKey[box.key] = i }
        self.indexOfKey = indexOfKey
        // Lanes are horizontal strips in order: find each box's lane by its middle.
        var laneOfBox: [Int] = []
        var boxesOfLane = Array(repeating: [Int](), count: lanes.count)
        let tops = lanes.map(\.rect.minY)
        for (i, box) in boxes.enumerated() {
            let y = box.rect.mid.y
            var lo = 0, hi = tops.count
            while lo < hi {
                let mid = (lo + hi) / 2
                if tops[mid] <= y { lo = mid + 1 } else { hi = mid }
            }
            let lane = max(0, lo - 1)
            laneOfBox.append(lane)
            if !lanes.isEmpty { boxesOfLane[lane].append(i) }
        }
        self.laneOfBox = laneOfBox
        self.boxesOfLane = boxesOfLane
    }

    func route(_ edge: Diagram.Edge) -> EdgeRoute? {
        guard let a = indexOfKey[edge.from], let b = indexOfKey[edge.to], a != b, !lanes.isEmpty else { return nil }
        let laneRange = min(laneOfBox[a], laneOfBox[b])...max(laneOfBox[a], laneOfBox[b])
        let obstacles = laneRange.flatMap { boxesOfLane[$0] }
        guard obstacles.count <= EdgeRouter.spanLimit else { return nil }
        let source = boxes[a].rect, target = boxes[b].rect
        let headed = edge.kind == .dependency
        let start = Point(source.maxX, source.mid.y)
        let tip = Point(target.minX, target.mid.y)
        let end = headed ? Point(tip.x - arrowLength, tip.y) : tip
        let blocks = obstacles.map { boxes[$0].rect.insetBy(-clearance, -clearance) }
        let others = obstacles.filter { $0 != a && $0 != b }.map { boxes[$0].rect.insetBy(-clearance, -clearance) }

        // Aligned and nothing between: a straight line.
        if abs(start.y - end.y) < 0.5, end.x > start.x, free(start, end, others) {
            return EdgeRoute(points: line(start, end), arrowTip: headed ? tip : nil)
        }
        // The next level, or a free band between: one S-curve through the gap.
        if end.x - start.x > 2 * clearance {
            let band = Rect(x: start.x, y: min(start.y, end.y), width: end.x - start.x, height: abs(start.y - end.y))
            if !others.contains(where: { $0.intersects(band) }) {
                let mid = (start.x + end.x) / 2
                return EdgeRoute(points: [start, Point(mid, start.y), Point(mid, end.y), end], arrowTip: headed ? tip : nil)
            }
        }
        guard let path = orthogonalPath(from: start, to: end, blocks: blocks, laneRange: laneRange) else { return nil }
        return EdgeRoute(points: rounded(path), arrowTip: headed ? tip : nil)
    }

    // MARK: Search

    /// The shortest orthogonal path from `start` (leaving eastwards) to `end` (arriving
    /// eastwards) over the grid's free lines, with a penalty for every bend.
    private func orthogonalPath(from start: Point, to end: Point, blocks: [Rect], laneRange: ClosedRange<Int>) -> [Point]? {
        let top = lanes[laneRange.lowerBound].rect, bottom = lanes[laneRange.upperBound].rect
        let minX = top.minX + o.laneLabelWidth + 2, maxX = top.maxX - 2
        var xs: Set<Double> = [], ys: Set<Double> = [start.y, end.y]
        for lane in laneRange {
            ys.insert(lanes[lane].rect.minY + o.lanePadding / 2)
            ys.insert(lanes[lane].rect.maxY - o.lanePadding / 2)
            for i in boxesOfLane[lane] {
                let r = boxes[i].rect
                xs.insert(r.minX - o.gapX / 2)
                xs.insert(r.maxX + o.gapX / 2)
                ys.insert(r.minY - o.gapY / 2)
                ys.insert(r.maxY + o.gapY / 2)
            }
        }
        let xList = xs.filter { $0 > minX && $0 < maxX }.sorted()
        let yList = ys.filter { $0 > top.minY && $0 < bottom.maxY }.sorted()
        guard let y0 = yList.firstIndex(of: start.y), let y1 = yList.firstIndex(of: end.y) else { return nil }
        let nx = xList.count, ny = yList.count
        guard nx > 0 else { return nil }
        let bend = 60.0
        // State: grid point x direction (0 east, 1 west, 2 south, 3 north).
        func id(_ ix: Int, _ iy: Int, _ d: Int) -> Int { ((iy * nx) + ix) * 4 + d }
        var cost = Array(repeating: Double.infinity, count: nx * ny * 4)
        var previous = Array(repeating: -1, count: nx * ny * 4)
        var heap = MinHeap()
        // Leave the source eastwards to any free grid line.
        for ix in 0..<nx where xList[ix] >= start.x + clearance {
            let p = Point(xList[ix], start.y)
            guard free(start, p, blocks, ignoring: start) else { break }
            let s = id(ix, y0, 0)
            cost[s] = p.x - start.x
            heap.push(cost[s], s)
        }
        var best = Double.infinity, bestState = -1
        while let (c, s) = heap.pop() {
            if c > cost[s] || c >= best { continue }
            let d = s % 4, cell = s / 4, ix = cell % nx, iy = cell / nx
            let here = Point(xList[ix], yList[iy])
            // Arrive at the target eastwards.
            if iy == y1, here.x <= end.x - clearance, free(here, end, blocks, ignoring: end) {
                let total = c + (end.x - here.x) + (d == 0 ? 0 : bend)
                if total < best { best = total; bestState = s }
            }
            let moves = [(ix + 1, iy, 0), (ix - 1, iy, 1), (ix, iy + 1, 2), (ix, iy - 1, 3)]
            for (jx, jy, nd) in moves where jx >= 0 && jx < nx && jy >= 0 && jy < ny {
                if (d == 0 && nd == 1) || (d == 1 && nd == 0) || (d == 2 && nd == 3) || (d == 3 && nd == 2) { continue }
                let there = Point(xList[jx], yList[jy])
                guard free(here, there, blocks) else { continue }
                let next = id(jx, jy, nd)
                let nc = c + abs(there.x - here.x) + abs(there.y - here.y) + (nd == d ? 0 : bend)
                if nc < cost[next] {
                    cost[next] = nc
                    previous[next] = s
                    heap.push(nc, next)
                }
            }
        }
        guard bestState >= 0 else { return nil }
        var points = [end]
        var s = bestState
        while s >= 0 {
            let cell = s / 4
            points.append(Point(xList[cell % nx], yList[cell / nx]))
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
        return corners
    }

    /// True when the segment `p`–`q` (horizontal or vertical) enters no rectangle; a rectangle
    /// containing `ignoring` (the path's end on a box border) is not counted.
    private func free(_ p: Point, _ q: Point, _ rects: [Rect], ignoring: Point? = nil) -> Bool {
        let segment = Rect(x: min(p.x, q.x), y: min(p.y, q.y), width: abs(q.x - p.x), height: abs(q.y - p.y))
        for r in rects {
            if let e = ignoring, e.x >= r.minX, e.x <= r.maxX, e.y >= r.minY, e.y <= r.maxY { continue }
            if segment.minX < r.maxX && segment.maxX > r.minX && segment.minY < r.maxY && segment.maxY > r.minY { return false }
        }
        return true
    }

    // MARK: Curves

    private func line(_ a: Point, _ b: Point) -> [Point] {
        [a, Point(a.x + (b.x - a.x) / 3, a.y + (b.y - a.y) / 3), Point(a.x + 2 * (b.x - a.x) / 3, a.y + 2 * (b.y - a.y) / 3), b]
    }

    /// An orthogonal polyline as a B-spline with rounded corners (radius at most 8 points, and
    /// at most half of each neighbouring segment, so the curve stays within the clearance).
    private func rounded(_ corners: [Point]) -> [Point] {
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

/// A binary min-heap of (cost, state).
private struct MinHeap {
    private var items: [(Double, Int)] = []

    mutating func push(_ cost: Double, _ state: Int) {
        items.append((cost, state))
        var i = items.count - 1
        while i > 0 {
            let parent = (i - 1) / 2
            if items[parent].0 <= items[i].0 { break }
            items.swapAt(parent, i)
            i = parent
        }
    }

    mutating func pop() -> (Double, Int)? {
        guard let first = items.first else { return nil }
        let last = items.removeLast()
        if !items.isEmpty {
            items[0] = last
            var i = 0
            while true {
                let l = 2 * i + 1, r = l + 1
                var m = i
                if l < items.count && items[l].0 < items[m].0 { m = l }
                if r < items.count && items[r].0 < items[m].0 { m = r }
                if m == i { break }
                items.swapAt(m, i)
                i = m
            }
        }
        return first
    }
}

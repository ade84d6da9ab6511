import OIRSupport
import Foundation
import OIRContent
import OIRLayout
import OIRRouting
import OIRModel

/// The graph handed to Graphviz for one diagram, as DOT text: every box, stub and arrow pinned
/// at its computed position for the `nop2` layout (neato -n2), lanes, frames and texts drawn as
/// the graph's `_background`. Graphviz routes the dependency arrows and renders.
public struct GraphvizGraph: Sendable, Equatable {
    /// The DOT source; `oir-diagram render --format dot` prints exactly this.
    public var dot: String
    /// The role class of each element the graph's `_background` draws, in drawing order: the SVG
    /// finisher puts them on Graphviz's elements so CSS can colour them by role.
    public var backgroundClasses: [String]
    /// The layout engine that honours the pinned positions.
    public static let engine = "nop2"

    /// The drawing area, when it should be larger than the diagram (to fill a page).
    public struct Canvas: Sendable, Equatable {
        public var width: Double
        public var height: Double
        /// Device units (PDF points, PNG pixels) per point of the canvas, given to Graphviz as its
        /// `dpi` (units per inch = 72 × scale). Graphviz rounds a `size` to whole points, which
        /// left an A4 PNG at 3506 × 2479 px for 3508 × 2480; a scale chosen so that the canvas is
        /// a whole number of units gives the exact page and a background that covers its last
        /// pixel column (no alpha seam, one colour type).
        public var scale: Double
    }

    /// Each box's SVG id, unique and stable: derived from its task key.
    public static func boxIDs(_ diagram: Diagram) -> [TaskKey: String] {
        var ids: [TaskKey: String] = [:]
        var used: Set<String> = []
        for box in diagram.boxes {
            var id = "opgave-" + Slug.make(box.key.description)
            var n = 2
            while used.contains(id) {
                id = "opgave-\(Slug.make(box.key.description))-\(n)"
                n += 1
            }
            used.insert(id)
            ids[box.key] = id
        }
        return ids
    }

    /// Each arrow's id, by its index: "kant-" and the ids of its ends, made unique among every
    /// box and arrow id (tasks Q, Q-R, R-S, S give the arrows Q→R-S and Q-R→S the same name).
    static func edgeIDs(_ diagram: Diagram, boxIDs: [TaskKey: String]) -> [String] {
        var used = Set(boxIDs.values)
        return diagram.edges.map { edge in
            let base = "kant-\(boxIDs[edge.from] ?? "")-\(boxIDs[edge.to] ?? "")".replacingAll("-opgave-", with: "-")
            var id = base, n = 2
            while used.contains(id) {
                id = "\(base)-\(n)"
                n += 1
            }
            used.insert(id)
            return id
        }
    }

    /// `linkBase`: task boxes link to `<linkBase>#<anchor of their key>` (`Slug.anchor`; nil: no links).
    public init(_ diagram: RoutedDiagram, style: Style, canvas: Canvas? = nil, linkBase: String? = nil) {
        (dot, backgroundClasses) = DOTWriter(diagram: diagram, style: style, canvas: canvas, linkBase: linkBase).write()
    }
}

private struct DOTWriter {
    let diagram: RoutedDiagram
    let style: Style
    let width: Double
    let height: Double
    let offsetX: Double
    let offsetY: Double
    let scale: Double?
    let linkBase: String?
    /// Each box's SVG id, unique and stable: derived from its task key.
    let boxIDs: [TaskKey: String]
    /// Each arrow's SVG id, by index.
    let edgeIDs: [String]

    init(diagram: RoutedDiagram, style: Style, canvas: GraphvizGraph.Canvas?, linkBase: String?) {
        self.diagram = diagram
        self.style = style
        self.linkBase = linkBase
        boxIDs = GraphvizGraph.boxIDs(diagram.diagram)
        edgeIDs = GraphvizGraph.edgeIDs(diagram.diagram, boxIDs: boxIDs)
        width = max(canvas?.width ?? diagram.size.width, diagram.size.width)
        height = max(canvas?.height ?? diagram.size.height, diagram.size.height)
        offsetX = (width - diagram.size.width) / 2
        offsetY = (height - diagram.size.height) / 2
        scale = canvas?.scale
    }

    // Graphviz's y axis grows upwards.
    func gx(_ x: Double) -> Double { x + offsetX }
    func gy(_ y: Double) -> Double { height - (y + offsetY) }

    func write() -> (String, [String]) {
        let background = self.background()
        var out = "digraph \(DOT.node(diagram.name)) {\n"
        var graphAttributes: [(String, String)] = [
            // Every position is given: the graph names the engine that keeps them, so `dot -Tsvg`
            // on the exported DOT draws it as `neato -n2` does (dot's own layout of a graph with a
            // text-drawing _background crashes Graphviz 2.43).
            ("layout", GraphvizGraph.engine),
            ("bb", "0,0,\(n(width)),\(n(height))"),
            ("pad", "0"),
            // Every arrow brings its route (EdgeRouter): Graphviz draws, it does not route.
            ("splines", "line"),
            // Boxes first, then lines: arrows and stubs end at box borders, and a status mark's
            // tick (a line) is drawn on its box.
            ("outputorder", "nodesfirst"),
            ("bgcolor", color(style["background"])),
            ("fontname", style.fontFamily),
            ("_background", background.ops.joined(separator: " ")),
        ]
        if let scale {
            // Paged devices add half an inch around the drawing by default; the canvas already has the margins.
            graphAttributes.append(("margin", "0"))
            graphAttributes.append(("dpi", String(72 * scale)))
        }
        out += "  graph [\(attributes(graphAttributes))];\n"
        out += "  node [\(attributes([("fontname", style.fontFamily), ("fontsize", "9"), ("fixedsize", "true"), ("shape", "box")]))];\n"
        out += "  edge [\(attributes([("fontname", style.fontFamily), ("fontsize", n(Diagram.stubLabelSize)), ("arrowsize", "0.7")]))];\n"
        // Two invisible corner points make Graphviz's bounding box the whole canvas.
        // Graphviz takes the bounding box from the nodes' extents: each point is 0.72 pt wide,
        // so its centre 0.36 pt inside the canvas puts its outer edge on the canvas's edge.
        out += "  \"_corner_a\" [shape=point, style=invis, width=0.01, height=0.01, pos=\"\(n(0.36)),\(n(0.36))\"];\n"
        out += "  \"_corner_b\" [shape=point, style=invis, width=0.01, height=0.01, pos=\"\(n(width - 0.36)),\(n(height - 0.36))\"];\n"
        for (index, text) in diagram.header.enumerated() where text.link != nil {
            out += "  \"_link\(index)\" [\(attributes(linkNode(text)))];\n"
        }
        // Boxes and arrows are written on every core (a large plan has thousands), in order.
        out += Array(diagram.boxes.indices).concurrentMap { index in
            let box = diagram.boxes[index]
            var text = "  \(DOT.node(box.key.description)) [\(attributes(boxAttributes(box)))];\n"
            if let status = box.status, diagram.statusMarks {
                text += statusMark(status, at: Point(box.rect.maxX - 9, box.rect.minY + 9), name: "_mark\(index)")
            }
            return text
        }.joined()
        for (index, entry) in diagram.legend.enumerated() {
            out += legend(entry, index: index)
        }
        out += Array(diagram.edges.indices).concurrentMap { index in
            arrow(diagram.edges[index], route: diagram.routes[index], id: edgeIDs[index])
        }.joined()
        for (index, stub) in diagram.stubs.enumerated() {
            out += stubEdge(stub, name: "_stub\(index)", target: DOT.node(stub.target.description))
        }
        out += "}\n"
        return (out, background.classes)
    }

    /// One routed arrow's edge statement.
    private func arrow(_ edge: Diagram.Edge, route: EdgeRoute, id edgeID: String) -> String {
        var a: [(String, String)] = edge.leftToRight ? [("tailport", "e"), ("headport", "w")] : []
        a.append(("id", edgeID))
        switch edge.kind {
        case .dependency where edge.met:
            a += [("color", color(style["edge.done"])), ("class", "arrow arrow-done")]
        case .dependency:
            a += [("color", color(style["edge.line"])), ("class", "arrow")]
        case .coordination:
            a += [("color", color(style["edge.coordination"])), ("dir", "none"), ("style", "dashed"), ("class", "arrow arrow-coordination")]
        }
        // The routed path: nop2 draws it as given (end point "e," = arrowhead tip).
        a.append(("pos", (route.arrowTip.map { "e,\(point($0)) " } ?? "") + route.points.map(point).joined(separator: " ")))
        return "  \(DOT.node(edge.from.description)) -> \(DOT.node(edge.to.description)) [\(attributes(a))];\n"
    }

    // MARK: Boxes

    private func boxAttributes(_ box: Diagram.Box) -> [(String, String)] {
        let role = box.role.rawValue
        var fill = style["box.\(role).fill"], border = style["box.\(role).border"], text = style["box.\(role).text"]
        var penwidth = style["box.width"]
        if box.klik {
            fill = style["box.klik.fill"]
            border = style["box.klik.border"]
            text = style["box.klik.text"]
            penwidth = style["box.klik.width"]
        }
        if let status = box.status {
            fill = style["status.\(status.name).fill"]
            text = style["status.\(status.name).text"]
            if !box.klik { border = style["status.\(status.name).border"] }
        }
        // A swimlane plan's late work: the overdue border, or the projected-late one.
        var line = style["box.\(role).line"]
        if !timeline, box.overdue {
            border = style["status.overdue.border"]
            penwidth = style["status.overdue.width"]
        } else if !timeline, box.late {
            border = style["status.projected_late.border"]
            penwidth = style["status.projected_late.width"]
            line = style["status.projected_late.line"]
        }
        // A timeline's emphasis: the critical path thick, projected-late work in the late colour.
        if box.critical {
            border = style["timeline.critical"]
            penwidth = style["timeline.critical.width"]
        }
        if timeline, box.late { border = style["timeline.late"] }
        var styles = ["filled"]
        if line != "solid" { styles.append(line) }
        if box.role == .choice { styles.append("rounded") }
        let a: [(String, String)] = [
            ("pos", point(box.rect.mid)),
            ("width", inches(box.rect.width)),
            ("height", inches(box.rect.height)),
            ("label", DOT.label(box.lines)),
            ("style", styles.joined(separator: ",")),
            ("fillcolor", color(fill)),
            ("color", color(border)),
            ("fontcolor", color(text)),
            ("penwidth", penwidth),
            ("tooltip", DOT.escString(box.tooltip)),
            ("id", boxIDs[box.key] ?? ""),
            ("class", box.classes.joined(separator: " ")),
        ]
        guard let linkBase else { return a }
        return a + [("URL", DOT.escString(Slug.link(base: linkBase, key: box.key))), ("target", "_top")]
    }

    private func linkNode(_ text: Diagram.TextItem) -> [(String, String)] {
        let width = TextMetrics.width(text.text, size: text.size) + 4
        return [
            ("shape", "plaintext"), ("fixedsize", "true"),
            ("pos", "\(n(gx(text.at.x + width / 2))),\(n(gy(text.at.y - text.size * 0.35)))"),
            ("width", inches(width)), ("height", inches(text.size * 1.4)),
            // "\l" ends a left-justified line and a zero margin puts it at the node's left edge,
            // so the link starts where the title starts whatever the font's real widths are.
            ("label", DOT.label([text.text]) + "\\l"), ("margin", "0"), ("fontsize", n(text.size)), ("fontcolor", color(style["header.link"])),
            ("URL", DOT.escString(text.link ?? "")), ("target", "_top"), ("tooltip", DOT.escString(text.link ?? "")),
            ("class", "header-link"),
        ]
    }

    // MARK: Status marks

    /// A plan box's status as a small shape, drawn rather than written: ✓ ◐ ▶ ■ are missing
    /// from common fonts (Liberation Sans, Nimbus Sans), which would show empty boxes. A tick
    /// for done (a two-segment line), a half-filled circle for in progress, a triangle pointing
    /// right for ready, a square for blocked; in the status's text colour.
    private func statusMark(_ status: OIRModel.Progress, at centre: Point, name: String) -> String {
        let ink = color(style["status.\(status.name).text"])
        let size = 7.0
        let classes = "status-mark status-mark-\(status.cssName)"
        var a: [(String, String)] = [("pos", point(centre)), ("width", inches(size)), ("height", inches(size)), ("label", ""),
                                     ("fixedsize", "true"), ("color", ink), ("penwidth", "1"), ("class", classes)]
        switch status {
        case .done:
            // Two invisible points, and the tick between them as a line that bends once.
            let p0 = Point(centre.x - size / 2, centre.y), p1 = Point(centre.x - size / 8, centre.y + size / 2.5),
                p2 = Point(centre.x + size / 2, centre.y - size / 2)
            var out = "  \"\(name)\" [shape=point, style=invis, width=0.01, height=0.01, pos=\"\(point(p0))\"];\n"
            out += "  \"\(name)b\" [shape=point, style=invis, width=0.01, height=0.01, pos=\"\(point(p2))\"];\n"
            let tick = [p0, p0, p1, p1, p1, p2, p2].map(point).joined(separator: " ")
            out += "  \"\(name)\" -> \"\(name)b\" [\(attributes([("pos", tick), ("dir", "none"), ("color", ink), ("penwidth", "1.6"), ("class", classes)]))];\n"
            return out
        case .inProgress:
            a += [("shape", "circle"), ("style", "wedged"), ("fillcolor", "\(ink);0.5:\(color(style["status.\(status.name).fill"]))")]
        case .ready:
            a += [("shape", "triangle"), ("orientation", "270"), ("style", "filled"), ("fillcolor", ink)]
        case .blocked:
            a += [("shape", "square"), ("style", "filled"), ("fillcolor", ink)]
        }
        return "  \"\(name)\" [\(attributes(a))];\n"
    }

    // MARK: Stubs and legend samples

    private func stubEdge(_ stub: Diagram.Stub, name: String, target: String) -> String {
        let lineColor: String
        switch stub.kind {
        case .input: lineColor = style["stub.line"]
        case .coordination: lineColor = style["stub.coordination"]
        case .satisfied: lineColor = style["stub.satisfied"]
        case .done: lineColor = style["stub.done"]
        }
        var out = "  \"\(name)\" [shape=point, style=invis, width=0.01, height=0.01, pos=\"\(point(stub.start))\"];\n"
        let a: [(String, String)] = [
            ("pos", spline(from: stub.start, to: stub.end, arrowAt: stub.end)),
            ("arrowhead", "tee"), ("arrowsize", "0.9"),
            ("color", color(lineColor)), ("fontcolor", color(style["stub.text"])),
            ("style", stub.kind == .coordination ? "dashed" : "solid"),
            ("label", DOT.label([stub.label])), ("lp", point(stub.labelAt)),
            ("tooltip", DOT.escString(stub.tooltip)),
            ("class", "stub stub-\(stub.kind.rawValue)"),
        ]
        out += "  \"\(name)\" -> \(target) [\(attributes(a))];\n"
        return out
    }

    /// A straight cubic B-spline from `from` to just before `arrowAt`, where the arrowhead ends.
    private func spline(from: Point, to: Point, arrowAt: Point) -> String {
        let stop = Point(to.x - 3, to.y)
        let a = Point(from.x + (stop.x - from.x) / 3, from.y), b = Point(from.x + 2 * (stop.x - from.x) / 3, from.y)
        return "e,\(point(arrowAt)) \(point(from)) \(point(a)) \(point(b)) \(point(stop))"
    }

    /// A plan's diagram: its boxes carry a status.
    private var showsStatus: Bool { diagram.boxes.contains { $0.status != nil } }
    /// Whether the diagram is a timeline (its own emphasis for late work).
    private var timeline: Bool { diagram.timeScale != nil }

    private func legend(_ entry: Diagram.LegendEntry, index: Int) -> String {
        let r = entry.rect
        let name = "_legend\(index)"
        switch entry.sample {
        case let .box(role, klik):
            // In a plan the status colours fill every box and a KLIK box keeps only its border:
            // the sample shows that border, not a fill no box has.
            let klikFill = showsStatus ? style["box.\(role.rawValue).fill"] : style["box.klik.fill"]
            var a: [(String, String)] = [
                ("pos", point(r.mid)), ("width", inches(r.width)), ("height", inches(r.height)), ("label", ""),
                ("style", (["filled"] + (style["box.\(role.rawValue).line"] == "solid" ? [] : [style["box.\(role.rawValue).line"]])).joined(separator: ",")),
                ("fillcolor", color(klik ? klikFill : style["box.\(role.rawValue).fill"])),
                ("color", color(klik ? style["box.klik.border"] : style["box.\(role.rawValue).border"])),
                ("penwidth", klik ? style["box.klik.width"] : style["box.width"]),
            ]
            if role == .choice { a[4].1 += ",rounded" }
            let klikClass = showsStatus ? "klik-frame" : "klik"
            a.append(("class", (["legend-box"] + (role == .normal ? [] : ["alternativ-\(role.classWord)"]) + (klik ? [klikClass] : [])).joined(separator: " ")))
            return "  \"\(name)\" [\(attributes(a))];\n"
        case let .status(status):
            let a: [(String, String)] = [
                ("pos", point(r.mid)), ("width", inches(r.width)), ("height", inches(r.height)), ("label", ""),
                ("style", "filled"), ("fillcolor", color(style["status.\(status.name).fill"])),
                ("color", color(style["status.\(status.name).border"])), ("class", "legend-box status-\(status.cssName)"),
            ]
            // The mark where a box has it, in the sample's top right corner.
            return "  \"\(name)\" [\(attributes(a))];\n" + statusMark(status, at: Point(r.maxX - 9, r.mid.y), name: "\(name)m")
        case .overdue, .projectedLate:
            let overdue = entry.sample == .overdue, role = overdue ? "status.overdue" : "status.projected_late"
            let line = overdue ? "solid" : style["status.projected_late.line"]
            let a: [(String, String)] = [
                ("pos", point(r.mid)), ("width", inches(r.width)), ("height", inches(r.height)), ("label", ""),
                ("style", line == "solid" ? "filled" : "filled,\(line)"), ("fillcolor", color(style["status.ready.fill"])),
                ("color", color(style["\(role).border"])), ("penwidth", style["\(role).width"]),
                ("class", "legend-box status-\(OIRModel.Progress.ready.cssName) \(overdue ? "forsinket" : "forventet-forsinket")"),
            ]
            return "  \"\(name)\" [\(attributes(a))];\n"
        case .stub, .arrow, .coordination, .satisfied, .doneStub, .doneArrow:
            let start = Point(r.minX, r.mid.y + 4), end = Point(r.maxX, r.mid.y + 4)
            var out = "  \"\(name)a\" [shape=point, style=invis, width=0.01, height=0.01, pos=\"\(point(start))\"];\n"
            out += "  \"\(name)b\" [shape=point, style=invis, width=0.01, height=0.01, pos=\"\(point(end))\"];\n"
            let kind: String = switch entry.sample {
            case .stub: "stub stub-input"
            case .coordination: "stub stub-coordination"
            case .satisfied: "stub stub-satisfied"
            case .doneStub: "stub stub-done"
            case .doneArrow: "arrow arrow-done"
            default: "arrow"
            }
            var a: [(String, String)] = [("pos", spline(from: start, to: end, arrowAt: end)), ("class", "legend-line \(kind)")]
            switch entry.sample {
            case let .stub(label):
                a += [("arrowhead", "tee"), ("arrowsize", "0.9"), ("color", color(style["stub.line"])), ("label", DOT.label([label])),
                      ("lp", point(Point(r.mid.x - 3, r.mid.y - 1))), ("fontcolor", color(style["stub.text"]))]
            case let .coordination(label):
                a += [("arrowhead", "tee"), ("arrowsize", "0.9"), ("color", color(style["stub.coordination"])), ("style", "dashed"),
                      ("label", DOT.label([label])), ("lp", point(Point(r.mid.x - 3, r.mid.y - 1))), ("fontcolor", color(style["stub.text"]))]
            case let .satisfied(label):
                a += [("arrowhead", "tee"), ("arrowsize", "0.9"), ("color", color(style["stub.satisfied"])),
                      ("label", DOT.label([label])), ("lp", point(Point(r.mid.x - 3, r.mid.y - 1))), ("fontcolor", color(style["stub.text"]))]
            case let .doneStub(label):
                a += [("arrowhead", "tee"), ("arrowsize", "0.9"), ("color", color(style["stub.done"])),
                      ("label", DOT.label([label])), ("lp", point(Point(r.mid.x - 3, r.mid.y - 1))), ("fontcolor", color(style["stub.text"]))]
            case .doneArrow:
                a += [("color", color(style["edge.done"]))]
            default:
                a += [("color", color(style["edge.line"]))]
            }
            out += "  \"\(name)a\" -> \"\(name)b\" [\(attributes(a))];\n"
            return out
        }
    }

    // MARK: Background

    /// Lanes, bands, frames, divider and every text that is not a box, as xdot drawing operations.
    private func background() -> XDot {
        var ops = XDot()
        let font = style.fontFamily
        ops.fill(style["background"], stroke: style["background"])
        ops.rect(Rect(x: 0, y: 0, width: width, height: height).offset(-offsetX, -offsetY), self, role: "background")
        for lane in diagram.lanes {
            ops.fill(style[Style.laneFillRole(tone: lane.tone)], stroke: style["lane.stroke"])
            ops.lineWidth(0.8)
            ops.rect(lane.rect, self, role: "lane lane-\((lane.tone - 1) % Style.laneTones + 1)")
            ops.line(Point(lane.labelRect.maxX, lane.rect.minY), Point(lane.labelRect.maxX, lane.rect.maxY), self, role: "lane-rule")
        }
        for band in diagram.bands {
            ops.fill("none", stroke: style["band.stroke"])
            ops.lineWidth(1.6)
            ops.rect(band.rect, self, role: "band")
            ops.line(Point(band.labelRect.maxX, band.rect.minY), Point(band.labelRect.maxX, band.rect.maxY), self, role: "band-rule")
            let lines = TextMetrics.wrap(band.label, width: band.labelRect.width - 10, size: Diagram.laneLabelSize, maxLines: 6)
            ops.textBlock(lines, centre: band.labelRect.mid, size: Diagram.laneLabelSize, font: font, color: style["band.text"], self, role: "band-text")
        }
        ops.lineWidth(1)
        for lane in diagram.lanes {
            let lines = TextMetrics.wrap(lane.label, width: lane.labelRect.width - 10, size: Diagram.laneLabelSize, maxLines: 4)
            ops.textBlock(lines, centre: lane.labelRect.mid, size: Diagram.laneLabelSize, font: font, color: style["lane.text"], self, role: "lane-text")
        }
        for frame in diagram.frames {
            ops.fill(style["frame.fill"], stroke: style["frame.stroke"])
            ops.style("dashed")
            ops.rect(frame.rect, self, role: "frame")
            ops.style("solid")
            ops.text(frame.drawnLabel, at: frame.labelAt, anchor: .start, size: Diagram.frameLabelSize, font: font, color: style["frame.text"], self, role: "frame-text")
        }
        for mark in diagram.marks {
            let role = "timeline.\(mark.kind.rawValue)", cls = "timeline-\(mark.kind.rawValue)"
            switch mark.kind {
            case .holiday, .baseline:
                ops.fill(style[role], stroke: style[role])
                ops.rect(mark.rect, self, role: cls)
            case .week, .today:
                ops.stroke(style[role])
                ops.lineWidth(mark.kind == .today ? 1.5 : 0.5)
                ops.line(Point(mark.rect.minX, mark.rect.minY), Point(mark.rect.minX, mark.rect.maxY), self, role: cls)
            case .deadline:
                ops.stroke(style[role])
                ops.lineWidth(mark.rect.width)
                ops.line(Point(mark.rect.mid.x, mark.rect.minY), Point(mark.rect.mid.x, mark.rect.maxY), self, role: cls)
            }
            ops.lineWidth(1)
        }
        for divider in diagram.dividers {
            ops.stroke(style["divider"])
            ops.lineWidth(Double(style["divider.width"]) ?? 2)
            ops.line(divider.from, divider.to, self, role: "divider")
            ops.lineWidth(1)
        }
        for text in diagram.header where text.link == nil {
            ops.text(text.text, at: text.at, anchor: text.anchor, size: text.size, font: font, color: style["header.text"], self, role: "header-text")
        }
        for text in diagram.columnHeaders {
            ops.text(text.text, at: text.at, anchor: text.anchor, size: text.size, font: font, color: style["column.text"], self, role: "column-text")
        }
        if let frame = diagram.legendFrame {
            ops.fill("none", stroke: style["legend.stroke"])
            ops.rect(frame, self, role: "legend-frame")
        }
        for entry in diagram.legend {
            ops.text(entry.label, at: Point(entry.rect.maxX + 10, entry.rect.mid.y + 3.5), anchor: .start, size: 9, font: font,
                     color: style["legend.text"], self, role: "legend-text")
        }
        for note in diagram.notes {
            ops.text(note.text, at: note.at, anchor: note.anchor, size: note.size, font: font,
                     color: style[note.role == .legend ? "legend.text" : "text"], self, role: note.role == .legend ? "legend-text" : "note-text")
        }
        return ops
    }

    // MARK: Formatting

    func n(_ value: Double) -> String {
        DOT.number(value)
    }

    func point(_ p: Point) -> String {
        "\(n(gx(p.x))),\(n(gy(p.y)))"
    }

    func inches(_ points: Double) -> String {
        DOT.number(points / 72, digits: 4)
    }

    func color(_ value: String) -> String {
        value == "none" ? "transparent" : value
    }

    func attributes(_ list: [(String, String)]) -> String {
        var out = ""
        out.reserveCapacity(list.reduce(0) { $0 + $1.0.utf8.count + $1.1.utf8.count + 5 })
        for (index, (key, value)) in list.enumerated() {
            if index > 0 { out += ", " }
            out += key
            out += "="
            out += DOT.quote(value)
        }
        return out
    }
}

private extension Rect {
    func offset(_ dx: Double, _ dy: Double) -> Rect {
        Rect(x: x + dx, y: y + dy, width: width, height: height)
    }
}

/// xdot drawing operations for `_background` (see Graphviz's xdot format).
private struct XDot {
    var ops: [String] = []
    /// The role class of each element the operations draw (rectangles, lines, texts), in order.
    var classes: [String] = []

    /// Whether rectangles are drawn filled: an outline only ("none") is an unfilled polygon,
    /// which Graphviz writes as fill="none" (a transparent fill colour becomes
    /// fill="transparent", which Inkscape and some other SVG programs paint black).
    private var filled = true

    mutating func fill(_ fill: String, stroke: String) {
        filled = fill != "none"
        if filled { ops.append(op("C", fill)) }
        ops.append(op("c", stroke == "none" ? "#ffffff00" : stroke))
    }

    mutating func stroke(_ color: String) {
        ops.append(op("c", color))
    }

    mutating func lineWidth(_ width: Double) {
        style("setlinewidth(\(DOT.number(width)))")
    }

    mutating func style(_ value: String) {
        ops.append(op("S", value))
    }

    mutating func rect(_ r: Rect, _ w: DOTWriter, role: String) {
        classes.append(role)
        let points = [Point(r.minX, r.minY), Point(r.maxX, r.minY), Point(r.maxX, r.maxY), Point(r.minX, r.maxY)]
        ops.append((filled ? "P 4 " : "p 4 ") + points.map { "\(w.n(w.gx($0.x))) \(w.n(w.gy($0.y)))" }.joined(separator: " "))
    }

    mutating func line(_ a: Point, _ b: Point, _ w: DOTWriter, role: String) {
        classes.append(role)
        ops.append("L 2 \(w.n(w.gx(a.x))) \(w.n(w.gy(a.y))) \(w.n(w.gx(b.x))) \(w.n(w.gy(b.y)))")
    }

    mutating func text(_ text: String, at p: Point, anchor: Diagram.Anchor, size: Double, font: String, color: String, _ w: DOTWriter, role: String) {
        // One line: a backslash before a line break would join lines in DOT's lexer and spoil the byte count.
        let clean = DOT.printable(text).replacingAll("\n", with: " ").replacingAll("\t", with: " ")
        guard !clean.isEmpty else { return }
        classes.append(role)
        ops.append(op("F \(DOT.number(size))", font))
        ops.append(op("c", color))
        let justify = anchor == .start ? "-1" : anchor == .middle ? "0" : "1"
        let width = TextMetrics.width(clean, size: size)
        ops.append(op("T \(w.n(w.gx(p.x))) \(w.n(w.gy(p.y))) \(justify) \(DOT.number(width))", clean))
    }

    mutating func textBlock(_ lines: [String], centre: Point, size: Double, font: String, color: String, _ w: DOTWriter, role: String) {
        let lineHeight = size * 1.25
        let top = centre.y - Double(lines.count) * lineHeight / 2 + size
        for (index, line) in lines.enumerated() {
            text(line, at: Point(centre.x, top + Double(index) * lineHeight), anchor: .middle, size: size, font: font, color: color, w, role: role)
        }
    }

    /// An xdot string operand is its UTF-8 byte count, a dash, and the bytes.
    private func op(_ code: String, _ text: String) -> String {
        "\(code) \(text.utf8.count) -\(text)"
    }
}

/// Quoting and number formatting for DOT source.
enum DOT {
    /// A DOT double-quoted string. A backslash right before the closing quote would escape it
    /// in Graphviz's lexer, so a trailing backslash gets a space after it.
    static func quote(_ value: String) -> String {
        // Byte by byte (`escaped`): a large diagram's background is megabytes.
        let bytes = value.utf8
        // Most values have nothing to drop or escape: kept as they are, without rebuilding them.
        if bytes.count <= 8_000, !bytes.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C || $0 == 0x7F || $0 == 0xC2 || $0 == 0xEF }) {
            return "\"" + value + "\""
        }
        let body = bytes.withContiguousStorageIfAvailable(Self.escaped) ?? Array(bytes).withUnsafeBufferPointer(Self.escaped)
        return "\"" + splitLong(body) + "\""
    }

    /// `bytes` (valid UTF-8) with the unprintable characters of `PlainText.isPrintable` dropped
    /// (C0 controls but tab and line break, DEL, the C1 controls C2 80–9F, U+FFFE and U+FFFF as
    /// EF BF BE/BF), quotes escaped, and a space after a backslash before a line break or at the end.
    private static func escaped(_ bytes: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        var body: [UInt8] = []
        body.reserveCapacity(bytes.count + 16)
        var previous: UInt8 = 0x20
        var i = 0
        while i < bytes.count {
            let byte = bytes[i]
            if byte < 0x20, byte != 0x0A, byte != 0x09 { i += 1; continue }
            if byte == 0x7F { i += 1; continue }
            if byte == 0xC2, bytes[i + 1] >= 0x80, bytes[i + 1] <= 0x9F { i += 2; continue }
            if byte == 0xEF, bytes[i + 1] == 0xBF, bytes[i + 2] == 0xBE || bytes[i + 2] == 0xBF { i += 3; continue }
            if byte == 0x0A, previous == 0x5C { body.append(0x20) }
            if byte == 0x22 { body.append(0x5C) }
            body.append(byte)
            previous = byte
            i += 1
        }
        if previous == 0x5C { body.append(0x20) }
        return body
    }

    /// Graphviz's command-line programs read a file in 16 kB pieces and reject a longer quoted
    /// string; a long one (the background of a large diagram) becomes "…" + "…" (DOT's
    /// concatenation), which both the CLI and the library read as one string.
    private static func splitLong(_ body: [UInt8], limit: Int = 8_000) -> String {
        guard body.count > limit else { return String(decoding: body, as: UTF8.self) }
        // Byte-wise, cut only before the first byte of a character (megabytes for a large diagram).
        let separator = Array("\" + \"".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(body.count + body.count / limit * separator.count + 8)
        var bytes = 0
        var previous: UInt8 = 0
        for byte in body {
            if byte & 0xC0 != 0x80 {
                let size = byte < 0x80 ? 1 : byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : 2
                // Never end a piece on a backslash: it would escape the closing quote.
                if bytes + size > limit, previous != UInt8(ascii: "\\") {
                    out += separator
                    bytes = 0
                }
            }
            out.append(byte)
            bytes += 1
            previous = byte
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Text for an escString attribute (tooltip, URL): backslashes doubled so `\N`, `\G`, `\n`
    /// stay literal instead of becoming Graphviz substitutions.
    ///
    /// Graphviz 2.42 removes one level of backslashes when it reads the attribute and another when
    /// it writes a tooltip, so each backslash is written four times (checked by HostileInputTests).
    /// A plain (not HTML-like) label of centred lines. HTML-like labels would allow a bold id
    /// line, but Graphviz's HTML parser leaks about half a kilobyte per label and render.
    ///
    /// Label text gets escString processing once (`\N` is the node name), so a backslash is
    /// doubled to stay literal, and the lines are joined with Graphviz's `\n`.
    static func label(_ lines: [String]) -> String {
        lines.map { boundedLabelLine($0).replacingAll("\\", with: "\\\\") }.joined(separator: "\\n")
    }

    static func escString(_ value: String) -> String {
        printable(value).replacingAll("\\", with: "\\\\\\\\")
    }

    /// A node or graph name. Graphviz quotes names in its messages, and this version corrupts a
    /// message of 1,024 bytes or more, so a name longer than `maximumNameBytes` is cut and made
    /// unique again with a hash of the whole (the input limits keep real names far below it).
    static func node(_ name: String) -> String {
        quote(bounded(name, bytes: maximumNameBytes))
    }

    static let maximumNameBytes = 200

    /// `text` itself when it has at most `bytes` UTF-8 bytes; otherwise its start, "…" and a
    /// hash of the whole, within `bytes`.
    static func bounded(_ text: String, bytes: Int) -> String {
        guard text.utf8.count > bytes else { return text }
        let tail = "…" + Hashing.hex(text)
        var head = ""
        var used = tail.utf8.count
        for c in text {
            used += c.utf8.count
            if used > bytes { break }
            head.append(c)
        }
        return head + tail
    }

    /// Longest text of one HTML-like label line (box lines are far shorter): Graphviz quotes a
    /// label it cannot parse in its message.
    static let maximumLabelBytes = 400

    /// One label line: printable, on one line, and at most `maximumLabelBytes` long (Graphviz
    /// quotes labels in its messages, which this version corrupts from 1,024 bytes).
    static func boundedLabelLine(_ value: String) -> String {
        let text = printable(value).replacingAll("\n", with: " ").replacingAll("\t", with: " ")
        guard text.utf8.count > maximumLabelBytes else { return text }
        var head = ""
        var used = 3
        for c in text {
            used += c.utf8.count
            if used > maximumLabelBytes { break }
            head.append(c)
        }
        return head + "…"
    }

    static func printable(_ value: String) -> String { PlainText.printable(value) }

    static func number(_ value: Double, digits: Int = 2) -> String {
        NumberText.decimal(value, digits: digits)
    }
}

import OIRSupport
import Foundation
import OIRLayout
import OIRRouting
import OIRModel

/// The laid-out diagram as JSON (`render --format json`): every band, lane, frame, box, stub,
/// arrow and text with its position in points (origin top left, y down), in a fixed key order,
/// so the same diagram gives the same bytes. The README's "The laid-out diagram as JSON"
/// documents every field.
enum DiagramJSON {
    /// The format's version, raised when a field changes meaning or disappears.
    static let version = 1

    static func encode(_ d: RoutedDiagram) -> Data {
        let object: JSON = .object(Array<(String, JSON)>([
            ("format", .string("oir-diagram/laid-out")),
            ("version", .number(Double(version))),
            ("name", .string(d.name)),
            ("title", .string(d.title)),
            ("summary", .string(d.summary)),
            ("link", .string(d.link)),
            ("size", .object([("width", .number(d.size.width)), ("height", .number(d.size.height))])),
            ("header", .array(d.header.map(text))),
            ("columns", .array(d.columnHeaders.map(text))),
            ("dividers", .array(d.dividers.map { .object([("from", point($0.from)), ("to", point($0.to))]) })),
            ("bands", .array(d.bands.map { .object([("label", .string($0.label)), ("rect", rect($0.rect)), ("label_rect", rect($0.labelRect))]) })),
            ("lanes", .array(d.lanes.map(lane))),
            ("frames", .array(d.frames.map { .object([("label", .string($0.label)), ("variant", .string($0.variant)), ("rect", rect($0.rect))]) })),
            ("boxes", .array(d.boxes.map { box($0, fontSize: d.boxFontSize) })),
            ("stubs", .array(d.stubs.map(stub))),
            ("arrows", .array(d.routedEdges.map(arrow))),
            ("legend", .object([
                ("rect", d.legendFrame.map(rect) ?? .null),
                ("entries", .array(d.legend.map(legendEntry))),
            ])),
            ("notes", .array(d.notes.map(text))),
        ]) + timeline(d))
        var out = ""
        object.write(into: &out, indent: 0)
        return Data((out + "\n").utf8)
    }

    /// A timeline's axis and marks (swimlane diagrams have none, and no such keys).
    private static func timeline(_ d: RoutedDiagram) -> [(String, JSON)] {
        guard let scale = d.timeScale else { return [] }
        return [
            ("time_scale", .object([("first", .string(scale.first.description)), ("left", .number(scale.left)),
                                    ("day_width", .number(scale.dayWidth)), ("day", .string(scale.day.description))])),
            ("marks", .array(d.marks.map { mark in
                .object([("kind", .string(mark.kind.rawValue)), ("rect", rect(mark.rect)), ("key", mark.key.map { .string($0.description) } ?? .null)])
            })),
        ]
    }

    private static func lane(_ lane: Diagram.Lane) -> JSON {
        .object([("id", .string(lane.id)), ("label", .string(lane.label)), ("party", .string(lane.party)), ("tone", .number(Double(lane.tone))),
                 ("rect", rect(lane.rect)), ("label_rect", rect(lane.labelRect))])
    }

    private static func box(_ box: Diagram.Box, fontSize: Double) -> JSON {
        .object(Array<(String, JSON)>([
            ("key", .string(box.key.description)),
            ("task", .string(box.taskID)),
            ("lane", .string(box.lane)),
            ("classes", .array(box.classes.map(JSON.string))),
            ("status", box.status.map { .string($0.name) } ?? .null),
            ("rect", rect(box.rect)),
            ("lines", .array(box.lines.map { .object([("text", .string($0)), ("width", .number(TextMetrics.width($0, size: fontSize)))]) })),
            ("tooltip", .string(box.tooltip)),
        ]) + (box.span.map { [("start", JSON.string($0.start.description)), ("finish", JSON.string($0.finish.description))] } ?? []))
    }

    private static func stub(_ stub: Diagram.Stub) -> JSON {
        .object([("label", .string(stub.label)), ("target", .string(stub.target.description)), ("kind", .string(stub.kind.rawValue)),
                 ("from", point(stub.start)), ("to", point(stub.end)), ("label_at", point(stub.labelAt)), ("tooltip", .string(stub.tooltip))])
    }

    private static func arrow(_ edge: Diagram.Edge, _ route: EdgeRoute) -> JSON {
        let tip: JSON = route.arrowTip.map(point) ?? .null
        return .object([
            ("from", .string(edge.from.description)), ("to", .string(edge.to.description)), ("kind", .string(edge.kind.rawValue)),
            ("route", .array(route.points.map(point))), ("arrow_tip", tip), ("met", .bool(edge.met)),
        ])
    }

    private static func legendEntry(_ entry: Diagram.LegendEntry) -> JSON {
        let sample: String, label: String?
        switch entry.sample {
        case let .box(role, klik): sample = klik ? "box-klik" : "box-\(role.rawValue)"; label = nil
        case let .status(status): sample = "status-\(status.name)"; label = nil
        case .overdue: sample = "overdue"; label = nil
        case .projectedLate: sample = "projected-late"; label = nil
        case let .stub(text): sample = "stub"; label = text
        case .arrow: sample = "arrow"; label = nil
        case let .coordination(text): sample = "coordination"; label = text
        case let .satisfied(text): sample = "satisfied"; label = text
        case let .doneStub(text): sample = "done-stub"; label = text
        case .doneArrow: sample = "done-arrow"; label = nil
        }
        return .object([("label", .string(entry.label)), ("sample", .string(sample)), ("sample_label", label.map(JSON.string) ?? .null),
                        ("rect", rect(entry.rect))])
    }

    private static func text(_ item: Diagram.TextItem) -> JSON {
        .object([("text", .string(item.text)), ("role", .string(item.role.rawValue)), ("at", point(item.at)), ("size", .number(item.size)),
                 ("anchor", .string(item.anchor.rawValue)), ("link", item.link.map(JSON.string) ?? .null)])
    }

    private static func point(_ p: Point) -> JSON { .array([.number(p.x), .number(p.y)]) }

    private static func rect(_ r: Rect) -> JSON {
        .object([("x", .number(r.x)), ("y", .number(r.y)), ("width", .number(r.width)), ("height", .number(r.height))])
    }
}

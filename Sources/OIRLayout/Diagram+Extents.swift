/// Where the texts that are not in boxes stand once drawn: the router keeps arrows off them and
/// the route-quality checks measure against them. The renderer sets them in these sizes.
extension Diagram {
    /// The size of a variant frame's label ("Sortiment"), in points.
    public static let frameLabelSize = 9.0
    /// The size of an input stub's label ("TF105"), in points.
    public static let stubLabelSize = 8.0
    /// The size of band and lane names, in points.
    public static let laneLabelSize = 10.0
}

extension Diagram.Frame {
    /// Where the label's baseline starts: inside the frame's top left corner.
    public var labelAt: Point { Point(rect.minX + 6, rect.minY + 12) }

    /// The label as drawn, cut to the frame's width.
    public var drawnLabel: String { TextMetrics.fit(label, width: rect.width - 10, size: Diagram.frameLabelSize) }

    /// The area the label covers (with a point of air around it).
    public var labelRect: Rect {
        let size = Diagram.frameLabelSize
        return Rect(x: labelAt.x - 1, y: labelAt.y - size * 0.8 - 1, width: TextMetrics.width(drawnLabel, size: size) + 2, height: size + 2)
    }
}

extension Diagram.Stub {
    /// The area the label covers: Graphviz centres an edge label on its `lp` point.
    public var labelRect: Rect {
        let size = Diagram.stubLabelSize, width = TextMetrics.width(label, size: size)
        return Rect(x: labelAt.x - width / 2 - 1, y: labelAt.y - size * 0.6 - 1, width: width + 2, height: size * 1.2 + 2)
    }

    /// The line and its end bar ("--["), which is a few points high.
    public var lineRect: Rect {
        Rect(x: min(start.x, end.x), y: start.y - 4, width: abs(end.x - start.x), height: 8)
    }
}

extension Diagram.TextItem {
    /// The area a one-line text covers, from its baseline point and anchor.
    public var rect: Rect {
        let width = TextMetrics.width(text, size: size)
        let left = switch anchor {
        case .start: at.x
        case .middle: at.x - width / 2
        case .end: at.x - width
        }
        return Rect(x: left - 1, y: at.y - size * 0.8 - 1, width: width + 2, height: size + 2)
    }
}

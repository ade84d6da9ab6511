import OIRContent

/// Whether a swimlane diagram is drawn on one page or split over several (a PDF's pages).
/// Raw values are the words of `--split`.
public enum PageSplit: String, Sendable, CaseIterable {
    /// One page when its box text is readable there (`LayoutOptions.readableTextSize`), else as `bands`.
    case auto
    /// Always one page, however small its text.
    case none
    /// Each column on pages of its own, its lanes top to bottom in band order, as many lanes on
    /// a page as keep box text readable (a lane too large for that gets a page to itself).
    case bands
}

extension Diagram {
    /// The box text size, in points, this diagram has when it fills `page` within its margins.
    public func boxTextSize(on page: Page) -> Double {
        let (width, height) = page.points
        return boxFontSize * min((width - 2 * page.margin) / size.width, (height - 2 * page.margin) / size.height)
    }

    /// The pages `content` is split over as `split` says, each the content of one page
    /// (`DiagramContent.part`), or nil for one page: asked for, readable as it is, a timeline
    /// (its rows are one schedule), or nothing to split (one column with one lane).
    ///
    /// Pages are filled greedily: a column's lanes are taken top to bottom, and a lane starts a
    /// new page when adding it to the page would put box text under the readable size.
    /// - Parameter whole: `content` already laid out with `options`, if the caller has it (it is
    ///   not laid out again to decide `auto`).
    public static func pages(_ content: DiagramContent, split: PageSplit, options: LayoutOptions, whole: Diagram? = nil) -> [DiagramContent]? {
        guard split != .none, content.view == .baner else { return nil }
        func readable(_ diagram: Diagram) -> Bool { diagram.boxTextSize(on: options.page) >= options.readableTextSize }
        func readable(_ part: DiagramContent) -> Bool { readable(layout(part, options: options)) }
        if split == .auto, whole.map(readable) ?? readable(content) { return nil }
        var groups: [(column: String, lanes: [LanePlace])] = []
        for column in content.columns {
            var current: [LanePlace] = []
            for lane in content.lanes(holding: column.id) {
                if !current.isEmpty, !readable(content.part(column: column.id, lanes: Set(current + [lane]), page: 1, pages: 1)) {
                    groups.append((column.id, current))
                    current = []
                }
                current.append(lane)
            }
            if !current.isEmpty { groups.append((column.id, current)) }
        }
        guard groups.count > 1 else { return nil }
        return groups.enumerated().map { index, group in
            content.part(column: group.column, lanes: Set(group.lanes), page: index + 1, pages: groups.count)
        }
    }
}

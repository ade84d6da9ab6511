/// How dependencies from another lane are drawn.
public enum DependencyDrawing: String, Sendable, CaseIterable {
    /// As Bilag 1 draws them: a short labelled input stub "--[" at the dependent box.
    case stubs
    /// As arrows routed through the diagram.
    case edges
}

/// Sizes and spacing of the swimlane grid, in points.
public struct LayoutOptions: Sendable, Equatable {
    public var dependencies: DependencyDrawing = .stubs
    /// The page the layout fits: its column widths are chosen so the drawing comes closest to
    /// the page's proportions.
    public var page = Page.a3
    /// Width over height the layout aims for.
    public var targetAspect: Double { page.aspect }
    public var margin = 12.0
    public var boxWidth = 136.0
    public var boxPadding = 5.0
    public var fontSize = 9.0
    public var lineHeight = 10.5
    public var maxTitleLines = 5
    /// Horizontal room left of every box, where stubs and arrows arrive.
    public var gapX = 44.0
    public var gapY = 20.0
    public var stubLength = 34.0
    public var stubSpacing = 15.0
    public var lanePadding = 10.0
    public var framePadding = 8.0
    public var frameLabelHeight = 16.0
    /// Extra room inside a frame right of its boxes.
    public var frameRightRoom = 16.0
    public var bandLabelWidth = 76.0
    public var laneLabelWidth = 104.0
    public var titleSize = 16.0
    public var subtitleSize = 9.5
    public var headerSize = 12.0
    public var labelSize = 11.0
    /// The smallest box text, in points on the page, the layout aims to keep (what can be read
    /// on paper).
    public var readableTextSize = 6.0

    public init(dependencies: DependencyDrawing = .stubs, page: Page = .a3) {
        self.dependencies = dependencies
        self.page = page
    }
}

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
    /// Width over height the layout aims for: A3 and A4 landscape.
    public var targetAspect = 1.414
    public var margin = 24.0
    public var boxWidth = 136.0
    public var boxPadding = 6.0
    public var fontSize = 9.0
    public var lineHeight = 10.8
    public var maxTitleLines = 5
    /// Horizontal room left of every box, where stubs and arrows arrive.
    public var gapX = 52.0
    public var gapY = 20.0
    public var stubLength = 38.0
    public var stubSpacing = 15.0
    public var lanePadding = 12.0
    public var framePadding = 8.0
    public var frameLabelHeight = 16.0
    /// Extra room inside a frame right of its boxes.
    public var frameRightRoom = 16.0
    public var bandLabelWidth = 100.0
    public var laneLabelWidth = 116.0
    public var titleSize = 16.0
    public var subtitleSize = 9.5
    public var headerSize = 12.0
    public var labelSize = 11.0

    public init(dependencies: DependencyDrawing = .stubs) {
        self.dependencies = dependencies
    }
}

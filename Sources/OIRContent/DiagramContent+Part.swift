import OIRModel

/// A lane of the diagram by its place: the band's index and the lane's index in that band.
public struct LanePlace: Sendable, Hashable, Comparable {
    public var band: Int
    public var lane: Int

    public init(band: Int, lane: Int) {
        self.band = band
        self.lane = lane
    }

    public static func < (a: LanePlace, b: LanePlace) -> Bool { (a.band, a.lane) < (b.band, b.lane) }
}

extension DiagramContent {
    /// The lanes that hold boxes of the column `column`, top to bottom.
    public func lanes(holding column: String) -> [LanePlace] {
        bands.enumerated().flatMap { b, band in
            band.lanes.enumerated().compactMap { l, lane in lane.items.contains { $0.kind == column } ? LanePlace(band: b, lane: l) : nil }
        }
    }

    /// One page of a diagram split over pages: the column `column` alone, with only the lanes
    /// `lanes` (their bands keep their labels). A dependency on a box left on another page is
    /// drawn as a stub naming that box, as an input from another lane is.
    /// - Parameters:
    ///   - page: The page's number, from 1, for its title.
    ///   - pages: How many pages the diagram is split over.
    public func part(column: String, lanes: Set<LanePlace>, page: Int, pages: Int) -> DiagramContent {
        var part = self
        part.columns = columns.filter { $0.id == column }
        part.bands = bands.enumerated().compactMap { b, band in
            let kept = band.lanes.enumerated().compactMap { l, lane -> LaneContent? in
                guard lanes.contains(LanePlace(band: b, lane: l)) else { return nil }
                var lane = lane
                lane.items = lane.items.filter { $0.kind == column }
                return lane
            }
            return kept.isEmpty ? nil : BandContent(label: band.label, lanes: kept)
        }
        let shown = Set(part.items.compactMap(\.variant))
        part.variants = variants.filter { shown.contains($0.id) }
        part.title = labels.text("page.part", ["title": title, "page": "\(page)", "pages": "\(pages)"])
        return part
    }
}

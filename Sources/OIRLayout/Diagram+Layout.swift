import Foundation
import OIRContent
import OIRModel

extension Diagram {
    /// Lays out `content` on the swimlane grid: bands and lanes as full-width horizontal strips
    /// in the given order, one straight divider between prerequisites and connection tasks,
    /// variant frames inside lanes, and boxes in dependency levels so arrows run left to right.
    /// Arrows get no route here: routing is the next stage (`EdgeRouter`, or Graphviz).
    ///
    /// A variant whose tasks stand in neighbouring lanes of one column is one frame across those
    /// lanes, as Bilag 1 draws them, unless that puts box text under
    /// `LayoutOptions.readableTextSize` on the page while one frame per lane would not make it
    /// smaller (a frame across lanes needs a place of its own in every lane it spans, which
    /// widens the drawing).
    public static func layout(_ content: DiagramContent, options: LayoutOptions = LayoutOptions()) -> Diagram {
        let spanning = GridLayout(content: content, options: options, spanFrames: true)
        let grid = spanning.makeGrid()
        guard grid.spans > 0 else { return spanning.run(grid) }
        let perLane = GridLayout(content: content, options: options, spanFrames: false)
        let plain = perLane.makeGrid()
        let spanningText = spanning.textSize(grid), perLaneText = perLane.textSize(plain)
        return spanningText >= options.readableTextSize || spanningText >= perLaneText ? spanning.run(grid) : perLane.run(plain)
    }
}

/// One pass of the grid layout. Positions are computed in points with y growing downwards.
private struct GridLayout {
    let content: DiagramContent
    let o: LayoutOptions
    /// Whether a variant in neighbouring lanes is drawn as one frame (see `Diagram.layout`).
    let spanFrames: Bool

    /// The text of every box, and the height the boxes of each lane share (the lane's longest
    /// text: one long title does not make every box in the diagram taller).
    let lines: [TaskKey: [String]]
    let laneBoxHeights: [Double]

    init(content: DiagramContent, options: LayoutOptions, spanFrames: Bool) {
        self.content = content
        self.o = options
        self.spanFrames = spanFrames
        let textWidth = o.boxWidth - 2 * o.boxPadding
        var lines: [TaskKey: [String]] = [:]
        // A plan repeats each task per fagsystem: its title is wrapped once.
        var wrapped: [String: [String]] = [:]
        for item in content.items {
            let first = TextMetrics.fit([item.taskID, Self.marker(item, content.labels)].filter { !$0.isEmpty }.joined(separator: " "),
                                        width: textWidth, size: o.fontSize)
            var body = wrapped[item.title] ?? TextMetrics.wrap(item.title, width: textWidth, size: o.fontSize, maxLines: o.maxTitleLines)
            wrapped[item.title] = body
            if let status = item.status { body.append(content.labels.text("box.status.\(status.name)")) }
            let size = options.fontSize
            body += item.notes.map { TextMetrics.fit($0, width: textWidth, size: size) }
            lines[item.key] = [first] + body
        }
        self.lines = lines
        let stubRoom = Self.stubRoom(content, options: options)
        laneBoxHeights = content.bands.flatMap(\.lanes).map { lane in
            let maxLines = max(3, lane.items.compactMap { lines[$0.key]?.count }.max() ?? 3)
            let textHeight = Double(maxLines) * options.lineHeight + 2 * options.boxPadding + 2
            // A box takes its stubs one above the other, each at its own height: a box with many
            // inputs from other lanes makes its lane's boxes taller rather than stack them.
            return max(textHeight, lane.items.map { stubRoom[$0.key] ?? 0 }.max() ?? 0)
        }
    }

    /// The height each box needs at its left side for its stubs, placed as `stubOffsets` places
    /// them (the middle, then alternately above and below; the middle left to an arrow).
    static func stubRoom(_ content: DiagramContent, options: LayoutOptions) -> [TaskKey: Double] {
        var laneOf: [TaskKey: Int] = [:], kindOf: [TaskKey: String] = [:]
        for (index, lane) in content.bands.flatMap(\.lanes).enumerated() {
            for item in lane.items { laneOf[item.key] = index; kindOf[item.key] = item.kind }
        }
        var room: [TaskKey: Double] = [:]
        for item in content.items {
            var stubs = 0, arrow = false
            for dependency in item.dependencies {
                let present = dependency.key.map { laneOf[$0] != nil } ?? false
                let sameLane = present && laneOf[dependency.key!] == laneOf[item.key] && kindOf[dependency.key!] == item.kind
                switch dependency.kind {
                case .precedence where present && (sameLane || options.dependencies == .edges): arrow = true
                case .coordination where present && options.dependencies == .edges: arrow = true
                default: stubs += 1
                }
            }
            // The farthest stub from the middle, and room for its label above it.
            let steps = stubs + (arrow ? 1 : 0) - 1
            room[item.key] = stubs == 0 ? 0 : 2 * (Double((steps + 1) / 2) * options.stubSpacing + 6) + 2
        }
        return room
    }

    /// Items of one lane and one column, grouped by variant, each group split into connected
    /// components laid out as levels x rows.
    struct Component {
        var keys: [TaskKey]
        var level: [TaskKey: Int]
        var row: [TaskKey: Int]
        var levels: Int
        var rows: Int
    }

    struct Group {
        /// The variant's id; nil for tasks without one (no frame).
        var variant: String?
        /// The height of its boxes (its lane's).
        var boxHeight: Double
        var components: [Component]
        /// After packing: component origin in (level, row) units within the group.
        var placement: [(level: Int, row: Int)] = []
        var levels = 0
        var rows = 0
        var framed: Bool { variant != nil }
        /// A variant whose tasks stand in neighbouring lanes of one column is drawn as one frame
        /// across them: in each of those lanes its group stands at the same place, `pinned.x`
        /// from the cell's left and `pinned.levels` wide (so do the groups before it, in one row),
        /// and `spanID` names the shared frame.
        var pinned: (x: Double, levels: Int)?
        var spanID: String?
    }

    struct Cell {
        var groups: [Group]
        /// Room at the cell's left taken by spanning variants: the other groups stand right of it.
        var reserved = 0.0
        var reservedUnits = 0
    }

    var pitchX: Double { o.boxWidth + o.gapX }

    /// The grid before placement: which dependencies are arrows, each lane's cells packed, and
    /// the columns' widths and left edges.
    struct Grid {
        var itemByKey: [TaskKey: ItemContent]
        var laneOfKey: [TaskKey: Int]
        var packed: [[PackedCell]]
        var columnLefts: [Double]
        var width: Double
        /// The lanes' heights, and how many variant frames span lanes.
        var height: Double
        var spans: Int
    }

    /// About how large box text is when the grid (with room for header and legend) fills the page.
    func textSize(_ grid: Grid) -> Double {
        let (width, height) = o.page.points
        return o.fontSize * min((width - 2 * o.page.margin) / grid.width, (height - 2 * o.page.margin) / (grid.height + 160))
    }

    /// Everything placed in the bands: lanes, frames, boxes, and where the lanes end.
    struct Placement {
        var bands: [Diagram.Band] = []
        var lanes: [Diagram.Lane] = []
        var frames: [Diagram.Frame] = []
        var boxes: [Diagram.Box] = []
        var boxRects: [TaskKey: Rect] = [:]
        var bottom = 0.0
        /// The frame index of each variant drawn across lanes.
        var spanFrames: [String: Int] = [:]
    }

    /// The layout in named steps: grid, header, column headers, bands and lanes (with frames and
    /// boxes), choice notes, stubs and arrows, legend.
    func run(_ grid: Grid) -> Diagram {
        var y = o.margin
        let header = headerTexts(width: grid.width, y: &y)
        let columnHeaderTop = y
        let columnHeaders = columnHeaderTexts(grid, y: &y)
        let placement = placeBands(grid, top: y)
        let (stubs, edges) = connect(placement, grid: grid)
        var (legend, legendFrame, notes, height) = legendAndNotes(placement, stubs: stubs, edges: edges, width: grid.width)
        notes.insert(contentsOf: choiceNotes(placement.boxes, grid: grid), at: 0)
        var diagram = Diagram(
            // A legend text wider than the whole grid widens the picture rather than being cut.
            size: .init(width: max(grid.width, legendFrame.maxX + o.margin), height: height), name: content.name, title: content.title, summary: content.summary,
            link: content.link, header: header, bands: placement.bands, lanes: placement.lanes,
            dividers: grid.columnLefts.dropFirst().map { .init(from: Point($0, columnHeaderTop), to: Point($0, placement.bottom)) },
            columnHeaders: columnHeaders, frames: placement.frames, boxes: placement.boxes, stubs: stubs, edges: edges,
            legend: legend, legendFrame: legendFrame, notes: notes
        )
        diagram.boxFontSize = o.fontSize
        diagram.language = content.labels.language.rawValue
        diagram.date = content.date
        return diagram
    }

    /// Precedence inside a lane and column becomes an arrow; everything else a stub (or, with
    /// the edges style, an arrow too). Across the column divider Bilag 1 uses a stub as well.
    private func sameLane(_ a: TaskKey, _ b: TaskKey, _ grid: (laneOfKey: [TaskKey: Int], itemByKey: [TaskKey: ItemContent])) -> Bool {
        grid.laneOfKey[a] != nil && grid.laneOfKey[a] == grid.laneOfKey[b] && grid.itemByKey[a]?.kind == grid.itemByKey[b]?.kind
    }

    func makeGrid() -> Grid {
        let itemByKey = Dictionary(content.items.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
        let lanes = content.bands.flatMap(\.lanes)
        var laneOfKey: [TaskKey: Int] = [:]
        for (index, lane) in lanes.enumerated() {
            for item in lane.items { laneOfKey[item.key] = index }
        }
        func arrows(into item: ItemContent) -> [TaskKey] {
            item.dependencies.compactMap { dependency in
                guard dependency.kind == .precedence, let key = dependency.key, itemByKey[key] != nil else { return nil }
                return sameLane(key, item.key, (laneOfKey, itemByKey)) ? key : nil
            }
        }
        let columns = content.columns.map(\.id)
        var cells = lanes.enumerated().map { index, lane in
            columns.map { column in makeCell(lane.items.filter { $0.kind == column }, boxHeight: laneBoxHeights[index], arrows: arrows) }
        }
        let bandOfLane = content.bands.enumerated().flatMap { index, band in band.lanes.map { _ in index } }
        var spans = 0
        if spanFrames {
            for c in columns.indices { spans += reserveSpans(&cells, column: c, bandOfLane: bandOfLane) }
        }
        // Column widths in level units: chosen so the whole diagram comes closest to the page's
        // proportions; each lane packs its groups and components into that width.
        let units = chooseUnits(cells)
        let packed = cells.map { lane in columns.indices.map { c in pack(lane[c], units: units[c]) } }
        let columnWidths = columns.indices.map { c in
            max(packed.map { $0[c].width }.max() ?? 0, o.gapX + pitchX) + o.gapX / 2
        }
        let lanesLeft = o.margin + o.bandLabelWidth + o.laneLabelWidth
        let height = packed.indices.reduce(0.0) { total, lane in
            total + max(packed[lane].map(\.height).max() ?? 0, laneBoxHeights[lane]) + 2 * o.lanePadding
        }
        return Grid(itemByKey: itemByKey, laneOfKey: laneOfKey, packed: packed,
                    columnLefts: columnWidths.indices.map { c in lanesLeft + columnWidths[..<c].reduce(0, +) },
                    width: lanesLeft + columnWidths.reduce(0, +) + o.margin, height: height, spans: spans)
    }

    /// Title, link and subtitle, each cut to the drawing's width (a long kommune name).
    private func headerTexts(width: Double, y: inout Double) -> [Diagram.TextItem] {
        let left = o.margin, headerWidth = width - 2 * o.margin
        var header: [Diagram.TextItem] = []
        header.append(.init(text: TextMetrics.fit(content.title, width: headerWidth, size: o.titleSize), at: Point(left, y + o.titleSize),
                            size: o.titleSize, anchor: .start, role: .title))
        y += o.titleSize + 8
        if !content.link.isEmpty {
            header.append(.init(text: TextMetrics.fit(content.labels.text("header.link", ["link": content.link]), width: headerWidth, size: o.subtitleSize),
                                at: Point(left, y + o.subtitleSize), size: o.subtitleSize, anchor: .start,
                                role: .subtitle, link: Slug.isWebLink(content.link) ? content.link : nil))
            y += o.subtitleSize + 5
        }
        header.append(.init(text: TextMetrics.fit(content.subtitle, width: headerWidth, size: o.subtitleSize), at: Point(left, y + o.subtitleSize),
                            size: o.subtitleSize, anchor: .start, role: .subtitle))
        y += o.subtitleSize + 8
        return header
    }

    private func columnHeaderTexts(_ grid: Grid, y: inout Double) -> [Diagram.TextItem] {
        let rights = grid.columnLefts.dropFirst() + [grid.width - o.margin]
        let texts = zip(content.columns, zip(grid.columnLefts, rights)).map { column, edges -> Diagram.TextItem in
            let width = edges.1 - edges.0
            return .init(text: TextMetrics.fit(column.header, width: width - 12, size: o.headerSize),
                         at: Point(edges.0 + width / 2, y + o.headerSize + 6), size: o.headerSize, anchor: .middle, role: .column)
        }
        y += o.headerSize + 12
        return texts
    }

    /// Bands and lanes as full-width strips top to bottom, each lane's variant frames and boxes
    /// at their packed places.
    private func placeBands(_ grid: Grid, top: Double) -> Placement {
        let variantLabel = Dictionary(content.variants.map { ($0.id, $0.label) }, uniquingKeysWith: { first, _ in first })
        let left = o.margin, lanesLeft = left + o.bandLabelWidth + o.laneLabelWidth
        var placed = Placement()
        var y = top
        var laneIndex = 0
        for band in content.bands {
            let bandTop = y
            for lane in band.lanes {
                let laneCells = grid.packed[laneIndex]
                let laneHeight = max(laneCells.map(\.height).max() ?? 0, laneBoxHeights[laneIndex]) + 2 * o.lanePadding
                let laneLeft = lanesLeft - o.laneLabelWidth
                placed.lanes.append(.init(id: lane.id, label: lane.label, party: lane.party, tone: lane.tone,
                                          rect: Rect(x: laneLeft, y: y, width: grid.width - o.margin - laneLeft, height: laneHeight),
                                          labelRect: Rect(x: laneLeft, y: y, width: o.laneLabelWidth, height: laneHeight)))
                for (c, cell) in laneCells.enumerated() {
                    for (group, origin) in zip(cell.groups, cell.origins) {
                        place(group, at: Point(grid.columnLefts[c] + origin.x, y + o.lanePadding + origin.y), lane: lane.id,
                              grid: grid, variantLabel: variantLabel, into: &placed)
                    }
                }
                y += laneHeight
                laneIndex += 1
            }
            placed.bands.append(.init(label: band.label, rect: Rect(x: left, y: bandTop, width: grid.width - 2 * o.margin, height: y - bandTop),
                                      labelRect: Rect(x: left, y: bandTop, width: o.bandLabelWidth, height: y - bandTop)))
        }
        placed.bottom = y
        return placed
    }

    /// One group of a cell: its frame (for a variant) and its boxes in levels and rows.
    private func place(_ group: Group, at origin: Point, lane: String, grid: Grid, variantLabel: [String: String], into placed: inout Placement) {
        let top = origin.y + (group.framed ? o.frameLabelHeight : 0)
        if let variant = group.variant {
            let rect = Rect(x: origin.x + o.framePadding / 2, y: origin.y - 4, width: width(of: group) - o.framePadding, height: height(of: group) + 4)
            if let span = group.spanID, let index = placed.spanFrames[span] {
                // The same variant in the lane above: one frame down to here.
                let top = placed.frames[index].rect
                placed.frames[index].rect = Rect(x: top.minX, y: top.minY, width: top.width, height: rect.maxY - top.minY)
            } else {
                if let span = group.spanID { placed.spanFrames[span] = placed.frames.count }
                placed.frames.append(.init(label: variantLabel[variant] ?? variant, variant: variant, rect: rect))
            }
        }
        let inner = origin.x + (group.framed ? o.framePadding : 0)
        for (index, component) in group.components.enumerated() {
            let place = group.placement[index]
            for key in component.keys {
                guard let item = grid.itemByKey[key], let level = component.level[key], let row = component.row[key] else { continue }
                let rect = Rect(x: inner + o.gapX + Double(place.level + level) * pitchX,
                                y: top + Double(place.row + row) * (group.boxHeight + o.gapY), width: o.boxWidth, height: group.boxHeight)
                placed.boxRects[key] = rect
                var box = Diagram.Box(key: key, taskID: item.taskID, lane: lane, title: item.title, lines: lines[key] ?? [], rect: rect, role: item.role,
                                      party: item.party, kind: item.kind, variant: item.variant, klik: item.klik,
                                      status: item.status, tooltip: item.tooltip, details: item.details,
                                      dependsOn: item.dependencies.compactMap { $0.key }.filter { grid.itemByKey[$0] != nil },
                                      overdue: item.overdue)
                box.late = item.projectedLate
                placed.boxes.append(box)
            }
        }
    }

    /// "eller" between each neighbouring pair of a choice's boxes: in the gap below the upper one
    /// when they stand one above the other, near the top of the gap between them when side by
    /// side (arrows and stubs arrive lower down).
    private func choiceNotes(_ boxes: [Diagram.Box], grid: Grid) -> [Diagram.TextItem] {
        var order: [String] = [], choices: [String: [Diagram.Box]] = [:]
        for box in boxes where box.role == .choice {
            guard let group = grid.itemByKey[box.key]?.choiceGroup else { continue }
            let id = group + "@" + (box.key.instance ?? "")
            if choices[id] == nil { order.append(id) }
            choices[id, default: []].append(box)
        }
        let text = content.labels.text("choice.or")
        return order.flatMap { id -> [Diagram.TextItem] in
            let members = choices[id]!.sorted { ($0.rect.minX, $0.rect.minY) < ($1.rect.minX, $1.rect.minY) }
            return zip(members, members.dropFirst()).compactMap { a, b in
                if a.rect.minX == b.rect.minX {
                    return .init(text: text, at: Point(a.rect.mid.x, a.rect.maxY + o.gapY / 2 + 3.5), size: o.fontSize, anchor: .middle, role: .note)
                }
                guard a.rect.minY == b.rect.minY else { return nil }
                return .init(text: text, at: Point(a.rect.maxX + o.gapX / 2, a.rect.minY + o.fontSize + 2), size: o.fontSize, anchor: .middle, role: .note)
            }
        }
    }

    /// Every dependency of every box: an arrow inside its lane (or everywhere with the edges
    /// style), otherwise a labelled stub at the dependent box.
    private func connect(_ placed: Placement, grid: Grid) -> ([Diagram.Stub], [Diagram.Edge]) {
        var stubs: [Diagram.Stub] = []
        var edges: [Diagram.Edge] = []
        for box in placed.boxes {
            guard let item = grid.itemByKey[box.key] else { continue }
            var stubInputs: [(String, Diagram.StubKind)] = []
            var hasArrow = false
            for dependency in item.dependencies {
                let present = dependency.key.flatMap { placed.boxRects[$0] } != nil
                switch dependency.kind {
                case .precedence where present && (sameLane(dependency.key!, box.key, (grid.laneOfKey, grid.itemByKey)) || o.dependencies == .edges):
                    let forward = (placed.boxRects[dependency.key!]?.maxX ?? .infinity) < box.rect.minX
                    // The box's middle is kept for its arrows (`stubOffsets`): the stub stands there.
                    let fallback = stub(dependency.label, kind: dependency.met ? .done : .input, into: box.key, at: box.rect, offset: 0)
                    edges.append(.init(from: dependency.key!, to: box.key, kind: .dependency, leftToRight: forward, met: dependency.met,
                                       fallback: fallback))
                    hasArrow = true
                case .precedence where present:
                    stubInputs.append((dependency.label, dependency.met ? .done : .input))
                case .coordination where present && o.dependencies == .edges:
                    // One undirected line per pair, drawn from the member listed first; its
                    // ends take the boxes' middles.
                    hasArrow = true
                    if !edges.contains(where: { $0.kind == .coordination && Set([$0.from, $0.to]) == Set([box.key, dependency.key!]) }),
                       let partner = placed.boxRects[dependency.key!] {
                        let fallback = stub(item.taskID, kind: .coordination, into: dependency.key!, at: partner, offset: 0)
                        edges.append(.init(from: box.key, to: dependency.key!, kind: .coordination, leftToRight: false, fallback: fallback))
                    }
                case .coordination:
                    stubInputs.append((dependency.label, .coordination))
                case .precedence:
                    // A box that is not drawn here: on another page of a split diagram.
                    stubInputs.append((dependency.label, dependency.met ? .done : .input))
                case .satisfied:
                    stubInputs.append((dependency.label, .satisfied))
                }
            }
            let offsets = stubOffsets(count: stubInputs.count, centreTaken: hasArrow, half: box.rect.height / 2 - 6)
            for ((label, kind), offset) in zip(stubInputs, offsets) {
                stubs.append(stub(label, kind: kind, into: box.key, at: box.rect, offset: offset))
            }
        }
        return (stubs, edges)
    }

    /// A labelled stub arriving at the left side of the box `rect`, `offset` from its middle.
    private func stub(_ label: String, kind: Diagram.StubKind, into target: TaskKey, at rect: Rect, offset: Double) -> Diagram.Stub {
        let y = rect.mid.y + offset, start = Point(rect.minX - o.stubLength, y)
        return Diagram.Stub(label: label, target: target, start: start, end: Point(rect.minX, y),
                            labelAt: Point(start.x + (o.stubLength - 6) / 2, y - 3), kind: kind,
                            tooltip: content.labels.text("stub.\(kind.rawValue)", ["id": label]))
    }

    /// The legend below the lanes (only what the diagram shows: a plan has made its choices, so
    /// it has no optional or choice boxes to explain), and the content's notes under it.
    private func legendAndNotes(_ placed: Placement, stubs: [Diagram.Stub], edges: [Diagram.Edge], width: Double)
        -> ([Diagram.LegendEntry], Rect, [Diagram.TextItem], Double) {
        let roles = Set(placed.boxes.map(\.role))
        let stubKinds = Set(stubs.map(\.kind))
        // A stub sample carries a label the diagram itself shows.
        func sampleLabel(_ kind: Diagram.StubKind) -> String { stubs.first { $0.kind == kind }?.label ?? "" }
        let candidates: [(String, Diagram.LegendSample, Bool)] = [
            ("legend.task", .box(.normal, klik: false), true),
            ("legend.klik", .box(.normal, klik: true), placed.boxes.contains { $0.klik }),
            ("legend.optional", .box(.optional, klik: false), roles.contains(.optional)),
            ("legend.conditional", .box(.conditional, klik: false), roles.contains(.conditional)),
            ("legend.choice", .box(.choice, klik: false), roles.contains(.choice)),
            // With the edges style arrows also cross lanes.
            (o.dependencies == .edges ? "legend.arrow_any" : "legend.arrow", .arrow, edges.contains { $0.kind == .dependency && !$0.met }),
            ("legend.stub", .stub(sampleLabel(.input)), stubKinds.contains(.input)),
            ("legend.done_stub", .doneStub(sampleLabel(.done)), stubKinds.contains(.done)),
            ("legend.done_arrow", .doneArrow, edges.contains { $0.met }),
            ("legend.coordination", .coordination(sampleLabel(.coordination)),
             stubKinds.contains(.coordination) || edges.contains { $0.kind == .coordination }),
            ("legend.satisfied", .satisfied(sampleLabel(.satisfied)), stubKinds.contains(.satisfied)),
        ]
        var entries = candidates.filter(\.2).map { (content.labels.text($0.0), $0.1) }
        if content.showsStatus {
            entries += OIRModel.Progress.allCases.map { (content.labels.text("legend.\($0.name)"), .status($0)) }
            if placed.boxes.contains(where: \.overdue) { entries.append((content.labels.text("legend.overdue"), .overdue)) }
            if placed.boxes.contains(where: \.late) { entries.append((content.labels.text("legend.projected_late"), .projectedLate)) }
        }
        let left = o.margin, sampleW = 46.0, sampleH = 18.0
        // As many columns (four at most) as let every text stand whole on one line; a narrow
        // diagram gets a longer legend, never a cut text.
        let available = width - 2 * o.margin - 20
        let widest = entries.map { TextMetrics.width($0.0, size: o.fontSize) }.max() ?? 0
        let columns = [4, 3, 2, 1].first { min(520.0, available / Double($0)) - sampleW - 24 >= widest } ?? 1
        let columnWidth = max(min(520.0, available / Double(columns)), widest + sampleW + 24)
        let perColumn = Int((Double(entries.count) / Double(columns)).rounded(.up))
        let legendTop = placed.bottom + 18 + 14
        let legend = entries.enumerated().map { index, entry -> Diagram.LegendEntry in
            let col = index / perColumn, row = index % perColumn
            let rect = Rect(x: left + 10 + Double(col) * columnWidth, y: legendTop + Double(row) * (sampleH + 8), width: sampleW, height: sampleH)
            return .init(label: entry.0, sample: entry.1, rect: rect)
        }
        var y = legendTop + Double(perColumn) * (sampleH + 8) + 4
        let frame = Rect(x: left, y: placed.bottom + 14, width: Double(columns) * columnWidth + 20, height: y - placed.bottom - 14)
        var notes: [Diagram.TextItem] = [.init(text: content.labels.text("legend.title"), at: Point(left + 10, placed.bottom + 14 + 13),
                                               size: o.fontSize + 1, anchor: .start, role: .legend)]
        // Notes wrap at the diagram's width: every word is kept.
        let noteWidth = width - 2 * o.margin
        for note in content.notes {
            for line in TextMetrics.wrap(note, width: noteWidth, size: o.fontSize, maxLines: 20) {
                y += 14
                notes.append(.init(text: line, at: Point(left, y), size: o.fontSize, anchor: .start, role: .note))
            }
        }
        return (legend, frame, notes, y + o.margin)
    }

    static func marker(_ item: ItemContent, _ labels: LabelSet) -> String {
        switch item.role {
        case .normal: ""
        case .optional: labels.text("marker.optional")
        case .conditional: labels.text("marker.conditional")
        case .choice: labels.text("marker.choice")
        }
    }

    /// Offsets from the box's middle for `count` stubs; the middle is kept free for an arrow.
    private func stubOffsets(count: Int, centreTaken: Bool, half: Double) -> [Double] {
        var offsets: [Double] = []
        var step = centreTaken ? 1 : 0
        while offsets.count < count {
            let magnitude = Double((step + 1) / 2) * o.stubSpacing
            let offset = step % 2 == 1 ? -magnitude : magnitude
            offsets.append(min(max(offset, -half), half))
            step += 1
        }
        return offsets
    }

    // MARK: Cells

    /// Finds the variants of column `c` whose groups stand in neighbouring lanes of one band and
    /// gives each such run one place in every lane of it, after the groups that come before it
    /// in those lanes (in one row), so one frame can enclose them all and arrows still run left
    /// to right. The cell's other groups stand right of these places.
    /// Returns how many frames span lanes.
    private func reserveSpans(_ cells: inout [[Cell]], column c: Int, bandOfLane: [Int]) -> Int {
        var runs: [(variant: String, lanes: [Int])] = []
        for variant in content.variants.map(\.id) {
            var run: [Int] = []
            for lane in cells.indices {
                let has = cells[lane][c].groups.contains { $0.variant == variant }
                if has, let last = run.last, last == lane - 1, bandOfLane[last] == bandOfLane[lane] {
                    run.append(lane)
                    continue
                }
                if run.count > 1 { runs.append((variant, run)) }
                run = has ? [lane] : []
            }
            if run.count > 1 { runs.append((variant, run)) }
        }
        var used: [Int: (x: Double, units: Int)] = [:]
        func pin(_ lane: Int, _ g: Int, at x: Double, levels: Int) {
            cells[lane][c].groups[g].pinned = (x, levels)
            var probe = cells[lane][c].groups[g]
            probe.levels = levels
            used[lane] = (x + width(of: probe), (used[lane]?.units ?? 0) + levels)
        }
        func narrowest(_ group: Group) -> Int { group.components.map(\.levels).max() ?? 1 }
        for run in runs {
            var levels = 1
            for lane in run.lanes {
                let groups = cells[lane][c].groups
                guard let g = groups.firstIndex(where: { $0.variant == run.variant }) else { continue }
                // Only what must stand before it: the lane's tasks without a variant (where its
                // arrows come from) and variants already drawn across lanes.
                for before in 0..<g where groups[before].pinned == nil && groups[before].variant == nil {
                    pin(lane, before, at: used[lane]?.x ?? 0, levels: narrowest(groups[before]))
                }
                levels = max(levels, narrowest(groups[g]))
            }
            let x = run.lanes.map { used[$0]?.x ?? 0 }.max() ?? 0
            for lane in run.lanes {
                guard let g = cells[lane][c].groups.firstIndex(where: { $0.variant == run.variant }) else { continue }
                cells[lane][c].groups[g].spanID = "\(c):\(run.variant):\(run.lanes[0])"
                pin(lane, g, at: x, levels: levels)
            }
        }
        for (lane, room) in used {
            cells[lane][c].reserved = room.x
            cells[lane][c].reservedUnits = room.units
        }
        return runs.count
    }

    private func makeCell(_ members: [ItemContent], boxHeight: Double, arrows: (ItemContent) -> [TaskKey]) -> Cell {
        // No variant first, then the catalog's variant order.
        let canonical: [String?] = [nil] + content.variants.map(\.id)
        let present = canonical.filter { v in members.contains { $0.variant == v } }
        let variantOf = Dictionary(members.map { ($0.key, $0.variant) }, uniquingKeysWith: { a, _ in a })
        // Order groups so arrows between them run left to right; ties keep the canonical order.
        var after: [String?: Set<String?>] = [:]
        for item in members {
            for from in arrows(item) {
                if let v = variantOf[from], v != item.variant { after[item.variant, default: []].insert(v) }
            }
        }
        var ordered: [String?] = []
        var remaining = present
        while !remaining.isEmpty {
            let next = remaining.first { v in (after[v] ?? []).allSatisfy { ordered.contains($0) || !remaining.contains($0) } } ?? remaining[0]
            ordered.append(next)
            remaining.removeAll { $0 == next }
        }
        let groups = ordered.map { variant in
            Group(variant: variant, boxHeight: boxHeight, components: components(members.filter { $0.variant == variant }, arrows: arrows))
        }
        return Cell(groups: groups)
    }

    /// Connected components by arrows inside the group, each laid out in levels (longest path)
    /// and rows (a box shares the row of its first predecessor when that spot is free). The
    /// members of a choice stand together: one component, one level, neighbouring rows.
    private func components(_ members: [ItemContent], arrows: (ItemContent) -> [TaskKey]) -> [Component] {
        let keys = members.map(\.key)
        let inGroup = Set(keys)
        var preds: [TaskKey: [TaskKey]] = [:]
        for item in members { preds[item.key] = arrows(item).filter { inGroup.contains($0) } }
        // The choices present, each as its members in catalog order (one instance's: a plan's
        // choices are per instance).
        var choiceOrder: [String] = [], choices: [String: [TaskKey]] = [:]
        for item in members {
            guard let group = item.choiceGroup else { continue }
            let id = group + "@" + (item.key.instance ?? "")
            if choices[id] == nil { choiceOrder.append(id) }
            choices[id, default: []].append(item.key)
        }
        let choiceList = choiceOrder.compactMap { choices[$0] }.filter { $0.count > 1 }
        // Union-find over the arrows and the choices.
        var parent = Dictionary(uniqueKeysWithValues: keys.map { ($0, $0) })
        func find(_ k: TaskKey) -> TaskKey {
            var k = k
            while parent[k]! != k { k = parent[k]! }
            return k
        }
        for (key, ps) in preds {
            for p in ps { parent[find(key)] = find(p) }
        }
        for choice in choiceList {
            for member in choice.dropFirst() { parent[find(member)] = find(choice[0]) }
        }
        var order: [TaskKey] = []
        var members_: [TaskKey: [TaskKey]] = [:]
        for key in keys {
            let root = find(key)
            if members_[root] == nil { order.append(root) }
            members_[root, default: []].append(key)
        }
        return order.map { root in
            let ks = members_[root]!
            let own = Set(ks)
            let level = levels(ks, preds: preds, choices: choiceList.filter { own.contains($0[0]) })
            let choiceOf = Dictionary(choiceList.filter { own.contains($0[0]) }.flatMap { c in c.map { ($0, c) } },
                                      uniquingKeysWith: { first, _ in first })
            var row: [TaskKey: Int] = [:]
            var taken: Set<[Int]> = []
            // By level, then by the order the group lists them (positions looked up, not searched:
            // a search per comparison made long chains in random order quadratic).
            let position = Dictionary(ks.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
            for k in ks.sorted(by: { (level[$0]!, position[$0]!) < (level[$1]!, position[$1]!) }) where row[k] == nil {
                let together = choiceOf[k] ?? [k]
                var r = (preds[k] ?? []).compactMap { row[$0] }.first ?? 0
                while together.indices.contains(where: { taken.contains([level[k]!, r + $0]) }) { r += 1 }
                for (offset, member) in together.enumerated() {
                    row[member] = r + offset
                    taken.insert([level[k]!, r + offset])
                }
            }
            return Component(keys: ks, level: level, row: row, levels: (level.values.max() ?? 0) + 1,
                             rows: (row.values.max() ?? 0) + 1)
        }
    }

    /// Longest-path levels, with every member of a choice at the level of its latest member
    /// (and what follows it moved along).
    private func levels(_ ks: [TaskKey], preds: [TaskKey: [TaskKey]], choices: [[TaskKey]]) -> [TaskKey: Int] {
        var level: [TaskKey: Int] = [:]
        func levelOf(_ k: TaskKey, depth: Int = 0) -> Int {
            if let l = level[k] { return l }
            if depth > ks.count { return 0 }
            let l = (preds[k] ?? []).map { levelOf($0, depth: depth + 1) + 1 }.max() ?? 0
            level[k] = l
            return l
        }
        for k in ks { _ = levelOf(k) }
        guard !choices.isEmpty else { return level }
        // Raising a choice may raise its successors, and those another choice: a few rounds at
        // most (bounded, in case a choice's members wait for each other).
        for _ in 0...ks.count {
            var changed = false
            for choice in choices {
                let top = choice.compactMap { level[$0] }.max() ?? 0
                for member in choice where level[member] != top { level[member] = top; changed = true }
            }
            for k in ks {
                let l = max(level[k]!, (preds[k] ?? []).compactMap { level[$0].map { $0 + 1 } }.max() ?? 0)
                if l != level[k] { level[k] = l; changed = true }
            }
            if !changed { break }
        }
        return level
    }

    /// A cell after packing: where each group starts, in points from the cell's top left.
    struct PackedCell {
        var groups: [Group]
        var origins: [Point]
        var width: Double
        var height: Double
    }

    /// Packs the components of each group into shelves at most `units` levels wide, then the
    /// groups themselves into shelves of the same width.
    private func pack(_ cell: Cell, units: Int) -> PackedCell {
        // Start with every group at its narrowest, then widen one group at a time while that
        // makes the cell lower.
        var limits = cell.groups.map { $0.components.map(\.levels).max() ?? 1 }
        var best = pack(cell, units: units, limits: limits)
        var improved = true
        while improved {
            improved = false
            var candidate: (PackedCell, [Int])?
            for g in limits.indices where limits[g] < units && cell.groups[g].pinned == nil {
                var trial = limits
                trial[g] += 1
                let packed = pack(cell, units: units, limits: trial)
                if packed.height < (candidate?.0.height ?? best.height) - 0.5 { candidate = (packed, trial) }
            }
            if let candidate {
                best = candidate.0
                limits = candidate.1
                improved = true
            }
        }
        return best
    }

    private func pack(_ cell: Cell, units: Int, limits: [Int]) -> PackedCell {
        var groups = cell.groups
        for g in groups.indices {
            let limit = limits[g]
            var placement: [(level: Int, row: Int)] = []
            var shelfX = 0, shelfY = 0, shelfHeight = 0, widest = 0
            for component in groups[g].components {
                if shelfX > 0 && shelfX + component.levels > limit {
                    shelfY += shelfHeight
                    shelfX = 0
                    shelfHeight = 0
                }
                placement.append((shelfX, shelfY))
                shelfX += component.levels
                shelfHeight = max(shelfHeight, component.rows)
                widest = max(widest, shelfX)
            }
            groups[g].placement = placement
            groups[g].levels = max(widest, groups[g].pinned?.levels ?? 0)
            groups[g].rows = shelfY + shelfHeight
        }
        // Spanning variants at their reserved places; the other groups in shelves right of them.
        var origins: [Point] = []
        var shelfUnits = cell.reservedUnits, x = cell.reserved, y = 0.0, shelfHeight = 0.0, width = cell.reserved
        var spanHeight = 0.0
        for group in groups {
            if let pinned = group.pinned {
                origins.append(Point(pinned.x, 0))
                spanHeight = max(spanHeight, height(of: group))
                continue
            }
            if shelfUnits > cell.reservedUnits && shelfUnits + group.levels > units {
                y += shelfHeight + o.gapY
                x = cell.reserved
                shelfUnits = cell.reservedUnits
                shelfHeight = 0
            }
            origins.append(Point(x, y))
            x += self.width(of: group)
            shelfUnits += group.levels
            shelfHeight = max(shelfHeight, height(of: group))
            width = max(width, x)
        }
        return PackedCell(groups: groups, origins: origins, width: width, height: max(y + shelfHeight, spanHeight))
    }

    /// Above this many combinations of column widths the search goes one column at a time.
    static let exhaustiveFitLimit = 5_000

    /// Picks each column's width in levels so the diagram fits a page of the target aspect ratio
    /// at the largest scale, for any number of columns.
    private func chooseUnits(_ cells: [[Cell]]) -> [Int] {
        let columnCount = cells.first?.count ?? 0
        func bounds(_ c: Int) -> ClosedRange<Int> {
            let lower = max(1, cells.flatMap { $0[c].groups.flatMap { $0.components.map(\.levels) } }.max() ?? 1)
            let upper = max(lower, cells.map { lane in lane[c].groups.reduce(0) { $0 + $1.components.reduce(0) { $0 + $1.levels } } }.max() ?? 1)
            return lower...min(upper, lower + 12)
        }
        var best: (cost: Double, units: [Int])?
        // Each cell packed once per width tried (not once per combination of widths).
        var packed: [[Int: [PackedCell]]] = Array(repeating: [:], count: columnCount)
        func packs(_ c: Int, _ units: Int) -> [PackedCell] {
            if let known = packed[c][units] { return known }
            let result = cells.map { pack($0[c], units: units) }
            packed[c][units] = result
            return result
        }
        func consider(_ units: [Int]) {
            var widthSum = 0.0
            for c in 0..<columnCount { widthSum += packs(c, units[c]).map(\.width).max() ?? 0 }
            let columns = (0..<columnCount).map { packs($0, units[$0]) }
            let heightSum = cells.indices.reduce(0.0) { total, index in
                total + max(laneBoxHeights[index], columns.map { $0[index].height }.max() ?? 0) + 2 * o.lanePadding
            }
            let w = widthSum + o.bandLabelWidth + o.laneLabelWidth + 2 * o.margin
            let h = heightSum + 160
            // The scale at which the drawing fits a page of the target proportions.
            let cost = max(w / o.targetAspect, h)
            if best == nil || cost < best!.cost { best = (cost, units) }
        }
        let ranges = (0..<columnCount).map(bounds)
        let combinations = ranges.reduce(1) { $0 * $1.count }
        if combinations <= Self.exhaustiveFitLimit {
            // Every combination of widths: a few thousand at most, each a sum over the lanes.
            var units = ranges.map(\.lowerBound)
            func enumerate(_ c: Int) {
                guard c < columnCount else { return consider(units) }
                for u in ranges[c] {
                    units[c] = u
                    enumerate(c + 1)
                }
            }
            enumerate(0)
        } else {
            // Many columns: one column's width at a time, the others held, until no change
            // makes the drawing larger on its page.
            var units = ranges.map(\.upperBound)
            consider(units)
            var changed = true
            while changed {
                changed = false
                for c in 0..<columnCount {
                    for u in ranges[c] where u != units[c] {
                        var trial = units
                        trial[c] = u
                        let before = best!.cost
                        consider(trial)
                        if best!.cost < before { units = trial; changed = true }
                    }
                }
            }
        }
        return best?.units ?? Array(repeating: 1, count: columnCount)
    }

    private func width(of group: Group) -> Double {
        // A frame keeps room right of its last boxes too (the level pitch only leaves the gap on
        // their left), so an arrow can run down inside it.
        Double(group.levels) * pitchX + (group.framed ? 2 * o.framePadding + o.frameRightRoom : 0)
    }

    private func height(of group: Group) -> Double {
        Double(group.rows) * (group.boxHeight + o.gapY) - o.gapY + (group.framed ? o.frameLabelHeight + o.framePadding : 0)
    }
}

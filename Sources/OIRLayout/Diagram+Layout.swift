import Foundation
import OIRContent
import OIRModel

extension Diagram {
    /// Lays out `content` on the swimlane grid: bands and lanes as full-width horizontal strips
    /// in the given order, one straight divider between prerequisites and connection tasks,
    /// variant frames inside lanes, and boxes in dependency levels so arrows run left to right.
    /// Arrows get no route here: routing is the next stage (`EdgeRouter`, or Graphviz).
    public static func layout(_ content: DiagramContent, options: LayoutOptions = LayoutOptions()) -> Diagram {
        GridLayout(content: content, options: options).run()
    }
}

/// One pass of the grid layout. Positions are computed in points with y growing downwards.
private struct GridLayout {
    let content: DiagramContent
    let o: LayoutOptions

    /// The text of every box, and the height the boxes of each lane share (the lane's longest
    /// text: one long title does not make every box in the diagram taller).
    let lines: [TaskKey: [String]]
    let laneBoxHeights: [Double]

    init(content: DiagramContent, options: LayoutOptions) {
        self.content = content
        self.o = options
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
        laneBoxHeights = content.bands.flatMap(\.lanes).map { lane in
            let maxLines = max(3, lane.items.compactMap { lines[$0.key]?.count }.max() ?? 3)
            return Double(maxLines) * options.lineHeight + 2 * options.boxPadding + 2
        }
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
    }

    struct Cell {
        var groups: [Group]
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
    }

    /// Everything placed in the bands: lanes, frames, boxes, and where the lanes end.
    struct Placement {
        var bands: [Diagram.Band] = []
        var lanes: [Diagram.Lane] = []
        var frames: [Diagram.Frame] = []
        var boxes: [Diagram.Box] = []
        var boxRects: [TaskKey: Rect] = [:]
        var bottom = 0.0
    }

    /// The layout in named steps: grid, header, column headers, bands and lanes (with frames and
    /// boxes), choice notes, stubs and arrows, legend.
    func run() -> Diagram {
        let grid = makeGrid()
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

    private func makeGrid() -> Grid {
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
        let cells = lanes.enumerated().map { index, lane in
            columns.map { column in makeCell(lane.items.filter { $0.kind == column }, boxHeight: laneBoxHeights[index], arrows: arrows) }
        }
        // Column widths in level units: chosen so the whole diagram comes closest to the page's
        // proportions; each lane packs its groups and components into that width.
        let units = chooseUnits(cells)
        let packed = cells.map { lane in columns.indices.map { c in pack(lane[c], units: units[c]) } }
        let columnWidths = columns.indices.map { c in
            max(packed.map { $0[c].width }.max() ?? 0, o.gapX + pitchX) + o.gapX / 2
        }
        let lanesLeft = o.margin + o.bandLabelWidth + o.laneLabelWidth
        return Grid(itemByKey: itemByKey, laneOfKey: laneOfKey, packed: packed,
                    columnLefts: columnWidths.indices.map { c in lanesLeft + columnWidths[..<c].reduce(0, +) },
                    width: lanesLeft + columnWidths.reduce(0, +) + o.margin)
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
            placed.frames.append(.init(label: variantLabel[variant] ?? variant, variant: variant,
                                       rect: Rect(x: origin.x + o.framePadding / 2, y: origin.y - 4,
                                                  width: width(of: group) - o.framePadding, height: height(of: group) + 4)))
        }
        let inner = origin.x + (group.framed ? o.framePadding : 0)
        for (index, component) in group.components.enumerated() {
            let place = group.placement[index]
            for key in component.keys {
                guard let item = grid.itemByKey[key], let level = component.level[key], let row = component.row[key] else { continue }
                let rect = Rect(x: inner + o.gapX + Double(place.level + level) * pitchX,
                                y: top + Double(place.row + row) * (group.boxHeight + o.gapY), width: o.boxWidth, height: group.boxHeight)
                placed.boxRects[key] = rect
                placed.boxes.append(.init(key: key, taskID: item.taskID, lane: lane, title: item.title, lines: lines[key] ?? [], rect: rect, role: item.role,
                                          party: item.party, kind: item.kind, variant: item.variant, klik: item.klik,
                                          status: item.status, tooltip: item.tooltip, details: item.details,
                                          dependsOn: item.dependencies.compactMap { $0.key }.filter { grid.itemByKey[$0] != nil },
                                          overdue: item.overdue))
            }
        }
    }

    /// "eller" between the boxes of one choice: in the gap below the upper one when they stand
    /// one above the other, near the top of the gap between them when side by side (arrows and
    /// stubs arrive lower down).
    private func choiceNotes(_ boxes: [Diagram.Box], grid: Grid) -> [Diagram.TextItem] {
        let choiceBoxes = boxes.filter { $0.role == .choice }
        return zip(choiceBoxes, choiceBoxes.dropFirst()).compactMap { a, b in
            guard grid.itemByKey[a.key]?.choiceGroup == grid.itemByKey[b.key]?.choiceGroup else { return nil }
            let text = content.labels.text("choice.or")
            if a.rect.minX == b.rect.minX {
                let upper = a.rect.minY < b.rect.minY ? a.rect : b.rect
                return .init(text: text, at: Point(upper.mid.x, upper.maxY + o.gapY / 2 + 3.5), size: o.fontSize, anchor: .middle, role: .note)
            }
            guard a.rect.minY == b.rect.minY else { return nil }
            let left = a.rect.minX < b.rect.minX ? a.rect : b.rect
            return .init(text: text, at: Point(left.maxX + o.gapX / 2, left.minY + o.fontSize + 2), size: o.fontSize, anchor: .middle, role: .note)
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
                    edges.append(.init(from: dependency.key!, to: box.key, kind: .dependency, leftToRight: forward, met: dependency.met))
                    hasArrow = true
                case .precedence where present:
                    stubInputs.append((dependency.label, dependency.met ? .done : .input))
                case .coordination where present && o.dependencies == .edges:
                    // One undirected line per pair, drawn from the member listed first.
                    if !edges.contains(where: { $0.kind == .coordination && Set([$0.from, $0.to]) == Set([box.key, dependency.key!]) }) {
                        edges.append(.init(from: box.key, to: dependency.key!, kind: .coordination, leftToRight: false))
                    }
                case .coordination where present:
                    stubInputs.append((dependency.label, .coordination))
                default:
                    stubInputs.append((dependency.label, .satisfied))
                }
            }
            let offsets = stubOffsets(count: stubInputs.count, centreTaken: hasArrow, half: box.rect.height / 2 - 6)
            for ((label, kind), offset) in zip(stubInputs, offsets) {
                let yy = box.rect.mid.y + offset
                let start = Point(box.rect.minX - o.stubLength, yy)
                stubs.append(.init(label: label, target: box.key, start: start, end: Point(box.rect.minX, yy),
                                   labelAt: Point(start.x + (o.stubLength - 6) / 2, yy - 3), kind: kind,
                                   tooltip: content.labels.text("stub.\(kind.rawValue)", ["id": label])))
            }
        }
        return (stubs, edges)
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
            ("legend.arrow", .arrow, edges.contains { $0.kind == .dependency && !$0.met }),
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
    /// and rows (a box shares the row of its first predecessor when that spot is free).
    private func components(_ members: [ItemContent], arrows: (ItemContent) -> [TaskKey]) -> [Component] {
        let keys = members.map(\.key)
        let inGroup = Set(keys)
        var preds: [TaskKey: [TaskKey]] = [:]
        for item in members { preds[item.key] = arrows(item).filter { inGroup.contains($0) } }
        // Union-find over the arrows.
        var parent = Dictionary(uniqueKeysWithValues: keys.map { ($0, $0) })
        func find(_ k: TaskKey) -> TaskKey {
            var k = k
            while parent[k]! != k { k = parent[k]! }
            return k
        }
        for (key, ps) in preds {
            for p in ps { parent[find(key)] = find(p) }
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
            var level: [TaskKey: Int] = [:]
            func levelOf(_ k: TaskKey, depth: Int = 0) -> Int {
                if let l = level[k] { return l }
                if depth > ks.count { return 0 }
                let l = (preds[k] ?? []).map { levelOf($0, depth: depth + 1) + 1 }.max() ?? 0
                level[k] = l
                return l
            }
            for k in ks { _ = levelOf(k) }
            var row: [TaskKey: Int] = [:]
            var taken: Set<[Int]> = []
            // By level, then by the order the group lists them (positions looked up, not searched:
            // a search per comparison made long chains in random order quadratic).
            let position = Dictionary(ks.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
            for k in ks.sorted(by: { (level[$0]!, position[$0]!) < (level[$1]!, position[$1]!) }) {
                var r = (preds[k] ?? []).compactMap { row[$0] }.first ?? 0
                while taken.contains([level[k]!, r]) { r += 1 }
                row[k] = r
                taken.insert([level[k]!, r])
            }
            return Component(keys: ks, level: level, row: row, levels: (level.values.max() ?? 0) + 1,
                             rows: (row.values.max() ?? 0) + 1)
        }
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
            for g in limits.indices where limits[g] < units {
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
            groups[g].levels = widest
            groups[g].rows = shelfY + shelfHeight
        }
        var origins: [Point] = []
        var shelfUnits = 0, x = 0.0, y = 0.0, shelfHeight = 0.0, width = 0.0
        for group in groups {
            if shelfUnits > 0 && shelfUnits + group.levels > units {
                y += shelfHeight + o.gapY
                x = 0
                shelfUnits = 0
                shelfHeight = 0
            }
            origins.append(Point(x, y))
            x += self.width(of: group)
            shelfUnits += group.levels
            shelfHeight = max(shelfHeight, height(of: group))
            width = max(width, x)
        }
        return PackedCell(groups: groups, origins: origins, width: width, height: y + shelfHeight)
    }

    /// Picks each column's width in levels so the diagram fits a page of the target aspect ratio
    /// at the largest scale.
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
        if columnCount == 2 {
            for a in bounds(0) { for b in bounds(1) { consider([a, b]) } }
        } else {
            consider((0..<columnCount).map { bounds($0).upperBound })
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

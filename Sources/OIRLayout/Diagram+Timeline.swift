import OIRContent
import OIRModel

/// The sizes of a timeline, in points. The rows leave room between the bars for arrows: the
/// router keeps `clearance` (5 points) from every bar, so a row is a bar and two clearances
/// and a channel.
public struct TimelineOptions: Sendable, Equatable {
    public var margin = 12.0
    public var bandLabelWidth = 76.0
    public var laneLabelWidth = 104.0
    public var rowLabelWidth = 190.0
    /// The widest a row label column grows for long names (longer ones are cut with "…").
    public var rowLabelLimit = 260.0
    public var rowHeight = 21.0
    public var barHeight = 9.0
    public var lanePadding = 4.0
    public var axisHeight = 30.0
    public var rowLabelSize = 8.0
    /// A working day's width: as wide as fits `targetWidth` for the time axis, within limits.
    public var targetWidth = 1_000.0
    public var dayWidth = 3.0...12.0

    public init() {}

    /// What the router needs to know of these sizes.
    var routing: LayoutOptions {
        var o = LayoutOptions(dependencies: .edges)
        o.gapX = 10
        o.gapY = rowHeight - barHeight
        o.stubLength = 26
        o.lanePadding = lanePadding
        return o
    }
}

extension Diagram {
    /// A plan's schedule on a timeline: time runs left to right in working weeks (weekends left
    /// out, holidays and days off shaded), one row per task in the swimlane diagram's bands and
    /// lanes, a bar from each task's first to its last day coloured by status, a dependency arrow
    /// per requirement between bars, the frist of each task marked in its row, and the day the
    /// plan is looked at as a line. Nil when the plan has no schedule (no durations).
    /// - Returns: the diagram and the sizes its arrows are routed with.
    public static func timeline(_ content: DiagramContent, options: TimelineOptions = TimelineOptions()) -> (Diagram, LayoutOptions)? {
        guard let timeline = content.timeline else { return nil }
        // The row labels as wide as their texts need, within limits.
        var o = options
        let widest = content.items.map { TextMetrics.width("\($0.taskID) \($0.title)", size: o.rowLabelSize) }.max() ?? 0
        o.rowLabelWidth = min(max(o.rowLabelWidth, widest + 12), o.rowLabelLimit)
        return (TimelineLayout(content: content, timeline: timeline, o: o).diagram(), o.routing)
    }
}

/// The weekdays of a timeline's axis, from the Monday of its first week to the Friday of its last.
struct TimeAxis {
    let first: CalendarDay
    let last: CalendarDay
    let left: Double
    let dayWidth: Double

    init(from: CalendarDay, to: CalendarDay, left: Double, options: TimelineOptions) {
        last = CalendarDay(ordinal: to.monday.ordinal + 4)
        self.left = left
        let weekdays = Double((last.ordinal - from.monday.ordinal) / 7 * 5 + 5)
        dayWidth = min(max(options.targetWidth / weekdays, options.dayWidth.lowerBound), options.dayWidth.upperBound)
        // Weeks of lead before the first bar: room for a stub into it, left of the time axis's
        // first bar, so it never reaches into the row labels.
        let lead = Int((options.routing.stubLength + 12) / (5 * dayWidth)) + 1
        first = CalendarDay(ordinal: from.monday.ordinal - 7 * lead)
    }

    /// Weekdays before `day` since the first (a weekend day counts as the Monday after it).
    func index(_ day: CalendarDay) -> Int {
        let weeks = (day.monday.ordinal - first.ordinal) / 7
        return weeks * 5 + min(day.weekdayIndex, 5)
    }

    /// The left edge of `day`'s column.
    func x(_ day: CalendarDay) -> Double { left + Double(index(day)) * dayWidth }
    /// The right edge of `day`'s column (a weekend day: the Friday's).
    func xEnd(_ day: CalendarDay) -> Double { left + Double(min(index(day) + 1, index(day.monday) + 5)) * dayWidth }
    var right: Double { xEnd(last) }

    /// Every weekday, in order.
    var weekdays: [CalendarDay] {
        stride(from: first.ordinal, through: last.ordinal, by: 1).map(CalendarDay.init(ordinal:)).filter(\.isWeekday)
    }
}

private struct TimelineLayout {
    let content: DiagramContent
    let timeline: TimelineContent
    let o: TimelineOptions

    private var labels: LabelSet { content.labels }

    func diagram() -> Diagram {
        let rowsTop = o.margin + 52 + o.axisHeight
        let axis = self.axis()
        var bands: [Diagram.Band] = [], lanes: [Diagram.Lane] = [], boxes: [Diagram.Box] = [], notes: [Diagram.TextItem] = []
        var marks: [Diagram.Mark] = [], y = rowsTop
        let laneLeft = o.margin + o.bandLabelWidth, rowLabelLeft = laneLeft + o.laneLabelWidth
        for band in content.bands {
            let bandTop = y
            for lane in band.lanes {
                let rows = ordered(lane.items)
                guard !rows.isEmpty else { continue }
                let top = y
                y += o.lanePadding
                for item in rows {
                    let mid = y + o.rowHeight / 2
                    let timing = timeline.timings[item.key]
                    // Done work without a recorded day has no bar: its row says so, beside the
                    // task's name (the time area stays free for arrows).
                    let unplaced = timing == nil && item.status == .done ? labels.text("timeline.no_day") : nil
                    let room = o.rowLabelWidth - 8 - (unplaced.map { TextMetrics.width($0, size: o.rowLabelSize) + 6 } ?? 0)
                    // The lane names the instance already: the row names the task.
                    let text = TextMetrics.fit("\(item.taskID) \(item.title)", width: room, size: o.rowLabelSize)
                    notes.append(Diagram.TextItem(text: text, at: Point(rowLabelLeft + 4, mid + 3), size: o.rowLabelSize, anchor: .start,
                                                  role: .note, link: nil))
                    if let unplaced {
                        notes.append(Diagram.TextItem(text: unplaced, at: Point(rowLabelLeft + o.rowLabelWidth - 4, mid + 3),
                                                      size: o.rowLabelSize, anchor: .end, role: .note, link: nil))
                    }
                    if let timing {
                        let (box, mark) = bar(item, timing, lane: lane.id, mid: mid, axis: axis)
                        boxes.append(box)
                        marks += mark.map { [$0] } ?? []
                        if let planned = timeline.baseline[item.key] {
                            // Inside the bar's clearance, where no arrow runs.
                            let x0 = axis.x(planned.start), x1 = max(axis.xEnd(planned.finish), x0 + 2)
                            marks.append(Diagram.Mark(kind: .baseline, rect: Rect(x: x0, y: box.rect.maxY + 1, width: x1 - x0, height: 2.5), key: item.key))
                        }
                    }
                    y += o.rowHeight
                }
                y += o.lanePadding
                let rect = Rect(x: laneLeft, y: top, width: axis.right - laneLeft, height: y - top)
                lanes.append(Diagram.Lane(id: lane.id, label: lane.label, party: lane.party, tone: lane.tone, rect: rect,
                                          labelRect: Rect(x: laneLeft, y: top, width: o.laneLabelWidth, height: y - top)))
            }
            guard y > bandTop else { continue }
            bands.append(Diagram.Band(label: band.label, rect: Rect(x: o.margin, y: bandTop, width: axis.right - o.margin, height: y - bandTop),
                                      labelRect: Rect(x: o.margin, y: bandTop, width: o.bandLabelWidth, height: y - bandTop)))
        }
        let chart = Rect(x: axis.left, y: rowsTop, width: axis.right - axis.left, height: y - rowsTop)
        marks = grid(axis, chart: chart) + marks
        let (columnHeaders, todayNote) = axisTexts(axis, top: rowsTop - o.axisHeight, chart: chart)
        notes.append(todayNote)
        let arrows = edges(boxes)
        let (legend, legendFrame, legendNotes, bottom) = self.legend(top: y + 14, left: o.margin, arrows: !arrows.isEmpty,
                                                                     critical: boxes.contains { $0.critical })
        var diagram = Diagram(
            size: Diagram.Size(width: axis.right + o.margin, height: bottom + o.margin),
            name: content.name, title: content.title, summary: summary(), link: content.link,
            header: header(), bands: bands, lanes: lanes, dividers: [], columnHeaders: columnHeaders, frames: [],
            boxes: boxes, stubs: [], edges: arrows, legend: legend, legendFrame: legendFrame, notes: notes + legendNotes)
        diagram.marks = marks
        diagram.language = labels.language.rawValue
        diagram.date = content.date
        diagram.boxFontSize = o.rowLabelSize
        // A bar is too short for a mark; its colour and the legend say the status.
        diagram.statusMarks = false
        diagram.timeScale = Diagram.TimeScale(first: axis.first, left: axis.left, dayWidth: axis.dayWidth, day: timeline.day)
        return diagram
    }

    /// From the earliest day shown (a start, the day looked at) to the latest (a finish, a frist, the end).
    private func axis() -> TimeAxis {
        let spans = timeline.timings.values, planned = timeline.baseline.values
        let from = ([timeline.day] + spans.map(\.span.start) + planned.map(\.start)).min()!
        let to = ([timeline.day, timeline.end] + spans.map(\.span.finish) + spans.compactMap(\.deadline) + planned.map(\.finish)).max()!
        return TimeAxis(from: from, to: to, left: o.margin + o.bandLabelWidth + o.laneLabelWidth + o.rowLabelWidth, options: o)
    }

    /// A lane's tasks by their first day (then as the lane has them); placed work first.
    private func ordered(_ items: [ItemContent]) -> [ItemContent] {
        if timeline.keepsOrder { return items }
        return items.enumerated().sorted { a, b in
            let sa = timeline.timings[a.element.key]?.span.start.ordinal ?? Int.max
            let sb = timeline.timings[b.element.key]?.span.start.ordinal ?? Int.max
            return (sa, a.offset) < (sb, b.offset)
        }.map(\.element)
    }

    private func bar(_ item: ItemContent, _ timing: TaskTiming, lane: String, mid: Double, axis: TimeAxis) -> (Diagram.Box, Diagram.Mark?) {
        let x0 = axis.x(timing.span.start), x1 = max(axis.xEnd(timing.span.finish), x0 + 2)
        let rect = Rect(x: x0, y: mid - o.barHeight / 2, width: x1 - x0, height: o.barHeight)
        var tooltip = item.tooltip + "\n" + "\(timing.span.start) – \(timing.span.finish)"
        if let deadline = timing.deadline { tooltip += "\n" + labels.text("box.deadline", ["date": deadline.description]) }
        var box = Diagram.Box(key: item.key, taskID: item.taskID, lane: lane, title: item.title, lines: [], rect: rect, role: .normal,
                              party: item.party, kind: item.kind, variant: item.variant, klik: false, status: item.status, tooltip: tooltip,
                              details: item.details, dependsOn: item.dependencies.compactMap(\.key))
        box.overdue = item.overdue
        box.late = timing.late
        box.critical = timing.critical
        box.span = timing.span
        let mark = timing.deadline.map { day -> Diagram.Mark in
            let x = axis.xEnd(day)
            return Diagram.Mark(kind: .deadline, rect: Rect(x: x - 1, y: mid - o.barHeight / 2 - 3, width: 2, height: o.barHeight + 6), key: item.key)
        }
        return (box, mark)
    }

    /// A line at every week's start, the weekdays off shaded, and the day looked at.
    private func grid(_ axis: TimeAxis, chart: Rect) -> [Diagram.Mark] {
        var marks: [Diagram.Mark] = []
        for day in axis.weekdays {
            if day.weekdayIndex == 0 {
                marks.append(Diagram.Mark(kind: .week, rect: Rect(x: axis.x(day), y: chart.minY, width: 0, height: chart.height)))
            }
            if !timeline.calendar.isWorkingDay(day) {
                marks.append(Diagram.Mark(kind: .holiday, rect: Rect(x: axis.x(day), y: chart.minY, width: axis.dayWidth, height: chart.height)))
            }
        }
        marks.append(Diagram.Mark(kind: .today, rect: Rect(x: axis.x(timeline.day), y: chart.minY - 4, width: 0, height: chart.height + 4)))
        return marks
    }

    /// The month names over the weeks they begin in, the week numbers over each week, and the
    /// today line's label under the chart.
    private func axisTexts(_ axis: TimeAxis, top: Double, chart: Rect) -> ([Diagram.TextItem], Diagram.TextItem) {
        let months = labels.text("timeline.months").split(separator: ",").map(String.init)
        var texts: [Diagram.TextItem] = []
        var lastMonth = -1, lastMonthX = -Double.infinity
        let weekLabel = axis.dayWidth * 5 >= 30
        for day in axis.weekdays where day.weekdayIndex == 0 || day == axis.first {
            let x = axis.x(day)
            let thursday = CalendarDay(ordinal: day.monday.ordinal + 3)
            if thursday.month != lastMonth {
                // Too close to the month before (a month begun in the lead weeks): the later one is named.
                if x - lastMonthX <= 60, let index = texts.lastIndex(where: { $0.at.x == lastMonthX + 2 && $0.size == 9 }) { texts.remove(at: index) }
                let name = months.indices.contains(thursday.month - 1) ? months[thursday.month - 1] : String(thursday.month)
                texts.append(Diagram.TextItem(text: "\(name) \(thursday.year)", at: Point(x + 2, top + 11), size: 9, anchor: .start,
                                              role: .column, link: nil))
                lastMonthX = x
            }
            lastMonth = thursday.month
            let week = weekLabel ? labels.text("timeline.week", ["week": String(day.isoWeek)]) : String(day.isoWeek)
            if weekLabel || day.isoWeek % 2 == 1 {
                texts.append(Diagram.TextItem(text: week, at: Point(x + axis.dayWidth * 2.5, top + 25), size: 7, anchor: .middle,
                                              role: .column, link: nil))
            }
        }
        let today = Diagram.TextItem(text: labels.text("timeline.today", ["date": timeline.day.description]),
                                     at: Point(axis.x(timeline.day), chart.maxY + 10), size: 8, anchor: .middle, role: .legend, link: nil)
        return (texts, today)
    }

    /// An arrow from every placed task to every placed task that waits for it; a stub at the
    /// bar's left where no clear route exists.
    private func edges(_ boxes: [Diagram.Box]) -> [Diagram.Edge] {
        let placed = Set(boxes.map(\.key))
        var edges: [Diagram.Edge] = []
        let statusOf = Dictionary(boxes.map { ($0.key, $0.status) }, uniquingKeysWith: { a, _ in a })
        let routing = o.routing
        for box in boxes {
            for key in Set(box.dependsOn) where placed.contains(key) && key != box.key {
                let y = box.rect.mid.y, start = Point(box.rect.minX - routing.stubLength, y)
                let done = statusOf[key] == .done
                let stub = Diagram.Stub(label: key.task.description, target: box.key, start: start, end: Point(box.rect.minX, y),
                                        labelAt: Point(start.x + (routing.stubLength - 6) / 2, y - 3), kind: done ? .done : .input,
                                        tooltip: labels.text("stub.input", ["id": key.description]))
                edges.append(Diagram.Edge(from: key, to: box.key, kind: .dependency, leftToRight: true, met: done, fallback: stub))
            }
        }
        return edges.sorted { ($0.to.description, $0.from.description) < ($1.to.description, $1.from.description) }
    }

    private func header() -> [Diagram.TextItem] {
        [Diagram.TextItem(text: content.title, at: Point(o.margin, o.margin + 16), size: 16, anchor: .start, role: .title, link: nil),
         Diagram.TextItem(text: labels.text("timeline.subtitle", ["end": timeline.end.description]), at: Point(o.margin, o.margin + 34),
                          size: 9.5, anchor: .start, role: .subtitle, link: nil)]
    }

    private func summary() -> String {
        let spans = timeline.timings.values.map(\.span)
        return labels.text("timeline.summary", ["kommune": content.title, "count": String(spans.count),
                                                "start": (spans.map(\.start).min() ?? timeline.day).description,
                                                "end": timeline.end.description])
    }

    /// The status colours the bars use, and the lines for the marks.
    private func legend(top: Double, left: Double, arrows: Bool, critical: Bool) -> ([Diagram.LegendEntry], Rect, [Diagram.TextItem], Double) {
        var entries: [Diagram.LegendEntry] = []
        var x = left + 10
        for progress in Progress.allCases {
            let label = labels.text("legend.\(progress.name)")
            entries.append(Diagram.LegendEntry(label: label, sample: .status(progress), rect: Rect(x: x, y: top + 10, width: 26, height: 12)))
            x += 26 + 16 + TextMetrics.width(label, size: 9)
        }
        let arrowLabel = arrows ? labels.text("legend.arrow_any") : ""
        if arrows { entries.append(Diagram.LegendEntry(label: arrowLabel, sample: .arrow, rect: Rect(x: left + 10, y: top + 30, width: 26, height: 12))) }
        let lines = ((critical ? ["timeline.legend.critical"] : []) + ["timeline.legend.late", "timeline.legend.frist"]
            + (timeline.baseline.isEmpty ? [] : ["timeline.legend.baseline"])).map { labels.text($0) }
        let first = top + (arrows ? 62 : 42)
        let notes = lines.enumerated().map { i, text in
            Diagram.TextItem(text: text, at: Point(left + 10, first + Double(i) * 13), size: 9, anchor: .start, role: .legend, link: nil)
        }
        let width = max(x - left, 52 + TextMetrics.width(arrowLabel, size: 9), (lines.map { TextMetrics.width($0, size: 9) }.max() ?? 0) + 20)
        let bottom = first + Double(lines.count - 1) * 13 + 8
        return (entries, Rect(x: left, y: top, width: width, height: bottom - top), notes, bottom)
    }
}

import OIRModel
import OIRSupport

extension DiagramContent {
    /// A rollout on one timeline (`oversigt FILE --view tidsplan`): one row per kommune, from its
    /// first day of work to its projected end, sorted by that end; its share done and next frist
    /// beside its name, its next frist marked, a kommune with overdue or projected-late work with
    /// the late border; the overview's day as the today line. A kommune whose plan gives no
    /// durations has a row without a bar, last.
    /// - Parameters:
    ///   - day: the day to look at the plans on; the overview's own day is the first plan's.
    public static func rolloutTimeline(_ plans: [ScopedPlan], catalog: Catalog, labels: LabelSet, day: PlanDay) -> DiagramContent {
        var rows: [(item: ItemContent, timing: TaskTiming?)] = []
        var shownDay: CalendarDay?
        // Each kommune's schedule is its own: computed on every core.
        let analyses = plans.concurrentMap { $0.analysis(on: day.of($0.plan)) }
        for (scoped, analysis) in zip(plans, analyses) {
            shownDay = shownDay ?? day.of(scoped.plan)
            let done = scoped.instances.filter { $0.status == .done }.count
            let open = scoped.instances.filter { $0.status != .done }
            let next = open.compactMap { scoped.entry($0.key)?.deadline }.min()
            var share = labels.text("rollout.timeline.share", ["percent": String(scoped.instances.isEmpty ? 100 : done * 100 / scoped.instances.count)])
            if let next { share += " · " + labels.text("box.deadline", ["date": next.description]) }
            let progress: Progress = open.isEmpty ? .done : open.contains { $0.status == .inProgress } || done > 0 ? .inProgress : .ready
            // The file-name form: a plain id and anchor ("nordby-kommune"), unique in a rollout as its pages are.
            let key = TaskKey(scoped.plan.fileName)
            var item = ItemContent(key: key, taskID: scoped.plan.kommune, title: share, kind: "kommune", variant: nil, party: "kommune",
                                   role: .normal, choiceGroup: nil, klik: false, status: progress,
                                   tooltip: "\(scoped.plan.kommune)\n\(share)", details: [], dependencies: [])
            item.overdue = !analysis.overdue.isEmpty
            var timing: TaskTiming?
            if let schedule = analysis.schedule {
                let starts = Array(schedule.earliestStart.values) + schedule.done.values.map(\.start)
                let late = open.contains { instance in
                    guard let deadline = scoped.entry(instance.key)?.deadline, let finish = schedule.earliestFinish[instance.key] else { return false }
                    return finish > deadline
                }
                timing = TaskTiming(span: DaySpan(start: starts.min() ?? schedule.start, finish: schedule.end), done: open.isEmpty,
                                    deadline: next, critical: false, late: late || item.overdue)
            }
            rows.append((item, timing))
        }
        rows.sort { a, b in (a.timing?.span.finish.ordinal ?? Int.max) < (b.timing?.span.finish.ordinal ?? Int.max) }
        let today = shownDay ?? day.given ?? day.today
        let integration = catalog.integration
        let lane = LaneContent(id: "kommuner", label: labels.text("rollout.timeline.lane"), party: "kommune", tone: 1, items: rows.map(\.item))
        var content = DiagramContent(
            name: "oversigt-tidsplan",
            title: labels.text("rollout.timeline.title", ["integration": integration.id, "count": String(plans.count), "date": today.description]),
            subtitle: "", link: integration.link,
            summary: labels.text("rollout.timeline.title", ["integration": integration.id, "count": String(plans.count), "date": today.description]),
            bands: [BandContent(label: integration.id, lanes: [lane])], columns: [], variants: [], labels: labels)
        content.showsStatus = true
        content.date = today
        content.view = .tidsplan
        var timings: [TaskKey: TaskTiming] = [:]
        for row in rows { if let timing = row.timing { timings[row.item.key] = timing } }
        var timeline = TimelineContent(day: today, end: timings.values.map(\.span.finish).max() ?? today, calendar: WorkingCalendar(), timings: timings)
        timeline.keepsOrder = true
        content.timeline = timeline
        return content
    }
}

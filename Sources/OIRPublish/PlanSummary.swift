import OIRModel

/// A plan on one page of text for a status meeting: counts, the projected end, the tasks that
/// hold up most others, overdue work and statuses that contradict their dependencies.
struct PlanSummary {
    let checklist: Checklist
    let labels: LabelSet

    /// How many blockers and overdue tasks are named before "and N more".
    static let listed = 5

    var text: String {
        let plan = checklist.plan
        let analysis = checklist.analysis
        // A checklist filtered by --only or --person speaks of its own rows: the counts, blockers,
        // overdue work and warnings are those of the tasks it keeps.
        let rows = checklist.rows
        let kept = Set(rows.map(\.key))
        func count(_ progress: OIRModel.Progress) -> String { "\(rows.filter { $0.progress == progress }.count)" }
        var lines = [checklist.heading(labels)]
        lines.append(labels.text("summary.counts", [
            "day": analysis.day.description, "total": "\(rows.count)",
            "done": count(.done), "in_progress": count(.inProgress),
            "ready": count(.ready), "blocked": count(.blocked), "overdue": "\(rows.filter(\.overdue).count)",
        ]))
        if let schedule = analysis.schedule {
            let path = plan.instances.map(\.key).filter(schedule.critical.contains)
            lines.append(labels.text("summary.end", ["end": schedule.end.description, "start": schedule.start.description,
                                                      "path": Self.list(path.map(\.description), limit: 8, labels: labels)]))
            if let then = checklist.baselineEnd, let slip = checklist.endSlip {
                lines.append(labels.text("summary.baseline", ["baseline": then.description, "slip": ChecklistWriter.signed(slip)]))
            }
            if schedule.withoutDuration > 0 {
                lines.append(labels.text("summary.without_duration", ["count": "\(schedule.withoutDuration)"]))
            }
        }
        let byKey = Dictionary(checklist.rows.map { ($0.key, $0) }, uniquingKeysWith: { a, _ in a })
        let blockers = analysis.topBlockers(in: plan, limit: plan.instances.count).filter(kept.contains).prefix(Self.listed)
        if !blockers.isEmpty {
            lines.append("")
            lines.append(labels.text("summary.blockers"))
            for key in blockers {
                let who = byKey[key]?.performerPerson.map { " – \($0.label)" } ?? ""
                lines.append("  " + labels.text("summary.blocker", ["key": key.description, "count": "\(analysis.blocks[key] ?? 0)"]) + who)
            }
        }
        let overdue = plan.instances.map(\.key).filter { analysis.overdue.contains($0) && kept.contains($0) }
        if !overdue.isEmpty {
            lines.append("")
            lines.append(labels.text("summary.overdue"))
            for key in overdue.prefix(Self.listed * 2) {
                let row = byKey[key]
                let who = row?.performerPerson.map { " – \($0.label)" } ?? ""
                lines.append("  " + labels.text("summary.overdue_task", ["key": key.description, "deadline": row?.deadline?.description ?? ""]) + who)
            }
            if overdue.count > Self.listed * 2 { lines.append("  " + labels.text("summary.more", ["count": "\(overdue.count - Self.listed * 2)"])) }
        }
        // Those not yet past their frist: the overdue ones are listed above.
        let late = rows.filter { $0.projectedLate && !$0.overdue }
        if !late.isEmpty {
            lines.append("")
            lines.append(labels.text("summary.projected_late"))
            for row in late.prefix(Self.listed * 2) {
                let who = row.performerPerson.map { " – \($0.label)" } ?? ""
                lines.append("  " + labels.text("summary.projected_late_task", ["key": row.key.description, "deadline": row.deadline?.description ?? "",
                                                                             "finish": row.earliestFinish?.description ?? ""]) + who)
            }
            if late.count > Self.listed * 2 { lines.append("  " + labels.text("summary.more", ["count": "\(late.count - Self.listed * 2)"])) }
        }
        let inconsistencies = analysis.inconsistencies.filter { kept.contains($0.key) }
        if !inconsistencies.isEmpty {
            lines.append("")
            lines.append(labels.text("summary.warnings"))
            for warning in inconsistencies {
                lines.append("  " + labels.text("summary.inconsistent", ["key": warning.key.description, "status": ChecklistWriter.status(warning.status, labels: labels),
                                                                         "open": Self.list(warning.openDependencies.map(\.description), limit: 5, labels: labels)]))
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// "A → B → C" with at most `limit` items and "…" after.
    static func list(_ keys: [String], limit: Int, labels: LabelSet) -> String {
        keys.prefix(limit).joined(separator: ", ") + (keys.count > limit ? " " + labels.text("summary.more", ["count": "\(keys.count - limit)"]) : "")
    }
}

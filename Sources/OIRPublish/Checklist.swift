import Foundation
import OIRModel

/// The formats `oir-diagram plan` writes; the raw values are the option's words.
public enum PlanFormat: String, Sendable, CaseIterable {
    /// Aligned columns for a terminal.
    case table
    /// A table for a wiki page.
    case markdown
    /// For a spreadsheet: UTF-8, comma- (or semicolon-) separated, quoted where needed.
    case csv
    /// The documented keys, the same in every language.
    case json
    /// Counts, the projected end, top blockers, overdue work and warnings, for a status meeting.
    case summary
    /// iCalendar: an event per open task's frist (or a VTODO per open task), for Outlook and Google Calendar.
    case ics
    /// An Office Open XML workbook (binary: `Pipeline.export` writes it, the text exports give none).
    case xlsx
}

/// Which tasks a checklist lists (`--only`); the raw values are the option's words.
public enum ChecklistFilter: String, Sendable, CaseIterable {
    /// Not started and every dependency done.
    case ready = "klar"
    /// Not done.
    case open = "åbne"
    /// Not started, waiting for a dependency.
    case blocked = "blokeret"
    /// Not done and past its frist.
    case overdue = "forsinket"
}

/// The field separator of CSV checklists: Danish Excel expects `;`.
public enum CSVDelimiter: String, Sendable, CaseIterable {
    case comma = ","
    case semicolon = ";"
}

/// How a checklist is made: the day it is looked at and which rows it keeps.
public struct ChecklistOptions: Sendable, Equatable {
    /// Deadlines before this day are overdue (`--dato`, else the plan's `dato`, else today).
    public var day: PlanDay
    public var only: ChecklistFilter?
    /// Only the tasks this person answers for or does (name compared case-folded).
    public var person: String?
    public var delimiter: CSVDelimiter
    /// A frozen schedule to measure slip against (`--baseline`).
    public var baseline: Baseline?
    /// What `--format ics` writes: events with reminders (default) or tasks.
    public var calendar = CalendarKind.events
    /// Days before an event that its reminder fires.
    public var reminderDays = 2

    public init(day: PlanDay = .now(), only: ChecklistFilter? = nil, person: String? = nil, delimiter: CSVDelimiter = .comma,
                baseline: Baseline? = nil) {
        self.day = day
        self.only = only
        self.person = person
        self.delimiter = delimiter
        self.baseline = baseline
    }
}

/// One kommune's checklist: its rows in dependency order and what the plan means on its day.
public struct Checklist: Sendable, Equatable {
    public var plan: ScopedPlan
    public var analysis: PlanAnalysis
    /// The rows the options keep.
    public var rows: [Row]
    /// Whether the plan is measured against a baseline (`--baseline`, or its file's `baseline:`).
    public var hasBaseline = false
    /// With a baseline: its projected end, and how many working days the end has slipped since.
    public var baselineEnd: CalendarDay?
    public var endSlip: Int?

    /// A task a dependency waits for, and who does it.
    public struct Waiting: Sendable, Equatable {
        public var key: TaskKey
        public var person: Person?
    }

    /// One row, with roles named after the plan's own systems.
    public struct Row: Sendable, Equatable {
        public var kommune: String
        public var key: TaskKey
        public var id: TaskID
        /// The instance of the repeated plan system (a fagsystem); nil for once-tasks.
        public var instance: String?
        public var title: String
        public var responsible: String
        public var performer: String
        public var responsiblePerson: Person?
        public var performerPerson: Person?
        public var dependencies: [TaskKey]
        public var coordinatedWith: TaskKey?
        public var status: TaskStatus
        public var ready: Bool
        public var progress: OIRModel.Progress
        public var deadline: CalendarDay?
        public var overdue: Bool
        /// Open, with a frist, and projected to finish after it (`forventet_forsinket`).
        public var projectedLate: Bool
        public var note: String?
        /// Open dependencies only (empty for done tasks).
        public var waitingFor: [Waiting]
        /// Open tasks downstream; nil for done tasks.
        public var blocks: Int?
        public var earliestStart: CalendarDay?
        public var earliestFinish: CalendarDay?
        public var critical: Bool
        /// The day its status was reached (the entry's `dato`), when recorded.
        public var reached: CalendarDay? = nil
        /// With a baseline: the task's planned last day then, and its slip in working days since
        /// (positive: later).
        public var baselineFinish: CalendarDay?
        public var slip: Int?
    }

    /// The checklist of `plan`.
    public init(_ plan: ScopedPlan, catalog: Catalog, labels: LabelSet = .builtIn(), options: ChecklistOptions = ChecklistOptions()) {
        let analysis = plan.analysis(on: options.day.of(plan.plan))
        self.plan = plan
        self.analysis = analysis
        var all = plan.instances.map { Self.row($0, plan: plan, analysis: analysis, catalog: catalog, labels: labels) }
        // A baseline given to the command, else the one the plan file names.
        if let frozen = options.baseline?.kommune(plan.plan.kommune) ?? plan.plan.baseline {
            hasBaseline = true
            let calendar = WorkingCalendar(extraDaysOff: plan.plan.daysOff)
            let finishes = Dictionary(analysis.schedule?.done.map { ($0.key, $0.value.finish) } ?? [], uniquingKeysWith: { a, _ in a })
                .merging(analysis.schedule?.earliestFinish ?? [:]) { a, _ in a }
            for index in all.indices {
                guard let then = frozen.span(of: all[index].key)?.finish else { continue }
                all[index].baselineFinish = then
                all[index].slip = finishes[all[index].key].map { calendar.slip(from: then, to: $0) }
            }
            baselineEnd = frozen.end
            if let then = frozen.end, let now = analysis.schedule?.end { endSlip = calendar.slip(from: then, to: now) }
        }
        rows = all.filter { Self.keeps($0, options) }
    }

    private static func row(_ instance: TaskInstance, plan: ScopedPlan, analysis: PlanAnalysis, catalog: Catalog, labels: LabelSet) -> Row {
        let key = instance.key
        let entry = plan.entry(key)
        return Row(
            kommune: plan.plan.kommune, key: key, id: instance.id, instance: instance.instanceName, title: instance.task.title,
            responsible: plan.roleName(instance.task.responsible, instance, catalog, labels),
            performer: plan.roleName(instance.task.performer, instance, catalog, labels),
            responsiblePerson: analysis.responsiblePerson[key], performerPerson: analysis.performerPerson[key],
            dependencies: instance.dependencyKeys, coordinatedWith: instance.coordinatedWith,
            status: instance.status, ready: instance.ready, progress: instance.progress,
            deadline: entry?.deadline, overdue: analysis.overdue.contains(key),
            projectedLate: instance.status != .done && entry?.deadline.map { deadline in
                analysis.schedule?.earliestFinish[key].map { $0 > deadline } ?? false } ?? false,
            note: entry?.note,
            waitingFor: (analysis.waitingFor[key] ?? []).map { Waiting(key: $0, person: analysis.performerPerson[$0]) },
            blocks: analysis.blocks[key],
            earliestStart: analysis.schedule?.earliestStart[key], earliestFinish: analysis.schedule?.earliestFinish[key],
            critical: analysis.schedule?.critical.contains(key) ?? false, reached: entry?.day)
    }

    private static func keeps(_ row: Row, _ options: ChecklistOptions) -> Bool {
        if let person = options.person,
           !(row.responsiblePerson?.isNamed(person) ?? false) && !(row.performerPerson?.isNamed(person) ?? false) {
            return false
        }
        switch options.only {
        case nil: return true
        case .ready?: return row.progress == .ready
        case .open?: return row.status != .done
        case .blocked?: return row.progress == .blocked
        case .overdue?: return row.overdue
        }
    }

    /// "Implementeringsplan for Eksempel Kommune (2024-05-01)".
    public func heading(_ labels: LabelSet = .builtIn()) -> String {
        plan.heading(labels)
    }
}

extension ScopedPlan {
    /// The checklist rows in dependency order, on the plan's day.
    public func rows(catalog: Catalog, labels: LabelSet = .builtIn()) -> [Checklist.Row] {
        Checklist(self, catalog: catalog, labels: labels).rows
    }

    /// The checklist in `format`, ending with a newline, in the words of `labels`.
    public func export(_ format: PlanFormat, catalog: Catalog, labels: LabelSet = .builtIn(),
                       options: ChecklistOptions = ChecklistOptions()) -> String {
        ChecklistWriter(catalog: catalog, labels: labels, options: options)
            .write([Checklist(self, catalog: catalog, labels: labels, options: options)], format, rollout: false)
    }

    /// "Implementeringsplan for Eksempel Kommune (2024-05-01)".
    public func heading(_ labels: LabelSet = .builtIn()) -> String {
        labels.text(plan.date == nil ? "checklist.heading" : "checklist.heading.dated", ["kommune": plan.kommune, "date": plan.date ?? ""])
    }

    static func shorten(_ text: String, _ limit: Int) -> String {
        text.count <= limit ? text : String(text.prefix(limit - 1)) + "…"
    }
}

extension Array where Element == Checklist {
    /// The checklists in `format`; a rollout's as one, with a kommune column (`plan --all`).
    public func export(_ format: PlanFormat, catalog: Catalog, labels: LabelSet = .builtIn(), options: ChecklistOptions = ChecklistOptions(),
                       rollout: Bool = true) -> String {
        ChecklistWriter(catalog: catalog, labels: labels, options: options).write(self, format, rollout: rollout)
    }
}

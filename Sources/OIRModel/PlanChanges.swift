/// What changed between two versions of a plan file (`plan NEW --since OLD`), per kommune.
public struct PlanChanges: Sendable, Equatable {
    /// A kind of change; the raw values are the words of the JSON and CSV outputs.
    public enum Kind: String, Sendable, CaseIterable {
        case done = "udført"
        case started = "startet"
        case ready = "klar"
        case overdue = "forsinket"
        case added = "tilføjet"
        case removed = "fjernet"
        case deadlineMoved = "frist_flyttet"
        case noteChanged = "note_ændret"
        case personChanged = "person_ændret"
        /// The projected end moved (its key is empty: it is the plan's, not a task's).
        case endMoved = "slut_flyttet"
    }

    public struct Change: Sendable, Equatable {
        public var kommune: String
        public var kind: Kind
        public var key: TaskKey
        public var title: String
        /// What it was and what it is ("2025-03-28 → 2025-04-04"), for the kinds that have one.
        public var detail: String?
    }

    /// The day the new plan is looked at.
    public var day: CalendarDay
    /// By kommune in the new file's order, then kind, then plan order.
    public var changes: [Change]
    /// Kommuner only in the new file, or only in the old one.
    public var addedKommuner: [String]
    public var removedKommuner: [String]

    /// - Parameters:
    ///   - day: the day to look at the new plans on (`--dato`, else each plan's `dato`, else
    ///     today); the old plans are looked at on their own `dato` (else the same day), so a frist
    ///     that passed in between is newly overdue.
    public static func between(old: [ScopedPlan], new: [ScopedPlan], day: PlanDay) -> PlanChanges {
        let new = fillingDoneDays(old: old, new: new)
        let oldByName = Dictionary(old.map { (Plan.fold($0.plan.kommune), $0) }, uniquingKeysWith: { a, _ in a })
        let newNames = Set(new.map { Plan.fold($0.plan.kommune) })
        var changes: [Change] = []
        var added: [String] = []
        var shownDay: CalendarDay?
        for plan in new {
            let newDay = day.of(plan.plan)
            shownDay = shownDay ?? newDay
            guard let before = oldByName[Plan.fold(plan.plan.kommune)] else {
                added.append(plan.plan.kommune)
                continue
            }
            changes += compare(before, before.analysis(on: before.plan.day ?? newDay), plan, plan.analysis(on: newDay))
        }
        let removed = old.map(\.plan.kommune).filter { !newNames.contains(Plan.fold($0)) }
        return PlanChanges(day: shownDay ?? day.given ?? day.today, changes: changes, addedKommuner: added, removedKommuner: removed)
    }

    /// `new` with the day of each task done since `old` that records none set to the new file's
    /// `dato`: the day it was first seen done, so its bar and the schedule have a day.
    public static func fillingDoneDays(old: [ScopedPlan], new: [ScopedPlan]) -> [ScopedPlan] {
        let oldByName = Dictionary(old.map { (Plan.fold($0.plan.kommune), $0) }, uniquingKeysWith: { a, _ in a })
        return new.map { plan in
            guard let before = oldByName[Plan.fold(plan.plan.kommune)], let seen = plan.plan.day else { return plan }
            var filled = plan
            for (key, entry) in plan.entries where entry.status == .done && entry.day == nil && before.plan.status(of: key) != .done {
                filled.entries[key]?.day = seen
            }
            filled.plan.status = plan.plan.status.map { filled.entries[$0.key] ?? $0 }
            return filled
        }
    }

    private static func compare(_ old: ScopedPlan, _ oldAnalysis: PlanAnalysis, _ new: ScopedPlan, _ newAnalysis: PlanAnalysis) -> [Change] {
        let before = Dictionary(old.instances.map { ($0.key, $0) }, uniquingKeysWith: { a, _ in a })
        let now = Set(new.instances.map(\.key))
        var found: [Kind: [Change]] = [:]
        func note(_ kind: Kind, _ instance: TaskInstance, _ detail: String? = nil) {
            found[kind, default: []].append(Change(kommune: new.plan.kommune, kind: kind, key: instance.key, title: instance.task.title, detail: detail))
        }
        func shown(_ value: String?) -> String { value ?? "–" }
        if let was = oldAnalysis.schedule?.end, let is_ = newAnalysis.schedule?.end, was != is_ {
            let slip = WorkingCalendar(extraDaysOff: new.plan.daysOff).slip(from: was, to: is_)
            found[.endMoved] = [Change(kommune: new.plan.kommune, kind: .endMoved, key: TaskKey(""), title: "",
                                       detail: "\(was) → \(is_) (\(slip > 0 ? "+" : "")\(slip))")]
        }
        for instance in new.instances {
            guard let was = before[instance.key] else {
                note(.added, instance)
                continue
            }
            if instance.status == .done, was.status != .done { note(.done, instance) }
            if instance.status == .inProgress, was.status == .notStarted { note(.started, instance) }
            if instance.progress == .ready, was.progress != .ready, was.status != .done { note(.ready, instance) }
            if newAnalysis.overdue.contains(instance.key), !oldAnalysis.overdue.contains(instance.key) { note(.overdue, instance) }
            let then = old.entry(instance.key), now = new.entry(instance.key)
            if then?.deadline != now?.deadline {
                note(.deadlineMoved, instance, "\(shown(then?.deadline?.description)) → \(shown(now?.deadline?.description))")
            }
            if then?.note != now?.note { note(.noteChanged, instance, shown(now?.note)) }
            if then?.person != now?.person { note(.personChanged, instance, "\(shown(then?.person?.label)) → \(shown(now?.person?.label))") }
        }
        for instance in old.instances where !now.contains(instance.key) {
            found[.removed, default: []].append(Change(kommune: new.plan.kommune, kind: .removed, key: instance.key, title: instance.task.title))
        }
        return ([.endMoved] + Kind.allCases.filter { $0 != .endMoved }).flatMap { found[$0] ?? [] }
    }
}

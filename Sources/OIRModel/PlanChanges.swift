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
    }

    public struct Change: Sendable, Equatable {
        public var kommune: String
        public var kind: Kind
        public var key: TaskKey
        public var title: String
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

    private static func compare(_ old: ScopedPlan, _ oldAnalysis: PlanAnalysis, _ new: ScopedPlan, _ newAnalysis: PlanAnalysis) -> [Change] {
        let before = Dictionary(old.instances.map { ($0.key, $0) }, uniquingKeysWith: { a, _ in a })
        let now = Set(new.instances.map(\.key))
        var found: [Kind: [Change]] = [:]
        func note(_ kind: Kind, _ instance: TaskInstance) {
            found[kind, default: []].append(Change(kommune: new.plan.kommune, kind: kind, key: instance.key, title: instance.task.title))
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
        }
        for instance in old.instances where !now.contains(instance.key) {
            found[.removed, default: []].append(Change(kommune: new.plan.kommune, kind: .removed, key: instance.key, title: instance.task.title))
        }
        return Kind.allCases.flatMap { found[$0] ?? [] }
    }
}

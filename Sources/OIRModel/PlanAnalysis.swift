/// What a scoped plan means on one day: who does each task, what each open task waits for,
/// how much it holds up, which deadlines have passed, the projected schedule, and statuses that
/// contradict their dependencies.
public struct PlanAnalysis: Sendable, Equatable {
    /// The day the plan is looked at (`--dato`): deadlines before it have passed.
    public var day: CalendarDay
    /// Per task key: the open dependencies it waits for, in requirement order (open tasks only).
    public var waitingFor: [TaskKey: [TaskKey]]
    /// Per task key: how many open tasks wait on it, directly or through others (open tasks only).
    public var blocks: [TaskKey: Int]
    /// Open tasks whose deadline is before `day`.
    public var overdue: Set<TaskKey>
    /// Per task key: the person who answers for it and the one who does it, when the plan names them.
    public var responsiblePerson: [TaskKey: Person]
    public var performerPerson: [TaskKey: Person]
    /// The projected schedule, when the plan or catalog gives any duration.
    public var schedule: Schedule?
    /// Tasks done or in progress while a dependency is not done, once each.
    public var inconsistencies: [Inconsistency]

    /// The open tasks that hold up most others, most first (ties in plan order).
    public func topBlockers(in plan: ScopedPlan, limit: Int = 5) -> [TaskKey] {
        let open = plan.instances.map(\.key).filter { (blocks[$0] ?? 0) > 0 }
        let position = Dictionary(uniqueKeysWithValues: plan.instances.enumerated().map { ($1.key, $0) })
        return Array(open.sorted { (blocks[$0]!, -position[$0]!) > (blocks[$1]!, -position[$1]!) }.prefix(limit))
    }
}

/// The earliest dates a plan's open work can be done, by working days (Monday–Friday) from its
/// start, and the chain of tasks that decides the end date.
public struct Schedule: Sendable, Equatable {
    public var start: CalendarDay
    /// The first and last working day of each task's work (a task of 0 days: both its start).
    public var earliestStart: [TaskKey: CalendarDay]
    public var earliestFinish: [TaskKey: CalendarDay]
    /// Open tasks without slack: any delay moves the projected end.
    public var critical: Set<TaskKey>
    /// The last working day of the last task.
    public var end: CalendarDay
    /// Open tasks with no duration from the plan or catalog (counted as 0 days).
    public var withoutDuration: Int
    /// Done tasks with a recorded day (`dato`): the working days they took, ending on it.
    public var done: [TaskKey: DaySpan] = [:]
}

/// The first and last day of a piece of work.
public struct DaySpan: Sendable, Equatable {
    public var start: CalendarDay
    public var finish: CalendarDay

    public init(start: CalendarDay, finish: CalendarDay) {
        self.start = start
        self.finish = finish
    }
}

/// A status the plan records although its dependencies say it cannot be so yet.
public struct Inconsistency: Sendable, Equatable, CustomStringConvertible {
    public var key: TaskKey
    public var status: TaskStatus
    /// The dependencies that are not done.
    public var openDependencies: [TaskKey]
    public var source: SourceLocation?

    public var description: String {
        let location = source.map { s in s.file + (s.line.map { ":\($0)" } ?? "") } ?? "<plan>"
        return "\(location): warning: '\(key)' is \(status.rawValue) but depends on \(YAMLReader.listed(openDependencies.map(\.description))), not udført"
    }
}

extension ScopedPlan {
    /// The plan looked at on `day`: deadlines before it have passed; the schedule starts from the
    /// plan's `start`, or this day, and open work is never scheduled before this day. Durations
    /// come from the plan, else the catalog's tasks; working days skip weekends, Danish public
    /// holidays and the plan's `fridage`.
    public func analysis(on day: CalendarDay) -> PlanAnalysis {
        let index = Dictionary(instances.enumerated().map { ($1.key, $0) }, uniquingKeysWith: { a, _ in a })
        let done = instances.map { $0.status == .done }
        var waiting: [TaskKey: [TaskKey]] = [:]
        var overdue: Set<TaskKey> = []
        var responsible: [TaskKey: Person] = [:]
        var performer: [TaskKey: Person] = [:]
        var inconsistencies: [Inconsistency] = []
        let people = PeopleLookup(plan)
        for instance in instances {
            let open = instance.requirements.filter { !$0.isMet { index[$0].map { done[$0] } == true ? .done : .notStarted } }
                .flatMap(\.keys)
            if instance.status == .done || instance.status == .inProgress {
                if !open.isEmpty {
                    inconsistencies.append(Inconsistency(key: instance.key, status: instance.status, openDependencies: open,
                                                         source: entry(instance.key)?.source))
                }
            }
            if instance.status != .done {
                waiting[instance.key] = open
                if let deadline = entry(instance.key)?.deadline, deadline < day { overdue.insert(instance.key) }
            }
            if let person = people.person(for: instance.task.responsible, instance) { responsible[instance.key] = person }
            if let person = entry(instance.key)?.person ?? people.person(for: instance.task.performer, instance) {
                performer[instance.key] = person
            }
        }
        return PlanAnalysis(day: day, waitingFor: waiting, blocks: blockCounts(index: index, done: done), overdue: overdue,
                            responsiblePerson: responsible, performerPerson: performer,
                            schedule: schedule(from: plan.start ?? day, today: day, index: index),
                            inconsistencies: inconsistencies)
    }

    /// For every open task, the number of open tasks downstream of it. Each search marks what it
    /// visited with its own stamp, so no set is allocated per task: the cost is the sum of the
    /// downstream sizes, small for per-fagsystem work.
    private func blockCounts(index: [TaskKey: Int], done: [Bool]) -> [TaskKey: Int] {
        var dependents = Array(repeating: [Int](), count: instances.count)
        for i in instances.indices where !done[i] {
            for key in Set(instances[i].dependencyKeys) { if let d = index[key] { dependents[d].append(i) } }
        }
        var stamp = Array(repeating: -1, count: instances.count)
        var counts: [TaskKey: Int] = [:]
        var stack: [Int] = []
        for source in instances.indices where !done[source] {
            var count = 0
            stack.append(source)
            stamp[source] = source
            while let node = stack.popLast() {
                for next in dependents[node] where stamp[next] != source {
                    stamp[next] = source
                    count += 1
                    stack.append(next)
                }
            }
            counts[instances[source].key] = count
        }
        return counts
    }

    /// Earliest start and finish by a forward pass in dependency order (a requirement met by any
    /// one of several instances waits for the earliest of them, one that needs every instance for
    /// the latest), slack by a backward pass. Open work starts no earlier than `today`, so a
    /// late plan projects its end from the day it is looked at, never into the past.
    /// The projected end must be a day the tool can write (a four-digit year): durations that
    /// push it past 9999 are refused, with the end they would give, before anything is written.
    /// Counted from the plan's `start` or `dato` (open work moves to the day looked at, which a
    /// run's clock gives; a plan without either is checked from 2000).
    func checkScheduleFits() throws {
        guard plan.durations.values.contains(where: { $0 > 0 }) || instances.contains(where: { ($0.task.duration ?? 0) > 0 }) else { return }
        let base = plan.start ?? plan.day ?? CalendarDay("2000-01-03")!
        // No chain is longer than all durations together, and every year has more than 230
        // working days besides the plan's own days off: most plans end far too early to matter,
        // and need no schedule here.
        let allDays = instances.reduce(0) { $0 + (plan.durations[$1.key] ?? plan.durations[TaskKey($1.id)] ?? $1.task.duration ?? 0) }
        if base.year + (allDays + plan.daysOff.count) / 230 + 1 < CalendarDay.years.upperBound { return }
        let index = Dictionary(instances.enumerated().map { ($1.key, $0) }, uniquingKeysWith: { a, _ in a })
        guard let schedule = schedule(from: base, today: base, index: index) else { return }
        let last = CalendarDay.years.upperBound
        if schedule.end.year > last || schedule.earliestFinish.values.contains(where: { $0.year > last }) {
            throw (plan.source ?? SourceLocation(file: "<plan>")).error(
                "the plan's durations put its projected end in the year \(schedule.end.year), past \(last)",
                hint: "check 'varighed': a task takes at most 1000 working days, and the longest chain of tasks sets the end")
        }
    }

    private func schedule(from start: CalendarDay, today: CalendarDay, index: [TaskKey: Int]) -> Schedule? {
        let calendar = WorkingCalendar(extraDaysOff: plan.daysOff)
        let first = calendar.workingDayOrNext(start)
        let todayOffset = calendar.workingDays(after: first, through: calendar.workingDayOrNext(today))
        // The working-day offset of a day from the first (negative before it; a day off counts
        // as the working day before it).
        func offset(_ day: CalendarDay) -> Int {
            day >= first ? calendar.workingDays(after: first, through: day) : -calendar.workingDays(after: day, through: first)
        }
        let durations = instances.map { plan.durations[$0.key] ?? plan.durations[TaskKey($0.id)] ?? $0.task.duration }
        guard instances.indices.contains(where: { instances[$0].status != .done && durations[$0] != nil }) else { return nil }
        let days = instances.indices.map { instances[$0].status == .done ? 0 : durations[$0] ?? 0 }
        let reached = instances.map { entry($0.key)?.day.map { min($0, today) } }
        var es = Array(repeating: 0, count: instances.count)
        var ef = Array(repeating: 0, count: instances.count)
        // `instances` is in dependency order, so every requirement is computed before its user.
        // By index: `enumerated()` would copy every instance (its task and texts) per pass.
        for i in instances.indices {
            for requirement in instances[i].requirements where !requirement.keys.isEmpty {
                let finishes = requirement.keys.compactMap { index[$0] }.filter { $0 < i }.map { ef[$0] }
                if let met = requirement.needsEvery ? finishes.max() : finishes.min() { es[i] = max(es[i], met) }
            }
            switch (instances[i].status, reached[i]) {
            case let (.done, day?):
                // Done on its recorded day.
                es[i] = offset(day) + 1
            case (.done, nil):
                // Done work lies behind the day looked at.
                es[i] = min(es[i], todayOffset)
            case let (.inProgress, day?):
                // Started on its recorded day; what is left ends no earlier than the day looked at.
                es[i] = offset(day)
                ef[i] = max(es[i] + days[i], todayOffset + min(days[i], 1))
                continue
            default:
                // Open work lies ahead of the day looked at.
                es[i] = max(es[i], todayOffset)
            }
            ef[i] = es[i] + days[i]
        }
        let total = ef.max() ?? 0
        var lf = Array(repeating: total, count: instances.count)
        for i in instances.indices.reversed() {
            for key in instances[i].dependencyKeys {
                if let d = index[key], d < i { lf[d] = min(lf[d], lf[i] - days[i]) }
            }
        }
        let open = instances.indices.filter { instances[$0].status != .done }
        // A started task shows its recorded start; every other open task starts at `es`.
        let startOffset = open.map { (i: $0, offset: max(es[$0], todayOffset)) }
        func finishOffset(_ i: Int) -> Int { max(ef[i] - 1, max(es[i], todayOffset)) }
        // Every day needed, found in one walk from the first (adding a long span from the
        // start for each task would count the holidays of the whole span again each time).
        let endOffset = max(todayOffset, total - 1)
        var needed = Set([endOffset])
        for (i, start) in startOffset { needed.insert(start); needed.insert(finishOffset(i)) }
        var dates: [Int: CalendarDay] = [:]
        var (at, day) = (0, first)
        for offset in needed.sorted() {
            day = calendar.adding(offset - at, to: day)
            at = offset
            dates[offset] = day
        }
        func date(_ offset: Int) -> CalendarDay { dates[offset] ?? calendar.adding(offset, to: first) }
        var startDates: [TaskKey: CalendarDay] = [:]
        var finishDates: [TaskKey: CalendarDay] = [:]
        var critical: Set<TaskKey> = []
        for (i, start) in startOffset {
            let key = instances[i].key
            startDates[key] = instances[i].status == .inProgress ? reached[i] ?? date(start) : date(start)
            finishDates[key] = date(finishOffset(i))
            if total > 0, days[i] > 0, lf[i] - ef[i] == 0 { critical.insert(key) }
        }
        var done: [TaskKey: DaySpan] = [:]
        for i in instances.indices where instances[i].status == .done {
            guard let finish = reached[i] else { continue }
            done[instances[i].key] = DaySpan(start: calendar.subtracting(max((durations[i] ?? 1) - 1, 0), from: finish), finish: finish)
        }
        let withoutDuration = open.filter { durations[$0] == nil }.count
        return Schedule(start: first, earliestStart: startDates, earliestFinish: finishDates, critical: critical,
                        end: date(endOffset), withoutDuration: withoutDuration, done: done)
    }
}

/// The people of a plan's systems by system and name, so finding a task's person does not scan
/// every system.
struct PeopleLookup {
    let plan: Plan
    private let byName: [String: [String: SystemInstance]]

    init(_ plan: Plan) {
        self.plan = plan
        var byName: [String: [String: SystemInstance]] = [:]
        for system in plan.systems where byName[system.system]?[system.name] == nil { byName[system.system, default: [:]][system.name] = system }
        self.byName = byName
    }

    /// The person the plan names for `ref` where `instance` is done: the system's own, else the
    /// kommune-level one.
    func person(for ref: RoleRef, _ instance: TaskInstance) -> Person? {
        if let system = ref.system, let named = byName[system] {
            let own = instance.instanceName.flatMap { named[$0] } ?? (named.count == 1 ? named.first?.value : nil)
            if let person = own?.people[ref.role] { return person }
        }
        return plan.people[ref.role]
    }
}

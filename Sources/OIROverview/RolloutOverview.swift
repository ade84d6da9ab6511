import OIRPublish
import OIRRender
import OIRLayout
import OIRModel
/// A rollout at a glance: the kommune × task matrix of progress, counts per kommune, and the
/// tasks that hold up the most kommuner (`oversigt`).
public struct RolloutOverview: Sendable, Equatable {
    /// One kommune's cell for one task id: all its instances summed up.
    public struct Cell: Sendable, Equatable {
        /// Done when every instance is; in progress when some work is done or under way; ready
        /// when an instance can start; else blocked.
        public var progress: Progress
        public var overdue: Bool
        /// Instances done, of how many (one per fagsystem for per-fagsystem work).
        public var done: Int
        public var total: Int

        public init(progress: Progress, overdue: Bool, done: Int, total: Int) {
            self.progress = progress
            self.overdue = overdue
            self.done = done
            self.total = total
        }
    }

    public struct Row: Sendable, Equatable {
        public var kommune: String
        /// By task id; absent: the task is not in this kommune's plan.
        public var cells: [TaskID: Cell]
        /// Task instances by progress, and overdue ones.
        public var counts: [Progress: Int]
        public var overdue: Int
        public var total: Int
        /// The projected end, when the plan gives durations.
        public var end: CalendarDay?
    }

    /// A task id that blocks work in several kommuner.
    public struct Blocker: Sendable, Equatable {
        public var task: TaskID
        /// Kommuner where an open instance of it holds up other open tasks.
        public var kommuner: Int
        /// Open tasks it holds up, summed over those kommuner.
        public var blocks: Int
    }

    public var day: CalendarDay
    /// Task ids in catalog order, those in at least one kommune's plan.
    public var tasks: [TaskID]
    public var rows: [Row]
    /// Most kommuner first (then most tasks held up, then catalog order).
    public var blockers: [Blocker]

    /// The overview of `plans` looked at on `day` (`--dato`, else each plan's dato, else today;
    /// the overview's own day is the first plan's).
    public static func make(_ plans: [ScopedPlan], catalog: Catalog, day: PlanDay) -> RolloutOverview {
        var rows: [Row] = []
        var blockerKommuner: [TaskID: Int] = [:]
        var blockerTasks: [TaskID: Int] = [:]
        var present: Set<TaskID> = []
        var shownDay: CalendarDay?
        for scoped in plans {
            let planDay = day.of(scoped.plan)
            shownDay = shownDay ?? planDay
            let analysis = scoped.analysis(on: planDay)
            var byTask: [TaskID: [TaskInstance]] = [:]
            for instance in scoped.instances { byTask[instance.id, default: []].append(instance) }
            var cells: [TaskID: Cell] = [:]
            for (id, instances) in byTask {
                present.insert(id)
                cells[id] = cell(instances, overdue: analysis.overdue)
                let holding = instances.map { analysis.blocks[$0.key] ?? 0 }.reduce(0, +)
                if holding > 0 {
                    blockerKommuner[id, default: 0] += 1
                    blockerTasks[id, default: 0] += holding
                }
            }
            var counts: [Progress: Int] = [:]
            for instance in scoped.instances { counts[instance.progress, default: 0] += 1 }
            rows.append(Row(kommune: scoped.plan.kommune, cells: cells, counts: counts, overdue: analysis.overdue.count,
                            total: scoped.instances.count, end: analysis.schedule?.end))
        }
        let order = catalog.tasks.map(\.id)
        let position = Dictionary(order.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        let blockers = blockerKommuner.map { Blocker(task: $0.key, kommuner: $0.value, blocks: blockerTasks[$0.key] ?? 0) }
            .sorted { ($0.kommuner, $0.blocks, -(position[$0.task] ?? 0)) > ($1.kommuner, $1.blocks, -(position[$1.task] ?? 0)) }
        return RolloutOverview(day: shownDay ?? day.given ?? day.today, tasks: order.filter(present.contains), rows: rows, blockers: blockers)
    }

    private static func cell(_ instances: [TaskInstance], overdue: Set<TaskKey>) -> Cell {
        let done = instances.filter { $0.status == .done }.count
        let progress: Progress
        if done == instances.count {
            progress = .done
        } else if done > 0 || instances.contains(where: { $0.status == .inProgress }) {
            progress = .inProgress
        } else if instances.contains(where: { $0.progress == .ready }) {
            progress = .ready
        } else {
            progress = .blocked
        }
        return Cell(progress: progress, overdue: instances.contains { overdue.contains($0.key) }, done: done, total: instances.count)
    }
}

import OIRSupport

/// A plan applied to a catalog: the task instances the kommune must do, with their
/// dependencies between instances, status and readiness, in dependency order.
public struct ScopedPlan: Sendable, Equatable {
    public var plan: Plan
    /// Every included instance, each after all its dependencies, a coordination pair adjacent.
    public var instances: [TaskInstance]
    /// The plan's status lines by task key (the last one of a key), so a lookup costs the same
    /// however many lines a plan has.
    public var entries: [TaskKey: StatusEntry] = [:]

    /// The status line of a task key, if the plan has one.
    public func entry(_ key: TaskKey) -> StatusEntry? {
        entries[key]
    }

    /// Where each key stands in `instances`.
    var positions: [TaskKey: Int] = [:]

    /// The instance with this key, if the plan includes it.
    public func instance(_ key: TaskKey) -> TaskInstance? {
        positions[key].map { instances[$0] }
    }

    /// How many instances have each progress.
    public func count(_ progress: Progress) -> Int {
        instances.filter { $0.progress == progress }.count
    }
}

/// One task done once, or once for one fagsystem.
public struct TaskInstance: Sendable, Equatable {
    /// `FM001`, or `TF108@Fagsystem A` for per-fagsystem work.
    public var key: TaskKey
    /// The catalog's task, held by reference: instances are copied often (ordering, schedules,
    /// filters), and copying the task's twenty texts and lists each time was a fifth of a rollout.
    private var definition: SharedTask
    public var task: TaskDefinition {
        _read { yield definition.value }
        set { definition = SharedTask(newValue) }
    }
    /// What it waits for, in the catalog's order of `afhænger_af` (coordination excluded).
    public var requirements: [Requirement]
    /// The other member of a coordination pair: the same work seen from the other side.
    public var coordinatedWith: TaskKey?
    public var status: TaskStatus
    /// Not done, and every requirement met.
    public var ready: Bool

    init(key: TaskKey, task: TaskDefinition, requirements: [Requirement], coordinatedWith: TaskKey?, status: TaskStatus, ready: Bool) {
        self.key = key
        definition = SharedTask(task)
        self.requirements = requirements
        self.coordinatedWith = coordinatedWith
        self.status = status
        self.ready = ready
    }

    public var id: TaskID { task.id }

    /// The name of the instance of the repeated plan system (a fagsystem) it is done for; nil for
    /// once-tasks.
    public var instanceName: String? { key.instance }

    /// The keys of the instances it depends on.
    public var dependencyKeys: [TaskKey] {
        requirements.flatMap(\.keys)
    }

    /// Dependencies not in the plan (not applicable, or done before): counted as satisfied.
    public var satisfiedOutsidePlan: [TaskID] {
        requirements.filter(\.isOutsidePlan).map(\.taskID)
    }

    /// Done, in progress, ready to start or blocked.
    public var progress: Progress {
        switch status {
        case .done: .done
        case .inProgress: .inProgress
        case .notStarted: ready ? .ready : .blocked
        }
    }
}

/// One entry of a task's `afhænger_af`, resolved to instances of the plan.
public struct Requirement: Sendable, Equatable {
    public var taskID: TaskID
    /// The instances that meet it: one, or for a once-task depending on per-fagsystem work
    /// every fagsystem's instance, any one of which done is enough. Empty when the task is
    /// not in the plan, which counts as satisfied.
    public var keys: [TaskKey]
    /// Whether every one of `keys` must be done (else one is enough).
    public var needsEvery = true

    public var isOutsidePlan: Bool { keys.isEmpty }

    /// Met when outside the plan, or when every one of its instances is done (one, for a task
    /// whose catalog entry says `venter_på_instanser: nogen`).
    func isMet(_ status: (TaskKey) -> TaskStatus) -> Bool {
        if keys.isEmpty { return true }
        return needsEvery ? keys.allSatisfy { status($0) == .done } : keys.contains { status($0) == .done }
    }
}

/// Where a task instance stands.
public enum Progress: String, Sendable, CaseIterable, Codable {
    case done = "udført"
    case inProgress = "i_gang"
    /// Not started, every dependency done.
    case ready = "klar"
    /// Not started, waiting for a dependency.
    case blocked = "blokeret"

    /// The word that names it in label keys (`progress.in_progress`, `legend.in_progress`),
    /// style roles (`status.in_progress.fill`) and the laid-out diagram's JSON.
    public var name: String {
        switch self {
        case .done: "done"
        case .inProgress: "in_progress"
        case .ready: "ready"
        case .blocked: "blocked"
        }
    }

    /// The word in CSS class names: `status-udfoert`.
    public var cssName: String {
        switch self {
        case .done: "udfoert"
        case .inProgress: "i-gang"
        case .ready: "klar"
        case .blocked: "blokeret"
        }
    }
}

/// A task definition shared by the copies of an instance (never changed in place: a new task
/// is a new box).
private final class SharedTask: Sendable, Equatable {
    let value: TaskDefinition

    init(_ value: TaskDefinition) { self.value = value }

    static func == (a: SharedTask, b: SharedTask) -> Bool { a === b || a.value == b.value }
}

extension Plan {
    /// Applies the plan to `catalog`: includes the tasks the inclusion rules ask for, resolves
    /// dependencies between instances, checks the recorded status, and orders the work.
    public func scope(_ catalog: Catalog) throws -> ScopedPlan {
        // Instances, in catalog order and per task in the plan's instance order.
        let repeated = catalog.structure.plan.repeatedSystem.map { self.instances(of: $0.id) } ?? []
        var instances: [TaskInstance] = []
        var included: Set<TaskKey> = []
        for task in catalog.tasks {
            let targets: [SystemInstance?] = catalog.isOnce(task) ? [nil] : repeated.map { $0 }
            for target in targets where catalog.includes(task, plan: self, instance: target) {
                let key = TaskKey(task.id, instance: target?.name)
                included.insert(key)
                instances.append(TaskInstance(key: key, task: task, requirements: [],
                                              coordinatedWith: nil, status: .notStarted, ready: false))
            }
        }
        try checkStatus(catalog, included: included)
        let entries = Dictionary(status.map { ($0.key, $0) }, uniquingKeysWith: { _, last in last })

        let onceIDs = Set(catalog.tasks.filter(catalog.isOnce).map(\.id))
        for index in instances.indices {
            let instance = instances[index]
            var requirements: [Requirement] = []
            for dependency in instance.task.dependencies {
                if let partner = catalog.coordinationPartner(of: instance.id), partner == dependency {
                    let key = TaskKey(partner, instance: onceIDs.contains(partner) ? nil : instance.instanceName)
                    if included.contains(key) { instances[index].coordinatedWith = key }
                    continue
                }
                let keys: [TaskKey]
                var needsEvery = true
                if onceIDs.contains(dependency) {
                    keys = [TaskKey(dependency)]
                } else if let name = instance.instanceName {
                    keys = [TaskKey(dependency, instance: name)]
                } else {
                    // A once-task waiting for per-instance work: every instance's task, or one
                    // of them when the catalog says so.
                    keys = repeated.map { TaskKey(dependency, instance: $0.name) }
                    needsEvery = instance.task.instanceWait == .every
                }
                requirements.append(Requirement(taskID: dependency, keys: keys.filter(included.contains), needsEvery: needsEvery))
            }
            instances[index].requirements = requirements
            instances[index].status = entries[instance.key]?.status ?? .notStarted
        }
        let statusOf = Dictionary(instances.map { ($0.key, $0.status) }, uniquingKeysWith: { a, _ in a })
        for index in instances.indices {
            instances[index].ready = instances[index].status != .done
                && instances[index].requirements.allSatisfy { $0.isMet { statusOf[$0] ?? .notStarted } }
        }
        let ordered = Self.dependencyOrder(instances, catalog: catalog)
        let scoped = ScopedPlan(plan: self, instances: ordered, entries: entries,
                                positions: Dictionary(ordered.enumerated().map { ($1.key, $0) }, uniquingKeysWith: { a, _ in a }))
        try scoped.checkScheduleFits()
        return scoped
    }

    /// Every status key must name an instance of this plan; every wrong key is reported, with
    /// the key that was meant when it differs only in spaces or case.
    private func checkStatus(_ catalog: Catalog, included: Set<TaskKey>) throws {
        var problems: [InputError] = []
        let unknown = status.filter { !included.contains($0.key) }
        // Folding every key is slow (a locale's case folding): only done when one is unknown.
        let foldedKeys = unknown.isEmpty ? [:] : Dictionary(included.map { ($0.folded, $0) }, uniquingKeysWith: { a, _ in a })
        for entry in unknown {
            let location = entry.source ?? SourceLocation(file: source?.file ?? "<plan>")
            if let meant = foldedKeys[entry.key.folded] {
                problems.append(location.error("status for unknown task key '\(entry.key)'", hint: "did you mean '\(meant)'? keys are written without spaces around '@' and with the id's and name's exact case"))
                continue
            }
            problems.append(unknownKeyProblem(entry, catalog: catalog, location: location))
        }
        let ids = Set(catalog.tasks.map { $0.id.lowercased() })
        if status.count > 1, status.allSatisfy({ !ids.contains($0.key.task.trimmingSpaces.lowercased()) }) {
            // Not one key names a task of this catalog: most likely a plan for another integration.
            let location = status.first?.source ?? SourceLocation(file: source?.file ?? "<plan>")
            problems.append(location.error("none of the plan's \(status.count) status keys names a task of \(catalog.integration.id)",
                                           hint: "is the plan written for another catalog? give that one with --catalog FILE"))
        }
        if problems.count == 1 { throw problems[0] }
        if !problems.isEmpty { throw InputErrors(problems) }
    }

    private func unknownKeyProblem(_ entry: StatusEntry, catalog: Catalog, location: SourceLocation) -> InputError {
        let repeatedID = catalog.structure.plan.repeatedSystem?.id ?? "instance"
        let names = catalog.structure.plan.repeatedSystem.map { self.instances(of: $0.id).map(\.name) } ?? []
        let id = entry.key.task.trimmingSpaces
        let instanceName = entry.key.instance?.trimmingSpaces
        guard let task = catalog.task(id) else {
            let near = Suggestion.nearest(to: id, in: catalog.tasks.map(\.id)).map { "did you mean '\($0)'? " } ?? ""
            let example = names.first.map { " or \(TaskKey("ID", instance: repeatedID)) such as \(TaskKey(catalog.tasks.first { !catalog.isOnce($0) }?.id ?? "ID", instance: $0))" } ?? ""
            return location.error("status for unknown task key '\(entry.key)'",
                                  hint: "\(near)a key is a task id such as \(catalog.tasks.first?.id ?? "ID")\(example)")
        }
        let once = catalog.isOnce(task)
        if once, instanceName != nil {
            return location.error("status for unknown task key '\(entry.key)': \(id) is done once, not per \(repeatedID)", hint: "write '\(id)'")
        }
        if !once {
            guard let instanceName else {
                return location.error("status for unknown task key '\(entry.key)': \(id) is done per \(repeatedID)",
                                      hint: "write one key per \(repeatedID): \(YAMLReader.listed(names.map { "\(TaskKey(id, instance: $0))" }))")
            }
            if !names.contains(instanceName) {
                let near = Suggestion.nearest(to: instanceName, in: names).map { "did you mean '\($0)'? " } ?? ""
                return location.error("status for unknown task key '\(entry.key)': the plan has no \(repeatedID) '\(instanceName)'",
                                      hint: "\(near)the plan's \(repeatedID)s: \(YAMLReader.listed(names))")
            }
        }
        return location.error("status for '\(entry.key)', a task that is not in the plan",
                              hint: "\(catalog.whyNotIncluded(task, plan: self, instanceName: instanceName)); remove the line or change the plan")
    }

    /// Each instance after all it depends on; ties by catalog order, then by the plan's
    /// fagsystem order. The two members of a coordination pair are placed as one unit, so
    /// they stand together.
    static func dependencyOrder(_ instances: [TaskInstance], catalog: Catalog) -> [TaskInstance] {
        // Instances are built in catalog order, so their index is the tie-break.
        var unitOf: [TaskKey: Int] = [:]
        var units: [[Int]] = []
        for index in instances.indices {
            if let partner = instances[index].coordinatedWith, let unit = unitOf[partner] {
                units[unit].append(index)
                unitOf[instances[index].key] = unit
            } else {
                unitOf[instances[index].key] = units.count
                units.append([index])
            }
        }
        let waitsFor: [[Int]] = units.map { members in
            var set: Set<Int> = []
            for member in members {
                for key in instances[member].dependencyKeys { if let unit = unitOf[key] { set.insert(unit) } }
            }
            return Array(set)
        }
        // The lowest ready unit first: the order the catalog-order tie-break asks for. A cycle
        // cannot come from a validated catalog; should one appear through the pairing, the rest
        // is kept in catalog order rather than lost.
        let order = TopologicalOrder.lowestFirst(count: units.count, waitsFor: { waitsFor[$0] }, keepingCycles: true)
        return order.flatMap { units[$0].map { instances[$0] } }
    }
}


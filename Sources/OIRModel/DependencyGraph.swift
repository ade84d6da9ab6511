/// Precedence between the tasks of a catalog: which tasks must be done before which.
///
/// A dependency between the two members of a declared coordination pair is not precedence
/// (they are one piece of work seen from two sides), so it is left out here and kept in
/// `coordinations`.
public struct DependencyGraph: Sendable {
    /// Task ids in catalog order.
    public let ids: [TaskID]
    /// For each task, the tasks it waits for (catalog order of the dependency list).
    public let predecessors: [TaskID: [TaskID]]
    /// For each task, the tasks that wait for it, in catalog order.
    public let successors: [TaskID: [TaskID]]
    public let coordinations: [Coordination]

    public init(catalog: Catalog) {
        let known = Set(catalog.tasks.map(\.id))
        ids = catalog.tasks.map(\.id)
        coordinations = catalog.coordinations
        var predecessors: [TaskID: [TaskID]] = [:]
        var successors: [TaskID: [TaskID]] = [:]
        for task in catalog.tasks {
            let waits = task.dependencies.filter { dependency in
                known.contains(dependency) && !catalog.coordinations.contains { $0.contains(task.id, dependency) }
            }
            predecessors[task.id] = waits
            for dependency in waits { successors[dependency, default: []].append(task.id) }
        }
        self.predecessors = predecessors
        self.successors = successors
    }

    /// The first precedence cycle found, as the ids along it, or nil.
    public func firstCycle() -> [TaskID]? {
        enum Mark { case visiting, done }
        var marks: [TaskID: Mark] = [:]
        var stack: [TaskID] = []
        func visit(_ id: TaskID) -> [TaskID]? {
            if marks[id] == .done { return nil }
            if marks[id] == .visiting {
                return Array(stack[stack.lastIndex(of: id)!...])
            }
            marks[id] = .visiting
            stack.append(id)
            for next in predecessors[id] ?? [] {
                if let cycle = visit(next) { return cycle }
            }
            stack.removeLast()
            marks[id] = .done
            return nil
        }
        for id in ids {
            if let cycle = visit(id) { return cycle.reversed() }
        }
        return nil
    }

    /// Every task after all it waits for; ties keep catalog order. Requires an acyclic graph.
    public func topologicalOrder() -> [TaskID] {
        var remaining = Dictionary(uniqueKeysWithValues: ids.map { ($0, predecessors[$0]?.count ?? 0) })
        var order: [TaskID] = []
        var placed: Set<TaskID> = []
        // Catalog order is small and stable, so repeatedly taking the first ready task is enough.
        while order.count < ids.count {
            guard let next = ids.first(where: { !placed.contains($0) && remaining[$0] == 0 }) else { break }
            order.append(next)
            placed.insert(next)
            for successor in successors[next] ?? [] { remaining[successor, default: 0] -= 1 }
        }
        return order
    }
}

import OIRSupport
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
    ///
    /// Depth-first search with an explicit stack, so a long dependency chain (10,000 tasks) cannot
    /// overflow the thread's stack.
    public func firstCycle() -> [TaskID]? {
        Self.firstCycle(ids: ids, predecessors: predecessors)
    }

    /// The first cycle once each coordination pair counts as one piece of work: A↔B with A
    /// waiting for C and C waiting for B cannot be ordered, though no plain precedence cycle
    /// exists. The cycle is given with the pair's first member standing for the pair.
    public func firstCycleThroughPairs() -> [TaskID]? {
        var unit: [TaskID: TaskID] = [:]
        for pair in coordinations where unit[pair.first] == nil && unit[pair.second] == nil { unit[pair.second] = pair.first }
        var merged: [TaskID: [TaskID]] = [:]
        for id in ids {
            let representative = unit[id] ?? id
            for p in predecessors[id] ?? [] where (unit[p] ?? p) != representative {
                merged[representative, default: []].append(unit[p] ?? p)
            }
        }
        return Self.firstCycle(ids: ids.filter { unit[$0] == nil }, predecessors: merged)
    }

    private static func firstCycle(ids: [TaskID], predecessors: [TaskID: [TaskID]]) -> [TaskID]? {
        enum Mark { case visiting, done }
        var marks: [TaskID: Mark] = [:]
        // The path from the root being searched; each frame remembers which predecessor is next.
        var path: [(id: TaskID, next: Int)] = []
        var position: [TaskID: Int] = [:]
        for root in ids where marks[root] == nil {
            marks[root] = .visiting
            position[root] = 0
            path.append((root, 0))
            while let top = path.last {
                let waits = predecessors[top.id] ?? []
                guard top.next < waits.count else {
                    marks[top.id] = .done
                    position[top.id] = nil
                    path.removeLast()
                    continue
                }
                path[path.count - 1].next += 1
                let next = waits[top.next]
                switch marks[next] {
                case .done?:
                    continue
                case .visiting?:
                    let cycle = path[position[next]!...].map(\.id)
                    return cycle.reversed()
                case nil:
                    marks[next] = .visiting
                    position[next] = path.count
                    path.append((next, 0))
                }
            }
        }
        return nil
    }

    /// Every task after all it waits for; ties keep catalog order (of the tasks ready at a time,
    /// the one first in the catalog comes next). Requires an acyclic graph; tasks on a cycle are
    /// left out. O((n + e) log n).
    public func topologicalOrder() -> [TaskID] {
        let index = Dictionary(ids.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        return TopologicalOrder.lowestFirst(count: ids.count, waitsFor: { (predecessors[ids[$0]] ?? []).compactMap { index[$0] } },
                                            keepingCycles: false).map { ids[$0] }
    }
}

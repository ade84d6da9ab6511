/// Orders the nodes `0..<count` of a graph so each comes after everything it waits for; of the
/// nodes ready at a time the lowest comes first (so a list built in catalog order keeps that
/// order wherever the dependencies allow). Kahn's algorithm on a heap: O((n + e) log n).
public enum TopologicalOrder {
    /// - Parameters:
    ///   - count: the number of nodes.
    ///   - waitsFor: each node's predecessors (duplicates and self-references are ignored).
    ///   - keepingCycles: whether nodes on a cycle are placed after the rest, lowest first (true),
    ///     or left out (false).
    /// - Returns: the nodes in order.
    public static func lowestFirst(count: Int, waitsFor: (Int) -> [Int], keepingCycles: Bool) -> [Int] {
        var waiting = Array(repeating: 0, count: count)
        var dependents = Array(repeating: [Int](), count: count)
        for node in 0..<count {
            for predecessor in Set(waitsFor(node)) where predecessor != node && (0..<count).contains(predecessor) {
                waiting[node] += 1
                dependents[predecessor].append(node)
            }
        }
        var ready = MinHeap<Int>()
        for node in 0..<count where waiting[node] == 0 { ready.push(node) }
        var placed = Array(repeating: false, count: count)
        var order: [Int] = []
        order.reserveCapacity(count)
        var nextUnplaced = 0
        while order.count < count {
            guard let node = ready.pop() ?? (keepingCycles ? firstUnplaced(placed, from: &nextUnplaced) : nil) else { break }
            if placed[node] { continue }
            placed[node] = true
            order.append(node)
            for dependent in dependents[node] where !placed[dependent] {
                waiting[dependent] -= 1
                if waiting[dependent] == 0 { ready.push(dependent) }
            }
        }
        return order
    }

    private static func firstUnplaced(_ placed: [Bool], from next: inout Int) -> Int? {
        while next < placed.count, placed[next] { next += 1 }
        return next < placed.count ? next : nil
    }
}

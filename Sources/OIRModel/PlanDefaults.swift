import Yams

/// A rollout's `standard:` values merged into each kommune's plan: what the kommune gives wins;
/// mappings merge key by key; the repeated systems (the fagsystems) merge by `navn`, so a
/// supplier states its fagsystem once and a kommune adds to or overrides it.
enum PlanDefaults {
    /// `kommune` with `standard` under it. Nodes keep their marks, so a problem still points at
    /// the line that holds the value.
    static func merge(_ standard: Node, into kommune: Node, listKey: String?) -> Node {
        guard case let .mapping(defaults) = standard, case let .mapping(own) = kommune else { return kommune }
        var pairs = Array(own)
        for (key, value) in defaults {
            guard let index = pairs.firstIndex(where: { $0.0 == key }) else {
                pairs.append((key, value))
                continue
            }
            if key.string == listKey {
                pairs[index].1 = mergeNamed(value, into: pairs[index].1)
            } else if case .mapping = value, case .mapping = pairs[index].1 {
                pairs[index].1 = merge(value, into: pairs[index].1, listKey: nil)
            }
        }
        return .mapping(Node.Mapping(pairs, own.tag, own.style, own.mark))
    }

    /// The standard's named entries (merged with the kommune's entry of the same `navn`), then the
    /// kommune's other entries.
    private static func mergeNamed(_ standard: Node, into kommune: Node) -> Node {
        guard case let .sequence(defaults) = standard, case let .sequence(own) = kommune else { return kommune }
        func name(_ node: Node) -> String? { node.mapping?.value(forKey: "navn")?.string.map { Plan.fold($0) } }
        var used: Set<Int> = []
        var merged: [Node] = []
        for entry in defaults {
            if let n = name(entry), let index = own.firstIndex(where: { name($0) == n }) {
                used.insert(index)
                merged.append(merge(entry, into: own[index], listKey: nil))
            } else {
                merged.append(entry)
            }
        }
        merged += own.enumerated().filter { !used.contains($0.offset) }.map(\.element)
        return .sequence(Node.Sequence(merged, own.tag, own.style, own.mark))
    }
}

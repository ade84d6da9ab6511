import Dispatch

extension Array where Element: Sendable {
    /// `map` with the elements transformed on every core at once (a rollout's kommuner are
    /// independent), the results in the elements' order: the same output as `map`.
    /// - Parameter transform: Must be safe to call from several threads at once (a pure function
    ///   of its element).
    public func concurrentMap<Mapped: Sendable>(_ transform: @Sendable (Element) -> Mapped) -> [Mapped] {
        guard count > 1 else { return map(transform) }
        var results = [Mapped?](repeating: nil, count: count)
        results.withUnsafeMutableBufferPointer { buffer in
            // Each iteration writes its own slot only.
            nonisolated(unsafe) let slots = buffer
            DispatchQueue.concurrentPerform(iterations: count) { index in
                slots[index] = transform(self[index])
            }
        }
        return results.map { $0! }
    }
}

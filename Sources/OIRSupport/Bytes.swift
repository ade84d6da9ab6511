/// Searching bytes (UTF-8 text, PDF files) with a plain loop: Foundation's string searches bridge
/// to NSString on Linux and the generic `firstRange(of:)` is slower still; on a whole SVG or PDF
/// that cost more than the rest of a render.
public enum Bytes {
    /// Where `pattern` first starts in `bytes[from..<to]`, or nil.
    public static func firstIndex(of pattern: [UInt8], in bytes: UnsafeBufferPointer<UInt8>, from: Int, to: Int) -> Int? {
        guard let first = pattern.first, from >= 0, to <= bytes.count else { return nil }
        var i = from
        while i + pattern.count <= to {
            if bytes[i] == first {
                var j = 1
                while j < pattern.count, bytes[i + j] == pattern[j] { j += 1 }
                if j == pattern.count { return i }
            }
            i += 1
        }
        return nil
    }
}

extension String {
    /// `self` with every occurrence of `target` replaced, compared byte-wise on UTF-8 (`Bytes`).
    public func replacingAll(_ target: String, with replacement: String) -> String {
        let pattern = Array(target.utf8)
        guard !pattern.isEmpty else { return self }
        var text = self
        text.makeContiguousUTF8()
        let replaced: [UInt8]? = text.utf8.withContiguousStorageIfAvailable { bytes in
            var out: [UInt8]?
            var copied = 0
            while let found = Bytes.firstIndex(of: pattern, in: bytes, from: copied, to: bytes.count) {
                if out == nil { out = []; out!.reserveCapacity(bytes.count + 16) }
                out!.append(contentsOf: bytes[copied..<found])
                out!.append(contentsOf: replacement.utf8)
                copied = found + pattern.count
            }
            out?.append(contentsOf: bytes[copied...])
            return out
        } ?? nil
        return replaced.map { String(decoding: $0, as: UTF8.self) } ?? self
    }
}

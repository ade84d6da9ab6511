/// Text made safe to place in DOT, XML and Markdown output.
public enum PlainText {
    /// Drops NUL and control characters (except newline and tab) and U+FFFE/U+FFFF, which neither
    /// DOT nor XML can carry. (Files are checked when read; this guards text built in code.)
    public static func printable(_ value: String) -> String {
        // Almost every text is printable already: kept as it is, without rebuilding it.
        if value.unicodeScalars.allSatisfy(isPrintable) { return value }
        var out = String.UnicodeScalarView()
        for scalar in value.unicodeScalars where isPrintable(scalar) { out.append(scalar) }
        return String(out)
    }

    /// Newline and tab, and everything that is neither a control character nor a noncharacter.
    public static func isPrintable(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "\n" || scalar == "\t"
            || !(scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) || scalar.value == 0xFFFE || scalar.value == 0xFFFF)
    }

    /// Printable text with the five XML special characters escaped, for text and attribute values.
    public static func xmlEscaped(_ text: String) -> String {
        var out = ""
        for c in printable(text).unicodeScalars {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }
}

extension String {
    /// `self` with every occurrence of `target` replaced, compared byte-wise on UTF-8.
    /// Foundation's `replacingOccurrences` bridges to NSString on Linux (on a whole SVG it cost a
    /// fifth of a render) and the generic `firstRange(of:)` is slower still: a plain byte loop.
    public func replacingAll(_ target: String, with replacement: String) -> String {
        let pattern = Array(target.utf8)
        guard let first = pattern.first else { return self }
        var text = self
        text.makeContiguousUTF8()
        let replaced: [UInt8]? = text.utf8.withContiguousStorageIfAvailable { bytes in
            var out: [UInt8]?
            var i = 0, copied = 0
            let count = bytes.count, length = pattern.count
            while i + length <= count {
                guard bytes[i] == first else { i += 1; continue }
                var j = 1
                while j < length, bytes[i + j] == pattern[j] { j += 1 }
                guard j == length else { i += 1; continue }
                if out == nil { out = []; out!.reserveCapacity(count + 16) }
                out!.append(contentsOf: bytes[copied..<i])
                out!.append(contentsOf: replacement.utf8)
                i += length
                copied = i
            }
            out?.append(contentsOf: bytes[copied..<count])
            return out
        } ?? nil
        return replaced.map { String(decoding: $0, as: UTF8.self) } ?? self
    }
}

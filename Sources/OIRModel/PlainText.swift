/// Text made safe to place in DOT, XML and Markdown output.
public enum PlainText {
    /// Drops NUL and control characters (except newline and tab) and U+FFFE/U+FFFF, which neither
    /// DOT nor XML can carry. (Files are checked when read; this guards text built in code.)
    public static func printable(_ value: String) -> String {
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
    /// Foundation's `replacingOccurrences` bridges to NSString on Linux: on a whole SVG it cost a
    /// fifth of a render.
    public func replacingAll(_ target: String, with replacement: String) -> String {
        let pattern = Array(target.utf8)
        guard let first = pattern.first else { return self }
        var out: [UInt8] = []
        var changed = false
        utf8.withContiguousStorageIfAvailable { bytes in
            out.reserveCapacity(bytes.count)
            var i = 0
            while i < bytes.count {
                if bytes[i] == first, i + pattern.count <= bytes.count, bytes[i..<(i + pattern.count)].elementsEqual(pattern) {
                    out += replacement.utf8
                    i += pattern.count
                    changed = true
                } else {
                    out.append(bytes[i])
                    i += 1
                }
            }
        } ?? {
            var copy = self
            copy.makeContiguousUTF8()
            out = Array(copy.replacingAll(target, with: replacement).utf8)
            changed = true
        }()
        return changed ? String(decoding: out, as: UTF8.self) : self
    }
}

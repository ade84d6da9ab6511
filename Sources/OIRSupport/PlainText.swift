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

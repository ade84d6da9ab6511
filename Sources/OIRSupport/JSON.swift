/// JSON string literals.
public enum JSONText {
    /// `s` as a JSON string literal, quotes included.
    public static func string(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}

/// A JSON value whose objects keep their keys in the order given.
public enum JSON {
    case object([(String, JSON)])
    case array([JSON])
    case string(String)
    /// Written with at most two decimals, like every coordinate the tool writes.
    case number(Double)
    case bool(Bool)
    case null

    /// Appends the value, pretty-printed at `indent` levels.
    public func write(into out: inout String, indent: Int) {
        let pad = String(repeating: "  ", count: indent + 1), end = String(repeating: "  ", count: indent)
        switch self {
        case let .object(fields):
            guard !fields.isEmpty else { out += "{}"; return }
            out += "{\n"
            for (index, (key, value)) in fields.enumerated() {
                out += pad + JSONText.string(key) + ": "
                value.write(into: &out, indent: indent + 1)
                out += index == fields.count - 1 ? "\n" : ",\n"
            }
            out += end + "}"
        case let .array(items):
            guard !items.isEmpty else { out += "[]"; return }
            // Points and other short lists of numbers stay on one line.
            if items.allSatisfy({ if case .number = $0 { true } else { false } }) {
                out += "[" + items.map { item -> String in var s = ""; item.write(into: &s, indent: 0); return s }.joined(separator: ", ") + "]"
                return
            }
            out += "[\n"
            for (index, item) in items.enumerated() {
                out += pad
                item.write(into: &out, indent: indent + 1)
                out += index == items.count - 1 ? "\n" : ",\n"
            }
            out += end + "]"
        case let .string(text): out += JSONText.string(text)
        case let .number(value): out += NumberText.decimal(value)
        case let .bool(value): out += value ? "true" : "false"
        case .null: out += "null"
        }
    }
}

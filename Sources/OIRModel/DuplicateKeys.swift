import CYaml
import Foundation

/// The keys that stand more than once in one mapping of a YAML text, each with every line it
/// stands on, found by libyaml's scanner (Yams stops at the first repeated key and names only
/// where its mapping starts). Written for the message a person fixing the file needs: every
/// line, and where the values are one-line flow mappings or scalars, the entry merged.
struct DuplicateKeys {
    /// One key repeated in one mapping.
    struct Repeat {
        var key: String
        /// The key whose value the mapping is (`status`), nil for a list item or the top level.
        var parent: String?
        /// The 1-based lines and columns of each occurrence, in the file's order.
        var places: [(line: Int, column: Int)]
    }

    /// Every repeated key of `text`, in the order of their first occurrence.
    static func find(in text: String) -> [Repeat] {
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else { return [] }
        defer { yaml_parser_delete(&parser) }
        var bytes = Array(text.utf8)
        // Per open collection: the key it is the value of, and its keys with where each stood.
        var open: [(parent: String?, keys: [String: [(Int, Int)]])] = []
        var repeats: [Repeat] = []
        var expectingKey = false
        var lastKey: String?, parentOfNext: String?
        bytes.withUnsafeMutableBufferPointer { buffer in
            yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
            var token = yaml_token_t()
            func close() {
                guard let level = open.popLast() else { return }
                for (key, places) in level.keys where places.count > 1 {
                    repeats.append(Repeat(key: key, parent: level.parent, places: places.map { (line: $0.0, column: $0.1) }))
                }
            }
            while yaml_parser_scan(&parser, &token) == 1 {
                defer { yaml_token_delete(&token) }
                var parent: String?
                switch token.type {
                case YAML_STREAM_END_TOKEN:
                    while !open.isEmpty { close() }
                    return
                case YAML_BLOCK_MAPPING_START_TOKEN, YAML_FLOW_MAPPING_START_TOKEN, YAML_BLOCK_SEQUENCE_START_TOKEN,
                     YAML_FLOW_SEQUENCE_START_TOKEN:
                    open.append((parentOfNext, [:]))
                case YAML_BLOCK_END_TOKEN, YAML_FLOW_MAPPING_END_TOKEN, YAML_FLOW_SEQUENCE_END_TOKEN:
                    close()
                case YAML_KEY_TOKEN:
                    expectingKey = true
                    continue
                case YAML_VALUE_TOKEN:
                    // What opens next is the value of the key just read.
                    parent = lastKey
                case YAML_SCALAR_TOKEN where expectingKey && !open.isEmpty:
                    let scalar = token.data.scalar
                    let key = scalar.value.map { String(decoding: UnsafeBufferPointer(start: $0, count: scalar.length), as: UTF8.self) } ?? ""
                    open[open.count - 1].keys[key, default: []].append((Int(token.start_mark.line) + 1, Int(token.start_mark.column) + 1))
                    lastKey = key
                    expectingKey = false
                    continue
                default:
                    break
                }
                parentOfNext = parent
                lastKey = nil
                expectingKey = false
            }
        }
        return repeats.sorted { ($0.places[0].line, $0.places[0].column) < ($1.places[0].line, $1.places[0].column) }
    }

    /// The one entry the occurrences of `repeated` would make, when each stands on one line as
    /// a flow mapping (`{frist: 2025-03-01}`) or a scalar; a scalar becomes the value of
    /// `scalarKey` (a plan's `status`). Nil when a value spans lines or two give the same key.
    static func merged(_ repeated: Repeat, in lines: [Substring], scalarKey: String?) -> String? {
        var parts: [(key: String, text: String)] = []
        for place in repeated.places {
            guard place.line - 1 < lines.count else { return nil }
            let line = lines[place.line - 1]
            guard let colon = line.range(of: ":", range: line.index(line.startIndex, offsetBy: min(line.count, place.column - 1))..<line.endIndex) else { return nil }
            var value = line[colon.upperBound...].trimmingCharacters(in: .whitespaces)
            if let hash = value.range(of: " #") { value = value[..<hash.lowerBound].trimmingCharacters(in: .whitespaces) }
            if value.hasPrefix("{"), value.hasSuffix("}") {
                let inner = value.dropFirst().dropLast().trimmingCharacters(in: .whitespaces)
                // Split on commas outside quotes.
                var current = "", quote: Character?
                var items: [String] = []
                for character in inner {
                    if let open = quote { if character == open { quote = nil } } else if character == "\"" || character == "'" { quote = character }
                    if character == ",", quote == nil { items.append(current); current = "" } else { current.append(character) }
                }
                items.append(current)
                for item in items.map({ $0.trimmingCharacters(in: .whitespaces) }) where !item.isEmpty {
                    guard let separator = item.firstIndex(of: ":") else { return nil }
                    parts.append((String(item[..<separator]).trimmingCharacters(in: .whitespaces), item))
                }
            } else if !value.isEmpty, !value.hasPrefix("["), let scalarKey {
                parts.append((scalarKey, "\(scalarKey): \(value)"))
            } else {
                return nil
            }
        }
        let keys = parts.map(\.key)
        guard Set(keys).count == keys.count else { return nil }
        // The scalar's key first (a status before its frist), the rest in the file's order.
        let ordered = parts.filter { $0.key == scalarKey } + parts.filter { $0.key != scalarKey }
        return "\(repeated.key): {\(ordered.map(\.text).joined(separator: ", "))}"
    }
}

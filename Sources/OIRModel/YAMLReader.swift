import Yams

/// Reads a YAML document into typed values while keeping the line and column of everything,
/// so every complaint about a hand-written file can point at the offending text.
struct YAMLReader {
    let file: String

    /// Bounds that keep a hostile file from costing unbounded time or memory.
    static let maximumBytes = 4 * 1024 * 1024

    func document(_ text: String) throws -> Node {
        if text.utf8.count > Self.maximumBytes {
            throw InputError(file: file, message: "file is \(text.utf8.count) bytes; the limit is \(Self.maximumBytes)",
                             hint: "a catalog or plan is a small hand-written YAML file")
        }
        let node: Node?
        do {
            node = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw syntaxError(error)
        }
        guard let node else {
            throw InputError(file: file, line: 1, message: "the file is empty", hint: "expected a YAML mapping")
        }
        return node
    }

    private func syntaxError(_ error: YamlError) -> InputError {
        switch error {
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _):
            let what = [context?.text, problem].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: " ")
            return InputError(file: file, line: mark.line, column: mark.column, message: "YAML syntax error: \(what)")
        case let .composer(context, problem, mark, _):
            let what = [context?.text, problem].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: " ")
            return InputError(file: file, line: mark.line, column: mark.column, message: "YAML error: \(what)")
        case let .duplicatedKeysInMapping(duplicates, context):
            // The mark is where the mapping starts; the message names the repeated keys.
            let keys = duplicates.sorted().map { "'\($0)'" }.joined(separator: ", ")
            return InputError(file: file, line: context.mark.line, column: context.mark.column,
                              message: "a key appears twice in one mapping: \(keys)", hint: "keep one line per key")
        default:
            return InputError(file: file, message: "YAML error: \(error)")
        }
    }

    func error(_ node: Node?, _ message: String, hint: String? = nil) -> InputError {
        InputError(file: file, line: node?.mark?.line, column: node?.mark?.column, message: message, hint: hint)
    }

    /// A mapping whose keys must come from `allowed`; an unknown key names its nearest allowed key.
    func mapping(_ node: Node, _ what: String, allowed: [String]) throws -> Mapping {
        guard case let .mapping(mapping) = node else {
            throw error(node, "\(what) must be a mapping (key: value lines)")
        }
        var seen: Set<String> = []
        for (key, _) in mapping {
            guard let name = key.string else { throw error(key, "a key in \(what) is not text") }
            if !allowed.contains(name) {
                let hint = Suggestion.nearest(to: name, in: allowed).map { "did you mean '\($0)'?" }
                    ?? "allowed keys: \(allowed.joined(separator: ", "))"
                throw error(key, "unknown key '\(name)' in \(what)", hint: hint)
            }
            if !seen.insert(name).inserted { throw error(key, "key '\(name)' appears twice in \(what)") }
        }
        return Mapping(reader: self, node: node, mapping: mapping, what: what)
    }

    func sequence(_ node: Node, _ what: String) throws -> [Node] {
        if case .scalar = node, node.null != nil { return [] }
        guard case let .sequence(sequence) = node else { throw error(node, "\(what) must be a list") }
        return Array(sequence)
    }

    func string(_ node: Node, _ what: String) throws -> String {
        guard case let .scalar(scalar) = node else { throw error(node, "\(what) must be text") }
        return scalar.string
    }

    func bool(_ node: Node, _ what: String) throws -> Bool {
        guard case .scalar = node, let value = node.bool else {
            throw error(node, "\(what) must be true or false, not '\(node.string ?? "?")'")
        }
        return value
    }

    func enumeration<E: RawRepresentable & CaseIterable>(_ node: Node, _ what: String, as _: E.Type) throws -> E
    where E.RawValue == String {
        let text = try string(node, what)
        if let value = E(rawValue: text) { return value }
        let allowed = E.allCases.map(\.rawValue)
        let nearest = Suggestion.nearest(to: text, in: allowed).map { "did you mean '\($0)'? " } ?? ""
        throw error(node, "'\(text)' is not a valid \(what)", hint: "\(nearest)expected one of: \(allowed.joined(separator: ", "))")
    }

    /// Typed access to one mapping, keeping the node of every value for messages.
    struct Mapping {
        let reader: YAMLReader
        let node: Node
        let mapping: Node.Mapping
        let what: String

        func node(_ key: String) -> Node? {
            mapping[key]
        }

        func required(_ key: String) throws -> Node {
            guard let value = mapping[key] else {
                throw reader.error(node, "\(what) is missing the required key '\(key)'")
            }
            return value
        }

        func string(_ key: String) throws -> String {
            try reader.string(required(key), "'\(key)' in \(what)")
        }

        func optionalString(_ key: String) throws -> String? {
            guard let value = mapping[key], value.null == nil else { return nil }
            return try reader.string(value, "'\(key)' in \(what)")
        }

        func bool(_ key: String, default fallback: Bool) throws -> Bool {
            guard let value = mapping[key] else { return fallback }
            return try reader.bool(value, "'\(key)' in \(what)")
        }

        func strings(_ key: String) throws -> [String] {
            guard let value = mapping[key] else { return [] }
            return try reader.sequence(value, "'\(key)' in \(what)").map { try reader.string($0, "an entry of '\(key)'") }
        }

        func enumeration<E: RawRepresentable & CaseIterable>(_ key: String, as type: E.Type, default fallback: E? = nil) throws -> E
        where E.RawValue == String {
            guard let value = mapping[key] else {
                if let fallback { return fallback }
                throw reader.error(node, "\(what) is missing the required key '\(key)'")
            }
            return try reader.enumeration(value, "\(key)", as: type)
        }
    }
}

/// Finds the allowed word a typo most likely meant.
enum Suggestion {
    static func nearest(to word: String, in candidates: [String]) -> String? {
        let scored = candidates.map { ($0, distance(Array(word.lowercased()), Array($0.lowercased()))) }
        guard let best = scored.min(by: { $0.1 < $1.1 || ($0.1 == $1.1 && $0.0 < $1.0) }) else { return nil }
        return best.1 <= max(2, word.count / 3) ? best.0 : nil
    }

    /// Levenshtein distance.
    static func distance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        var previous = Array(0...b.count)
        for (i, ca) in a.enumerated() {
            var current = [i + 1] + Array(repeating: 0, count: b.count)
            for (j, cb) in b.enumerated() {
                current[j + 1] = min(previous[j + 1] + 1, current[j] + 1, previous[j] + (ca == cb ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}

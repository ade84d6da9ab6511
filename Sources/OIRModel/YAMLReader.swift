import CYaml
import Yams

/// Reads a YAML document into typed values while keeping the line and column of everything,
/// so every complaint about a hand-written file can point at the offending text.
struct YAMLReader {
    let file: String
    /// Problems that do not stop the reading (an unknown key), so one run reports them all.
    let collected = ProblemCollector()
    /// For a key repeated in the mapping that is the value of one of these keys, a scalar value
    /// is the value of the named key when the entries are merged (a plan's `status: {KEY: udført}`
    /// is `{status: udført}`): the message then suggests the one entry.
    var scalarKeys: [String: String] = [:]

    init(file: String) {
        self.file = file
    }

    /// Throws everything collected plus `extra` (in line order), if there is anything.
    func finish(_ extra: [InputError] = []) throws {
        var seen: Set<String> = []
        let all = (collected.problems + extra).filter { seen.insert($0.description).inserted }.sorted { ($0.line ?? 0, $0.column ?? 0) < ($1.line ?? 0, $1.column ?? 0) }
        guard let first = all.first else { return }
        throw all.count == 1 ? first as Error : InputErrors(all) as Error
    }

    /// Runs `body`; a problem it throws joins the collected ones instead of ending the reading.
    func collecting<T>(_ body: () throws -> T) -> T? {
        do {
            return try body()
        } catch let error as InputError {
            collected.problems.append(error)
        } catch let error as InputErrors {
            collected.problems += error.errors
        } catch {
            collected.problems.append(InputError(file: file, message: "\(error)"))
        }
        return nil
    }

    /// Bounds that keep a hostile file from costing unbounded time or memory.
    static let maximumBytes = InputFile.maximumBytes

    func document(_ text: String) throws -> Node {
        if text.utf8.count > Self.maximumBytes {
            throw InputError(file: file, message: "file is \(text.utf8.count) bytes; the limit is \(Self.maximumBytes)",
                             hint: "a catalog or plan is a small hand-written YAML file")
        }
        try refuseAliases(text)
        let node: Node?
        do {
            // No implicit tags: Yams resolves them with regular expressions per scalar, a quarter
            // of a whole render; `Node.isNull`, `yesNo` and `integer` read plain scalars instead.
            node = try Yams.compose(yaml: text, Resolver.basic)
        } catch let error as YamlError {
            if case .duplicatedKeysInMapping = error, let repeated = repeatedKeys(text) {
                throw repeated.errors.count == 1 ? repeated.errors[0] as Error : repeated as Error
            }
            throw syntaxError(error)
        }
        guard let node else {
            throw InputError(file: file, line: 1, message: "the file is empty", hint: "expected a YAML mapping")
        }
        return node
    }

    /// YAML aliases (`*name`) repeat an anchored value wherever they appear: a few lines of them
    /// ("billion laughs") expand to more nodes than memory holds, and Yams compares mapping keys
    /// by value, so an alias used as a key takes exponential time before any check could run.
    /// Hand-written catalogs and plans do not need them, so the scanner refuses the first one,
    /// in time linear in the file.
    private func refuseAliases(_ text: String) throws {
        try YAMLText.refuseAliases(text, file: file)
    }
}

/// Checks on YAML text before it is composed, for every YAML file the tool reads.
public enum YAMLText {
    /// The document of a built-in YAML file, from the tree `oir-embed` composed when the tool
    /// was built (each target's `EmbeddedFiles.trees`); nil if the tree is damaged.
    public static func document(tree: String) -> Node? {
        EmbeddedTree.document(tree: tree)
    }

    /// The document of `text`, checked like a catalog or plan: size, aliases, nesting, syntax
    /// errors and repeated keys all with line and column.
    /// - Throws: `InputError`.
    public static func compose(_ text: String, file: String) throws -> Node {
        try YAMLReader(file: file).document(text)
    }

    /// Throws when `text` holds a control character, naming the node's line and column.
    public static func checkCharacters(_ text: String, at node: Node, what: String, file: String) throws {
        try YAMLReader(file: file).checkCharacters(text, node, what)
    }

    /// Throws an `InputError` at the first alias (`*name`); see `YAMLReader.document`.
    public static func refuseAliases(_ text: String, file: String) throws {
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else { return }
        defer { yaml_parser_delete(&parser) }
        var bytes = Array(text.utf8)
        try bytes.withUnsafeMutableBufferPointer { buffer in
            yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
            var token = yaml_token_t()
            var depth = 0
            while yaml_parser_scan(&parser, &token) == 1 {
                defer { yaml_token_delete(&token) }
                switch token.type {
                case YAML_STREAM_END_TOKEN:
                    return
                case YAML_FLOW_SEQUENCE_START_TOKEN, YAML_FLOW_MAPPING_START_TOKEN, YAML_BLOCK_SEQUENCE_START_TOKEN,
                     YAML_BLOCK_MAPPING_START_TOKEN:
                    // The scanner's cost grows with the square of the nesting.
                    depth += 1
                    if depth > 1_000 {
                        throw InputError(file: file, line: Int(token.start_mark.line) + 1, column: Int(token.start_mark.column) + 1,
                                         message: "YAML nested deeper than 1,000 levels", hint: "a catalog or plan needs a few levels")
                    }
                case YAML_FLOW_SEQUENCE_END_TOKEN, YAML_FLOW_MAPPING_END_TOKEN, YAML_BLOCK_END_TOKEN:
                    depth -= 1
                case YAML_ALIAS_TOKEN:
                    let name = token.data.alias.value.map { String(cString: $0) } ?? ""
                    throw InputError(file: file, line: Int(token.start_mark.line) + 1, column: Int(token.start_mark.column) + 1,
                                     message: "YAML alias '*\(name.prefix(40))' is not supported",
                                     hint: "write the value out instead of repeating an anchored one")
                default:
                    continue
                }
            }
            // A scanner error: composing reports it with its location.
        }
    }
}

extension YAMLReader {

    private func syntaxError(_ error: YamlError) -> InputError {
        switch error {
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _):
            if problem.contains("nesting level") {
                return InputError(file: file, line: mark.line, column: mark.column,
                                  message: "YAML nested deeper than 1,000 levels", hint: "a catalog or plan needs a few levels")
            }
            let what = [context?.text, problem].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: " ")
            return InputError(file: file, line: mark.line, column: mark.column, message: "YAML syntax error: \(what)")
        case let .composer(context, problem, mark, _):
            let what = [context?.text, problem].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: " ")
            return InputError(file: file, line: mark.line, column: mark.column, message: "YAML error: \(what)")
        case let .duplicatedKeysInMapping(duplicates, context):
            // Yams names the repeated keys and where the first stands: the scanner finds every line.
            let keys = duplicates.sorted().map { "'\($0)'" }.joined(separator: ", ")
            return InputError(file: file, line: context.mark.line, column: context.mark.column,
                              message: "a key appears twice in one mapping: \(keys)", hint: "keep one line per key")
        case let .reader(problem, offset, value, yaml):
            // offset is in bytes; find the line and column it falls on.
            var line = 1, column = 1
            if let offset {
                for byte in yaml.utf8.prefix(offset) {
                    if byte == UInt8(ascii: "\n") { line += 1; column = 1 } else if byte & 0xC0 != 0x80 { column += 1 }
                }
            }
            let hex = String(value, radix: 16, uppercase: true)
            let code = value >= 0 ? " U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex : ""
            let what = problem.contains("control characters") ? "contains the control character\(code)" : problem
            return InputError(file: file, line: offset == nil ? nil : line, column: offset == nil ? nil : column,
                              message: "YAML text \(what)", hint: "remove it; only printable text, tabs and line breaks are allowed")
        default:
            return InputError(file: file, message: "YAML error: \(error)")
        }
    }

    /// One problem per key repeated in a mapping of `text`, naming every line it stands on and,
    /// where it can, the merged entry to write instead; nil when the scanner finds none.
    private func repeatedKeys(_ text: String) -> InputErrors? {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let problems = DuplicateKeys.find(in: text).map { repeated in
            let first = repeated.places[0]
            let where_ = repeated.places.map { "\($0.line)" }
            let linesText = where_.count == 2 ? "lines \(where_[0]) and \(where_[1])" : "lines " + where_.dropLast().joined(separator: ", ") + " and " + where_.last!
            let what = repeated.parent.map { "'\($0)'" } ?? "one mapping"
            let merged = DuplicateKeys.merged(repeated, in: lines, scalarKey: repeated.parent.flatMap { scalarKeys[$0] })
            return InputError(file: file, line: first.line, column: first.column,
                              message: "'\(Self.shown(repeated.key))' appears \(repeated.places.count) times in \(what), on \(linesText)",
                              hint: merged.map { "write it once: \($0)" } ?? "keep one entry per key, with everything it says")
        }
        return problems.isEmpty ? nil : InputErrors(problems)
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
        var values: [String: Node] = [:]
        for (key, value) in mapping {
            guard let name = key.string else { throw error(key, "a key in \(what) is not text") }
            if !allowed.contains(name) {
                try checkCharacters(name, key, "a key in \(what)")
                let hint = Suggestion.nearest(to: name, in: allowed).map { "did you mean '\($0)'?" }
                    ?? "allowed keys: \(allowed.joined(separator: ", "))"
                // Reported with every other problem of the file; the rest of the mapping is still read.
                collected.problems.append(error(key, "unknown key '\(Self.shown(name))' in \(what)", hint: hint))
                continue
            }
            if !seen.insert(name).inserted { throw error(key, "key '\(name)' appears twice in \(what)") }
            values[name] = value
        }
        return Mapping(reader: self, node: node, mapping: mapping, what: what, allowed: allowed, values: values)
    }

    func sequence(_ node: Node, _ what: String) throws -> [Node] {
        if node.isNull { return [] }
        guard case let .sequence(sequence) = node else { throw error(node, "\(what) must be a list") }
        return Array(sequence)
    }

    func string(_ node: Node, _ what: String) throws -> String {
        guard case let .scalar(scalar) = node else { throw error(node, "\(what) must be text") }
        try checkCharacters(scalar.string, node, what)
        return scalar.string
    }

    /// Text that neither a terminal, DOT nor XML can carry safely is refused where it is written:
    /// NUL and other control characters (tab and line break are fine), and U+FFFE/U+FFFF. YAML only
    /// lets them in through escapes such as "\0" or "\x1b". So are the bidirectional embedding,
    /// override and isolate controls (U+202A–U+202E, U+2066–U+2069): in a terminal table, a CSV
    /// cell or a calendar they show text in another order than it is written ("Sag\u{202E}TXE.exe").
    func checkCharacters(_ text: String, _ node: Node, _ what: String) throws {
        for (offset, scalar) in text.unicodeScalars.enumerated() where !Self.allowed(scalar) {
            let hex = String(scalar.value, radix: 16, uppercase: true)
            let code = "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
            if Self.isBidiControl(scalar) {
                throw error(node, "\(what) contains the bidirectional control character \(code) at character \(offset + 1)",
                            hint: "remove it; it makes text show in another order than it is written")
            }
            throw error(node, "\(what) contains the control character \(code) at character \(offset + 1)",
                        hint: "remove it; only printable text, tabs and line breaks are allowed")
        }
    }

    static func isBidiControl(_ scalar: Unicode.Scalar) -> Bool {
        (0x202A...0x202E).contains(scalar.value) || (0x2066...0x2069).contains(scalar.value)
    }

    static func allowed(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x0A: true
        case 0..<0x20, 0x7F...0x9F, 0xFFFE, 0xFFFF, 0x202A...0x202E, 0x2066...0x2069: false
        default: true
        }
    }

    /// A list inside a message: its first ten items and a count of the rest, so a message stays
    /// one readable line whatever the file holds.
    static func listed(_ items: [String]) -> String {
        items.prefix(10).joined(separator: ", ") + (items.count > 10 ? " and \(items.count - 10) more" : "")
    }

    /// A user's value inside a message: at most 60 characters.
    static func shown(_ text: String) -> String {
        text.count <= 60 ? text : String(text.prefix(60)) + "…"
    }

    func bool(_ node: Node, _ what: String) throws -> Bool {
        guard let value = node.yesNo else {
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
        throw error(node, "'\(Self.shown(text))' is not a valid \(what)", hint: "\(nearest)expected one of: \(allowed.joined(separator: ", "))")
    }

    /// Typed access to one mapping, keeping the node of every value for messages.
    struct Mapping {
        let reader: YAMLReader
        let node: Node
        let mapping: Node.Mapping
        let what: String
        let allowed: [String]
        /// The value of every allowed key, looked up by name.
        let values: [String: Node]

        /// The unknown-key error of a key that looks like a misspelling of `key`: reported instead
        /// of "missing `key`", since it says the same thing better.
        func misspelling(of key: String) -> InputError? {
            for (k, _) in mapping {
                guard let name = k.string, !allowed.contains(name), Suggestion.nearest(to: name, in: allowed) == key else { continue }
                return reader.error(k, "unknown key '\(YAMLReader.shown(name))' in \(what)", hint: "did you mean '\(key)'?")
            }
            return nil
        }

        func node(_ key: String) -> Node? {
            values[key]
        }

        func required(_ key: String) throws -> Node {
            guard let value = node(key) else {
                if let misspelling = misspelling(of: key) { throw misspelling }
                throw reader.error(node, "\(what) is missing the required key '\(key)'")
            }
            return value
        }

        func string(_ key: String) throws -> String {
            try reader.string(required(key), "'\(key)' in \(what)")
        }

        func optionalString(_ key: String) throws -> String? {
            guard let value = node(key), !value.isNull else { return nil }
            return try reader.string(value, "'\(key)' in \(what)")
        }

        func bool(_ key: String, default fallback: Bool) throws -> Bool {
            guard let value = node(key) else { return fallback }
            return try reader.bool(value, "'\(key)' in \(what)")
        }

        func strings(_ key: String) throws -> [String] {
            guard let value = node(key) else { return [] }
            return try reader.sequence(value, "'\(key)' in \(what)").map { try reader.string($0, "an entry of '\(key)'") }
        }

        func enumeration<E: RawRepresentable & CaseIterable>(_ key: String, as type: E.Type, default fallback: E? = nil) throws -> E
        where E.RawValue == String {
            guard let value = node(key) else {
                if let fallback { return fallback }
                throw reader.error(node, "\(what) is missing the required key '\(key)'")
            }
            return try reader.enumeration(value, "\(key)", as: type)
        }
    }
}

/// The problems one reading of a file has found so far.
final class ProblemCollector {
    var problems: [InputError] = []
}

/// Finds the allowed word a typo most likely meant.
public enum Suggestion {
    /// The candidate closest to `word` by edit distance, if it is close enough to be a typo.
    public static func nearest(to word: String, in candidates: [String]) -> String? {
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

/// YAML's core values of plain scalars, read without Yams's tag resolver. Quoted scalars are
/// always text: `'null'` and `"ja"` are words, as YAML says.
extension Node {
    /// Empty, `~` or `null` (in YAML's three spellings), unquoted.
    var isNull: Bool {
        guard case let .scalar(scalar) = self, scalar.style == .plain else { return false }
        return ["", "~", "null", "Null", "NULL"].contains(scalar.string)
    }

    /// YAML 1.1's booleans, unquoted, in the spellings its resolver allows (`true`, `True`,
    /// `TRUE`, `yes`, `on`, … and their negatives); nil for anything else.
    var yesNo: Bool? {
        guard case let .scalar(scalar) = self, scalar.style == .plain else { return nil }
        switch scalar.string {
        case "true", "True", "TRUE", "yes", "Yes", "YES", "on", "On", "ON": return true
        case "false", "False", "FALSE", "no", "No", "NO", "off", "Off", "OFF": return false
        default: return nil
        }
    }

    /// A whole number in decimal digits with an optional sign (`_` may group digits), unquoted.
    var integer: Int? {
        guard case let .scalar(scalar) = self, scalar.style == .plain else { return nil }
        let digits = scalar.string.replacingAll("_", with: "")
        guard digits.dropFirst(digits.first == "-" || digits.first == "+" ? 1 : 0).allSatisfy(\.isASCII) else { return nil }
        return Int(digits)
    }
}

extension Node.Mapping {
    /// The value of the scalar key `key`, compared as text (Yams's own subscript resolves the
    /// key's tag with regular expressions on every comparison).
    func value(forKey key: String) -> Node? {
        first { $0.key.scalar?.string == key }?.value
    }
}

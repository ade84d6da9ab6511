import Foundation
import OIRContent
import OIRLayout
import OIRModel
import Yams

/// How a diagram looks: colours, lines and fonts by role (lane fill, KLIK box, stub, status…),
/// never per task. Built-in styles live in the package's Styles folder; a user's style file may
/// start from one of them (`base:`) and override a few roles.
public struct Style: Sendable, Equatable {
    public var name: String
    public var description: String
    /// Every role's value, validated against `Style.roles`.
    public private(set) var values: [String: String]
    /// The roles of the style used when the reader prefers a dark colour scheme (SVG only).
    public private(set) var darkValues: [String: String]?
    /// Texts the style replaces, by language and label key: the words for what this style
    /// shows ("KLIK-opgaver har tyk sort kant" where KLIK boxes are not blue).
    public private(set) var texts: [String: [String: String]] = [:]

    /// `labels` with the style's texts for their language.
    public func labels(_ labels: LabelSet) -> LabelSet {
        labels.overriding(texts[labels.language.rawValue] ?? [:])
    }

    /// How many lane colours a style sets; the catalog's parties take them in order, and a
    /// catalog with more parties starts over.
    public static let laneTones = 6

    /// The role of the fill of lanes of the party at `tone` (1-based): `lane.1.fill`.
    public static func laneFillRole(tone: Int) -> String {
        "lane.\((max(tone, 1) - 1) % laneTones + 1).fill"
    }

    /// The roles whose values are colours.
    static var colorRoles: [String] {
        roles.filter { if case .color = $0.value.kind { return true } else { return false } }.keys.sorted()
    }

    /// A role's value; every role has one once a style is resolved. The role must be one of
    /// `roles`: `DeclaredKeysTests` checks the literal roles in the sources, and a debug build
    /// stops at any other, so a typo never draws with an empty colour.
    public subscript(_ role: String) -> String {
        assert(Self.roles[role] != nil, "style role '\(role)' is not declared in Style.roles")
        return values[role] ?? Self.roles[role]?.fallback ?? ""
    }

    /// The name of every role a style may set.
    public static var roleNames: Set<String> { Set(roles.keys) }

    public var dependencies: DependencyDrawing {
        DependencyDrawing(rawValue: self["dependencies"]) ?? .stubs
    }

    /// The page the style lays out for and prints on (`--page` overrides it).
    public var page: Page {
        Page(word: self["page"]) ?? .a3
    }

    /// The font family Graphviz measures and draws with.
    public var fontFamily: String { self["font.family"] }
    /// The family list an SVG viewer tries, the drawing font first.
    public var fontStack: String {
        ([fontFamily] + self["font.fallback"].split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) })
            .map { $0.contains(" ") ? "'\($0)'" : $0 }
            .joined(separator: ",")
    }

    enum Kind: Sendable {
        case color, number, font, fontList, choice([String]), lineStyle
    }

    struct RoleSpec: Sendable {
        let kind: Kind
        let fallback: String
    }

    /// Every role a style sets, with its kind and the value it has when no style sets it.
    static let roles: [String: RoleSpec] = {
        var r: [String: RoleSpec] = [:]
        func add(_ key: String, _ kind: Kind, _ fallback: String) { r[key] = RoleSpec(kind: kind, fallback: fallback) }
        add("font.family", .font, "DejaVu Sans")
        add("font.fallback", .fontList, "Verdana, Arial, sans-serif")
        add("page", .choice(Page.words), Page.a3.rawValue)
        add("dependencies", .choice(DependencyDrawing.allCases.map(\.rawValue)), DependencyDrawing.stubs.rawValue)
        add("background", .color, "#ffffff")
        add("text", .color, "#1a1a1a")
        add("header.text", .color, "#1a1a1a")
        add("header.link", .color, "#1f4e99")
        add("band.fill", .color, "#ffffff")
        add("band.stroke", .color, "#555555")
        add("band.text", .color, "#1a1a1a")
        add("lane.stroke", .color, "#8a8a8a")
        add("lane.text", .color, "#1a1a1a")
        for tone in 1...laneTones { add(laneFillRole(tone: tone), .color, "#f4f4f4") }
        add("column.text", .color, "#1a1a1a")
        add("divider", .color, "#333333")
        add("divider.width", .number, "2")
        add("frame.stroke", .color, "#555555")
        add("frame.fill", .color, "none")
        add("frame.text", .color, "#333333")
        for role in BoxRole.allCases {
            add("box.\(role.rawValue).fill", .color, "#ffffff")
            add("box.\(role.rawValue).border", .color, "#4d4d4d")
            add("box.\(role.rawValue).text", .color, "#1a1a1a")
            add("box.\(role.rawValue).line", .lineStyle, role == .optional ? "dashed" : role == .conditional ? "dotted" : "solid")
        }
        add("box.klik.fill", .color, "#9dc3e6")
        add("box.klik.border", .color, "#000000")
        add("box.klik.text", .color, "#000000")
        add("box.klik.width", .number, "2")
        add("box.width", .number, "1")
        for status in OIRModel.Progress.allCases {
            add("status.\(status.name).fill", .color, "#ffffff")
            add("status.\(status.name).border", .color, "#4d4d4d")
            add("status.\(status.name).text", .color, "#1a1a1a")
        }
        add("stub.line", .color, "#333333")
        add("stub.text", .color, "#1a1a1a")
        add("stub.coordination", .color, "#7a3e9d")
        add("stub.satisfied", .color, "#6b8e23")
        add("stub.done", .color, "#a6a6a6")
        add("edge.done", .color, "#a6a6a6")
        add("overdue", .color, "#c0392b")
        // A plan box's border when its frist has passed, and when its projected finish lies after it.
        add("status.overdue.border", .color, "#c0392b")
        add("status.overdue.width", .number, "2.5")
        add("status.projected_late.border", .color, "#c0392b")
        add("status.projected_late.width", .number, "1.8")
        add("status.projected_late.line", .lineStyle, "dashed")
        add("edge.line", .color, "#333333")
        add("edge.coordination", .color, "#7a3e9d")
        add("legend.text", .color, "#1a1a1a")
        add("legend.stroke", .color, "#8a8a8a")
        // A timeline's marks and emphasis.
        add("timeline.week", .color, "#c8c8c8")
        add("timeline.holiday", .color, "#e3e3e3")
        add("timeline.today", .color, "#c0392b")
        add("timeline.deadline", .color, "#1a1a1a")
        add("timeline.critical", .color, "#1a1a1a")
        add("timeline.critical.width", .number, "2.2")
        add("timeline.late", .color, "#c0392b")
        add("timeline.baseline", .color, "#7f7f7f")
        return r
    }()

    /// The names of the styles built into the tool, in the order `styles` lists them.
    public static var builtInNames: [String] {
        let order = ["official", "print", "dark", "auto"]
        let names = EmbeddedFiles.all.keys.filter { $0.hasSuffix(".yaml") }.map { String($0.dropLast(5)) }
        return order.filter(names.contains) + names.filter { !order.contains($0) }.sorted()
    }

    /// A built-in style by name.
    public static func builtIn(_ name: String) throws -> Style {
        guard let document = builtInDocument(name) else {
            throw InputError(file: name, message: "unknown style '\(name)'",
                             hint: "built-in styles: \(builtInNames.joined(separator: ", ")); or give the path of a style file")
        }
        return try parse(document, file: "<built-in>/Styles/\(name).yaml", depth: 0)
    }

    /// A built-in style file, composed when the tool was built.
    private static func builtInDocument(_ name: String) -> Node? {
        EmbeddedFiles.trees["\(name).yaml"].flatMap(YAMLText.document(tree:))
    }

    /// Whether `name` is a built-in style rather than a file.
    public static func isBuiltIn(_ name: String) -> Bool {
        EmbeddedFiles.all["\(name).yaml"] != nil
    }

    /// A built-in style name, or the path of a style file.
    public static func named(_ nameOrPath: String) throws -> Style {
        if EmbeddedFiles.all["\(nameOrPath).yaml"] != nil { return try builtIn(nameOrPath) }
        if nameOrPath.contains("/") || nameOrPath.hasSuffix(".yaml") || nameOrPath.hasSuffix(".yml")
            || FileManager.default.fileExists(atPath: nameOrPath) {
            return try load(path: nameOrPath)
        }
        return try builtIn(nameOrPath)
    }

    public static func load(path: String) throws -> Style {
        try parse(StyleFile.read(path), file: path, depth: 0)
    }

    /// Parses a style file: `name`, `description`, optional `base` (a built-in style to start
    /// from), optional `dark` (a built-in style for readers who prefer dark) and a `roles` mapping.
    public static func parse(_ text: String, file: String) throws -> Style {
        try parse(text, file: file, depth: 0)
    }

    private static func parse(_ text: String, file: String, depth: Int) throws -> Style {
        try parse(try YAMLText.compose(text, file: file), file: file, depth: depth)
    }

    private static func parse(_ document: Node, file: String, depth: Int) throws -> Style {
        let tree = try StyleFile.mapping(document, file: file)
        var style = Style(name: tree.name ?? URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent,
                          description: tree.description ?? "", values: [:], darkValues: nil)
        // Every problem of the file in one run, each with its line.
        var problems: [InputError] = []
        if let base = tree.base {
            guard depth < 4 else { throw InputError(file: file, line: tree.baseLine, message: "style bases nest too deep at '\(base)'") }
            guard let baseDocument = builtInDocument(base) else {
                throw InputError(file: file, line: tree.baseLine, message: "unknown base style '\(base)'",
                                 hint: "built-in styles: \(builtInNames.joined(separator: ", "))")
            }
            let parent = try parse(baseDocument, file: "<built-in>/Styles/\(base).yaml", depth: depth + 1)
            style.values = parent.values
            style.darkValues = parent.darkValues
            style.texts = parent.texts
            if tree.description == nil { style.description = parent.description }
        }
        if let dark = tree.dark {
            if depth < 4, let darkDocument = builtInDocument(dark) {
                style.darkValues = try parse(darkDocument, file: "<built-in>/Styles/\(dark).yaml", depth: depth + 1).values
            } else {
                problems.append(InputError(file: file, line: tree.darkLine, message: "unknown dark style '\(dark)'",
                                           hint: "built-in styles: \(builtInNames.joined(separator: ", "))"))
            }
        }
        for (key, value, line) in tree.roles {
            guard let spec = roles[key] else {
                let near = nearestRole(key).map { "did you mean '\($0)'?" } ?? "see the README for the list of roles"
                problems.append(InputError(file: file, line: line, message: "unknown style role '\(key)'", hint: near))
                continue
            }
            if let problem = spec.kind.problem(with: value) {
                problems.append(InputError(file: file, line: line, message: "bad value '\(value)' for '\(key)': \(problem)"))
                continue
            }
            if case .color = spec.kind { style.values[key] = Style.normalisedColor(value) } else { style.values[key] = value }
        }
        for (key, spec) in roles where style.values[key] == nil { style.values[key] = spec.fallback }
        for text in tree.texts {
            guard let language = Language(rawValue: text.language) else {
                problems.append(InputError(file: file, line: text.line, message: "unknown language '\(text.language)' under 'texts'",
                                           hint: "languages: \(Language.allCases.map(\.rawValue).joined(separator: ", "))"))
                continue
            }
            let known = LabelSet.builtIn(language).keys
            guard known.contains(text.key) else {
                let near = Suggestion.nearest(to: text.key, in: known.sorted()).map { "did you mean '\($0)'?" } ?? "the keys are those of Sources/OIRModel/Labels/\(language.rawValue).yaml"
                problems.append(InputError(file: file, line: text.line, message: "unknown text '\(text.key)' under 'texts: \(language.rawValue)'", hint: near))
                continue
            }
            style.texts[language.rawValue, default: [:]][text.key] = text.value
        }
        if problems.count == 1 { throw problems[0] }
        if !problems.isEmpty { throw InputErrors(problems) }
        return style
    }

    private static func nearestRole(_ key: String) -> String? {
        Suggestion.nearest(to: key, in: roles.keys.sorted())
    }
}

extension Style.Kind {
    /// Why `value` is not acceptable, or nil.
    func problem(with value: String) -> String? {
        switch self {
        case .color:
            return Style.normalisedColor(value) == nil ? "expected a colour like \"#1f4e99\" or \"#abc\", a colour name such as navy, or none" : nil
        case .number:
            if let number = Double(value), number >= 0, number <= 20 { return nil }
            return "expected a number from 0 to 20"
        case .font, .fontList:
            let allowed = value.allSatisfy { $0.isLetter || $0.isNumber || " ,-_".contains($0) }
            return allowed && !value.isEmpty && value.count <= 200 ? nil
                : "expected font family names (letters, digits, spaces, commas; at most 200 characters)"
        case let .choice(options):
            return options.contains(value) ? nil : "expected one of \(options.joined(separator: ", "))"
        case .lineStyle:
            return ["solid", "dashed", "dotted", "bold"].contains(value) ? nil : "expected solid, dashed, dotted or bold"
        }
    }
}

extension Style {
    /// A colour as Graphviz and CSS both read it: `#rrggbb`, `#rrggbbaa` or `none`; `#rgb` and the
    /// colour names below become `#rrggbb`. Only ASCII hex digits count (never full-width ones).
    static func normalisedColor(_ value: String) -> String? {
        let lower = value.lowercased()
        if lower == "none" || lower == "transparent" { return "none" }
        if let named = namedColors[lower] { return named }
        guard lower.hasPrefix("#") else { return nil }
        let hex = Array(lower.dropFirst())
        guard hex.allSatisfy({ ("0"..."9").contains($0) || ("a"..."f").contains($0) }) else { return nil }
        switch hex.count {
        case 3: return "#" + hex.map { "\($0)\($0)" }.joined()
        case 6, 8: return lower
        default: return nil
        }
    }

    /// CSS's basic colour names, which Graphviz knows too.
    static let namedColors: [String: String] = [
        "black": "#000000", "white": "#ffffff", "gray": "#808080", "grey": "#808080", "silver": "#c0c0c0",
        "red": "#ff0000", "maroon": "#800000", "orange": "#ffa500", "yellow": "#ffff00", "olive": "#808000",
        "lime": "#00ff00", "green": "#008000", "aqua": "#00ffff", "teal": "#008080", "blue": "#0000ff",
        "navy": "#000080", "fuchsia": "#ff00ff", "purple": "#800080",
    ]
}

/// Reading style files with line numbers for every role.
enum StyleFile {
    struct Tree {
        var name: String?
        var description: String?
        var base: String?
        var baseLine: Int?
        var dark: String?
        var darkLine: Int?
        var roles: [(String, String, Int?)]
        var texts: [(language: String, key: String, value: String, line: Int?)] = []
    }

    static func read(_ path: String) throws -> String {
        try InputFile.read(path, limit: 1 << 20, missing: "no such style file",
                           missingHint: "built-in styles: \(Style.builtInNames.joined(separator: ", "))")
    }

    static func mapping(_ node: Node, file: String) throws -> Tree {
        guard case let .mapping(root) = node else {
            throw InputError(file: file, line: 1, message: "a style file is a mapping with name, description, base and roles")
        }
        func text(_ node: Node, _ what: String) throws -> String {
            let value = node.string ?? ""
            try YAMLText.checkCharacters(value, at: node, what: what, file: file)
            return value
        }
        var tree = Tree(roles: [])
        for (key, value) in root {
            switch try text(key, "a key") {
            case "name": tree.name = try text(value, "'name'")
            case "description": tree.description = try text(value, "'description'")
            case "base":
                tree.base = try text(value, "'base'")
                tree.baseLine = value.mark?.line
            case "dark":
                tree.dark = try text(value, "'dark'")
                tree.darkLine = value.mark?.line
            case "roles":
                guard case let .mapping(roles) = value else {
                    throw InputError(file: file, line: value.mark?.line, message: "'roles' must be a mapping of role: value")
                }
                for (roleKey, roleValue) in roles {
                    guard roleKey.string != nil, case .scalar = roleValue, roleValue.string != nil else {
                        throw InputError(file: file, line: roleKey.mark?.line, message: "each role is 'name: value'")
                    }
                    tree.roles.append((try text(roleKey, "a role name"), try text(roleValue, "the value of a role"), roleKey.mark?.line))
                }
            case "texts":
                guard case let .mapping(languages) = value else {
                    throw InputError(file: file, line: value.mark?.line, message: "'texts' must be a mapping of language: {key: text}")
                }
                for (language, entries) in languages {
                    guard case let .mapping(pairs) = entries else {
                        throw InputError(file: file, line: language.mark?.line, message: "each language under 'texts' is a mapping of key: text")
                    }
                    for (textKey, textValue) in pairs {
                        guard case .scalar = textValue else {
                            throw InputError(file: file, line: textKey.mark?.line, message: "each text is 'key: text'")
                        }
                        tree.texts.append((try text(language, "a language"), try text(textKey, "a text key"),
                                           try text(textValue, "a text"), textKey.mark?.line))
                    }
                }
            default:
                throw InputError(file: file, line: key.mark?.line, message: "unknown key '\(key.string ?? "?")' in a style file",
                                 hint: "allowed keys: name, description, base, dark, roles, texts")
            }
        }
        return tree
    }
}

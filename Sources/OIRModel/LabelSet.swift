import Foundation
import Yams

/// The languages the tool writes its own words in; raw values are the `--language` words.
public enum Language: String, Sendable, CaseIterable {
    case da
    case en
}

/// Every word the tool itself writes into a diagram, legend, checklist, CSV/JSON header or
/// documentation page, in one language. Built-in sets live in `Sources/OIRModel/Labels/`;
/// catalog texts (task titles, lane and band names) come from the catalog.
public struct LabelSet: Sendable, Equatable {
    public let language: Language
    private let texts: [String: String]

    /// The built-in label set of `language`, read once per process when first asked for.
    public static func builtIn(_ language: Language = .da) -> LabelSet {
        cache.set(language)
    }

    private static let cache = BuiltInLabels()

    /// From the tree composed at build time; every value is text.
    fileprivate static func load(_ language: Language) -> LabelSet {
        guard let root = EmbeddedTree.document("\(language.rawValue).yaml")?.mapping,
              let labels = root.value(forKey: "labels")?.mapping else { return LabelSet(language: language, texts: [:]) }
        var texts: [String: String] = [:]
        for (key, value) in labels {
            if let key = key.scalar?.string, let value = value.scalar?.string { texts[key] = value }
        }
        return LabelSet(language: language, texts: texts)
    }

    /// Every key of the set, for checking that two sets are complete.
    public var keys: Set<String> { Set(texts.keys) }

    /// The set with some texts replaced (a style's words for what it shows).
    public func overriding(_ replacements: [String: String]) -> LabelSet {
        replacements.isEmpty ? self : LabelSet(language: language, texts: texts.merging(replacements) { _, new in new })
    }

    /// The text of `key`, its `{name}` placeholders filled from `values`. Every key the code
    /// asks for is in both built-in sets: `DeclaredKeysTests` checks the literal keys in the
    /// sources, and a debug build stops at any other (the tests build in debug), so a typo
    /// never reaches a reader as the key itself.
    public func text(_ key: String, _ values: [String: String] = [:]) -> String {
        text(key, values, escaping: { $0 })
    }

    /// The text of `key` for a format with markup: the template's own words (which a style's
    /// `texts:` may replace) go through `escape`, the `values`, already in the format, do not.
    public func text(_ key: String, _ values: [String: String], escaping escape: (String) -> String) -> String {
        assert(texts[key] != nil || texts.isEmpty, "label key '\(key)' is in no label set")
        let template = texts[key] ?? key
        guard !values.isEmpty else { return escape(template) }
        // One pass over the template, so a value that itself looks like "{name}" stays as it is.
        var out = ""
        var rest = Substring(template)
        var words = ""
        while let open = rest.firstIndex(of: "{") {
            words += rest[..<open]
            guard let close = rest[open...].firstIndex(of: "}"), let value = values[String(rest[rest.index(after: open)..<close])] else {
                words.append("{")
                rest = rest[rest.index(after: open)...]
                continue
            }
            out += escape(words) + value
            words = ""
            rest = rest[rest.index(after: close)...]
        }
        return out + escape(words + rest)
    }
}

/// The built-in label sets read so far (a command needs one language, not all).
private final class BuiltInLabels: @unchecked Sendable {
    private let lock = NSLock()
    private var sets: [Language: LabelSet] = [:]

    func set(_ language: Language) -> LabelSet {
        lock.lock()
        defer { lock.unlock() }
        if let set = sets[language] { return set }
        let set = LabelSet.load(language)
        sets[language] = set
        return set
    }
}

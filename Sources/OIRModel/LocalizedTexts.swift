import Yams

/// The texts of one catalog entry that the catalog gives per language (`titel: {da: …, en: …}`),
/// by their catalog key. The entry's own fields hold the Danish (or only) text; `Catalog.inLanguage`
/// puts another language's texts in their place.
public struct LocalizedTexts: Sendable, Equatable {
    public var texts: [String: CatalogText] = [:]

    public init() {}

    /// The text under `key`: a string as it is, or the Danish text of a per-language mapping (which
    /// is kept for `inLanguage`); nil when the key is absent or null.
    mutating func read(_ m: YAMLReader.Mapping, _ key: String, reader: YAMLReader) throws -> String? {
        guard let node = m.node(key), !node.isNull else { return nil }
        let text = try StructureReader.text(node, "'\(key)' in \(m.what)", reader: reader)
        if case .mapping = node { texts[key] = text }
        return text.text(Language.da.rawValue)
    }

    /// Sets each field named in `fields` to its text in `language`, where one is given.
    func apply<Entry>(_ language: String, to entry: inout Entry, _ fields: [String: WritableKeyPath<Entry, String>]) {
        for (key, path) in fields {
            if let text = texts[key] { entry[keyPath: path] = text.text(language) }
        }
    }
}

extension Catalog {
    /// The catalog with every text a reader sees in `language` where the catalog gives it per
    /// language (tasks, roles, systems, references, the integration's titles; lane, band, column
    /// and variant names are chosen where they are drawn).
    public func inLanguage(_ language: Language) -> Catalog {
        let code = language.rawValue
        var catalog = self
        catalog.integration.texts.apply(code, to: &catalog.integration, ["titel": \.title, "diagramtitel": \.diagramTitle])
        for i in catalog.systems.indices {
            catalog.systems[i].texts.apply(code, to: &catalog.systems[i], ["navn": \.name, "bestemt": \.definite])
        }
        for i in catalog.roles.indices {
            catalog.roles[i].texts.apply(code, to: &catalog.roles[i], ["navn": \.name, "definition": \.definition])
        }
        for i in catalog.references.indices {
            catalog.references[i].texts.apply(code, to: &catalog.references[i], ["titel": \.title])
        }
        for i in catalog.tasks.indices where !catalog.tasks[i].texts.texts.isEmpty {
            catalog.tasks[i].texts.apply(code, to: &catalog.tasks[i],
                                         ["titel": \.title, "aktivitet": \.activity, "værktøj": \.tool, "kommentar": \.comment])
        }
        return catalog
    }
}

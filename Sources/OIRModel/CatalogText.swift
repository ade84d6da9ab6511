/// A text of the catalog that readers see (a lane, band, column or variant name): one string for
/// every language, or one per language code (`{da: "Myndighed", en: "Authority"}`).
public struct CatalogText: Sendable, Equatable {
    /// Language code → text; the key "" holds a text given without a language.
    public var texts: [String: String]

    public init(_ text: String) {
        texts = ["": text]
    }

    public init(texts: [String: String]) {
        self.texts = texts
    }

    /// The text in `language`; otherwise the text without a language, the Danish one, or any.
    public func text(_ language: String) -> String {
        texts[language] ?? texts[""] ?? texts["da"] ?? texts.sorted { $0.key < $1.key }.first?.value ?? ""
    }
}

/// The paper or screen a diagram is laid out and rendered for. Raw values are the words of
/// `--page` and of a style's `page:`.
public enum Page: String, Sendable, CaseIterable {
    /// A3 landscape: the official document's Bilag 1, and what a project room prints.
    case a3
    /// A4 landscape.
    case a4
    case a3Portrait = "a3-portrait"
    case a4Portrait = "a4-portrait"
    /// A 16:9 presentation slide (13.33 × 7.5 inches).
    case slide

    /// The page a word names: a `--page` word, or the longer words older style files used
    /// (`a3-landscape`, `a4-landscape`).
    public init?(word: String) {
        switch word {
        case "a3-landscape": self = .a3
        case "a4-landscape": self = .a4
        default: self.init(rawValue: word)
        }
    }

    /// Every word `init(word:)` accepts.
    public static var words: [String] { allCases.map(\.rawValue) + ["a3-landscape", "a4-landscape"] }

    /// Width and height in points.
    public var points: (width: Double, height: Double) {
        switch self {
        case .a3: (1190.55, 841.89)
        case .a4: (841.89, 595.28)
        case .a3Portrait: (841.89, 1190.55)
        case .a4Portrait: (595.28, 841.89)
        case .slide: (960, 540)
        }
    }

    /// White kept round the drawing: 5 mm, what printers need, on paper; a little on a slide.
    public var margin: Double { self == .slide ? 10 : 14.17 }

    /// Width over height of the area the drawing fills: what the layout aims at.
    public var aspect: Double {
        (points.width - 2 * margin) / (points.height - 2 * margin)
    }
}

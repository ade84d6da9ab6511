import OIRSupport
import OIRModel

/// Escaping for text placed in Markdown, so that no catalog or plan text becomes markup, a link
/// or HTML: CommonMark's and HTML's special characters are escaped, line breaks flattened.
package enum Markdown {
    /// Text in a paragraph or heading: no HTML, no accidental emphasis or links.
    package static func text(_ value: String) -> String {
        var out = ""
        for c in PlainText.printable(value).replacingAll("\n", with: " ") {
            switch c {
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "&": out += "&amp;"
            case "\\", "`", "*", "_", "[", "]", "|", "#": out += "\\\(c)"
            default: out.append(c)
            }
        }
        return out
    }

    /// A web link as a Markdown autolink; anything else (another scheme, a character that would
    /// end the autolink) as plain text, so it never becomes a live link or markup.
    static func autolink(_ link: String) -> String {
        Slug.isWebLink(link) && !link.contains(where: { "<>\"'`".contains($0) }) ? "<\(link)>" : text(link)
    }

    /// A table cell: as text, on one line.
    package static func cell(_ value: String) -> String {
        text(value.replacingAll("\t", with: " "))
    }

    /// A value inside a double-quoted HTML attribute.
    static func attribute(_ value: String) -> String {
        PlainText.xmlEscaped(value.replacingAll("\n", with: " "))
    }
}

import OIRSupport
import Foundation
import OIRLayout
import OIRModel

/// Makes Graphviz's SVG fit for documentation pages: scales with its container, carries a title
/// and description for screen readers, prefixed ids so two diagrams can share a page, no
/// internal Graphviz names, only http(s) links, a font stack with generic fallbacks and, for
/// styles with a dark variant, CSS that follows the reader's colour scheme.
struct SVGFinisher {
    let diagram: Diagram
    let options: RenderOptions
    /// The role class of each element the graph's background draws (`GraphvizGraph.backgroundClasses`).
    var backgroundClasses: [String] = []

    /// - Throws: `RenderError` when Graphviz wrote an SVG that is not UTF-8 (it never should:
    ///   every text it gets is UTF-8), rather than handing on an unfinished picture.
    func finish(_ data: Data) throws -> Data {
        let prefix = options.prefix(for: diagram)
        let style = options.style
        var pass = AttributePass(prefix: prefix, fontFamily: style.fontFamily, fontStack: style.fontStack)
        let tagged = Self.classifyBackground(pass.run([UInt8](data)), classes: backgroundClasses)
        guard var svg = String(validating: tagged, as: UTF8.self) else {
            throw RenderError.graphviz("the SVG Graphviz wrote is not valid UTF-8; the picture was not finished")
        }
        // Graphviz writes an unfilled shape as fill="transparent" (and stroke), a CSS colour SVG
        // 1.1 tools do not know (Inkscape paints it black); "none" means the same everywhere. Only
        // an attribute value can read ="transparent": Graphviz escapes quotes in texts.
        svg = svg.replacingAll("=\"transparent\"", with: "=\"none\"")
        svg = rootElement(svg, prefix: prefix)
        if options.inline { svg = Self.inlined(svg) }
        return Data(svg.utf8)
    }

    /// A finished SVG without XML prolog and DOCTYPE, for pasting into HTML.
    static func inlined(_ svg: String) -> String {
        var out = removing(removing(svg, from: "<?xml", to: "?>"), from: "<!DOCTYPE", to: ">")
        while out.hasPrefix("\n") { out.removeFirst() }
        return out
    }

    /// The link base an SVG written by this tool declares on its root (`data-link-base`), if it
    /// is one `--link-base` would accept; nil for any other file.
    static func declaredLinkBase(in file: Data) -> String? {
        let head = String(decoding: file.prefix(4096), as: UTF8.self)
        guard let root = head.range(of: "<svg "), let attribute = head[root.upperBound...].range(of: "data-link-base=\""),
              let end = head[attribute.upperBound...].firstIndex(of: "\""),
              head[root.upperBound..<attribute.lowerBound].firstIndex(of: ">") == nil else { return nil }
        let base = XML.unescape(String(head[attribute.upperBound..<end]))
        return Slug.isLinkBase(base) ? base : nil
    }

    /// The root `<svg>`: its size in points (an intrinsic size for `<img>`, also in a table cell)
    /// and, unless a fixed size was asked for, a style that lets it shrink to its container;
    /// `role="img"`, and a `<title>`/`<desc>` pair it points at, followed by the colour-scheme CSS.
    private func rootElement(_ svg: String, prefix: String) -> String {
        // Byte-wise: Foundation's range(of:) bridges the whole document to NSString.
        guard let open = svg.utf8.firstRange(of: "<svg".utf8), let end = svg.utf8[open.upperBound...].firstIndex(of: UInt8(ascii: ">")) else { return svg }
        let close = end..<svg.utf8.index(after: end)
        var tag = String(svg[open.lowerBound..<close.upperBound])
        if !options.fixedSize {
            tag = tag.replacingAll("<svg", with: "<svg style=\"max-width:100%;height:auto\"")
        }
        // The title is the accessible name and the description the description, each read once.
        tag = tag.replacingAll("<svg", with: "<svg id=\"\(prefix)\" lang=\"\(diagram.language)\" role=\"img\" aria-labelledby=\"\(prefix)-title\" aria-describedby=\"\(prefix)-desc\"")
        // A link base given on purpose (docs give `./`) is written down, so that rendering the
        // file again in place, or checking it, links as it did (`declaredLinkBase`).
        if let base = options.linkBase, Slug.isLinkBase(base) {
            tag = tag.replacingAll("<svg", with: "<svg data-link-base=\"\(XML.escape(base))\"")
        }
        var head = "\n<title id=\"\(prefix)-title\">\(XML.escape(diagram.title))</title>"
        head += "\n<desc id=\"\(prefix)-desc\">\(XML.escape(diagram.summary))</desc>"
        head += "\n<style>\(ThemeCSS.stylesheet(options.style, root: prefix, timeline: diagram.timeScale != nil))</style>"
        return String(svg[..<open.lowerBound]) + tag + head + String(svg[close.upperBound...])
    }

    /// Gives the elements Graphviz draws for the graph's background (its canvas, then one per
    /// drawing operation of `_background`, in order) their role classes, so CSS can colour lanes,
    /// bands, frames and texts by role. They come before the first node or edge group.
    static func classifyBackground(_ bytes: [UInt8], classes: [String]) -> [UInt8] {
        guard !classes.isEmpty, let graph = bytes.firstRange(of: Array("class=\"graph\"".utf8)) else { return bytes }
        let tags = ["polygon", "polyline", "text", "path", "ellipse"].map { Array("<\($0)".utf8) }
        var out = Array(bytes[..<graph.upperBound])
        out.reserveCapacity(bytes.count + classes.count * 24)
        // Graphviz's own canvas first, then the background's elements.
        var pending = ["canvas"] + classes
        var i = graph.upperBound
        while i < bytes.count, !pending.isEmpty {
            if bytes[i] == UInt8(ascii: "<") {
                if bytes[i...].starts(with: Array("<g ".utf8)) { break }
                if let tag = tags.first(where: { bytes[i...].starts(with: $0) }), i + tag.count < bytes.count, bytes[i + tag.count] == UInt8(ascii: " ") {
                    out += tag + Array(" class=\"\(pending.removeFirst())\"".utf8)
                    i += tag.count
                    continue
                }
            }
            out.append(bytes[i])
            i += 1
        }
        out += bytes[i...]
        return out
    }

    private static func removing(_ text: String, from start: String, to end: String) -> String {
        // Byte-wise: Foundation's range(of:) on a Substring bridges the whole rest on every call,
        // which made this quadratic in the SVG's size (the top cost for large plans; see README, Performance).
        let bytes = Array(text.utf8), open = Array(start.utf8), close = Array(end.utf8)
        func find(_ needle: [UInt8], from index: Int) -> Int? {
            guard !needle.isEmpty, bytes.count >= needle.count else { return nil }
            var i = index
            while i <= bytes.count - needle.count {
                if bytes[i] == needle[0], bytes[i..<(i + needle.count)].elementsEqual(needle) { return i }
                i += 1
            }
            return nil
        }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var rest = 0
        while let found = find(open, from: rest) {
            out += bytes[rest..<found]
            guard let closing = find(close, from: found + open.count) else { rest = found; break }
            rest = closing + close.count
            if rest < bytes.count, bytes[rest] == UInt8(ascii: "\n") { rest += 1 }
        }
        out += bytes[rest...]
        return String(decoding: out, as: UTF8.self)
    }
}

/// Escaping for text placed into XML by hand.
enum XML {
    static func escape(_ text: String) -> String { PlainText.xmlEscaped(text) }

    /// The text `escape` wrote (its five entities; `&amp;` last, so "&amp;lt;" stays "&lt;").
    static func unescape(_ text: String) -> String {
        [("&quot;", "\""), ("&#39;", "'"), ("&lt;", "<"), ("&gt;", ">"), ("&amp;", "&")].reduce(text) { $0.replacingAll($1.0, with: $1.1) }
    }
}

/// One pass over Graphviz's SVG bytes (a diagram of a hundred fagsystems is megabytes, so no
/// regular expressions): drops comments and the `<title>` children that carry Graphviz's internal
/// names, prefixes every id, writes "-" plainly in ids and classes (Graphviz writes "&#45;"),
/// keeps only http(s) links, and gives the drawing font its fallbacks.
private struct AttributePass {
    let prefix: [UInt8]
    let fontFamily: [UInt8]
    let fontStack: [UInt8]

    init(prefix: String, fontFamily: String, fontStack: String) {
        self.prefix = Array(prefix.utf8)
        self.fontFamily = Array(fontFamily.utf8)
        self.fontStack = Array(fontStack.utf8)
    }

    private static let comment = Array("<!--".utf8), commentEnd = Array("-->".utf8)
    private static let title = Array("<title>".utf8), titleEnd = Array("</title>".utf8)
    private static let id = Array(" id=\"".utf8), className = Array(" class=\"".utf8)
    private static let href = Array(" xlink:href=\"".utf8), font = Array(" font-family=\"".utf8)
    private static let hyphen = Array("&#45;".utf8)

    mutating func run(_ bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + bytes.count / 8)
        var i = 0
        while i < bytes.count {
            let byte = bytes[i]
            if byte == UInt8(ascii: "<") {
                if starts(bytes, i, Self.comment) {
                    i = after(bytes, find(bytes, from: i, Self.commentEnd), Self.commentEnd)
                    if i < bytes.count, bytes[i] == UInt8(ascii: "\n") { i += 1 }
                    continue
                }
                if starts(bytes, i, Self.title) {
                    i = after(bytes, find(bytes, from: i, Self.titleEnd), Self.titleEnd)
                    if out.last == UInt8(ascii: "\n") { out.removeLast() }
                    continue
                }
            } else if byte == UInt8(ascii: " ") {
                if starts(bytes, i, Self.id) {
                    out += Self.id + prefix + [UInt8(ascii: "-")]
                    i = copyValue(bytes, from: i + Self.id.count, into: &out)
                    continue
                }
                if starts(bytes, i, Self.className) {
                    out += Self.className
                    i = copyValue(bytes, from: i + Self.className.count, into: &out)
                    continue
                }
                if starts(bytes, i, Self.href) {
                    let start = i + Self.href.count
                    let end = find(bytes, from: start, [UInt8(ascii: "\"")])
                    let value = String(decoding: bytes[start..<end], as: UTF8.self).lowercased()
                    // http(s), or a relative link with no scheme (a docs page's own anchors): nothing else.
                    if value.hasPrefix("http://") || value.hasPrefix("https://") || Slug.isRelativeLink(value) {
                        out += bytes[i...min(end, bytes.count - 1)]
                    }
                    i = end + 1
                    continue
                }
                if starts(bytes, i, Self.font) {
                    let start = i + Self.font.count
                    let end = find(bytes, from: start, [UInt8(ascii: "\"")])
                    out += Self.font + (Array(bytes[start..<end]) == fontFamily ? fontStack : Array(bytes[start..<end])) + [UInt8(ascii: "\"")]
                    i = end + 1
                    continue
                }
            }
            out.append(byte)
            i += 1
        }
        return out
    }

    /// Copies an attribute value up to and including its closing quote, "&#45;" as "-".
    private func copyValue(_ bytes: [UInt8], from start: Int, into out: inout [UInt8]) -> Int {
        var i = start
        while i < bytes.count, bytes[i] != UInt8(ascii: "\"") {
            if bytes[i] == UInt8(ascii: "&"), starts(bytes, i, Self.hyphen) {
                out.append(UInt8(ascii: "-"))
                i += Self.hyphen.count
            } else {
                out.append(bytes[i])
                i += 1
            }
        }
        if i < bytes.count { out.append(bytes[i]) }
        return i + 1
    }

    private func starts(_ bytes: [UInt8], _ at: Int, _ pattern: [UInt8]) -> Bool {
        guard at + pattern.count <= bytes.count else { return false }
        for k in pattern.indices where bytes[at + k] != pattern[k] { return false }
        return true
    }

    /// The index of the next `pattern` at or after `from`, or the end.
    private func find(_ bytes: [UInt8], from: Int, _ pattern: [UInt8]) -> Int {
        var i = from
        while i < bytes.count {
            if bytes[i] == pattern[0], starts(bytes, i, pattern) { return i }
            i += 1
        }
        return bytes.count
    }

    private func after(_ bytes: [UInt8], _ index: Int, _ pattern: [UInt8]) -> Int {
        min(bytes.count, index + pattern.count)
    }
}

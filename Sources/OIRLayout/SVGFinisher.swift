import Foundation

/// Makes Graphviz's SVG fit for documentation pages: scales with its container, carries a title
/// and description for screen readers, prefixed ids so two diagrams can share a page, no
/// internal Graphviz names, only http(s) links, a font stack with generic fallbacks and, for
/// styles with a dark variant, CSS that follows the reader's colour scheme.
struct SVGFinisher {
    let diagram: Diagram
    let options: RenderOptions

    func finish(_ data: Data) -> Data {
        guard var svg = String(data: data, encoding: .utf8) else { return data }
        let prefix = options.prefix(for: diagram)
        svg = removing(svg, from: "<!--", to: "-->")
        // Graphviz names nodes and edges in <title> children; the tooltips live on the links.
        svg = svg.replacingOccurrences(of: #"\n?<title>[^<]*</title>"#, with: "", options: .regularExpression)
        svg = svg.replacingOccurrences(of: " id=\"", with: " id=\"\(prefix)-")
        // Graphviz writes "-" as "&#45;" everywhere; ids and classes read better, and match CSS, plain.
        while svg.range(of: #" (id|class)="[^"]*&#45;"#, options: .regularExpression) != nil {
            svg = svg.replacingOccurrences(of: #"( (id|class)="[^"]*)&#45;"#, with: "$1-", options: .regularExpression)
        }
        svg = keepingOnlyWebLinks(svg)
        let style = options.style
        svg = svg.replacingOccurrences(of: "font-family=\"\(style.fontFamily)\"", with: "font-family=\"\(style.fontStack)\"")
        svg = rootElement(svg, prefix: prefix)
        if options.inline {
            svg = removing(svg, from: "<?xml", to: "?>")
            svg = removing(svg, from: "<!DOCTYPE", to: ">")
            while svg.hasPrefix("\n") { svg.removeFirst() }
        }
        return Data(svg.utf8)
    }

    /// The root `<svg>`: viewBox only (unless a fixed size was asked for), `role="img"`, and a
    /// `<title>`/`<desc>` pair it points at, followed by the colour-scheme CSS.
    private func rootElement(_ svg: String, prefix: String) -> String {
        guard let open = svg.range(of: "<svg"), let close = svg[open.upperBound...].range(of: ">") else { return svg }
        var tag = String(svg[open.lowerBound..<close.upperBound])
        if !options.fixedSize {
            tag = tag.replacingOccurrences(of: #"\s*width="[^"]*"\s*height="[^"]*""#, with: "", options: .regularExpression)
        }
        tag = tag.replacingOccurrences(of: "<svg", with: "<svg role=\"img\" aria-labelledby=\"\(prefix)-title \(prefix)-desc\"")
        var head = "\n<title id=\"\(prefix)-title\">\(XML.escape(diagram.title))</title>"
        head += "\n<desc id=\"\(prefix)-desc\">\(XML.escape(diagram.summary))</desc>"
        if let css = darkSchemeCSS() { head += "\n<style>\(css)</style>" }
        return svg.replacingCharacters(in: open.lowerBound..<close.upperBound, with: tag + head)
    }

    /// Colours of the light style swapped for the dark style's colours of the same role when the
    /// reader prefers dark: presentation attributes lose to CSS, so one file serves both.
    private func darkSchemeCSS() -> String? {
        guard let dark = options.style.darkValues else { return nil }
        var fills: [String: String] = [:]
        var order: [String] = []
        for role in Style.colorRoles {
            let light = options.style[role].lowercased(), night = (dark[role] ?? "").lowercased()
            guard light != night, light != "none", night != "none", !night.isEmpty else { continue }
            if fills[light] == nil { order.append(light) }
            fills[light] = fills[light] ?? night
        }
        guard !order.isEmpty else { return nil }
        var rules: [String] = []
        for light in order {
            let night = fills[light]!
            rules.append("[fill=\"\(light)\"]{fill:\(night)}")
            rules.append("[stroke=\"\(light)\"]{stroke:\(night)}")
        }
        return "@media (prefers-color-scheme: dark){" + rules.joined() + "}"
    }

    /// Graphviz only writes links the graph asked for, and those are checked; this is the last
    /// guard that nothing else (javascript:, data:) reaches a page.
    private func keepingOnlyWebLinks(_ svg: String) -> String {
        svg.replacingOccurrences(of: #" xlink:href="(?!https?://)[^"]*""#, with: "", options: .regularExpression)
    }

    private func removing(_ text: String, from start: String, to end: String) -> String {
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
    static func escape(_ text: String) -> String {
        var out = ""
        for c in DOT.printable(text).unicodeScalars {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }
}

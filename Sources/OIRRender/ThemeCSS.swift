import OIRContent
import OIRModel

/// A style's colours as CSS rules keyed by role classes and scoped under one diagram's root id,
/// so two diagrams and any other SVG on a page never affect each other, and an SVG optimiser that
/// rewrites colour values (scour: `#ffffff` → `#fff`) cannot break the dark variant. The fill and
/// stroke attributes stay in the SVG for clients without CSS (PDF, rsvg-convert); these rules
/// give the same colours, and the dark rules follow the reader's colour scheme.
package enum ThemeCSS {
    /// The `<style>` body for a diagram whose root element has the id `root`.
    /// - Parameters:
    ///   - timeline: add the rules of a timeline's marks and emphasis (only its SVG has them).
    package static func stylesheet(_ style: Style, root: String, timeline: Bool = false) -> String {
        var css = rules(values: { style[$0] }, root: root, timeline: timeline)
        if let dark = style.darkValues {
            css += "@media (prefers-color-scheme: dark){" + rules(values: { dark[$0] ?? style[$0] }, root: root, timeline: timeline) + "}"
        }
        return css
    }

    /// One rule per role, in an order where later rules win among equal selectors: KLIK over the
    /// box's alternative, status over KLIK's fill, KLIK's border over the status border.
    static func rules(values: (String) -> String, root: String, timeline: Bool = false) -> String {
        var out = ""
        func rule(_ selectors: [String], _ declarations: [(String, String)]) {
            let body = declarations.map { "\($0.0):\(color(values($0.1)))" }.joined(separator: ";")
            out += selectors.map { "#\(root) \($0)" }.joined(separator: ",") + "{\(body)}"
        }
        func shapes(_ selector: String) -> [String] { ["\(selector) polygon", "\(selector) path", "\(selector) ellipse"] }

        rule([".canvas"], [("fill", "background")])
        rule([".background"], [("fill", "background"), ("stroke", "background")])
        rule([".lane", ".lane-rule"], [("stroke", "lane.stroke")])
        for tone in 1...Style.laneTones { rule([".lane-\(tone)"], [("fill", Style.laneFillRole(tone: tone))]) }
        rule([".band", ".band-rule"], [("stroke", "band.stroke")])
        rule([".band-text"], [("fill", "band.text")])
        rule([".lane-text"], [("fill", "lane.text")])
        rule([".frame"], [("fill", "frame.fill"), ("stroke", "frame.stroke")])
        rule([".frame-text"], [("fill", "frame.text")])
        rule([".divider"], [("stroke", "divider")])
        rule([".header-text"], [("fill", "header.text")])
        rule([".header-link text"], [("fill", "header.link")])
        rule([".column-text"], [("fill", "column.text")])
        rule([".legend-frame"], [("stroke", "legend.stroke")])
        rule([".legend-text"], [("fill", "legend.text")])
        rule([".note-text"], [("fill", "text")])
        for role in BoxRole.allCases {
            let selector = role == .normal ? [".opgave", ".legend-box"] : [".alternativ-\(role.classWord)"]
            rule(selector.flatMap(shapes), [("fill", "box.\(role.rawValue).fill"), ("stroke", "box.\(role.rawValue).border")])
            rule(selector.map { "\($0) text" }, [("fill", "box.\(role.rawValue).text")])
        }
        rule(shapes(".klik"), [("fill", "box.klik.fill"), ("stroke", "box.klik.border")])
        rule([".klik text"], [("fill", "box.klik.text")])
        rule(shapes(".klik-frame"), [("fill", "box.normal.fill"), ("stroke", "box.klik.border")])
        for status in OIRModel.Progress.allCases {
            let selector = ".status-\(status.cssName)"
            rule(shapes(selector), [("fill", "status.\(status.name).fill"), ("stroke", "status.\(status.name).border")])
            rule(shapes("\(selector).klik"), [("stroke", "box.klik.border")])
            rule(["\(selector) text"], [("fill", "status.\(status.name).text")])
        }
        for (selector, role) in [(".arrow", "edge.line"), (".arrow-coordination", "edge.coordination"), (".stub-input", "stub.line"),
                                 (".stub-coordination", "stub.coordination"), (".stub-satisfied", "stub.satisfied"),
                                 (".stub-done", "stub.done"), (".arrow-done", "edge.done")] {
            rule(["\(selector) path"], [("stroke", role)])
            rule(["\(selector) polygon"], [("fill", role), ("stroke", role)])
        }
        rule([".stub text"], [("fill", "stub.text")])
        rule([".overdue-mark polygon"], [("fill", "overdue")])
        guard timeline else {
            // A swimlane plan's late work, over the status and KLIK borders (two classes, later).
            rule([".opgave.forsinket", ".legend-box.forsinket"].flatMap(shapes), [("stroke", "status.overdue.border")])
            rule([".opgave.forventet-forsinket", ".legend-box.forventet-forsinket"].flatMap(shapes), [("stroke", "status.projected_late.border")])
            return out
        }
        for kind in ["week", "today", "deadline"] { rule([".timeline-\(kind)"], [("stroke", "timeline.\(kind)")]) }
        for kind in ["holiday", "baseline"] { rule([".timeline-\(kind)"], [("fill", "timeline.\(kind)"), ("stroke", "timeline.\(kind)")]) }
        rule(shapes(".kritisk"), [("stroke", "timeline.critical")])
        rule(shapes(".forventet-forsinket"), [("stroke", "timeline.late")])
        return out
    }

    private static func color(_ value: String) -> String {
        value == "transparent" ? "none" : value
    }
}

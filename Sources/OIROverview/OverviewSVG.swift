import OIRPublish
import OIRRender
import OIRSupport
import Foundation
import OIRContent
import OIRLayout
import OIRModel

/// A rollout overview as a compact SVG grid: a row per kommune with its counts, a cell per task
/// coloured by the style's status colours, an overdue mark, a legend, and the tasks that block the
/// most kommuner. It uses the diagrams' role classes and scoped stylesheet, so a style (also
/// `auto`'s dark rules) colours it as it colours a diagram.
public struct OverviewSVG {
    public let overview: RolloutOverview
    public let style: Style
    public let labels: LabelSet

    public init(_ overview: RolloutOverview, style: Style, labels: LabelSet = .builtIn()) {
        self.overview = overview
        self.style = style
        self.labels = labels
    }

    static let cell = 13.0, gap = 2.0, font = 9.0, margin = 16.0, rowHeight = 15.0

    /// The SVG document, ending with a newline.
    public func render() -> Data {
        let root = "oversigt"
        let nameWidth = (overview.rows.map { TextMetrics.width($0.kommune, size: Self.font) }.max() ?? 60) + 12
        let countWidth = 70.0
        let gridLeft = Self.margin + nameWidth + countWidth
        let headerHeight = (overview.tasks.map { TextMetrics.width($0, size: Self.font) }.max() ?? 30) + 10
        let titleHeight = 36.0
        let gridTop = Self.margin + titleHeight + headerHeight
        let step = Self.cell + Self.gap
        let gridWidth = Double(overview.tasks.count) * step
        let gridBottom = gridTop + Double(overview.rows.count) * Self.rowHeight
        var body = ""
        body += text(labels.text("overview.title", ["count": "\(overview.rows.count)", "day": overview.day.description]),
                     x: Self.margin, y: Self.margin + 14, size: 14, cls: "header-text", weight: true)
        for (index, task) in overview.tasks.enumerated() {
            let x = gridLeft + Double(index) * step + Self.cell / 2 + 3
            let y = gridTop - 6
            body += "<text class=\"column-text\" x=\"\(n(x))\" y=\"\(n(y))\" font-size=\"\(n(Self.font))\" fill=\"\(style["column.text"])\" transform=\"rotate(-90 \(n(x)) \(n(y)))\">\(PlainText.xmlEscaped(task))</text>\n"
        }
        for (rowIndex, row) in overview.rows.enumerated() {
            let y = gridTop + Double(rowIndex) * Self.rowHeight
            body += text(row.kommune, x: Self.margin, y: y + Self.cell - 3, size: Self.font, cls: "lane-text")
            body += text(labels.text("overview.counts", ["done": "\(row.counts[.done] ?? 0)", "total": "\(row.total)"]),
                         x: Self.margin + nameWidth, y: y + Self.cell - 3, size: Self.font, cls: "lane-text")
            for (index, task) in overview.tasks.enumerated() {
                let x = gridLeft + Double(index) * step
                if let cell = row.cells[task] {
                    body += cellShape(cell, x: x, y: y, tooltip: tooltip(row.kommune, task, cell))
                } else {
                    body += absentShape(x: x, y: y)
                }
            }
        }
        var y = gridBottom + 24
        body += text(labels.text("legend.title"), x: Self.margin, y: y, size: Self.font + 1, cls: "legend-text", weight: true)
        var x = Self.margin
        y += 10
        let samples: [(RolloutOverview.Cell?, String)] = OIRModel.Progress.allCases.map { progress in
            (RolloutOverview.Cell(progress: progress, overdue: false, done: 0, total: 1), labels.text("legend.\(progress.name)"))
        } + [(RolloutOverview.Cell(progress: .ready, overdue: true, done: 0, total: 1), labels.text("overview.overdue")),
             (nil, labels.text("overview.absent"))]
        for (sample, label) in samples {
            body += sample.map { cellShape($0, x: x, y: y, tooltip: label) } ?? absentShape(x: x, y: y)
            body += text(label, x: x + Self.cell + 5, y: y + Self.cell - 3, size: Self.font, cls: "legend-text")
            x += Self.cell + 5 + TextMetrics.width(label, size: Self.font) + 18
        }
        let legendRight = x
        y += Self.cell + 26
        body += text(labels.text("overview.blockers"), x: Self.margin, y: y, size: Self.font + 1, cls: "legend-text", weight: true)
        let blockers = overview.blockers.prefix(10)
        if blockers.isEmpty {
            y += 15
            body += text(labels.text("overview.no_blockers"), x: Self.margin, y: y, size: Self.font, cls: "note-text")
        }
        var widest = 0.0
        for blocker in blockers {
            y += 15
            let line = labels.text("overview.blocker", ["task": blocker.task, "kommuner": "\(blocker.kommuner)", "blocks": "\(blocker.blocks)"])
            widest = max(widest, TextMetrics.width(line, size: Self.font))
            body += text(line, x: Self.margin, y: y, size: Self.font, cls: "note-text")
        }
        let width = ceil(max(gridLeft + gridWidth, legendRight, Self.margin + widest, Self.margin + TextMetrics.width(
            labels.text("overview.title", ["count": "\(overview.rows.count)", "day": overview.day.description]), size: 14)) + Self.margin)
        let height = ceil(y + Self.margin)
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        out += "<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"\(root)\" width=\"\(n(width))pt\" height=\"\(n(height))pt\" viewBox=\"0 0 \(n(width)) \(n(height))\" "
        out += "lang=\"\(labels.language.rawValue)\" font-family=\"\(PlainText.xmlEscaped(style.fontStack))\" role=\"img\">\n"
        out += "<title>\(PlainText.xmlEscaped(labels.text("overview.title", ["count": "\(overview.rows.count)", "day": overview.day.description])))</title>\n"
        out += "<style>\(ThemeCSS.stylesheet(style, root: root))</style>\n"
        out += "<g class=\"canvas\"><polygon points=\"\(n(0)),\(n(0)) \(n(width)),\(n(0)) \(n(width)),\(n(height)) \(n(0)),\(n(height))\" fill=\"\(style["background"])\"/></g>\n"
        out += body + "</svg>\n"
        return Data(out.utf8)
    }

    private func tooltip(_ kommune: String, _ task: TaskID, _ cell: RolloutOverview.Cell) -> String {
        var text = "\(kommune) · \(task): \(labels.text("progress.\(cell.progress.name)"))"
        if cell.total > 1 { text += " (\(labels.text("overview.counts", ["done": "\(cell.done)", "total": "\(cell.total)"])))" }
        if cell.overdue { text += " · \(labels.text("overview.overdue"))" }
        return text
    }

    /// A cell in its status's colours (the same classes as a diagram's boxes), with a corner mark
    /// when overdue.
    private func cellShape(_ cell: RolloutOverview.Cell, x: Double, y: Double, tooltip: String) -> String {
        let status = cell.progress
        var out = "<g class=\"status-\(status.cssName)\"><title>\(PlainText.xmlEscaped(tooltip))</title>"
        out += "<polygon points=\"\(box(x, y))\" fill=\"\(style["status.\(status.name).fill"])\" stroke=\"\(style["status.\(status.name).border"])\"/></g>"
        if cell.overdue {
            let s = Self.cell
            out += "<g class=\"overdue-mark\"><polygon points=\"\(n(x + s * 0.45)),\(n(y)) \(n(x + s)),\(n(y)) \(n(x + s)),\(n(y + s * 0.55))\" fill=\"\(style["overdue"])\"/></g>"
        }
        return out + "\n"
    }

    /// A task outside the kommune's plan: a faint dashed outline, so the grid stays readable.
    private func absentShape(x: Double, y: Double) -> String {
        "<g class=\"lane-rule\"><polygon points=\"\(box(x, y))\" fill=\"none\" stroke=\"\(style["lane.stroke"])\" stroke-dasharray=\"2,2\"/></g>\n"
    }

    private func box(_ x: Double, _ y: Double) -> String {
        let s = Self.cell
        return "\(n(x)),\(n(y)) \(n(x + s)),\(n(y)) \(n(x + s)),\(n(y + s)) \(n(x)),\(n(y + s))"
    }

    private func text(_ value: String, x: Double, y: Double, size: Double, cls: String, weight: Bool = false) -> String {
        let role = ["header-text": "header.text", "lane-text": "lane.text", "legend-text": "legend.text", "note-text": "text"][cls] ?? "text"
        return "<text class=\"\(cls)\" x=\"\(n(x))\" y=\"\(n(y))\" font-size=\"\(n(size))\"\(weight ? " font-weight=\"bold\"" : "") fill=\"\(style[role])\">"
            + PlainText.xmlEscaped(value) + "</text>\n"
    }

    private func n(_ value: Double) -> String { NumberText.decimal(value) }
}

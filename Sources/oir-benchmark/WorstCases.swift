import Foundation
import OIRContent
import OIRLayout
import OIRModel
import OIRPipeline
import OIRRender
import OIRRouting

/// The costliest catalogs within the documented limits, timed in-process: the densest (every
/// task waiting for 40 others, 20,000 dependencies) and a long chain written in order and in
/// random order (the order in the file must not change the cost).
enum WorstCases {
    struct Result {
        var name: String
        var tasks: Int
        var load: Double
        var layout: Double
        var svg: Double?
    }

    /// A catalog of `count` tasks in one lane and column, each waiting for the `fanIn` tasks
    /// before it, written in `order`.
    static func catalog(count: Int, fanIn: Int, shuffled: Bool) -> String {
        var state: UInt64 = 20_261_202
        var order = Array(0..<count)
        if shuffled {
            for i in order.indices.reversed() {
                state = state &* 6364136223846793005 &+ 1442695040888963407
                order.swapAt(i, Int((state >> 33) % UInt64(i + 1)))
            }
        }
        let tasks = order.map { i -> String in
            let deps = (max(0, i - fanIn)..<i).map { "A\($0)" }.joined(separator: ", ")
            return "  - {id: A\(i), titel: \"Opgave \(i)\", ansvarlig: {rolle: r, system: s}, udførende: {rolle: r, system: s}, "
                + "afhænger_af: [\(deps)], part: s, art: k, frekvens: f}"
        }
        return """
            integration: {id: WORST, titel: Worst}
            systemer: [{id: s, navn: S}]
            roller: [{id: r, navn: R}]
            baner: {parter: [{id: s, navn: S, system: s}]}
            bånd: [{id: b, navn: B, frekvenser: [{id: f, pr: kommune}]}]
            kolonner: [{id: k, overskrift: K}]
            plan: {systemer: [], baner: [s]}
            opgaver:
            \(tasks.joined(separator: "\n"))

            """
    }

    static func measure(_ name: String, yaml: String, svg: Bool) throws -> Result {
        var catalog: Catalog?
        let load = try Measure.median(warmup: 0, runs: 1) { catalog = try Catalog.parse(yaml, file: "\(name).yaml") }
        let style = try Style.builtIn("official")
        let content = DiagramContent.official(catalog!)
        var routed: RoutedDiagram?
        let layout = Measure.median(warmup: 0, runs: 1) { routed = Pipeline.diagram(content, style: style) }
        let draw: Double? = svg ? try Measure.median(warmup: 0, runs: 1) {
            _ = try Renderer.render(routed!, options: RenderOptions(format: .svg, style: style))
        } : nil
        return Result(name: name, tasks: catalog!.tasks.count, load: load, layout: layout, svg: draw)
    }

    static func run() throws -> [Result] {
        [
            try measure("densest: 500 tasks × 40 dependencies", yaml: catalog(count: 500, fanIn: 40, shuffled: false), svg: true),
            try measure("chain of 10,000 in order", yaml: catalog(count: 10_000, fanIn: 1, shuffled: false), svg: false),
            try measure("chain of 10,000 in random order", yaml: catalog(count: 10_000, fanIn: 1, shuffled: true), svg: false),
        ]
    }

    static func report(_ results: [Result]) {
        print("\nWorst cases within the limits (in-process, one run each):\n")
        print("| catalog | tasks | load + lint | layout + routing | SVG |")
        print("|---|--:|--:|--:|--:|")
        for r in results {
            print("| \(r.name) | \(r.tasks) | \(Measure.text(r.load)) | \(Measure.text(r.layout)) | \(r.svg.map(Measure.text) ?? "–") |")
        }
        if results.count == 3 {
            let ratio = (results[2].load + results[2].layout) / (results[1].load + results[1].layout)
            print("\n- the chain in random order vs in order: ratio \(String(format: "%.2f", ratio)) (target ≤ 1.5): \(ratio <= 1.5 ? "met" : "NOT met")")
        }
    }
}

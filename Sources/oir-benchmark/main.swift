import Foundation
import OIRContent
import OIRLayout
import OIRModel
import OIRPipeline
import OIRRender
import OIRRouting

// oir-benchmark: where the time goes when oir-diagram renders, and how it compares with
// Graphviz's own command-line program on the same graph. Release build:
//   swift build -c release && .build/release/oir-benchmark
//   (build with --static-swift-stdlib, as ./setup.sh installs it, for the figures in the README)
// Options: --runs N (default 5), --sizes 10,50,200,1000,2000, --kommuner 98,
//          --oir-diagram PATH (default: next to this executable), --examples DIR.

struct Options {
    var runs = 5
    var sizes = [10, 50, 200, 1000, 2000]
    var kommuner = 98
    var oirDiagram: String?
    var examples: String?
    /// Only the worst catalogs within the limits (`--worst-cases-only`).
    var worstCasesOnly = false
    /// Write the generated plan files into this folder and stop (`--write-workloads DIR`), to
    /// profile one of them by hand.
    var workloadFolder: String?

    init(_ arguments: [String]) throws {
        var i = 0
        func value() throws -> String {
            i += 1
            guard i < arguments.count else { throw BenchmarkError("\(arguments[i - 1]) needs a value") }
            return arguments[i]
        }
        while i < arguments.count {
            switch arguments[i] {
            case "--runs": runs = max(1, Int(try value()) ?? 5)
            case "--sizes": sizes = try value().split(separator: ",").compactMap { Int($0) }
            case "--kommuner": kommuner = max(1, Int(try value()) ?? 98)
            case "--oir-diagram": oirDiagram = try value()
            case "--examples": examples = try value()
            case "--worst-cases-only": worstCasesOnly = true
            case "--write-workloads": workloadFolder = try value()
            case "-h", "--help":
                print("usage: oir-benchmark [--runs N] [--sizes 10,50,200,1000,2000] [--kommuner 98] [--oir-diagram PATH] [--examples DIR] [--worst-cases-only] [--write-workloads DIR]")
                exit(0)
            default: throw BenchmarkError("unknown option \(arguments[i])")
            }
            i += 1
        }
    }
}

/// One diagram measured in-process and against the CLI.
struct Row {
    var name: String
    var boxes = 0
    var arrows = 0
    var scope: Double?
    var layout = 0.0
    var dot = 0.0
    var svg = 0.0
    var pdf = 0.0
    var cli: Double?
    var process: Double?
    var processCLI: Double?
    var processRSS: Double?
    /// `neato -n2 -Tsvg` on the exported DOT with the arrows' routes taken out: Graphviz routing
    /// the same picture itself.
    var routingCLI: Double?
}

/// The exported DOT with every arrow's route removed and Graphviz's spline router asked for:
/// what Graphviz has to do when it routes the same picture itself. A plan's status marks are
/// left out: they lie on their boxes, and Graphviz does not route around touching nodes at all
/// (it falls back to straight lines).
func unrouted(_ dot: String) -> String {
    func isMark(_ line: Substring) -> Bool {
        // The mark's own line, and the invisible ends of a tick: "_mark12", "_mark12b", "_legend3m", "_legend3mb".
        guard !line.contains("status-mark") else { return true }
        let name = line.drop { $0 == " " }.dropFirst().prefix { $0 != "\"" }
        return name.hasPrefix("_mark") || (name.hasPrefix("_legend") && (name.hasSuffix("m") || name.hasSuffix("mb")))
    }
    return dot.split(separator: "\n", omittingEmptySubsequences: false).filter { !isMark($0) }.map { line -> String in
        var line = String(line)
        if line.contains(" -> "), line.contains("class=\"arrow"), let start = line.range(of: ", pos=\"") ?? line.range(of: "pos=\"") {
            if let end = line[start.upperBound...].firstIndex(of: "\"") { line.removeSubrange(start.lowerBound...end) }
        }
        return line.replacingOccurrences(of: "splines=\"line\"", with: "splines=\"spline\"")
    }.joined(separator: "\n")
}

func runBenchmark() throws {
    let options = try Options(Array(CommandLine.arguments.dropFirst()))
    if options.worstCasesOnly { return WorstCases.report(try WorstCases.run()) }
    if let folder = options.workloadFolder {
        return try Workloads(catalog: try Catalog.builtIn()).write(into: folder, sizes: options.sizes, kommuner: options.kommuner)
    }
    let runs = options.runs
    let temp = FileManager.default.temporaryDirectory.appendingPathComponent("oir-benchmark-\(getpid())")
    try FileManager.default.createDirectory(at: temp, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: temp) }
    func path(_ name: String) -> String { temp.appendingPathComponent(name).path }

    // The Graphviz CLI, for the ratios.
    let neatoVersion = Measure.run("neato", ["-V"])
    let haveNeato = neatoVersion.status == 0
    if !haveNeato {
        print("""
        !! Graphviz's command-line program 'neato' is not installed, so the ratios against it are skipped.
        !! Install it with: apt-get install -y graphviz   (macOS: brew install graphviz)
        """)
    }
    // The oir-diagram executable, for whole-process timings.
    let selfDirectory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    let oirDiagram = options.oirDiagram ?? selfDirectory.appendingPathComponent("oir-diagram").path
    let haveCLI = FileManager.default.isExecutableFile(atPath: oirDiagram)
    if !haveCLI {
        print("!! \(oirDiagram) not found: whole-process timings skipped (swift build -c release builds it next to oir-benchmark)")
    }
    let examples = options.examples ?? {
        // Sources/oir-benchmark/main.swift -> package root.
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Examples/plans").path
    }()

    printMachine()
    print("runs: 1 warm-up + \(runs) (medians); large plans and the rollout fewer, as noted\n")

    // Catalog and style.
    let catalogLoad = try Measure.median(runs: runs) { _ = try Catalog.builtIn() }
    let catalog = try Catalog.builtIn()
    let style = try Style.builtIn("official")
    // What the synthetic plans repeat: the catalog's repeated plan system ("fagsystems").
    let unit = catalog.structure.plan.repeatedSystem.map { "\($0.id)s" } ?? "instances"
    let svgOptions = RenderOptions(format: .svg, style: style)
    let pdfOptions = RenderOptions(format: .pdf, style: style)
    let dotOptions = RenderOptions(format: .dot, style: style)
    print("catalog load (36 tasks, YAML): \(Measure.text(catalogLoad))\n")

    /// Measures one diagram; `plan` is the plan file for whole-process runs (nil: official).
    /// `routing`: also time Graphviz routing the picture itself (slow for large ones).
    func measure(_ name: String, runs: Int, plan: Plan? = nil, planFile: String? = nil, routing: Bool = false, pdf: Bool = true) throws -> Row {
        var row = Row(name: name)
        let content: DiagramContent
        if let plan {
            row.scope = try Measure.median(runs: runs) { _ = try plan.scope(catalog) }
            content = DiagramContent.plan(try plan.scope(catalog), catalog: catalog)
        } else {
            content = DiagramContent.official(catalog)
        }
        row.layout = Measure.median(runs: runs) { _ = Pipeline.diagram(content, style: style) }
        let diagram = Pipeline.diagram(content, style: style)
        row.boxes = diagram.boxes.count
        row.arrows = diagram.edges.count
        row.dot = try Measure.median(runs: runs) { _ = try Renderer.render(diagram, options: dotOptions) }
        row.svg = try Measure.median(runs: runs) { _ = try Renderer.render(diagram, options: svgOptions) }
        if pdf { row.pdf = try Measure.median(runs: runs) { _ = try Renderer.render(diagram, options: pdfOptions) } }
        let dotFile = path("\(name).dot")
        try Renderer.render(diagram, options: dotOptions).write(to: URL(fileURLWithPath: dotFile))
        if haveNeato {
            row.cli = try Measure.medianRun(runs: runs, "neato", ["-n2", "-Tsvg", dotFile, "-o", path("\(name).cli.svg")]).seconds
        }
        if haveCLI {
            let arguments = (planFile.map { ["render", "--plan", $0] } ?? ["render"]) + ["-o", path("\(name).svg")]
            let result = try Measure.medianRun(runs: runs, oirDiagram, arguments)
            row.process = result.seconds
            row.processRSS = result.peakRSSMB
            if haveNeato {
                // The DOT the CLI exports is the graph the in-process render used.
                let exported = path("\(name).exported.dot")
                _ = Measure.run(oirDiagram, Array(arguments.dropLast(2)) + ["--format", "dot", "-o", exported])
                if FileManager.default.contents(atPath: exported) != FileManager.default.contents(atPath: dotFile) {
                    print("!! \(name): the DOT exported by oir-diagram differs from the benchmark's graph")
                }
                row.processCLI = try Measure.medianRun(runs: runs, "neato", ["-n2", "-Tsvg", exported, "-o", path("\(name).cli2.svg")]).seconds
                if routing {
                    let selfRouted = path("\(name).unrouted.dot")
                    try unrouted(try String(contentsOfFile: exported, encoding: .utf8)).write(toFile: selfRouted, atomically: true, encoding: .utf8)
                    row.routingCLI = try Measure.medianRun(runs: runs, "neato", ["-n2", "-Tsvg", selfRouted, "-o", path("\(name).cli3.svg")]).seconds
                }
            }
        }
        let r = row
        print("  measured \(name): \(r.boxes) boxes, svg \(Measure.text(r.svg))" + (r.cli.map { ", neato \(Measure.text($0))" } ?? ""))
        return row
    }

    var rows: [Row] = []
    print("Official diagram and example plans")
    rows.append(try measure("official", runs: max(runs, 9), routing: true))
    let exampleFiles = ((try? FileManager.default.contentsOfDirectory(atPath: examples)) ?? []).filter { $0.hasSuffix(".yaml") }.sorted()
    for file in exampleFiles {
        let full = (examples as NSString).appendingPathComponent(file)
        guard let planFile = try? PlanFile.load(path: full, catalog: catalog), !planFile.isRollout else { continue }
        rows.append(try measure((file as NSString).deletingPathExtension, runs: runs, plan: planFile.plans[0], planFile: full))
    }

    print("Synthetic plans")
    var synthetic: [(n: Int, row: Row)] = []
    for n in options.sizes {
        let file = path("synthetic-\(n).yaml")
        try Workloads(catalog: catalog).synthetic(instances: n).write(toFile: file, atomically: true, encoding: .utf8)
        let plan = try PlanFile.load(path: file, catalog: catalog).plans[0]
        let row = try measure("\(n) \(unit)", runs: n >= 1000 ? 1 : n >= 100 ? min(runs, 3) : runs, plan: plan, planFile: file, pdf: n < 1000)
        rows.append(row)
        synthetic.append((n, row))
    }

    // The rollout: one process for all kommuner against one Graphviz process per kommune.
    print("Rollout of \(options.kommuner) kommuner")
    let rolloutFile = path("rollout.yaml")
    try Workloads(catalog: catalog).rollout(kommuner: options.kommuner).write(toFile: rolloutFile, atomically: true, encoding: .utf8)
    let rollout = try PlanFile.load(path: rolloutFile, catalog: catalog)
    let rolloutRuns = max(1, min(runs, 3))
    let rolloutScope = try Measure.median(runs: rolloutRuns) { for plan in rollout.plans { _ = try plan.scope(catalog) } }
    let contents = try rollout.plans.map { DiagramContent.plan(try $0.scope(catalog), catalog: catalog) }
    let rolloutLayout = Measure.median(runs: rolloutRuns) { for c in contents { _ = Pipeline.diagram(c, style: style) } }
    let diagrams = contents.map { Pipeline.diagram($0, style: style) }
    let rolloutSVG = try Measure.median(warmup: 0, runs: rolloutRuns) { for d in diagrams { _ = try Renderer.render(d, options: svgOptions) } }
    var rolloutProcess: Double?, rolloutCLI: Double?, rolloutRoutingCLI: Double?, sinceProcess: Double?, overviewProcess: Double?
    if haveCLI {
        // The same rollout a week earlier: no progress recorded yet.
        let oldFile = path("rollout-old.yaml")
        try (try String(contentsOfFile: rolloutFile, encoding: .utf8)).split(separator: "\n", omittingEmptySubsequences: false)
            .filter { !$0.hasSuffix("status:") && !$0.hasSuffix(": udført") && !$0.hasSuffix(": i_gang") }
            .joined(separator: "\n").write(toFile: oldFile, atomically: true, encoding: .utf8)
        sinceProcess = try Measure.medianRun(runs: rolloutRuns, oirDiagram, ["plan", rolloutFile, "--since", oldFile, "--format", "json"]).seconds
        overviewProcess = try Measure.medianRun(runs: rolloutRuns, oirDiagram, ["oversigt", rolloutFile, "-o", path("oversigt.svg")]).seconds
        let dotDirectory = path("rollout-dot")
        let exported = Measure.run(oirDiagram, ["render", "--plan", rolloutFile, "--all", "--format", "dot", "-o", dotDirectory])
        guard exported.status == 0 else { throw BenchmarkError("exporting the rollout's DOT failed") }
        rolloutProcess = try Measure.medianRun(warmup: 0, runs: rolloutRuns, oirDiagram,
                                               ["render", "--plan", rolloutFile, "--all", "-o", path("rollout-svg")]).seconds
        if haveNeato {
            let dots = try FileManager.default.contentsOfDirectory(atPath: dotDirectory).filter { $0.hasSuffix(".dot") }.sorted()
            var times: [Double] = []
            for _ in 0..<rolloutRuns {
                let start = Measure.now()
                for dot in dots {
                    let result = Measure.run("neato", ["-n2", "-Tsvg", (dotDirectory as NSString).appendingPathComponent(dot), "-o", path("cli-one.svg")])
                    guard result.status == 0 else { throw BenchmarkError("neato failed on \(dot)") }
                }
                times.append(Measure.now() - start)
            }
            rolloutCLI = Measure.middle(times)
            // Graphviz routing every kommune's picture itself: one run (it takes minutes).
            let start = Measure.now()
            for dot in dots {
                let routed = (dotDirectory as NSString).appendingPathComponent(dot)
                try unrouted(try String(contentsOfFile: routed, encoding: .utf8)).write(toFile: path("unrouted.dot"), atomically: true, encoding: .utf8)
                let result = Measure.run("neato", ["-n2", "-Tsvg", path("unrouted.dot"), "-o", path("cli-one.svg")])
                guard result.status == 0 else { throw BenchmarkError("neato failed routing \(dot)") }
            }
            rolloutRoutingCLI = Measure.now() - start
        }
    }

    // Timelines: a large plan's and the rollout's, as whole processes against Graphviz drawing
    // the DOT they export (the same picture).
    var timelines: [(name: String, process: Double, drawing: Double)] = []
    if haveCLI, haveNeato {
        print("Timelines")
        let planFile = path("timeline-200.yaml")
        try Workloads(catalog: catalog).timeline(instances: 200).write(toFile: planFile, atomically: true, encoding: .utf8)
        let rolloutTimelineFile = path("rollout-timeline.yaml")
        try Workloads(catalog: catalog).rolloutTimeline(kommuner: options.kommuner).write(toFile: rolloutTimelineFile, atomically: true, encoding: .utf8)
        let cases: [(String, [String])] = [
            ("200 \(unit), timeline", ["render", "--plan", planFile, "--view", "tidsplan"]),
            ("\(options.kommuner) kommuner, rollout timeline", ["oversigt", rolloutTimelineFile, "--view", "tidsplan"]),
        ]
        for (index, (name, arguments)) in cases.enumerated() {
            let timelineRuns = max(1, min(runs, 3))
            let dot = path("timeline-\(index).dot")
            guard Measure.run(oirDiagram, arguments + ["-o", dot]).status == 0 else { throw BenchmarkError("exporting \(name) failed") }
            let process = try Measure.medianRun(runs: timelineRuns, oirDiagram, arguments + ["-o", path("timeline-\(index).svg")]).seconds
            let drawing = try Measure.medianRun(runs: timelineRuns, "neato", ["-n2", "-Tsvg", dot, "-o", path("timeline-\(index).cli.svg")]).seconds
            print("  measured \(name): \(Measure.text(process)), neato on its DOT \(Measure.text(drawing))")
            timelines.append((name, process, drawing))
        }
    }

    // MARK: Report

    print("\n## Results (medians)\n")
    print("Per diagram, in-process (library calls) and as whole processes:\n")
    print("| diagram | boxes | arrows | scope | layout | DOT | SVG | PDF | neato -n2 on the DOT | SVG ÷ neato | `oir-diagram render` | `neato` process | ratio | peak RSS |")
    print("|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|")
    for r in rows {
        let ratio = r.cli.map { String(format: "%.2f", r.svg / $0) } ?? "–"
        let processRatio = (r.process != nil && r.processCLI != nil) ? String(format: "%.2f", r.process! / r.processCLI!) : "–"
        print("| \(r.name) | \(r.boxes) | \(r.arrows) | \(r.scope.map(Measure.text) ?? "–") | \(Measure.text(r.layout)) | "
            + "\(Measure.text(r.dot)) | \(Measure.text(r.svg)) | \(r.pdf > 0 ? Measure.text(r.pdf) : "–") | \(r.cli.map(Measure.text) ?? "–") | \(ratio) | "
            + "\(r.process.map(Measure.text) ?? "–") | \(r.processCLI.map(Measure.text) ?? "–") | \(processRatio) | "
            + "\(r.processRSS.map { String(format: "%.0f MB", $0) } ?? "–") |")
    }
    print("\nRollout of \(options.kommuner) kommuner:\n")
    print("| step | time |")
    print("|---|--:|")
    print("| scope all plans | \(Measure.text(rolloutScope)) |")
    print("| layout all | \(Measure.text(rolloutLayout)) |")
    print("| render all to SVG in-process | \(Measure.text(rolloutSVG)) |")
    if let p = rolloutProcess { print("| `oir-diagram render --plan … --all` (one process) | \(Measure.text(p)) |") }
    if let c = rolloutCLI { print("| \(options.kommuner) × `neato -n2 -Tsvg` on the exported, routed DOT | \(Measure.text(c)) |") }
    if let c = rolloutRoutingCLI { print("| \(options.kommuner) × `neato -n2 -Tsvg` routing the arrows itself (one run) | \(Measure.text(c)) |") }
    if let p = sinceProcess { print("| `oir-diagram plan … --since OLD` (whole process) | \(Measure.text(p)) |") }
    if let p = overviewProcess { print("| `oir-diagram oversigt … -o oversigt.svg` (whole process) | \(Measure.text(p)) |") }

    // Growth from the smallest to the largest synthetic plan: least-squares slope in log-log.
    func exponent(_ points: [(Double, Double)]) -> Double? {
        let valid = points.filter { $0.0 > 0 && $0.1 > 0 }
        guard valid.count >= 2 else { return nil }
        let xs = valid.map { log($0.0) }, ys = valid.map { log($0.1) }
        let mx = xs.reduce(0, +) / Double(xs.count), my = ys.reduce(0, +) / Double(ys.count)
        let sxy = zip(xs, ys).map { ($0 - mx) * ($1 - my) }.reduce(0, +), sxx = xs.map { ($0 - mx) * ($0 - mx) }.reduce(0, +)
        return sxx == 0 ? nil : sxy / sxx
    }
    if let first = synthetic.first, let last = synthetic.last, synthetic.count >= 2 {
        let a = Double(first.n), b = Double(last.n)
        let nlogn = log((b * log(b)) / (a * log(a))) / log(b / a)
        print("\nGrowth from \(first.n) to \(last.n) \(unit) (fitted exponent k in time ∝ n^k; n log n here is k ≈ \(String(format: "%.2f", nlogn))):\n")
        print("| measure | k |")
        print("|---|--:|")
        let inProcess = synthetic.map { (Double($0.n), ($0.row.scope ?? 0) + $0.row.layout + $0.row.svg) }
        if let k = exponent(inProcess) { print("| scope + layout + SVG, in-process | \(String(format: "%.2f", k)) |") }
        if let k = exponent(synthetic.map { (Double($0.n), $0.row.layout) }) { print("| layout | \(String(format: "%.2f", k)) |") }
        if let k = exponent(synthetic.map { (Double($0.n), $0.row.svg) }) { print("| SVG render (Graphviz + finishing) | \(String(format: "%.2f", k)) |") }
        if let k = exponent(synthetic.compactMap { s in s.row.process.map { (Double(s.n), $0) } }) {
            print("| whole `oir-diagram render --plan` process | \(String(format: "%.2f", k)) |")
        }
    }

    print("\n## Targets\n")
    func verdict(_ ok: Bool) -> String { ok ? "met" : "NOT met" }
    func ratio(_ value: Double) -> String { String(format: "%.2f", value) }
    if let official = rows.first, let p = official.process {
        if let routing = official.routingCLI {
            print("- official diagram, whole process to SVG \(Measure.text(p)) vs `neato -n2` routing the same picture \(Measure.text(routing)): "
                + "\(String(format: "%.1fx", routing / p)) faster (target ≥ 5x): \(verdict(routing / p >= 5))")
        }
        if let drawing = official.processCLI {
            print("- official diagram, whole process vs `neato -n2` drawing the exported DOT \(Measure.text(drawing)): ratio \(ratio(p / drawing)) "
                + "(target ≤ 1.5): \(verdict(p / drawing <= 1.5))")
        }
    }
    if let p = rolloutProcess {
        if let routing = rolloutRoutingCLI {
            print("- render --all over \(options.kommuner) kommuner \(Measure.text(p)) vs \(options.kommuner) `neato -n2` runs routing themselves "
                + "\(Measure.text(routing)): \(String(format: "%.1fx", routing / p)) faster (target ≥ 10x): \(verdict(routing / p >= 10))")
        }
        if let drawing = rolloutCLI {
            print("- render --all vs \(options.kommuner) `neato -n2` runs on the routed DOTs \(Measure.text(drawing)): ratio \(ratio(p / drawing)) "
                + "(target < 1): \(verdict(p < drawing))")
        }
    }
    for timeline in timelines {
        print("- \(timeline.name), whole process to SVG \(Measure.text(timeline.process)) vs `neato -n2` drawing its exported DOT "
            + "\(Measure.text(timeline.drawing)): ratio \(ratio(timeline.process / timeline.drawing)) (target ≤ 1.5): \(verdict(timeline.process / timeline.drawing <= 1.5))")
    }
    for (n, limit) in [(200, 1.0), (2000, 15.0)] {
        guard let row = synthetic.first(where: { $0.n == n })?.row else { continue }
        let t = row.process ?? ((row.scope ?? 0) + row.layout + row.svg)
        print("- \(n) \(unit) to SVG, whole process: \(Measure.text(t)) (target < \(Int(limit)) s): \(verdict(t < limit))")
        if n == 2000, let rss = row.processRSS {
            print("- peak memory, 2000 \(unit) (whole process): \(String(format: "%.0f MB", rss)) (target < 1.5 GB): \(verdict(rss < 1536))")
        }
    }
    WorstCases.report(try WorstCases.run())
    print("\npeak RSS of this benchmark process: \(String(format: "%.0f MB", Measure.peakRSSMB()))")
}

func printMachine() {
    var lines: [String] = []
    if let cpuinfo = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8),
       let model = cpuinfo.split(separator: "\n").first(where: { $0.hasPrefix("model name") }) {
        lines.append(String(model.split(separator: ":", maxSplits: 1).last ?? "").trimmingCharacters(in: .whitespaces))
    }
    lines.append("\(ProcessInfo.processInfo.activeProcessorCount) cores")
    lines.append(String(format: "%.0f GB RAM", Double(ProcessInfo.processInfo.physicalMemory) / 1_073_741_824))
    if let os = try? String(contentsOfFile: "/etc/os-release", encoding: .utf8),
       let name = os.split(separator: "\n").first(where: { $0.hasPrefix("PRETTY_NAME=") }) {
        lines.append(name.dropFirst("PRETTY_NAME=".count).replacingOccurrences(of: "\"", with: ""))
    }
    print("machine: " + lines.joined(separator: ", "))
}

do {
    try runBenchmark()
} catch {
    FileHandle.standardError.write(Data("oir-benchmark: error: \(error)\n".utf8))
    exit(1)
}

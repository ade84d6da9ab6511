import Foundation
import FoundationXML
import OIRTestSupport
import XCTest
import OIRContent
import OIRLayout
import OIRModel
import OIRPipeline
import OIRPublish
import OIRRender
import OIRRouting

/// Property: for any plan or catalog text, valid or broken, a run ends either in a diagram whose
/// SVG parses as XML or in a clear `InputError` naming the file; never a crash or a hang.
/// Seeded, so a failure can be replayed (OIR_RANDOM_SEED, OIR_RANDOM_RUNS).
final class RandomInputTests: XCTestCase {
    /// SplitMix64: small, fast and the same on every platform.
    struct Generator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    private var seed: UInt64 { UInt64(ProcessInfo.processInfo.environment["OIR_RANDOM_SEED"] ?? "") ?? 20_240_501 }
    private var runs: Int { Int(ProcessInfo.processInfo.environment["OIR_RANDOM_RUNS"] ?? "") ?? 60 }

    private static let words = ["Nordby", "Åby", "Økonomi", "Fagsystem", "<b>", "&amp;", "\\N", "\"", "'", "]]>", "🚀",
                                "\u{202E}", "javascript:x", "@", "#", ":", "- ", "{", "[", "*a", "&a", "!!str", "\t", ""]

    private func name(_ g: inout Generator) -> String {
        (0..<Int.random(in: 1...3, using: &g)).map { _ in Self.words.randomElement(using: &g)! }.joined(separator: " ")
    }

    private func planText(_ g: inout Generator) -> String {
        var lines = ["kommune: \(quoted(name(&g)))"]
        if Bool.random(using: &g) { lines.append("dato: \(quoted(name(&g)))") }
        lines.append("første_gang: \(Bool.random(using: &g))")
        lines.append("bogføringssystem: {navn: \(quoted(name(&g))), første_gang: \(Bool.random(using: &g))}")
        lines.append("fagsystemer:")
        var names: [String] = []
        for _ in 0..<Int.random(in: 1...3, using: &g) {
            let n = name(&g)
            names.append(n)
            let deliveries = [["straks"], ["masse"], ["straks", "masse"]].randomElement(using: &g)!
            lines.append("  - navn: \(quoted(n))")
            lines.append("    leverance: [\(deliveries.joined(separator: ", "))]")
            lines.append("    sortiment: \(["abonnement", "manuel"].randomElement(using: &g)!)")
            lines.append("    supplement: \(Bool.random(using: &g))")
            lines.append("    produktionsverifikation: \(Bool.random(using: &g))")
            if Bool.random(using: &g) { lines.append("    myndighed: \(quoted(name(&g)))") }
        }
        if Bool.random(using: &g) {
            lines.append("status:")
            lines.append("  FM001: \(["udført", "i_gang", "ikke_startet"].randomElement(using: &g)!)")
            lines.append("  \(quoted("TF105@" + names[0])): i_gang")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private func quoted(_ text: String) -> String {
        String(decoding: try! JSONEncoder().encode(text), as: UTF8.self)
    }

    /// Breaks text the way files get broken: a line dropped, doubled or cut, a byte changed, a
    /// key misspelt, a tab or a control character in the middle.
    private func mutate(_ text: String, _ g: inout Generator) -> String {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let index = Int.random(in: 0..<lines.count, using: &g)
        switch Int.random(in: 0..<7, using: &g) {
        case 0: lines.remove(at: index)
        case 1: lines.insert(lines[index], at: index)
        case 2: lines[index] = String(lines[index].prefix(Int.random(in: 0...max(0, lines[index].count), using: &g)))
        case 3: lines[index] = lines[index].replacingOccurrences(of: "e", with: "æ")
        case 4: lines[index] = "\t" + lines[index]
        case 5: lines[index] += " \"\\u0007\""
        default: lines[index] = String(lines[index].reversed())
        }
        return lines.joined(separator: "\n")
    }

    private func checkSVG(_ diagram: RoutedDiagram, style: Style, context: String) throws {
        let svg = try Renderer.render(diagram, options: RenderOptions(format: .svg, style: style))
        XCTAssertNoThrow(try WellFormedXML.document(svg), context)
    }

    func testRandomPlansEndInADiagramOrAClearError() throws {
        var g = Generator(state: seed)
        let catalog = try Catalog.builtIn()
        let style = try Style.builtIn("official")
        var rendered = 0, refused = 0
        for run in 0..<runs {
            var text = planText(&g)
            if run % 2 == 1 { text = mutate(text, &g) }
            let context = "seed \(seed) run \(run):\n\(text)"
            do {
                let file = try PlanFile.parse(text, file: "plan.yaml", catalog: catalog)
                for plan in file.plans {
                    let content = DiagramContent.plan(try plan.scope(catalog), catalog: catalog)
                    let diagram = routed(content)
                    XCTAssertFalse(Renderer.graph(for: diagram, options: RenderOptions(format: .dot, style: style)).dot.isEmpty)
                    if run % 10 == 0 { try checkSVG(diagram, style: style, context: context) }
                }
                rendered += 1
            } catch let error as InputError {
                XCTAssertTrue(error.description.hasPrefix("plan.yaml"), "\(error) — \(context)")
                refused += 1
            } catch let error as InputErrors {
                XCTAssertTrue(error.errors.allSatisfy { $0.file == "plan.yaml" }, "\(error) — \(context)")
                refused += 1
            }
        }
        print("random plans: \(rendered) rendered, \(refused) refused with a message (seed \(seed))")
        XCTAssertGreaterThan(rendered, 0)
        XCTAssertGreaterThan(refused, 0)
    }

    func testRandomlyBrokenCatalogsEndInADiagramOrAClearError() throws {
        var g = Generator(state: seed ^ 0xC0FFEE)
        let original = try String(contentsOf: Golden.packageRoot.appendingPathComponent("Sources/OIRModel/Catalogs/sf1590a.yaml"), encoding: .utf8)
        let style = try Style.builtIn("official")
        var rendered = 0, refused = 0
        for run in 0..<runs {
            var text = original
            for _ in 0..<Int.random(in: 1...3, using: &g) { text = mutate(text, &g) }
            do {
                let catalog = try Catalog.parse(text, file: "catalog.yaml")
                if run % 10 == 0 {
                    try checkSVG(routed(DiagramContent.official(catalog)), style: style, context: "seed \(seed) run \(run)")
                }
                rendered += 1
            } catch let error as InputError {
                XCTAssertTrue(error.description.hasPrefix("catalog.yaml"), "\(error)")
                refused += 1
            } catch let error as InputErrors {
                XCTAssertTrue(error.errors.allSatisfy { $0.file == "catalog.yaml" }, "\(error)")
                refused += 1
            }
        }
        print("random catalogs: \(rendered) rendered, \(refused) refused with a message (seed \(seed))")
        XCTAssertGreaterThan(refused, 0)
    }
}

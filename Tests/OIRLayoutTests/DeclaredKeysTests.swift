import Foundation
import OIRModel
import OIRRender
import OIRTestSupport
import XCTest

/// Label keys and style roles are strings in the code; every one the sources name is declared:
/// in both built-in label sets, and in `Style.roles`. A typo fails here instead of showing a
/// reader the key, or drawing with an empty colour.
final class DeclaredKeysTests: XCTestCase {
    private func sources() throws -> [(path: String, text: String)] {
        let folder = ExternalTool.packageRoot.appendingPathComponent("Sources")
        let files = FileManager.default.enumerator(atPath: folder.path)?.compactMap { $0 as? String } ?? []
        return try files.filter { $0.hasSuffix(".swift") }.sorted().map {
            ($0, try String(contentsOf: folder.appendingPathComponent($0), encoding: .utf8))
        }
    }

    /// The literal strings `pattern`'s first group catches, and the literal prefixes of the
    /// interpolated ones (`"progress.\(…)"` gives `progress.`).
    static func keys(_ pattern: String, in text: String) -> (literal: [String], prefixes: [String]) {
        let regex = try! NSRegularExpression(pattern: pattern)
        var literal: [String] = [], prefixes: [String] = []
        for match in regex.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
            let key = String(text[Range(match.range(at: 1), in: text)!])
            if let open = key.range(of: "\\(") { prefixes.append(String(key[..<open.lowerBound])) } else { literal.append(key) }
        }
        return (literal, prefixes)
    }

    func testEveryLabelKeyTheCodeNamesIsInBothLabelSets() throws {
        let sets = Language.allCases.map { LabelSet.builtIn($0) }
        var checked = 0
        for (path, text) in try sources() {
            // `labels.text("…")` and `text("…")` inside LabelSet users; catalog texts are
            // looked up by language code (`.text("da")`), which has no dot.
            let found = Self.keys(#"\btext\("([a-z0-9_]+\.[^"]*)""#, in: text)
            for key in found.literal {
                for set in sets { XCTAssertTrue(set.keys.contains(key), "\(path): label key '\(key)' is not in the \(set.language) set") }
                checked += 1
            }
            for prefix in found.prefixes {
                for set in sets { XCTAssertTrue(set.keys.contains { $0.hasPrefix(prefix) }, "\(path): no \(set.language) label key starts with '\(prefix)'") }
            }
        }
        XCTAssertGreaterThan(checked, 100, "the scan finds the code's label keys")
    }

    func testEveryStyleRoleTheCodeNamesIsDeclared() throws {
        var checked = 0
        for (path, text) in try sources() where path.hasPrefix("OIRRender/") {
            let subscripts = Self.keys(#"(?:style|self)\["([^"]+)"\]"#, in: text)
            let cssRoles = Self.keys(#"\("(?:fill|stroke)", "([^"]+)"\)"#, in: text)
            for role in subscripts.literal + cssRoles.literal {
                XCTAssertTrue(Style.roleNames.contains(role), "\(path): style role '\(role)' is not declared in Style.roles")
                checked += 1
            }
            for prefix in subscripts.prefixes + cssRoles.prefixes {
                XCTAssertTrue(Style.roleNames.contains { $0.hasPrefix(prefix) }, "\(path): no style role starts with '\(prefix)'")
            }
        }
        XCTAssertGreaterThan(checked, 40, "the scan finds the code's style roles")
    }

    func testTheScanCatchesATypo() {
        let sample = #"labels.text("legend.klick") + style["box.klik.fil"] + labels.text("progress.\(p.name)")"#
        XCTAssertEqual(Self.keys(#"\btext\("([a-z0-9_]+\.[^"]*)""#, in: sample).literal, ["legend.klick"])
        XCTAssertEqual(Self.keys(#"\btext\("([a-z0-9_]+\.[^"]*)""#, in: sample).prefixes, ["progress."])
        XCTAssertFalse(Style.roleNames.contains(Self.keys(#"(?:style|self)\["([^"]+)"\]"#, in: sample).literal[0]))
    }
}

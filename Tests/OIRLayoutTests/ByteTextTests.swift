import Foundation
import XCTest
@testable import OIRModel
@testable import OIRRender
import OIRSupport

/// The byte-by-byte DOT quoting and ASCII slugs give what the character-by-character rules
/// give, on generated text full of what those rules treat specially (quotes, backslashes before
/// line breaks and at the end, controls, C1 controls, U+FFFE/U+FFFF, Danish and other letters,
/// text long enough to be split): each is checked against a reference written from the rules.
final class ByteTextTests: XCTestCase {
    private static let pieces = ["a", "Z", "0", " ", "-", "_", "\"", "\\", "\\\n", "\n", "\t", "\r\n", "\u{1B}", "\u{7F}",
                                 "\u{85}", "\u{9F}", "\u{A0}", "°", "\u{FFFE}", "\u{FFFF}", "\u{FEFF}", "\u{FFFD}", "æ", "Ø",
                                 "Å", "é", "ß", "Łódź", "日本", "🚀", "TF100", "@fagsystem 001", "--", "\u{301}"]

    private func text(_ g: inout RandomInputTests.Generator, long: Bool = false) -> String {
        let count = long ? Int.random(in: 2_000...6_000, using: &g) : Int.random(in: 0...12, using: &g)
        var out = (0..<count).map { _ in Self.pieces.randomElement(using: &g)! }.joined()
        if Bool.random(using: &g) { out += "\\" }
        return out
    }

    /// DOT quoting as the rules say it, scalar by scalar.
    private func referenceQuote(_ value: String) -> String {
        var scalars = String.UnicodeScalarView()
        var previous: Unicode.Scalar = " "
        for scalar in value.unicodeScalars where PlainText.isPrintable(scalar) {
            if scalar == "\n", previous == "\\" { scalars.append(" ") }
            if scalar == "\"" { scalars.append("\\") }
            scalars.append(scalar)
            previous = scalar
        }
        if previous == "\\" { scalars.append(" ") }
        // Pieces of at most 8,000 bytes, cut before a character's first byte, never after a backslash.
        var pieces: [String] = [], current = "", bytes = 0, last: Unicode.Scalar = " "
        let split = String(scalars).utf8.count > 8_000
        for scalar in scalars {
            let size = String(scalar).utf8.count
            if split, bytes + size > 8_000, last != "\\" {
                pieces.append(current)
                current = ""
                bytes = 0
            }
            current.unicodeScalars.append(scalar)
            bytes += size
            last = scalar
        }
        pieces.append(current)
        return "\"" + pieces.joined(separator: "\" + \"") + "\""
    }

    func testDOTQuotingMatchesTheRules() {
        var g = RandomInputTests.Generator(state: 20_261_203)
        for run in 0..<3_000 {
            let value = text(&g, long: run % 100 == 0)
            XCTAssertEqual(DOT.quote(value), referenceQuote(value), "\(value.unicodeScalars.map { String($0.value, radix: 16) })")
        }
        XCTAssertEqual(DOT.quote("a\\"), "\"a\\ \"", "a backslash at the end never escapes the closing quote")
        XCTAssertEqual(DOT.quote("x\u{1B}\"\u{FFFF}"), "\"x\\\"\"")
    }

    /// Slug words as the rules say it, character by character (the general path of `Slug.words`).
    private func referenceASCIIWords(_ text: String) -> String {
        var out = "", pendingHyphen = false
        for c in text.lowercased() {
            guard c.isASCII, c.isLetter || c.isNumber else {
                pendingHyphen = !out.isEmpty
                continue
            }
            if pendingHyphen { out += "-" }
            pendingHyphen = false
            out.append(c)
        }
        return out
    }

    func testASCIISlugsMatchTheRules() {
        var g = RandomInputTests.Generator(state: 7)
        let ascii = Self.pieces.filter { $0.utf8.allSatisfy { $0 < 0x80 } }
        for _ in 0..<3_000 {
            let value = (0..<Int.random(in: 0...10, using: &g)).map { _ in ascii.randomElement(using: &g)! }.joined()
            XCTAssertEqual(Slug.words(value), referenceASCIIWords(value), value)
        }
        XCTAssertEqual(Slug.make("TF100@Fagsystem 001"), "tf100-fagsystem-001")
        XCTAssertEqual(Slug.make("--"), "x")
    }
}

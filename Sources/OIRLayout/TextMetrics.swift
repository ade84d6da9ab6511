/// Estimates how wide text is in the diagram's font, so titles can be wrapped to fit their
/// boxes before Graphviz sees them.
///
/// The widths are DejaVu Sans advances (units of 1/2048 em), the font the styles name first and
/// CI installs. Characters not in the table count as a wide letter, so the estimate errs on the
/// wide side and text stays inside its box.
public enum TextMetrics {
    /// Advances of the characters the table knows, by Unicode scalar: Latin-1 in an array (looked
    /// up per scalar, where hashing Characters cost more than the rest of the layout), the few
    /// others in a dictionary.
    private static let table: (latin: [Double], other: [UInt32: Double]) = {
        var latin = Array(repeating: unknown, count: 256)
        var other: [UInt32: Double] = [:]
        let groups: [(String, Double)] = [
            (" ", 651), (".,:;", 690), ("ijlI|!'", 569), ("ft", 803), ("r", 842), ("-", 739), ("()[]", 799),
            ("/", 690), ("sz", 1075), ("c", 1126), ("kvxy", 1212), ("aeoåøæ", 1260), ("bdghnpqu", 1300),
            ("0123456789", 1303), ("_", 1024), ("w", 1675), ("m", 1995), ("æ", 2025),
            ("LF", 1178), ("EPTYJ", 1294), ("SBKZXAÅV", 1401), ("CRG", 1430), ("HNUD", 1540), ("OQØ", 1612),
            ("M", 1767), ("W", 2025), ("Æ", 2025), ("–—", 2048),
        ]
        for (chars, width) in groups {
            for scalar in chars.unicodeScalars {
                if scalar.value < 256 { latin[Int(scalar.value)] = width } else { other[scalar.value] = width }
            }
        }
        return (latin, other)
    }()

    /// What a character the table lacks counts as: a wide letter.
    private static let unknown = 1400.0

    /// The width of `text` at `size` points.
    public static func width(_ text: String, size: Double, bold: Bool = false) -> Double {
        let (latin, other) = table
        var units = 0.0
        for scalar in text.unicodeScalars {
            units += scalar.value < 256 ? latin[Int(scalar.value)] : (other[scalar.value] ?? unknown)
        }
        return units / 2048 * size * (bold ? 1.1 : 1.0)
    }

    /// Breaks `text` into lines no wider than `width`, at most `maxLines` of them; a text that does
    /// not fit ends in "…". Lines break at spaces, then after hyphens; a word still too long is
    /// hyphenated where it must.
    public static func wrap(_ text: String, width: Double, size: Double, maxLines: Int) -> [String] {
        // Each token remembers whether a space separates it from the one before.
        var tokens: [(text: String, spaced: Bool)] = []
        for word in text.split(whereSeparator: { $0.isWhitespace }) {
            for (index, piece) in pieces(String(word), width: width, size: size).enumerated() {
                tokens.append((piece, index == 0))
            }
        }
        var lines: [String] = []
        var current = ""
        for token in tokens {
            let candidate = current.isEmpty ? token.text : current + (token.spaced ? " " : "") + token.text
            if current.isEmpty || Self.width(candidate, size: size) <= width {
                current = candidate
            } else {
                lines.append(current)
                current = token.text
            }
        }
        if !current.isEmpty { lines.append(current) }
        guard lines.count > maxLines, maxLines > 0 else { return lines }
        var kept = Array(lines.prefix(maxLines))
        kept[maxLines - 1] = ellipsize(kept[maxLines - 1], width: width, size: size)
        return kept
    }

    /// A word as pieces that may end a line: after each hyphen, and where a piece would still be
    /// wider than `width`, cut with a hyphen added.
    private static func pieces(_ word: String, width: Double, size: Double) -> [String] {
        guard Self.width(word, size: size) > width else { return [word] }
        var segments: [String] = []
        var segment = ""
        for c in word {
            segment.append(c)
            if c == "-" || c == "/" {
                segments.append(segment)
                segment = ""
            }
        }
        if !segment.isEmpty { segments.append(segment) }
        let hyphen = Self.width("-", size: size)
        var result: [String] = []
        for part in segments {
            guard Self.width(part, size: size) > width else {
                result.append(part)
                continue
            }
            var head = ""
            var headWidth = 0.0
            for c in part {
                let w = Self.width(String(c), size: size)
                if !head.isEmpty, headWidth + w + hyphen > width {
                    result.append(head + "-")
                    head = ""
                    headWidth = 0
                }
                head.append(c)
                headWidth += w
            }
            if !head.isEmpty {
                // A lone tail of a few letters reads badly ("…te-" / "st"): move letters down to it.
                if head.count < 4, let last = result.popLast() {
                    let previous = String(last.dropLast())
                    let moved = min(4 - head.count, previous.count - 1)
                    result.append(String(previous.dropLast(moved)) + "-")
                    head = String(previous.suffix(moved)) + head
                }
                result.append(head)
            }
        }
        return result
    }

    /// Shortens `text` so that it plus "…" fits `width`.
    public static func ellipsize(_ text: String, width: Double, size: Double) -> String {
        let room = width - Self.width("…", size: size)
        var head = ""
        var used = 0.0
        for c in text {
            let w = Self.width(String(c), size: size)
            if used + w > room { break }
            head.append(c)
            used += w
        }
        return head.trimmingCharacters(in: .whitespaces) + "…"
    }

    /// Shortens a one-line text to fit `width`, with "…" when it had to be cut.
    public static func fit(_ text: String, width: Double, size: Double) -> String {
        Self.width(text, size: size) <= width ? text : ellipsize(text, width: width, size: size)
    }
}

import Foundation

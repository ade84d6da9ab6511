import OIRSupport
import Foundation
/// Ids, classes and link fragments made from task keys and names: ASCII letters, digits and
/// hyphens, Danish letters spelled out.
public enum Slug {
    /// An id or class name: `words`, never empty, never starting with a digit, at most 80 characters.
    public static func make(_ text: String) -> String {
        // Already a slug (most party, column and variant ids): nothing to spell out.
        let bytes = text.utf8
        if let first = bytes.first, first >= UInt8(ascii: "a"), first <= UInt8(ascii: "z"), bytes.count <= 80, bytes.last != UInt8(ascii: "-"),
           bytes.allSatisfy({ ($0 >= UInt8(ascii: "a") && $0 <= UInt8(ascii: "z")) || ($0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9")) || $0 == UInt8(ascii: "-") }),
           !text.contains("--") {
            return text
        }
        var out = words(text)
        if out.isEmpty { return "x" }
        // Ids must not start with a digit in CSS selectors.
        if out.first!.isNumber { out = "x" + out }
        return bounded(out, text: text)
    }

    /// Lower-case ASCII words joined by hyphens: "Åbjerg Kommune" → "aabjerg-kommune" (æ, ø, å
    /// become ae, oe, aa; other Latin letters lose their accents or are spelled out: "Łódź" →
    /// "lodz", "Straße" → "strasse"). A name with letters of another script keeps the words it can
    /// spell and a hash of the whole name ("日本 Kommune" → "kommune-1a2b3c4d"), so two such names
    /// never share a file name.
    public static func words(_ text: String) -> String {
        // Task keys and most names are ASCII: byte by byte, the same words.
        if text.utf8.allSatisfy({ $0 < 0x80 }) { return asciiWords(text.utf8) }
        var out = ""
        var pendingHyphen = false
        var unspelled = false
        for c in text.lowercased() {
            let piece = spelled(c)
            if piece.isEmpty {
                if c.isLetter || c.isNumber { unspelled = true }
                pendingHyphen = !out.isEmpty
                continue
            }
            if pendingHyphen { out += "-" }
            pendingHyphen = false
            out += piece
        }
        guard unspelled else { return out }
        let hash = String(Hashing.hex(text).prefix(8))
        return out.isEmpty ? hash : out + "-" + hash
    }

    /// `words` of ASCII text: letters lower-cased and digits kept, every run of anything else
    /// one hyphen between them.
    private static func asciiWords(_ bytes: String.UTF8View) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var pendingHyphen = false
        for byte in bytes {
            let lower = byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte + 32 : byte
            guard (lower >= UInt8(ascii: "a") && lower <= UInt8(ascii: "z")) || (lower >= UInt8(ascii: "0") && lower <= UInt8(ascii: "9")) else {
                pendingHyphen = !out.isEmpty
                continue
            }
            if pendingHyphen { out.append(UInt8(ascii: "-")) }
            pendingHyphen = false
            out.append(lower)
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// A lower-case character in ASCII letters and digits, or "" when it has no Latin spelling.
    private static func spelled(_ c: Character) -> String {
        if c.isASCII { return c.isLetter || c.isNumber ? String(c) : "" }
        switch c {
        case "æ": return "ae"
        case "ø": return "oe"
        case "å": return "aa"
        case "ß": return "ss"
        case "ł": return "l"
        case "đ", "ð": return "d"
        case "þ": return "th"
        case "œ": return "oe"
        case "ı": return "i"
        default:
            // A letter with accents: its base letter (é → e + ◌́).
            let base = String(c).decomposedStringWithCanonicalMapping.unicodeScalars
                .filter { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0)) }
            return String(String.UnicodeScalarView(base))
        }
    }

    /// Ids stay short whatever the names: a slug longer than 80 characters keeps its first 64 and
    /// a hash of the whole text, so it stays unique.
    private static func bounded(_ slug: String, text: String) -> String {
        guard slug.utf8.count > 80 else { return slug }
        var head = String(slug.prefix(64))
        while head.hasSuffix("-") { head.removeLast() }
        return head + "-" + Hashing.hex(text)
    }

    /// A URL fragment: letters, digits and `-_.` kept, everything else percent-encoded.
    public static func fragment(_ text: String) -> String {
        var out = ""
        for byte in text.utf8 {
            let c = Character(Unicode.Scalar(byte))
            if byte < 0x80, c.isLetter || c.isNumber || "-_.".contains(c) {
                out.append(c)
            } else {
                out += "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
            }
        }
        return out
    }

    /// Only http and https links go into a diagram: no javascript:, data: or file: URLs, and none
    /// longer than 2,000 bytes.
    /// A base that `#<task id>` can be added to: an absolute http(s) URL with a host and no
    /// fragment, or a relative reference with no scheme (`#`, `./`, `opgaver.html`) whose only `#`
    /// is its last character. Never another scheme (`javascript:`, `data:`, `file:`).
    public static func isLinkBase(_ text: String) -> Bool {
        if isRelativeLink(text) {
            guard let hash = text.firstIndex(of: "#") else { return true }
            return hash == text.index(before: text.endIndex)
        }
        guard isWebLink(text), let components = URLComponents(string: text), let host = components.host, !host.isEmpty else { return false }
        return components.fragment == nil && !text.contains("#")
    }

    /// A relative reference: no scheme (no ':' before the first '/', '?' or '#'), not
    /// protocol-relative (`//host`), and nothing that could end an attribute or a line.
    public static func isRelativeLink(_ text: String) -> Bool {
        guard !text.isEmpty, text.utf8.count <= 2_000, !text.hasPrefix("//") else { return false }
        if text.unicodeScalars.contains(where: { $0.value < 0x21 || $0 == "\"" || $0 == "'" || $0 == "<" || $0 == ">" || $0 == "\\" || $0.value == 0x7F }) {
            return false
        }
        let head = text.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        return !head.contains(":")
    }

    /// The link to task `id` below `base`: `base#id`, or `base` + id when it already ends in '#'.
    public static func link(base: String, task id: String) -> String {
        (base.hasSuffix("#") ? base : base + "#") + fragment(id)
    }

    /// The anchor of one task key on a page: the task id (`TF108`) for work done once, the id
    /// and the instance's file-name form for per-instance work (`TF105-borgerservice`), so each
    /// fagsystem's row has its own and a box links to its own row.
    public static func anchor(_ key: TaskKey) -> String {
        fragment(key.task) + (key.instance.map { "-" + make($0) } ?? "")
    }

    /// A link to a task key's row: `<base>#<anchor>`.
    public static func link(base: String, key: TaskKey) -> String {
        (base.hasSuffix("#") ? base : base + "#") + anchor(key)
    }

    public static func isWebLink(_ text: String) -> Bool {
        guard text.utf8.count <= 2_000 else { return false }
        let lower = text.lowercased()
        guard lower.hasPrefix("https://") || lower.hasPrefix("http://") else { return false }
        return !text.unicodeScalars.contains { $0.value < 0x21 || $0 == "\"" || $0 == "<" || $0 == ">" || $0 == "\\" || $0.value == 0x7F }
    }
}

private extension String {
    func leftPadded(to length: Int) -> String {
        String(repeating: "0", count: max(0, length - count)) + self
    }
}

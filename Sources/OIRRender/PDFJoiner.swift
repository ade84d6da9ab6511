import Foundation
import OIRModel

/// Joins one-page PDFs as cairo writes them into one document, page after page: a diagram split
/// over pages (`PageSplit`) is drawn one page at a time, each page its own Graphviz graph.
///
/// Every object of every document is kept, numbered after those of the documents before it; the
/// documents' page trees become one, and a new catalog and document information (as
/// `PDFFinisher` writes it) stand at the end, with a cross-reference table of the real offsets.
/// References are renumbered only outside strings, comments and stream data, so no text of a
/// page can be taken for one.
enum PDFJoiner {
    /// `documents` as one PDF, or nil when one of them is not laid out as cairo writes PDF (then
    /// nothing is joined).
    /// - Parameters:
    ///   - title: The document title.
    ///   - date: The CreationDate; nil keeps none.
    static func join(_ documents: [Data], title: String, date: CalendarDay?) -> Data? {
        guard let first = documents.first else { return nil }
        let parsed = documents.compactMap { PDFFinisher.Document([UInt8]($0)) }
        guard parsed.count == documents.count, parsed.allSatisfy({ $0.catalogHoldsOnlyPages }) else { return nil }
        // Object 1 is the joined page tree; each document's objects follow in its own order.
        var out = Array([UInt8](first).prefix(parsed[0].headerEnd))
        var offsets: [Int] = [0, 0]
        var kids: [Int] = []
        var next = 2
        for document in parsed {
            var number: [Int: Int] = [document.pages: 1]
            for object in document.objects where ![document.root, document.info, document.pages].contains(object.number) {
                number[object.number] = next
                next += 1
            }
            kids += document.kids.compactMap { number[$0] }
            for object in document.objects where number[object.number].map({ $0 != 1 }) ?? false {
                offsets.append(out.count)
                out += renumbered(document.bytes[object.range]) { number[$0] }
            }
        }
        let pages = kids.map { "\($0) 0 R" }.joined(separator: " ")
        let catalog = next, info = next + 1
        offsets[1] = out.count
        out += Array("1 0 obj\n<< /Type /Pages\n   /Kids [ \(pages) ]\n   /Count \(kids.count)\n>>\nendobj\n".utf8)
        offsets.append(out.count)
        out += Array("\(catalog) 0 obj\n<< /Type /Catalog\n   /Pages 1 0 R\n>>\nendobj\n".utf8)
        offsets.append(out.count)
        out += Array("\(info) 0 obj\n\(PDFFinisher.information(title: title, date: date))\nendobj\n".utf8)
        let xrefAt = out.count
        var table = "xref\n0 \(info + 1)\n0000000000 65535 f \n"
        for offset in offsets.dropFirst() { table += String(format: "%010d 00000 n \n", offset) }
        table += "trailer\n<< /Size \(info + 1)\n   /Root \(catalog) 0 R\n   /Info \(info) 0 R\n>>\nstartxref\n\(xrefAt)\n%%EOF\n"
        return Data(out + Array(table.utf8))
    }

    /// `object` with every `N 0 obj` and `N 0 R` given its new number: scanned as PDF tokens, so
    /// that strings, hex strings and comments are copied as they are, and everything from the
    /// `stream` keyword on (binary data) too.
    static func renumbered(_ object: ArraySlice<UInt8>, _ number: (Int) -> Int?) -> [UInt8] {
        let bytes = Array(object)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = 0
        func isDelimiter(_ byte: UInt8) -> Bool { " \n\r\t\u{0C}\0()<>[]{}/%".utf8.contains(byte) }
        func isDigit(_ at: Int) -> Bool { at < bytes.count && (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[at]) }
        func atToken(_ at: Int) -> Bool { at == 0 || isDelimiter(bytes[at - 1]) }
        while i < bytes.count {
            let byte = bytes[i]
            if byte == UInt8(ascii: "(") {
                let end = endOfString(bytes, from: i)
                out += bytes[i..<end]
                i = end
            } else if byte == UInt8(ascii: "<"), i + 1 < bytes.count, bytes[i + 1] == UInt8(ascii: "<") {
                // A dictionary opens: `<<` is one token, not a hex string.
                out += [byte, byte]
                i += 2
            } else if byte == UInt8(ascii: "<") {
                let end = (bytes[i...].firstIndex(of: UInt8(ascii: ">")) ?? bytes.count - 1) + 1
                out += bytes[i..<end]
                i = end
            } else if byte == UInt8(ascii: "%") {
                let end = bytes[i...].firstIndex { $0 == 10 || $0 == 13 } ?? bytes.count
                out += bytes[i..<end]
                i = end
            } else if atToken(i), bytes[i...].starts(with: Array("stream".utf8)) {
                out += bytes[i...]
                i = bytes.count
            } else if atToken(i), isDigit(i), let (value, end) = reference(bytes, at: i), let new = number(value) {
                out += Array("\(new)".utf8)
                i = end
            } else {
                out.append(byte)
                i += 1
            }
        }
        return out
    }

    /// The object number of the reference `N 0 R` or header `N 0 obj` starting at `at`, and where
    /// its number ends.
    private static func reference(_ bytes: [UInt8], at: Int) -> (Int, Int)? {
        var end = at
        while end < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[end]) { end += 1 }
        guard let value = Int(String(decoding: bytes[at..<end], as: UTF8.self)) else { return nil }
        let rest = bytes[end...]
        for tail in [" 0 R", " 0 obj"].map({ Array($0.utf8) }) where rest.starts(with: tail) {
            let after = end + tail.count
            if after == bytes.count || " \n\r\t/[]<>".utf8.contains(bytes[after]) { return (value, end) }
        }
        return nil
    }

    /// Just past the literal string that opens at `from`: parentheses nest, a backslash escapes.
    private static func endOfString(_ bytes: [UInt8], from: Int) -> Int {
        var depth = 0, i = from
        while i < bytes.count {
            switch bytes[i] {
            case UInt8(ascii: "\\"): i += 1
            case UInt8(ascii: "("): depth += 1
            case UInt8(ascii: ")"):
                depth -= 1
                if depth == 0 { return i + 1 }
            default: break
            }
            i += 1
        }
        return bytes.count
    }
}

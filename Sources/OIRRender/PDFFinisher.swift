import OIRSupport
import Foundation
import OIRModel

/// Makes cairo's PDF one that PDF tools accept and that says what it is. cairo 1.16 writes a
/// cross-reference table whose entries for the objects it reserves but never writes (those of
/// link annotations) point at the file's header, so `qpdf --check` calls every PDF with links
/// damaged; and it stamps the time of rendering. The finisher copies the objects as they are,
/// replaces the document information (Title, the diagram's date as CreationDate), and writes a
/// fresh cross-reference table from the objects' real offsets, unwritten ones marked free.
enum PDFFinisher {
    /// `data` finished; returned unchanged when it is not laid out as cairo writes PDF.
    /// - Parameters:
    ///   - title: The document title (the diagram's title).
    ///   - date: The CreationDate; nil keeps none.
    static func finish(_ data: Data, title: String, date: CalendarDay?) -> Data {
        guard let document = Document([UInt8](data)) else { return data }
        let bytes = document.bytes
        var out = Array(bytes[..<document.headerEnd])
        var offsets: [Int: Int] = [:]
        for object in document.objects {
            offsets[object.number] = out.count
            if object.number == document.info {
                out += Array("\(document.info) 0 obj\n\(information(title: title, date: date))\nendobj\n".utf8)
            } else {
                out += bytes[object.range]
            }
        }
        let size = (offsets.keys.max() ?? 0) + 1
        let xrefAt = out.count
        var table = "xref\n0 \(size)\n0000000000 65535 f \n"
        for number in 1..<size {
            table += offsets[number].map { String(format: "%010d 00000 n \n", $0) } ?? "0000000000 00000 f \n"
        }
        table += "trailer\n<< /Size \(size)\n   /Root \(document.root) 0 R\n   /Info \(document.info) 0 R\n>>\nstartxref\n\(xrefAt)\n%%EOF\n"
        return Data(out + Array(table.utf8))
    }

    /// A PDF as cairo writes it: its objects in file order, the trailer's catalog and document
    /// information, and the page tree.
    struct Document {
        let bytes: [UInt8]
        let objects: [(number: Int, range: Range<Int>)]
        /// Where the first object starts: the header before it.
        let headerEnd: Int
        let root: Int
        let info: Int
        /// The page tree's object and its pages, in order.
        let pages: Int
        let kids: [Int]
        /// Whether the catalog says nothing but its type and page tree (cairo's own): a document
        /// joined to others keeps nothing else of it.
        let catalogHoldsOnlyPages: Bool

        init?(_ bytes: [UInt8]) {
            guard let objects = PDFFinisher.objects(in: bytes), let first = objects.first,
                  let trailerAt = bytes.lastRange(of: Array("trailer".utf8))?.lowerBound,
                  let root = reference("/Root", in: bytes[trailerAt...]), let info = reference("/Info", in: bytes[trailerAt...])
            else { return nil }
            self.bytes = bytes
            self.objects = objects
            headerEnd = first.range.lowerBound
            self.root = root
            self.info = info
            func body(_ number: Int) -> ArraySlice<UInt8> { objects.first { $0.number == number }.map { bytes[$0.range] } ?? [] }
            let catalog = body(root)
            pages = reference("/Pages", in: catalog) ?? 0
            let tree = body(pages)
            if let open = tree.firstRange(of: Array("/Kids".utf8)), let close = tree[open.upperBound...].firstIndex(of: UInt8(ascii: "]")) {
                let words = String(decoding: tree[open.upperBound..<close], as: UTF8.self).split { " \n\r[".contains($0) }
                kids = stride(from: 0, to: words.count - 2, by: 3).compactMap { words[$0 + 2] == "R" ? Int(words[$0]) : nil }
            } else {
                kids = []
            }
            let names = String(decoding: catalog, as: UTF8.self).split { " \n\r<>".contains($0) }.filter { $0.hasPrefix("/") }
            catalogHoldsOnlyPages = Set(names) == ["/Type", "/Catalog", "/Pages"]
        }
    }

    /// The document information dictionary. The title is UTF-16BE in hex, so any text (Danish
    /// letters, parentheses, backslashes) stays data.
    static func information(title: String, date: CalendarDay?) -> String {
        let hex = ([0xFE, 0xFF] + title.utf16.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }).map { String(format: "%02X", $0) }.joined()
        var fields = ["/Producer (oir-diagram with cairo)", "/Title <\(hex)>"]
        if let date { fields.append("/CreationDate (D:\(date.compact)000000Z)") }
        return "<< " + fields.joined(separator: "\n   ") + " >>"
    }

    /// Every `N 0 obj … endobj` in file order, a stream's bytes skipped whole (they are binary).
    static func objects(in bytes: [UInt8]) -> [(number: Int, range: Range<Int>)]? {
        let obj = Array(" 0 obj".utf8), endobj = Array("endobj".utf8)
        let stream = Array("stream".utf8), endstream = Array("endstream".utf8), xref = Array("\nxref\n".utf8)
        let end = bytes.lastRange(of: xref)?.lowerBound ?? bytes.count
        var found: [(Int, Range<Int>)] = []
        var position = 0
        while position < end, let marker = find(obj, in: bytes, from: position, to: end) {
            var start = marker
            while start > 0, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[start - 1]) { start -= 1 }
            guard start < marker, start == 0 || bytes[start - 1] == UInt8(ascii: "\n"),
                  let number = Int(String(decoding: bytes[start..<marker], as: UTF8.self)) else { return nil }
            var searchFrom = marker + obj.count
            // A stream belongs to this object only if it opens before the object's first endobj
            // (searched only that far: searching to the end for each object was quadratic).
            guard let close = find(endobj, in: bytes, from: searchFrom, to: end) else { return nil }
            if let open = find(stream, in: bytes, from: searchFrom, to: close),
               let streamEnd = find(endstream, in: bytes, from: open + stream.count, to: end) {
                searchFrom = streamEnd + endstream.count
            }
            guard let last = find(endobj, in: bytes, from: searchFrom, to: end) else { return nil }
            var stop = last + endobj.count
            if stop < bytes.count, bytes[stop] == UInt8(ascii: "\n") { stop += 1 }
            found.append((number, start..<stop))
            position = stop
        }
        return found.isEmpty ? nil : found
    }

    private static func find(_ pattern: [UInt8], in bytes: [UInt8], from: Int, to: Int) -> Int? {
        bytes.withUnsafeBufferPointer { Bytes.firstIndex(of: pattern, in: $0, from: from, to: to) }
    }

    /// The object number after `key` in the trailer (`/Root 95 0 R` → 95).
    static func reference(_ key: String, in trailer: ArraySlice<UInt8>) -> Int? {
        guard let at = trailer.firstRange(of: Array(key.utf8)) else { return nil }
        let digits = trailer[at.upperBound...].drop { $0 == UInt8(ascii: " ") }.prefix { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }
        return Int(String(decoding: digits, as: UTF8.self))
    }
}

private extension Array where Element == UInt8 {
    func lastRange(of pattern: [UInt8]) -> Range<Int>? {
        guard pattern.count <= count else { return nil }
        for start in stride(from: count - pattern.count, through: 0, by: -1) where self[start] == pattern[0] {
            if Array(self[start..<start + pattern.count]) == pattern { return start..<start + pattern.count }
        }
        return nil
    }
}

import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import OIRModel
import ZIPFoundation

extension Workbook {
    /// The sheets of the workbook at `path` that hold a checklist (a task-key column), each as a
    /// table whose cells are texts: shared and inline strings as written, numbers as digits, and
    /// a date column's numbers as days (`2025-04-01`), as any spreadsheet program saves them.
    /// - Throws: `InputError` for a file that is not a workbook.
    public static func tables(at path: String, catalog: Catalog) throws -> [ChecklistUpdate.Table] {
        let data = try InputFile.bytes(path, limit: 20_000_000)
        return try tables(data, file: path, catalog: catalog)
    }

    static func tables(_ data: Data, file: String, catalog: Catalog) throws -> [ChecklistUpdate.Table] {
        let notWorkbook = InputError(file: file, message: "is not an Excel workbook (.xlsx)",
                                     hint: "read back a workbook written by 'oir-diagram plan FILE --format xlsx' and saved as .xlsx")
        guard let archive = try? Archive(data: data, accessMode: .read, pathEncoding: nil) else { throw notWorkbook }
        func part(_ path: String) -> Data? {
            guard let entry = archive[path] else { return nil }
            var out = Data()
            _ = try? archive.extract(entry) { out.append($0) }
            return out
        }
        // A part that is not well-formed XML would be read only up to the fault: rows lost unsaid.
        func parsed<T>(_ path: String, _ read: () throws -> T) throws -> T {
            do { return try read() } catch let fault as MalformedPart {
                throw InputError(file: file, message: "the workbook's part \(path) is not well-formed XML (line \(fault.line): \(fault.reason))",
                                 hint: "save it again from the spreadsheet program, or write it anew with 'oir-diagram plan FILE --format xlsx'")
            }
        }
        guard let workbook = part("xl/workbook.xml"), let relations = part("xl/_rels/workbook.xml.rels") else { throw notWorkbook }
        let sheets = try parsed("xl/workbook.xml") { try XMLElements.collect(workbook, element: "sheet", attributes: ["name", "r:id"]) }
        let relationships = try parsed("xl/_rels/workbook.xml.rels") { try XMLElements.collect(relations, element: "Relationship", attributes: ["Id", "Target"]) }
        let targets = Dictionary(relationships.map { ($0["Id"] ?? "", $0["Target"] ?? "") }, uniquingKeysWith: { a, _ in a })
        let shared = try part("xl/sharedStrings.xml").map { data in try parsed("xl/sharedStrings.xml") { try SharedStrings.read(data) } } ?? []
        let dateHeaders = Set(Language.allCases.flatMap { language in
            dateFields.map { ChecklistWriter(catalog: catalog, labels: .builtIn(language), options: ChecklistOptions()).fieldName($0) }
        })
        let keyHeaders = Set(Language.allCases.map { ChecklistWriter(catalog: catalog, labels: .builtIn($0), options: ChecklistOptions()).fieldName("key") })
        var tables: [ChecklistUpdate.Table] = []
        for sheet in sheets {
            guard let name = sheet["name"], let target = sheet["r:id"].flatMap({ targets[$0] }) else { continue }
            let path = target.hasPrefix("/") ? String(target.dropFirst()) : "xl/" + target
            guard let xml = part(path) else { continue }
            var grid = try parsed(path) { try SheetCells.read(xml, shared: shared) }
            guard let header = grid.first, header.contains(where: keyHeaders.contains) else { continue }
            // A date column's numbers are days since 1899-12-30.
            for (column, title) in header.enumerated() where dateHeaders.contains(title) {
                for row in 1..<grid.count where column < grid[row].count {
                    if let serial = Double(grid[row][column]), serial == serial.rounded(), serial > 0, serial < 200_000 {
                        grid[row][column] = CalendarDay(ordinal: epoch.ordinal + Int(serial)).description
                    }
                }
            }
            tables.append(ChecklistUpdate.Table(header: header, rows: Array(grid.dropFirst())) { row, column in
                let where_ = "sheet '\(name)', row \(row + 2)" + (column.map { ", column \(Workbook.column($0))" } ?? "")
                return (file, nil, where_ + ": ")
            })
        }
        guard !tables.isEmpty else {
            throw InputError(file: file, message: "no sheet of the workbook has a task-key column",
                             hint: "read back a workbook written by 'oir-diagram plan FILE --format xlsx', its header rows kept")
        }
        return tables
    }
}

/// Elements of one name and some of their attributes, from an XML part.
enum XMLElements {
    static func collect(_ data: Data, element: String, attributes: [String]) throws -> [[String: String]] {
        final class Collector: NSObject, XMLParserDelegate {
            let element: String, attributes: [String]
            var found: [[String: String]] = []
            init(element: String, attributes: [String]) { self.element = element; self.attributes = attributes }
            func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                        attributes attributeDict: [String: String] = [:]) {
                guard name == element || name.hasSuffix(":" + element) else { return }
                var values: [String: String] = [:]
                for wanted in attributes {
                    // A prefixed attribute (r:id) may come with another prefix for the same namespace.
                    let local = wanted.split(separator: ":").last.map(String.init) ?? wanted
                    values[wanted] = attributeDict[wanted] ?? attributeDict.first { $0.key.hasSuffix(":" + local) || $0.key == local }?.value
                }
                found.append(values)
            }
        }
        let collector = Collector(element: element, attributes: attributes)
        try MalformedPart.parse(data, with: collector)
        return collector.found
    }
}

/// The shared strings of a workbook, each the text of all its runs.
enum SharedStrings {
    static func read(_ data: Data) throws -> [String] {
        final class Reader: NSObject, XMLParserDelegate {
            var strings: [String] = [], current = "", inText = false, inItem = false, inPhonetic = false
            func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
                switch name {
                case "si": inItem = true; current = ""
                case "rPh": inPhonetic = true
                case "t": inText = inItem && !inPhonetic
                default: break
                }
            }
            func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
                switch name {
                case "si": strings.append(current); inItem = false
                case "rPh": inPhonetic = false
                case "t": inText = false
                default: break
                }
            }
            func parser(_ parser: XMLParser, foundCharacters string: String) { if inText { current += string } }
        }
        let reader = Reader()
        try MalformedPart.parse(data, with: reader)
        return reader.strings
    }
}

/// A worksheet's cells as rows of texts, by their references (`F12`), gaps filled with "".
enum SheetCells {
    static func read(_ data: Data, shared: [String]) throws -> [[String]] {
        final class Reader: NSObject, XMLParserDelegate {
            let shared: [String]
            var cells: [(row: Int, column: Int, text: String)] = []
            var reference = "", type = "", value = "", inValue = false, inText = false, inCell = false, nextRow = 0, nextColumn = 0
            init(shared: [String]) { self.shared = shared }
            func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
                switch name {
                case "row":
                    nextRow = attributes["r"].flatMap(Int.init) ?? nextRow + 1
                    nextColumn = 0
                case "c":
                    inCell = true; reference = attributes["r"] ?? ""; type = attributes["t"] ?? ""; value = ""
                case "v": inValue = inCell
                case "t": inText = inCell
                default: break
                }
            }
            func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
                switch name {
                case "v": inValue = false
                case "t": inText = false
                case "c":
                    inCell = false
                    let (row, column) = Self.position(reference) ?? (nextRow, nextColumn)
                    nextColumn = column + 1
                    let text = type == "s" ? (Int(value).flatMap { $0 < shared.count ? shared[$0] : nil } ?? "") : value
                    cells.append((row, column, text))
                default: break
                }
            }
            func parser(_ parser: XMLParser, foundCharacters string: String) { if inValue || inText { value += string } }

            /// "F12" → (12, 5).
            static func position(_ reference: String) -> (Int, Int)? {
                let letters = reference.prefix { $0.isLetter }, digits = reference.dropFirst(letters.count)
                guard !letters.isEmpty, let row = Int(digits) else { return nil }
                let column = letters.uppercased().unicodeScalars.reduce(0) { $0 * 26 + Int($1.value) - 64 } - 1
                return (row, column)
            }
        }
        let reader = Reader(shared: shared)
        try MalformedPart.parse(data, with: reader)
        guard let lastRow = reader.cells.map(\.row).max(), let lastColumn = reader.cells.map(\.column).max(), lastRow < 100_000, lastColumn < 1_000 else { return [] }
        var grid = Array(repeating: Array(repeating: "", count: lastColumn + 1), count: lastRow)
        for cell in reader.cells where cell.row >= 1 { grid[cell.row - 1][cell.column] = cell.text }
        return grid
    }
}

/// A workbook part that is not well-formed XML: where the parser stopped, and why.
struct MalformedPart: Error {
    var line: Int
    var reason: String

    /// Parses `data` with `delegate`.
    /// - Throws: `MalformedPart` when the XML is not well-formed.
    static func parse(_ data: Data, with delegate: XMLParserDelegate) throws {
        let parser = XMLParser(data: data)
        parser.delegate = delegate
        // Foundation on Linux answers true even when libxml2 reported an error; the error stays.
        let finished = parser.parse()
        guard finished, parser.parserError == nil else {
            let code = (parser.parserError as NSError?)?.code
            throw MalformedPart(line: parser.lineNumber, reason: code == 5 ? "it breaks off before its end" : "libxml2 error \(code ?? 0)")
        }
    }
}

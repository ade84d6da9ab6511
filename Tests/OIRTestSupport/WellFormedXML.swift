import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// A strict reading of XML for tests. Foundation on Linux builds an `XMLDocument` from text that
/// is not well-formed (libxml2 recovers: a missing end tag, an undefined entity, a repeated
/// attribute, a second root) and `XMLParser.parse()` answers true there too; only the parser's
/// error tells. A test that asserts "the output is XML" checks with this.
public enum WellFormedXML {
    public struct Malformed: Error, CustomStringConvertible {
        public var line: Int
        public var column: Int
        public var code: Int
        public var description: String { "not well-formed XML at line \(line), column \(column) (libxml2 error \(code))" }
    }

    /// - Throws: `Malformed` where the first error is.
    public static func check(_ data: Data) throws {
        let parser = XMLParser(data: data)
        let finished = parser.parse()
        if let error = parser.parserError {
            throw Malformed(line: parser.lineNumber, column: parser.columnNumber, code: (error as NSError).code)
        }
        if !finished { throw Malformed(line: parser.lineNumber, column: parser.columnNumber, code: 0) }
    }

    /// The document of `data`, once it is known to be well-formed.
    /// - Throws: `Malformed`, or what `XMLDocument` throws.
    public static func document(_ data: Data) throws -> XMLDocument {
        try check(data)
        return try XMLDocument(data: data)
    }
}

import Foundation
import OIRTestSupport
import XCTest

/// The strict XML check the output tests rely on refuses what Foundation's reader would recover from.
final class WellFormedXMLTests: XCTestCase {
    func testMalformedXMLIsRefused() throws {
        for text in ["<a><b></a>", "<a x='1' x='2'/>", "<a>&bogus;</a>", "<a/><b/>", "<svg><text>cut"] {
            XCTAssertThrowsError(try WellFormedXML.check(Data(text.utf8)), text)
        }
        XCTAssertNoThrow(try WellFormedXML.document(Data("<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\"><text>&amp;æ</text></svg>".utf8)))
    }
}

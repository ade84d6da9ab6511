import Foundation
import XCTest
@testable import OIRRender

/// The joiner renumbers object references and nothing else: a string or hex string that looks
/// like a reference, and stream data, stay as they are.
final class PDFJoinerTests: XCTestCase {
    func testOnlyReferencesAreRenumbered() {
        let object = "5 0 obj\n<< /A 5 0 R /Kids [ 7 0 R 12 0 R ] /S (5 0 R \\) 7 0 R) /H <3520> % 7 0 R\n/L 7 0 R>>\nstream\n5 0 R\nendstream\nendobj\n"
        let renumbered = PDFJoiner.renumbered(ArraySlice(Array(object.utf8))) { [5: 9, 7: 8][$0] }
        XCTAssertEqual(String(decoding: renumbered, as: UTF8.self),
                       "9 0 obj\n<< /A 9 0 R /Kids [ 8 0 R 12 0 R ] /S (5 0 R \\) 7 0 R) /H <3520> % 7 0 R\n/L 8 0 R>>\nstream\n5 0 R\nendstream\nendobj\n")
    }
}

import Foundation
import OIRLayout
import OIRModel
import OIRPipeline
import OIRRender
import XCTest

/// A PNG says its resolution (pHYs), so a document program sizes it as the page it was made
/// for: an A3 page at 300 dpi is 4961 × 3508 pixels and 297 mm wide.
final class PNGResolutionTests: XCTestCase {
    /// The chunks of a PNG: type and data, each with its CRC checked.
    private func chunks(_ png: Data) throws -> [(String, [UInt8])] {
        let bytes = [UInt8](png)
        XCTAssertEqual(Array(bytes.prefix(8)), [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        var out: [(String, [UInt8])] = []
        var p = 8
        while p + 12 <= bytes.count {
            let length = bytes[p..<(p + 4)].reduce(0) { $0 << 8 | Int($1) }
            out.append((String(decoding: bytes[(p + 4)..<(p + 8)], as: UTF8.self), Array(bytes[(p + 8)..<(p + 8 + length)])))
            p += 12 + length
        }
        return out
    }

    private func number(_ bytes: ArraySlice<UInt8>) -> Int { bytes.reduce(0) { $0 << 8 | Int($1) } }

    func testThePNGCarriesItsDPIAndThePagesSizeInPixels() throws {
        let content = Pipeline.content(.official(try Catalog.builtIn()))
        for dpi in [150.0, 300.0] {
            var options = RenderOptions(format: .png, style: try Style.builtIn("official"))
            options.dpi = dpi
            let list = try chunks(try Pipeline.render(content, options: options))
            XCTAssertEqual(list.first?.0, "IHDR")
            let header = try XCTUnwrap(list.first?.1)
            if dpi == 300 {
                XCTAssertEqual(number(header[0..<4]), 4961, "A3 is 420 mm wide")
                XCTAssertEqual(number(header[4..<8]), 3508, "and 297 mm high")
            }
            let phys = try XCTUnwrap(list.first { $0.0 == "pHYs" }?.1, "a pHYs chunk")
            XCTAssertEqual(list.filter { $0.0 == "pHYs" }.count, 1)
            XCTAssertEqual(Double(number(phys[0..<4])) * 0.0254, dpi, accuracy: 0.02, "whole pixels per metre")
            XCTAssertEqual(number(phys[0..<4]), number(phys[4..<8]), "square pixels")
            XCTAssertEqual(phys[8], 1, "per metre")
        }
    }

    /// Every page at both resolutions: exactly the paper's size in whole pixels (A4 at 300 dpi is
    /// 3508 × 2480, not Graphviz's 3506 × 2479 from a size rounded to points) and plain RGB, as
    /// a background that covers the last pixel column makes it (no half-transparent seam).
    func testEveryPageIsItsPaperInWholePixelsAndOpaque() throws {
        let content = Pipeline.content(.official(try Catalog.builtIn()))
        let millimetres: [Page: (Double, Double)] = [
            .a3: (420, 297), .a4: (297, 210), .a3Portrait: (297, 420), .a4Portrait: (210, 297), .slide: (338.667, 190.5),
        ]
        for page in Page.allCases {
            let (width, height) = try XCTUnwrap(millimetres[page])
            for dpi in [150.0, 300.0] {
                var options = RenderOptions(format: .png, style: try Style.builtIn("official"))
                options.page = page
                options.dpi = dpi
                let header = try XCTUnwrap(try chunks(try Pipeline.render(content, options: options)).first?.1)
                let expected = (Int((width / 25.4 * dpi).rounded()), Int((height / 25.4 * dpi).rounded()))
                XCTAssertEqual(number(header[0..<4]), expected.0, "\(page.rawValue) at \(Int(dpi)) dpi: width")
                XCTAssertEqual(number(header[4..<8]), expected.1, "\(page.rawValue) at \(Int(dpi)) dpi: height")
                XCTAssertEqual(header[8], 8, "8 bits per channel")
                XCTAssertEqual(header[9], 2, "\(page.rawValue) at \(Int(dpi)) dpi: RGB without alpha (every pixel opaque)")
            }
        }
    }
}

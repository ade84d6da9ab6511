import Foundation
import XCTest

/// Measures screenshots: how much is painted, how light it is, and the mean colour of a region.
enum PNGProbe {
    struct Picture: Decodable {
        var width: Int
        var height: Int
        /// Share of pixels that differ from the page background, overall and per half.
        var ink: Double
        var inkTop: Double
        var inkBottom: Double
        var luminance: Double
        /// Mean red, green, blue (0–255) of the region asked for, or of the whole picture.
        var mean: [Double]
        /// The painted area: left, top, right, bottom pixel of everything that is not background.
        var inkBox: [Int]
    }

    /// Decodes a PNG with Python's zlib (no image library needed) and measures it, or `region` of it.
    static func measure(_ png: URL, region: (x: Int, y: Int, width: Int, height: Int)? = nil, scratch: URL) throws -> Picture {
        let script = scratch.appendingPathComponent("measure.py")
        try Self.script.write(to: script, atomically: true, encoding: .utf8)
        let area = region.map { [$0.x, $0.y, $0.width, $0.height].map(String.init) } ?? []
        let json = try XCTUnwrap(try runTool("python3", [script.path, png.path] + area))
        return try JSONDecoder().decode(Picture.self, from: Data(json.utf8))
    }

    static let script = #"""
    import json, struct, sys, zlib

    def decode(path):
        data = open(path, 'rb').read()
        assert data[:8] == b'\x89PNG\r\n\x1a\n', 'not a PNG'
        pos, idat = 8, b''
        while pos < len(data):
            length, kind = struct.unpack('>I4s', data[pos:pos + 8])
            body = data[pos + 8:pos + 8 + length]
            if kind == b'IHDR':
                width, height, depth, color = struct.unpack('>IIBB', body[:10])
            elif kind == b'IDAT':
                idat += body
            pos += 12 + length
        assert depth == 8 and color in (2, 6), (depth, color)
        bpp = 4 if color == 6 else 3
        raw = zlib.decompress(idat)
        stride = width * bpp
        rows, prev, i = [], bytearray(stride), 0
        for _ in range(height):
            f = raw[i]; line = bytearray(raw[i + 1:i + 1 + stride]); i += 1 + stride
            for x in range(stride):
                a = line[x - bpp] if x >= bpp else 0
                b = prev[x]; c = prev[x - bpp] if x >= bpp else 0
                if f == 1: line[x] = (line[x] + a) & 255
                elif f == 2: line[x] = (line[x] + b) & 255
                elif f == 3: line[x] = (line[x] + (a + b) // 2) & 255
                elif f == 4:
                    p = a + b - c; pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                    line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
            rows.append(line); prev = line
        return width, height, bpp, rows

    width, height, bpp, rows = decode(sys.argv[1])
    background = tuple(rows[0][0:3])
    def ink(lo, hi):
        n = hits = 0
        for y in range(lo, hi, 3):
            row = rows[y]
            for x in range(0, width * bpp, bpp * 3):
                n += 1
                if abs(row[x] - background[0]) + abs(row[x + 1] - background[1]) + abs(row[x + 2] - background[2]) > 30:
                    hits += 1
        return hits / max(n, 1)
    total = count = 0
    for y in range(0, height, 4):
        row = rows[y]
        for x in range(0, width * bpp, bpp * 4):
            total += (0.2126 * row[x] + 0.7152 * row[x + 1] + 0.0722 * row[x + 2]) / 255; count += 1
    rx, ry, rw, rh = (int(v) for v in sys.argv[2:6]) if len(sys.argv) >= 6 else (0, 0, width, height)
    sums, n = [0, 0, 0], 0
    for y in range(ry, min(ry + rh, height)):
        row = rows[y]
        for x in range(rx, min(rx + rw, width)):
            for c in range(3): sums[c] += row[x * bpp + c]
            n += 1
    left, top, right, bottom = width, height, -1, -1
    for y in range(height):
        row = rows[y]
        for x in range(width):
            if abs(row[x * bpp] - background[0]) + abs(row[x * bpp + 1] - background[1]) + abs(row[x * bpp + 2] - background[2]) > 30:
                left, right = min(left, x), max(right, x); top, bottom = min(top, y), max(bottom, y)
    print(json.dumps({'inkBox': [left, top, right, bottom], 'width': width, 'height': height, 'ink': ink(0, height), 'inkTop': ink(0, height // 2),
                      'inkBottom': ink(height // 2, height), 'luminance': total / count, 'mean': [v / max(n, 1) for v in sums]}))
    """#
}

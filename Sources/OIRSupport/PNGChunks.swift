/// Small edits of a PNG file's chunks: the resolution a document program reads to size the
/// picture (a 300 dpi A3 PNG is 297 mm wide, not 4961 points).
public enum PNGChunks {
    /// `png` with a pHYs chunk saying `dpi` pixels per inch (in pixels per metre, as PNG counts),
    /// placed right after IHDR and replacing any pHYs there was. Returns `png` unchanged when it
    /// is not a PNG.
    public static func settingResolution(_ png: [UInt8], dpi: Double) -> [UInt8] {
        let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        guard png.count > 33, Array(png[0..<8]) == signature, Array(png[12..<16]) == Array("IHDR".utf8) else { return png }
        let perMetre = UInt32((dpi / 0.0254).rounded())
        var body = Array("pHYs".utf8)
        body += bigEndian(perMetre) + bigEndian(perMetre) + [1]  // unit: metre
        let chunk = bigEndian(9) + body + bigEndian(crc32(body))
        var out = Array(png[0..<33])  // signature and IHDR (13 bytes of data)
        out += chunk
        var position = 33
        while position + 12 <= png.count {
            let length = Int(png[position]) << 24 | Int(png[position + 1]) << 16 | Int(png[position + 2]) << 8 | Int(png[position + 3])
            let end = position + 12 + length
            guard end <= png.count else { return png }
            if Array(png[(position + 4)..<(position + 8)]) != Array("pHYs".utf8) { out += png[position..<end] }
            position = end
        }
        return out
    }

    static func bigEndian(_ value: UInt32) -> [UInt8] {
        [UInt8(value >> 24), UInt8((value >> 16) & 0xFF), UInt8((value >> 8) & 0xFF), UInt8(value & 0xFF)]
    }

    /// CRC-32 as PNG computes it (ISO 3309), over a chunk's type and data.
    static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        return crc ^ 0xFFFF_FFFF
    }
}

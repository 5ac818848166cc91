import QRCode

/// A minimal PNG writer: 8-bit greyscale, no filtering, zlib "stored" (uncompressed) blocks.
///
/// Enough for a real decoder to read the symbols the tests render, without an image library.
struct PNGImage {
    let width: Int
    let height: Int
    /// Row-major grey levels, 0 black to 255 white.
    let pixels: [UInt8]

    /// Renders `code` with `quietZone` light modules around it and `scale` pixels per module.
    init(_ code: ModuleGrid, scale: Int = 4, quietZone: Int = 4) {
        let extent = (code.size + 2 * quietZone) * scale
        var pixels = [UInt8](repeating: 255, count: extent * extent)
        for py in 0..<extent {
            for px in 0..<extent where code.isDark(x: px / scale - quietZone, y: py / scale - quietZone) {
                pixels[py * extent + px] = 0
            }
        }
        self.init(width: extent, height: extent, pixels: pixels)
    }

    init(width: Int, height: Int, pixels: [UInt8]) {
        precondition(pixels.count == width * height)
        self.width = width
        self.height = height
        self.pixels = pixels
    }

    /// The file's bytes.
    var data: [UInt8] {
        var header: [UInt8] = []
        header += Self.bigEndian(UInt32(width))
        header += Self.bigEndian(UInt32(height))
        header += [8, 0, 0, 0, 0]  // bit depth 8, greyscale, deflate, adaptive filtering, no interlace

        var scanlines: [UInt8] = []
        scanlines.reserveCapacity((width + 1) * height)
        for row in 0..<height {
            scanlines.append(0)  // filter type None
            scanlines += pixels[row * width..<(row + 1) * width]
        }

        return [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
            + Self.chunk("IHDR", header)
            + Self.chunk("IDAT", Self.zlibStored(scanlines))
            + Self.chunk("IEND", [])
    }

    /// A zlib stream (RFC 1950) holding `bytes` in deflate stored blocks (RFC 1951 section 3.2.4).
    static func zlibStored(_ bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = [0x78, 0x01]  // deflate, 32 KiB window, check bits make 0x7801 % 31 == 0
        var start = 0
        repeat {
            let length = min(65_535, bytes.count - start)
            let isFinal = start + length == bytes.count
            out.append(isFinal ? 1 : 0)
            out += [UInt8(length & 0xFF), UInt8(length >> 8)]
            out += [UInt8(~length & 0xFF), UInt8((~length >> 8) & 0xFF)]
            out += bytes[start..<start + length]
            start += length
        } while start < bytes.count
        return out + bigEndian(adler32(bytes))
    }

    static func adler32(_ bytes: [UInt8]) -> UInt32 {
        var a: UInt32 = 1, b: UInt32 = 0
        for byte in bytes {
            a = (a + UInt32(byte)) % 65_521
            b = (b + a) % 65_521
        }
        return b << 16 | a
    }

    /// CRC-32 as PNG and zlib define it (reflected, polynomial 0xEDB88320).
    static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        return ~crc
    }

    private static func chunk(_ type: String, _ body: [UInt8]) -> [UInt8] {
        let typeAndBody = Array(type.utf8) + body
        return bigEndian(UInt32(body.count)) + typeAndBody + bigEndian(crc32(typeAndBody))
    }

    private static func bigEndian(_ value: UInt32) -> [UInt8] {
        [UInt8(value >> 24), UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)]
    }
}

/// Anything with a module grid: the encoder's symbols, and grids rebuilt from SVG output.
protocol ModuleGrid {
    var size: Int { get }
    func isDark(x: Int, y: Int) -> Bool
}

extension QRCode: ModuleGrid {}

import Foundation

/// Small but real files of each type, built byte by byte.
enum Samples {
    /// A valid 1×1 grey PNG: signature, IHDR, IDAT (a zlib stream with one stored block), IEND, with real CRCs.
    static var png: [UInt8] {
        func chunk(_ type: String, _ data: [UInt8]) -> [UInt8] {
            let body = Array(type.utf8) + data
            return bigEndian(UInt32(data.count)) + body + bigEndian(crc32(body))
        }
        let ihdr = bigEndian(1) + bigEndian(1) + [8, 0, 0, 0, 0]  // 1×1, 8-bit greyscale
        let scanline: [UInt8] = [0, 0x80]  // filter 0, one pixel
        let zlib: [UInt8] = [0x78, 0x01, 0x01, 0x02, 0x00, 0xFD, 0xFF] + scanline + bigEndian(adler32(scanline))
        return [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + chunk("IHDR", ihdr) + chunk("IDAT", zlib) + chunk("IEND", [])
    }

    static let jpeg: [UInt8] = [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10] + Array("JFIF".utf8) + [0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00, 0xFF, 0xD9]

    /// The classic 1×1 transparent GIF.
    static let gif: [UInt8] = Array("GIF89a".utf8) + [
        0x01, 0x00, 0x01, 0x00, 0x80, 0x00, 0x00, 0x00, 0x00, 0x00, 0xFF, 0xFF, 0xFF, 0x21, 0xF9, 0x04, 0x01, 0x00, 0x00, 0x00, 0x00,
        0x2C, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00, 0x02, 0x02, 0x44, 0x01, 0x00, 0x3B,
    ]

    static let webp: [UInt8] = Array("RIFF".utf8) + [0x1A, 0, 0, 0] + Array("WEBPVP8L".utf8) + [0x0D, 0, 0, 0, 0x2F, 0, 0, 0, 0x10, 0x07, 0x10, 0x11, 0x11, 0x88, 0x88, 0xFE, 0x07, 0x00]

    static let pdf: [UInt8] = Array("""
        %PDF-1.4
        %\u{E2}\u{E3}\u{CF}\u{D3}
        1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj
        2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj
        trailer << /Root 1 0 R >>
        %%EOF

        """.utf8)

    /// The start of a .docx: a ZIP local file header for "[Content_Types].xml".
    static let docx: [UInt8] = [0x50, 0x4B, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00, 0x08, 0x00, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x13, 0x00, 0, 0]
        + Array("[Content_Types].xml".utf8) + [0xAD, 0x92, 0x4D, 0x4F]

    static let mp4: [UInt8] = [0, 0, 0, 0x20] + Array("ftypisom".utf8) + [0, 0, 2, 0] + Array("isomiso2avc1mp41".utf8) + [0, 0, 0, 8] + Array("free".utf8)

    /// A QuickTime movie: an ISO box, but not an MP4 brand.
    static let quickTime: [UInt8] = [0, 0, 0, 0x14] + Array("ftypqt  ".utf8) + [0, 0, 2, 0] + Array("qt  ".utf8) + [0, 0, 0, 8] + Array("wide".utf8)

    static let webm: [UInt8] = [0x1A, 0x45, 0xDF, 0xA3, 0x9F, 0x42, 0x86, 0x81, 0x01, 0x42, 0xF7, 0x81, 0x01, 0x42, 0xF2, 0x81, 0x04, 0x42, 0xF3, 0x81, 0x08,
                                0x42, 0x82, 0x84] + Array("webm".utf8) + [0x42, 0x87, 0x81, 0x04, 0x42, 0x85, 0x81, 0x02]

    static let matroska: [UInt8] = [0x1A, 0x45, 0xDF, 0xA3, 0xA3, 0x42, 0x86, 0x81, 0x01, 0x42, 0x82, 0x88] + Array("matroska".utf8) + [0x42, 0x87, 0x81, 0x04]

    /// A PE executable's headers: "MZ", the DOS stub, e_lfanew = 0x80, "PE\0\0" and a machine type.
    static var exe: [UInt8] {
        var out = [UInt8](repeating: 0, count: 0x98)
        out[0] = 0x4D; out[1] = 0x5A; out[2] = 0x90; out[4] = 0x03
        out[0x3C] = 0x80
        let stub = Array("This program cannot be run in DOS mode.".utf8)
        out.replaceSubrange(0x4E..<(0x4E + stub.count), with: stub)
        out.replaceSubrange(0x80..<0x86, with: [0x50, 0x45, 0, 0, 0x64, 0x86])
        return out
    }

    static let elf: [UInt8] = [0x7F, 0x45, 0x4C, 0x46, 0x02, 0x01, 0x01, 0x00] + [UInt8](repeating: 0, count: 8) + [0x02, 0x00, 0x3E, 0x00]

    static let html = Array("<!DOCTYPE html>\n<html><head><title>x</title></head><body><script>alert(1)</script></body></html>\n".utf8)
    static let htmlScriptOnly = Array("  \r\n<script>fetch('/api/me')</script>".utf8)
    static let svg = Array("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"><rect width=\"1\" height=\"1\"/></svg>\n".utf8)
    static let bareSVG = [0xEF, 0xBB, 0xBF] + Array("<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>".utf8)
    static let csv = Array("name,amount,date\nAlice,3.50,2024-05-01\n\"Bob, Jr.\",4,2024-05-02\n".utf8)

    // MARK: Checksums for the PNG

    static func bigEndian(_ value: UInt32) -> [UInt8] {
        [UInt8(value >> 24), UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)]
    }

    static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var c: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            c ^= UInt32(byte)
            for _ in 0..<8 { c = c & 1 == 1 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
        }
        return ~c
    }

    static func adler32(_ bytes: [UInt8]) -> UInt32 {
        var a: UInt32 = 1, b: UInt32 = 0
        for byte in bytes {
            a = (a + UInt32(byte)) % 65_521
            b = (b + a) % 65_521
        }
        return b << 16 | a
    }
}

import Foundation
import Testing
@testable import ZipArchive

/// ZIP64: when the classic format's 16- and 32-bit fields overflow.
@Suite struct Zip64Tests {
    let modified = Date(timeIntervalSince1970: 1_700_000_000)

    /// 65,536 entries: more than the 16-bit count can hold, so the end record moves to ZIP64.
    @Test func moreThan65535Entries() throws {
        try ArchiveFile.with { archive in
            let count = 65_536
            try archive.write { zip in
                for i in 0..<count {
                    try zip.addFile(path: "e/\(i)", modified: modified, data: i % 4096 == 0 ? Array("entry \(i)".utf8) : [])
                }
            }
            let bytes = try archive.bytes()
            #expect(bytes.contains(signature: 0x0606_4B50), "no ZIP64 end of central directory record")
            #expect(bytes.contains(signature: 0x0706_4B50), "no ZIP64 locator")
            try archive.checkWithUnzip()
            try archive.checkWithPython()
            let result = try Tool.run("python3", ["-c", "import sys, zipfile; z = zipfile.ZipFile(sys.argv[1]); print(len(z.infolist())); print(z.read('e/8192').decode())", archive.path])
            #expect(result.output == "\(count)\nentry 8192\n")
        }
    }

    @Test func smallArchivesHaveNoZip64Records() throws {
        try ArchiveFile.with { archive in
            try archive.write { zip in try zip.addFile(path: "a", modified: modified, data: [1, 2, 3]) }
            let bytes = try archive.bytes()
            #expect(!bytes.contains(signature: 0x0606_4B50))
            #expect(bytes.count == 30 + 1 + 9 + 3 + 46 + 1 + 9 + 22)
        }
    }

    /// Sizes, offsets and counts as ZIP64 for every entry, with the thresholds lowered to zero (writing 4 GiB in a
    /// unit test is not practical; APPNOTE 4.3.9.2 allows ZIP64 fields for any size).
    @Test func zip64SizesOffsetsAndCountsAreReadCorrectly() throws {
        try ArchiveFile.with { archive in
            let data = randomBytes(200_000, seed: 8)
            let streamed = randomBytes(100_001, seed: 9)
            try archive.write(limits: Zip64Limits(size: 0, offset: 0, count: 0)) { zip in
                try zip.addFile(path: "stored.bin", modified: modified, data: data)
                try zip.beginFile(path: "streamed.bin", modified: modified)
                try zip.write(streamed.prefix(50_000))
                try zip.write(streamed.dropFirst(50_000))
                try zip.endFile()
                try zip.addFile(path: "tiny.txt", modified: modified, data: Array("tiny".utf8))
            }
            try archive.checkWithUnzip()
            try archive.checkWithPython()
            let entries = try archive.entriesReadByPython()
            #expect(entries.map(\.name) == ["stored.bin", "streamed.bin", "tiny.txt"])
            #expect(entries.map(\.size) == [data.count, streamed.count, 4])
            #expect(entries.allSatisfy { $0.hasZip64Extra && $0.crc == $0.dataCRC })
            #expect(entries[0].dataCRC == CRC32.checksum(data))
            #expect(entries[1].dataCRC == CRC32.checksum(streamed))
            #expect(entries[2].contentHex == "tiny".hex)
            let bytes = try archive.bytes()
            #expect(bytes.contains(signature: 0x0606_4B50))
            // The streamed entry's data descriptor carries 8-byte sizes.
            var descriptor: [UInt8] = []
            descriptor.appendLE(UInt32(0x0807_4B50)); descriptor.appendLE(CRC32.checksum(streamed))
            descriptor.appendLE(UInt64(streamed.count)); descriptor.appendLE(UInt64(streamed.count))
            #expect(bytes.firstRange(of: descriptor) != nil)
        }
    }
}

extension Array where Element == UInt8 {
    func contains(signature: UInt32) -> Bool {
        var pattern: [UInt8] = []
        pattern.appendLE(signature)
        return firstRange(of: pattern) != nil
    }
}

import Foundation
import Testing
@testable import ZipArchive

/// Archives that other tools accept, with the names, times and bytes that went in.
@Suite struct ZipWriterTests {
    /// 2024-03-09T20:27:31Z
    let modified = Date(timeIntervalSince1970: 1_710_016_051)

    @Test func storedAndStreamedEntriesAreReadBackExactly() throws {
        try ArchiveFile.with { archive in
            let big = randomBytes(3 * 1024 * 1024 + 5, seed: 2)
            let streamed = randomBytes(2_500_000, seed: 3)
            try archive.write { zip in
                try zip.addFile(path: "hello.txt", modified: modified, data: Array("Hello, world\n".utf8))
                try zip.addFile(path: "Grüße/日本語 notes.txt", modified: modified, data: Array("ünïcödé".utf8))
                try zip.addFile(path: "empty.txt", modified: modified, data: [UInt8]())
                try zip.addFile(path: "attachments/big.bin", modified: modified, data: big)
                try zip.beginFile(path: "attachments/video.webm", modified: modified)
                var start = 0
                for size in [1, 65_536, 1_000_000, 333] {
                    try zip.write(streamed[start..<(start + size)])
                    start += size
                }
                try zip.write(streamed[start...])
                try zip.endFile()
                try zip.beginFile(path: "streamed-empty.txt", modified: modified)
                try zip.endFile()
            }
            try archive.checkWithUnzip()
            try archive.checkWithPython()

            let entries = try archive.entriesReadByPython()
            #expect(entries.map(\.name) == ["hello.txt", "Grüße/日本語 notes.txt", "empty.txt", "attachments/big.bin", "attachments/video.webm", "streamed-empty.txt"])
            #expect(entries.map(\.size) == [13, "ünïcödé".utf8.count, 0, big.count, streamed.count, 0])
            for entry in entries {
                #expect(entry.crc == entry.dataCRC, "\(entry.name)")
                #expect(entry.flags & 0x0800 != 0, "UTF-8 flag on \(entry.name)")
                #expect(entry.dateTime == [2024, 3, 9, 20, 27, 30], "\(entry.name)")  // DOS time: 2-second steps, UTC
                #expect(!entry.hasZip64Extra)
            }
            #expect(entries.map { $0.flags & 0x0008 != 0 } == [false, false, false, false, true, true])
            #expect(entries[0].contentHex == "Hello, world\n".hex)
            #expect(entries[1].contentHex == "ünïcödé".hex)
            #expect(entries[3].dataCRC == CRC32.checksum(big))
            #expect(entries[4].dataCRC == CRC32.checksum(streamed))
        }
    }

    @Test func extractedFilesHaveTheirBytesAndExactModificationTime() throws {
        try ArchiveFile.with { archive in
            let data = randomBytes(70_000, seed: 4)
            try archive.write { zip in
                try zip.addFile(path: "a/b/c.bin", modified: modified, data: data)
                try zip.beginFile(path: "a/d.txt", modified: modified.addingTimeInterval(86_400 * 400))
                try zip.write(Array("streamed".utf8))
                try zip.endFile()
            }
            let target = archive.folder + "/out"
            let result = try Tool.run("unzip", ["-q", archive.path, "-d", target])
            #expect(result.status == 0, "\(result.output)")
            #expect(Array(try Data(contentsOf: URL(fileURLWithPath: target + "/a/b/c.bin"))) == data)
            #expect(try String(contentsOfFile: target + "/a/d.txt", encoding: .utf8) == "streamed")
            // The odd second survives through the extended-timestamp field.
            let attributes = try FileManager.default.attributesOfItem(atPath: target + "/a/d.txt")
            #expect((attributes[.modificationDate] as? Date) == modified.addingTimeInterval(86_400 * 400))
            let mode = (try FileManager.default.attributesOfItem(atPath: target + "/a/b/c.bin")[.posixPermissions] as? Int ?? 0) & 0o777
            #expect(mode == 0o644)
        }
    }

    @Test func pathsAreSanitised() throws {
        #expect(try ZipPath.sanitize("/etc/passwd") == "etc/passwd")
        #expect(try ZipPath.sanitize("C:\\Users\\bob\\report.pdf") == "Users/bob/report.pdf")
        #expect(try ZipPath.sanitize("a/./b//c.txt") == "a/b/c.txt")
        #expect(try ZipPath.sanitize("tickets/T-1/..hidden") == "tickets/T-1/..hidden")
        for bad in ["../x", "a/../../b", "a\\..\\b", "", "/", "./.", "folder/", "a\u{0}b", "line\nbreak"] {
            #expect(throws: ZipError.self, "\(bad.debugDescription)") { try ZipPath.sanitize(bad) }
        }
        #expect(throws: ZipError.invalidPath("../x", reason: "\"..\" would lead outside the folder it is extracted to")) { try ZipPath.sanitize("../x") }
    }

    @Test func writtenNamesAreSanitisedAndMustBeUnique() throws {
        try ArchiveFile.with { archive in
            try archive.write { zip in
                try zip.addFile(path: "/absolute/file.txt", modified: modified, data: [1])
                #expect(throws: ZipError.duplicatePath("absolute/file.txt")) {
                    try zip.addFile(path: "absolute//file.txt", modified: modified, data: [2])
                }
                #expect(throws: ZipError.self) { try zip.beginFile(path: "../escape.txt", modified: modified) }
            }
            #expect(try archive.entriesReadByPython().map(\.name) == ["absolute/file.txt"])
            try archive.checkWithUnzip()
        }
    }

    @Test func callsOutOfOrderAreRefused() throws {
        var zip = ZipWriter { _ in }
        #expect(throws: ZipError.noEntryOpen) { try zip.write([1]) }
        #expect(throws: ZipError.noEntryOpen) { try zip.endFile() }
        try zip.beginFile(path: "a", modified: modified)
        #expect(throws: ZipError.entryOpen) { try zip.addFile(path: "b", modified: modified, data: [1]) }
        #expect(throws: ZipError.entryOpen) { try zip.beginFile(path: "c", modified: modified) }
        #expect(throws: ZipError.entryOpen) { try zip.finish() }
        try zip.endFile()
        try zip.finish()
        #expect(throws: ZipError.finished) { try zip.finish() }
        #expect(throws: ZipError.finished) { try zip.addFile(path: "d", modified: modified, data: [1]) }
        #expect(throws: ZipError.finished) { try zip.write([1]) }
    }

    @Test func aSinkErrorStopsTheWrite() {
        struct Full: Error {}
        var zip = ZipWriter { _ in throw Full() }
        #expect(throws: Full.self) { try zip.addFile(path: "a", modified: modified, data: [1, 2, 3]) }
    }

    @Test func datesOutsideTheDOSRangeAreClamped() {
        #expect(DOSDateTime(Date(timeIntervalSince1970: 0)) == DOSDateTime(Date(timeIntervalSince1970: 315_532_800)))
        let early = DOSDateTime(Date(timeIntervalSince1970: 315_532_800))
        #expect(early.date == (0 << 9 | 1 << 5 | 1) && early.time == 0)
        let leapDay = DOSDateTime(Date(timeIntervalSince1970: 1_709_164_799))  // 2024-02-28T23:59:59Z
        #expect(leapDay.date == UInt16(44 << 9 | 2 << 5 | 28) && leapDay.time == UInt16(23 << 11 | 59 << 5 | 29))
        let late = DOSDateTime(Date(timeIntervalSince1970: 5_000_000_000))
        #expect(late.date == UInt16(127 << 9 | 12 << 5 | 31))
    }
}

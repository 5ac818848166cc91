import Foundation
import Testing

/// A thrown test failure with a message (Swift Testing reports the error's description).
struct TestFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// Reads back the structure of a written PDF with plain byte scanning, independently of the writer's code.
struct PDFFile {
    let bytes: [UInt8]

    var text: String { String(decoding: bytes, as: UTF8.self) }

    /// The offset after the last `startxref` keyword.
    func startxref() throws -> Int {
        let tail = String(decoding: bytes.suffix(64), as: UTF8.self)
        let lines = tail.split(separator: "\n", omittingEmptySubsequences: false)
        guard lines.count >= 4, lines[lines.count - 1] == "", lines[lines.count - 2] == "%%EOF",
            lines[lines.count - 4] == "startxref", let offset = Int(lines[lines.count - 3])
        else { throw TestFailure("no startxref … %%EOF at the end: \(tail.debugDescription)") }
        return offset
    }

    /// The cross-reference table's entries in order: (offset, generation, kind), read as fixed 20-byte records.
    func xrefEntries() throws -> [(offset: Int, generation: Int, kind: Character)] {
        let start = try startxref()
        guard start >= 0, start < bytes.count, bytes[start...].starts(with: "xref\n".utf8) else {
            throw TestFailure("startxref \(start) does not point at 'xref'")
        }
        var index = start + 5
        guard let headerEnd = bytes[index...].firstIndex(of: 0x0A) else { throw TestFailure("no subsection header") }
        let header = String(decoding: bytes[index..<headerEnd], as: UTF8.self).split(separator: " ")
        guard header.count == 2, header[0] == "0", let count = Int(header[1]) else {
            throw TestFailure("bad subsection header \(header)")
        }
        index = headerEnd + 1
        var entries: [(Int, Int, Character)] = []
        for _ in 0..<count {
            guard index + 20 <= bytes.count else { throw TestFailure("cross-reference table cut short") }
            let record = Array(bytes[index..<(index + 20)])
            let fields = String(decoding: record.prefix(18), as: UTF8.self).split(separator: " ", omittingEmptySubsequences: false)
            let lineEnd = Array(record.suffix(2))
            guard [[0x0D, 0x0A], [0x20, 0x0A], [0x20, 0x0D]].contains(lineEnd), fields.count == 3, fields[0].count == 10, fields[1].count == 5,
                let offset = Int(fields[0]), let generation = Int(fields[1]), let kind = fields[2].first, fields[2].count == 1
            else { throw TestFailure("bad 20-byte cross-reference entry \(String(decoding: record, as: UTF8.self).debugDescription)") }
            entries.append((offset, generation, kind))
            index += 20
        }
        guard bytes[index...].starts(with: "trailer".utf8) else { throw TestFailure("no trailer after the table") }
        return entries
    }

    /// The object numbers of every `N 0 obj` that begins a line, in file order.
    var definedObjects: [Int] {
        var numbers: [Int] = []
        for line in text.split(separator: "\n") where line.hasSuffix(" 0 obj") {
            if let number = Int(line.dropLast(6)) { numbers.append(number) }
        }
        return numbers
    }

    /// The trailer dictionary's text.
    func trailer() throws -> String {
        guard let range = text.range(of: "trailer\n", options: .backwards),
            let end = text.range(of: "\nstartxref", range: range.upperBound..<text.endIndex)
        else { throw TestFailure("no trailer") }
        return String(text[range.upperBound..<end.lowerBound])
    }

    /// Every stream: the declared `/Length` and the bytes between `stream\n` and `\nendstream`.
    func streams() -> [(length: Int, data: [UInt8])] {
        var found: [(Int, [UInt8])] = []
        let marker = Array("/Length ".utf8)
        var index = 0
        while index + marker.count < bytes.count {
            guard bytes[index..<(index + marker.count)].elementsEqual(marker) else { index += 1; continue }
            var cursor = index + marker.count
            var length = 0
            while cursor < bytes.count, (0x30...0x39).contains(bytes[cursor]) {
                length = length * 10 + Int(bytes[cursor] - 0x30)
                cursor += 1
            }
            let open = Array(" >>\nstream\n".utf8)
            if bytes[cursor...].starts(with: open) {
                let dataStart = cursor + open.count
                let close = Array("\nendstream".utf8)
                var end = dataStart
                while end + close.count <= bytes.count, !bytes[end..<(end + close.count)].elementsEqual(close) { end += 1 }
                found.append((length, Array(bytes[dataStart..<end])))
                index = end
            } else {
                index = cursor
            }
        }
        return found
    }
}

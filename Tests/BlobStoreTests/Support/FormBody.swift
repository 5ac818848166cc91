import BlobStore
import Testing

/// Builds `multipart/form-data` bodies and runs the parser over them in chosen pieces.
struct FormBody {
    struct Part: Equatable {
        var headers: MultipartPartHeaders
        var body: [UInt8]
    }

    static func make(boundary: String, parts: [(headers: [String], body: [UInt8])], preamble: String? = nil, epilogue: String = "\r\n") -> [UInt8] {
        var out: [UInt8] = []
        if let preamble { out += Array((preamble + "\r\n").utf8) }
        for part in parts {
            out += Array("--\(boundary)\r\n".utf8)
            for header in part.headers { out += Array((header + "\r\n").utf8) }
            out += Array("\r\n".utf8)
            out += part.body
            out += Array("\r\n".utf8)
        }
        out += Array("--\(boundary)--\(epilogue)".utf8)
        return out
    }

    /// Feeds `body` cut at `cuts` (ascending offsets), checks that the events are well nested and end with `.end`,
    /// calls `finish()`, and returns the parts with their bodies joined.
    static func parse(_ body: [UInt8], boundary: String, cuts: [Int], limits: MultipartParser.Limits = .init()) throws -> [Part] {
        var parser = try MultipartParser(boundary: boundary, limits: limits)
        var events: [MultipartEvent] = []
        var start = 0
        for cut in cuts + [body.count] where cut >= start {
            events += try parser.feed(body[start..<cut])
            start = cut
        }
        try parser.finish()
        return try parts(from: events)
    }

    static func parts(from events: [MultipartEvent]) throws -> [Part] {
        var parts: [Part] = []
        var open = false
        var ended = false
        for event in events {
            #expect(!ended, "an event after .end")
            switch event {
            case .partBegin(let headers):
                #expect(!open, "a part began inside another")
                parts.append(Part(headers: headers, body: []))
                open = true
            case .body(let bytes):
                #expect(open, "body bytes outside a part")
                #expect(!bytes.isEmpty, "an empty body event")
                parts[parts.count - 1].body += bytes
            case .partEnd:
                #expect(open, "a part ended that had not begun")
                open = false
            case .end:
                #expect(!open, "the form ended inside a part")
                ended = true
            }
        }
        #expect(ended, "no .end event")
        return parts
    }

    /// Cuts of random sizes from 1 to `maxPiece` bytes.
    static func randomCuts(length: Int, maxPiece: Int, seed: UInt64) -> [Int] {
        var generator = SeededGenerator(seed: seed)
        var cuts: [Int] = []
        var position = 0
        while position < length {
            position += Int.random(in: 1...maxPiece, using: &generator)
            if position < length { cuts.append(position) }
        }
        return cuts
    }
}

import Foundation

/// Scores the extractor on Microsoft Recognizers-Text's English sequence specs (e-mail, phone, URL).
///
/// Each spec file is a JSON list of `{"Input", "Results": [{"Text", "Start", "End", "TypeName"}],
/// "NotSupported", "NotSupportedByDesign"}`, UTF-8 with a byte-order mark. `Start` and `End` are
/// UTF-16 indices with `End` inclusive; where they are missing, the result's `Text` (lower-cased in
/// the specs) is looked up case-insensitively in the input, successive results taking successive
/// occurrences. A prediction counts only with the exact span and the file's type; other kinds the
/// extractor finds in the same input are not scored against this file. Cases marked
/// `NotSupported` (some ports fail them) or `NotSupportedByDesign` stay in, and are also scored
/// apart as the "hard" subset.
public enum RecognizersTextEvaluation {
    public struct Case: Sendable {
        public var input: String
        /// Gold spans in Unicode scalar offsets, end exclusive.
        public var spans: [Range<Int>]
        public var hard: Bool
    }

    public static func load(_ data: Data) throws -> [Case] {
        var bytes = data
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        guard let list = try JSONSerialization.jsonObject(with: Data(bytes)) as? [[String: Any]] else {
            throw CocoaError(.propertyListReadCorrupt)
        }
        return list.map { item in
            let input = item["Input"] as? String ?? ""
            let results = item["Results"] as? [[String: Any]] ?? []
            let utf16ToScalar = scalarOffsets(input)
            let lowered = Array(input.lowercased().unicodeScalars)
            var searchFrom = 0
            var spans: [Range<Int>] = []
            for result in results {
                let text = result["Text"] as? String ?? ""
                if let start = (result["Start"] as? NSNumber)?.intValue, let end = (result["End"] as? NSNumber)?.intValue,
                   start >= 0, end + 1 < utf16ToScalar.count {
                    spans.append(utf16ToScalar[start]..<utf16ToScalar[end + 1])
                } else if let found = find(Array(text.lowercased().unicodeScalars), in: lowered, from: searchFrom) {
                    spans.append(found)
                    searchFrom = found.upperBound
                }
            }
            let hard = !((item["NotSupported"] as? String) ?? "").isEmpty || item["NotSupportedByDesign"] != nil
            return Case(input: input, spans: spans, hard: hard)
        }
    }

    /// For each UTF-16 offset (and the end), the Unicode scalar offset.
    static func scalarOffsets(_ text: String) -> [Int] {
        var map: [Int] = []
        for (index, scalar) in text.unicodeScalars.enumerated() {
            map.append(index)
            if scalar.utf16.count == 2 { map.append(index) }
        }
        map.append(text.unicodeScalars.count)
        return map
    }

    static func find(_ needle: [Unicode.Scalar], in haystack: [Unicode.Scalar], from: Int) -> Range<Int>? {
        guard !needle.isEmpty, needle.count <= haystack.count else { return nil }
        var i = from
        while i + needle.count <= haystack.count {
            if haystack[i..<(i + needle.count)].elementsEqual(needle) { return i..<(i + needle.count) }
            i += 1
        }
        return nil
    }

    /// Scores of `kind` on `cases` (all, and the hard subset) and the errors, named `type` in the errors.
    public static func score(_ cases: [Case], kind: EntityKind, type: String, extractor: EntityExtractor)
        -> (all: EntityScore, hard: EntityScore, errors: [EntityError]) {
        var all = EntityScore(), hard = EntityScore()
        var errors: [EntityError] = []
        let reference = Date(timeIntervalSince1970: 1_647_334_800)
        for item in cases {
            let predicted = extractor.extract(item.input, reference: reference, timeZone: TimeZone(identifier: "UTC")!)
                .filter { $0.kind == kind }
            let predictedSpans = Set(predicted.map { $0.start..<$0.end })
            let gold = Set(item.spans)
            let score = EntityScore(truePositives: predictedSpans.intersection(gold).count, predicted: predicted.count, gold: item.spans.count)
            all = all + score
            if item.hard { hard = hard + score }
            let scalars = Array(item.input.unicodeScalars)
            for span in item.spans where !predictedSpans.contains(span) {
                let found = predicted.filter { $0.start < span.upperBound && span.lowerBound < $0.end }.map(\.text).joined(separator: " | ")
                errors.append(EntityError(set: "recognizers-text", type: type, outcome: .miss, message: item.input,
                                          text: EntityScalars.string(scalars, span), value: "", found: found))
            }
            for entity in predicted where !gold.contains(entity.start..<entity.end) {
                errors.append(EntityError(set: "recognizers-text", type: type, outcome: .falseAlarm, message: item.input,
                                          text: entity.text, value: entity.value))
            }
        }
        return (all, hard, errors)
    }
}

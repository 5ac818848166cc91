import Foundation

/// Scores dates, periods, times, date-times and durations on Recognizers-Text's
/// `DateTime/English/DateTimeModel.json`, for information: its conventions are not the portal's
/// (month-first numeric dates, prepositions inside spans, both past and future readings of
/// "Friday", end-exclusive ranges), so no target is set on it.
///
/// Each case resolves against its own `Context.ReferenceDateTime` (UTC). A prediction counts for
/// "span" with the exact span and the matching type (`date`, `daterange`, `time`, `datetime`,
/// `duration`); for "value" its value must also be one of the case's resolutions: a day equal to a
/// `value`, a period with the same `start` and an `end` equal to its last day or the day after, a
/// time or date-time equal to the `value` without seconds, a duration of the same seconds (a month
/// 30 days, a year 365). The spec's other types (`datetimerange`, `timerange`, `set`, …) have no
/// counterpart and are all misses.
public enum DateTimeSpecEvaluation {
    public struct Result: Sendable {
        public var span: [String: EntityScore] = [:]
        public var value: [String: EntityScore] = [:]
    }

    static let typeNames: [EntityKind: String] = [.date: "date", .dateRange: "daterange", .time: "time", .dateTime: "datetime", .duration: "duration"]

    public static func score(_ data: Data, extractor: EntityExtractor) throws -> Result {
        var bytes = data
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        guard let list = try JSONSerialization.jsonObject(with: Data(bytes)) as? [[String: Any]] else { throw CocoaError(.propertyListReadCorrupt) }
        var result = Result()
        let parser = ISO8601DateFormatter()
        let utc = TimeZone(identifier: "UTC")!
        for item in list {
            let input = item["Input"] as? String ?? ""
            let context = item["Context"] as? [String: Any]
            let reference = (context?["ReferenceDateTime"] as? String).flatMap { parser.date(from: $0 + "Z") } ?? Date()
            let offsets = RecognizersTextEvaluation.scalarOffsets(input)
            var gold: [(span: Range<Int>, type: String, values: [[String: Any]])] = []
            for r in item["Results"] as? [[String: Any]] ?? [] {
                guard let start = (r["Start"] as? NSNumber)?.intValue, let end = (r["End"] as? NSNumber)?.intValue,
                      start >= 0, end + 1 < offsets.count else { continue }
                let type = String((r["TypeName"] as? String ?? "other").split(separator: ".").last ?? "other")
                let values = (r["Resolution"] as? [String: Any])?["values"] as? [[String: Any]] ?? []
                gold.append((offsets[start]..<offsets[end + 1], type, values))
            }
            let predicted = extractor.extract(input, reference: reference, timeZone: utc).compactMap { e in typeNames[e.kind].map { (e, $0) } }
            for g in gold {
                result.span[g.type, default: EntityScore()].gold += 1
                result.value[g.type, default: EntityScore()].gold += 1
            }
            for (entity, type) in predicted {
                result.span[type, default: EntityScore()].predicted += 1
                result.value[type, default: EntityScore()].predicted += 1
                guard let g = gold.first(where: { $0.span == entity.start..<entity.end && $0.type == type }) else { continue }
                result.span[type]!.truePositives += 1
                if g.values.contains(where: { matches(entity, $0) }) { result.value[type]!.truePositives += 1 }
            }
        }
        return result
    }

    static func matches(_ e: ExtractedEntity, _ resolution: [String: Any]) -> Bool {
        let value = resolution["value"] as? String
        switch e.kind {
        case .date: return value == e.value
        case .dateRange:
            let parts = e.value.split(separator: "/").map(String.init)
            guard parts.count == 2, resolution["start"] as? String == parts[0], let end = resolution["end"] as? String else { return false }
            return end == parts[1] || end == NLUPlusPlusEvaluation.dayAfter(parts[1])
        case .time: return value == e.value + ":00"
        case .dateTime: return value == e.value.replacingOccurrences(of: "T", with: " ") + ":00"
        case .duration: return value.flatMap { Int($0) } == seconds(e.value)
        default: return false
        }
    }

    static func seconds(_ iso: String) -> Int? {
        if iso.hasPrefix("PT") {
            var total = 0, number = 0
            for c in iso.dropFirst(2) {
                if let d = c.wholeNumberValue { number = number * 10 + d; continue }
                total += number * (c == "H" ? 3600 : c == "M" ? 60 : 1)
                number = 0
            }
            return total
        }
        return NLUPlusPlusEvaluation.durationDays(iso).map { $0 * 86400 }
    }
}

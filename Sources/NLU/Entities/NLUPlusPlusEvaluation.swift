import Foundation

/// Scores the extractor on the NLU++ banking slots (PolyAI, CC BY 4.0), whose relative dates and
/// times resolve against 2022-03-15 09:00.
///
/// A prediction matches a gold slot when the spans **overlap** and the resolved value is **exactly**
/// the gold value after converting formats: a day `{"day","month","year"}` is `2022-03-18`, a time
/// `{"hour","minute"}` is `14:30`, money `{"amount","currency"}` is the amount with the currency
/// code ("ambiguous" is `XXX`). A predicted period matches `date_from` by its first day and
/// `date_to` by its last; in a `date` slot NLU++ writes a period ("last month", "March") as its
/// first day, so a period matches by its first day there too. A `date_period` matches a period
/// with the same first day and the same last day, or the day after it (NLU++ writes the end of
/// "last 3 days" or "next 8 months" exclusively); a `relative` one (`"days": 30`) matches a
/// duration of as many days (a month 30, a year 365). A date-time matches a date slot by its day and
/// a time slot by its time, and one prediction may match several slots ("from Feb 17 to Mar 4").
/// Slots without a resolvable value (`ambiguous`, `periodic`) stay in as gold and can only be
/// missed. A prediction overlapping no slot is a false alarm of the type its kind maps to (date and
/// date-time: date; period and duration: date_period; time; money; number); predictions inside a
/// `time_period` slot, which is not scored, are ignored.
public enum NLUPlusPlusEvaluation {
    /// The reference time of the annotations, 2022-03-15 09:00 UTC.
    public static let reference = Date(timeIntervalSince1970: 1_647_334_800)

    public enum GoldValue: Sendable, Equatable {
        case day(String)
        case period(String, String)
        case days(Int)
        case time(String)
        case money(Double, String)
        case number(Int)
        case unresolved
    }

    public struct Slot: Sendable {
        public var type: String
        public var span: Range<Int>
        public var text: String
        public var value: GoldValue
    }

    public struct Example: Sendable {
        public var text: String
        public var slots: [Slot]
    }

    /// The scored types; `time` gathers `time`, `time_from` and `time_to`.
    public static let types = ["date", "date_from", "date_to", "date_period", "time", "money", "number"]

    public static func load(_ data: Data) throws -> [Example] {
        guard let list = try JSONSerialization.jsonObject(with: data) as? [[String: Any]] else { throw CocoaError(.propertyListReadCorrupt) }
        return list.map { item in
            let text = item["text"] as? String ?? ""
            var slots: [Slot] = []
            for (name, raw) in (item["slots"] as? [String: Any]) ?? [:] {
                guard let slot = raw as? [String: Any], let span = slot["span"] as? [Any], span.count == 2,
                      let a = (span[0] as? NSNumber)?.intValue, let b = (span[1] as? NSNumber)?.intValue, a <= b else { continue }
                let type: String
                switch name {
                case "time_from", "time_to": type = "time"
                case "amount_of_money": type = "money"
                default: type = name
                }
                slots.append(Slot(type: type, span: a..<b, text: slot["text"] as? String ?? "", value: goldValue(slot)))
            }
            return Example(text: text, slots: slots.sorted { $0.span.lowerBound < $1.span.lowerBound })
        }
    }

    static func day(_ raw: Any?) -> String? {
        guard let d = raw as? [String: Any], let day = (d["day"] as? NSNumber)?.intValue, let month = (d["month"] as? NSNumber)?.intValue,
              let year = (d["year"] as? NSNumber)?.intValue else { return nil }
        return CivilDate(year: year, month: month, day: day).text
    }

    static func goldValue(_ slot: [String: Any]) -> GoldValue {
        if let values = slot["values"] as? [String: Any] {
            if let from = day(values["from"]), let to = day(values["to"]) { return .period(from, to) }
            if let days = (values["days"] as? NSNumber)?.intValue { return .days(days) }
            return .unresolved
        }
        let value = slot["value"]
        if let d = day(value) { return .day(d) }
        if let v = value as? [String: Any] {
            if let h = (v["hour"] as? NSNumber)?.intValue, let m = (v["minute"] as? NSNumber)?.intValue { return .time(TemporalValue.clock(h, m)) }
            if let amount = (v["amount"] as? NSNumber)?.doubleValue, let currency = v["currency"] as? String {
                return .money(amount, currency == "ambiguous" ? "XXX" : currency.uppercased())
            }
        }
        if let n = value as? NSNumber, !(value is String) { return .number(n.intValue) }
        return .unresolved
    }

    /// Whether a prediction carries the gold slot's value (see the type's documentation).
    static func matches(_ p: ExtractedEntity, _ slot: Slot) -> Bool {
        let parts = p.value.split(separator: "/").map(String.init)
        switch (slot.value, p.kind) {
        case let (.day(g), .date): return p.value == g
        case let (.day(g), .dateTime): return p.value.hasPrefix(g + "T")
        case let (.day(g), .dateRange):
            return slot.type == "date_to" ? parts.last == g : parts.first == g
        case let (.period(a, b), .dateRange):
            guard parts.count == 2, parts[0] == a else { return false }
            return parts[1] == b || dayAfter(parts[1]) == b
        case let (.period(a, b), .date): return a == b && p.value == a
        case let (.days(n), .duration): return durationDays(p.value) == n
        case let (.time(g), .time): return p.value == g
        case let (.time(g), .dateTime): return p.value.hasSuffix("T" + g)
        case let (.money(amount, code), .money):
            let pieces = p.value.split(separator: " ")
            guard pieces.count == 2, let v = Double(pieces[0]) else { return false }
            return abs(v - amount) < 0.005 && pieces[1] == code
        case let (.number(n), .number): return p.value == String(n)
        default: return false
        }
    }

    static func dayAfter(_ text: String) -> String? {
        let f = text.split(separator: "-").compactMap { Int($0) }
        guard f.count == 3 else { return nil }
        return CivilDate(year: f[0], month: f[1], day: f[2]).adding(days: 1).text
    }

    /// Days in an ISO 8601 duration of one date unit, counting a week 7, a month 30 and a year 365 days.
    static func durationDays(_ iso: String) -> Int? {
        guard iso.hasPrefix("P"), !iso.hasPrefix("PT"), let unit = iso.last, let n = Int(iso.dropFirst().dropLast()) else { return nil }
        switch unit {
        case "D": return n
        case "W": return 7 * n
        case "M": return 30 * n
        case "Y": return 365 * n
        default: return nil
        }
    }

    static func scoredType(_ kind: EntityKind) -> String? {
        switch kind {
        case .date, .dateTime: return "date"
        case .dateRange, .duration: return "date_period"
        case .time: return "time"
        case .money: return "money"
        case .number: return "number"
        default: return nil
        }
    }

    /// Scores by type, plus the errors.
    public static func score(_ examples: [Example], extractor: EntityExtractor) -> (scores: [String: EntityScore], errors: [EntityError]) {
        var scores: [String: EntityScore] = [:]
        var errors: [EntityError] = []
        let utc = TimeZone(identifier: "UTC")!
        for example in examples {
            let predicted = extractor.extract(example.text, reference: reference, timeZone: utc)
            let slots = example.slots.filter { types.contains($0.type) || $0.type == "time_period" }
            var matched = [Bool](repeating: false, count: slots.count)
            for slot in slots where types.contains(slot.type) { scores[slot.type, default: EntityScore()].gold += 1 }
            for p in predicted {
                guard let own = scoredType(p.kind) else { continue }
                let overlapping = slots.indices.filter { slots[$0].span.lowerBound < p.end && p.start < slots[$0].span.upperBound }
                var hit = false
                for k in overlapping where !matched[k] && slots[k].type != "time_period" && matches(p, slots[k]) {
                    matched[k] = true
                    hit = true
                    scores[slots[k].type, default: EntityScore()].truePositives += 1
                    scores[slots[k].type, default: EntityScore()].predicted += 1
                }
                if hit { continue }
                if !overlapping.isEmpty, overlapping.allSatisfy({ slots[$0].type == "time_period" }) { continue }
                scores[own, default: EntityScore()].predicted += 1
                errors.append(EntityError(set: "nlupp", type: own, outcome: .falseAlarm, message: example.text, text: p.text,
                                          value: "\(p.kind.rawValue) \(p.value)"))
            }
            for (k, slot) in slots.enumerated() where !matched[k] && types.contains(slot.type) {
                let found = predicted.filter { slot.span.lowerBound < $0.end && $0.start < slot.span.upperBound }
                    .map { "\($0.kind.rawValue) \($0.text) = \($0.value)" }.joined(separator: " | ")
                errors.append(EntityError(set: "nlupp", type: slot.type, outcome: .miss, message: example.text, text: slot.text,
                                          value: describe(slot.value), found: found))
            }
        }
        return (scores, errors)
    }

    static func describe(_ value: GoldValue) -> String {
        switch value {
        case let .day(d): return d
        case let .period(a, b): return a + "/" + b
        case let .days(n): return "\(n) days"
        case let .time(t): return t
        case let .money(a, c): return "\(a) \(c)"
        case let .number(n): return String(n)
        case .unresolved: return "(no value)"
        }
    }
}

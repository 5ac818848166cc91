import Foundation
import NLU

/// Shorthands for the entity tests: a reference time written in ISO 8601 and extraction at it.
enum EntitySupport {
    /// 2022-03-15 09:00 UTC, a Tuesday: the NLU++ reference time.
    static let reference = at("2022-03-15T09:00:00Z")

    static func at(_ iso: String) -> Date {
        ISO8601DateFormatter().date(from: iso)!
    }

    static func extract(_ text: String, at reference: Date = reference, zone: String = "UTC",
                        catalogue: [CatalogueTerm] = []) -> [ExtractedEntity] {
        EntityExtractor(catalogue: catalogue).extract(text, reference: reference, timeZone: TimeZone(identifier: zone)!)
    }

    /// The (kind, value) pairs of `text`, for compact expectations.
    static func values(_ text: String, at reference: Date = reference, zone: String = "UTC") -> [String] {
        extract(text, at: reference, zone: zone).map { "\($0.kind.rawValue) \($0.value)" }
    }

    /// The value of the only entity of `kind` in `text`, or nil when there is not exactly one.
    static func value(_ kind: EntityKind, in text: String, at reference: Date = reference, zone: String = "UTC") -> String? {
        let found = extract(text, at: reference, zone: zone).filter { $0.kind == kind }
        return found.count == 1 ? found[0].value : nil
    }
}

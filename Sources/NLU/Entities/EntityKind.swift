/// The kinds of values the support chatbot pulls out of a message, so a reply can act on them
/// (look up a ticket, filter by date, quote an amount) without asking again.
public enum EntityKind: String, Codable, Sendable, CaseIterable {
    /// One calendar day, value `2022-03-18`.
    case date
    /// Consecutive days with inclusive ends, value `2022-03-01/2022-03-31`.
    case dateRange
    /// A time of day, value `14:30`.
    case time
    /// A day and a time of day, value `2022-03-18T14:30`.
    case dateTime
    /// A length of time, value ISO 8601 (`P3D`, `PT2H`).
    case duration
    /// An amount with its ISO 4217 currency, value `12.50 EUR` (`XXX` when no currency is named).
    case money
    /// A number that is none of the above, value `3` or `2.5`.
    case number
    case email
    case phone
    case url
    /// A reference to a portal ticket, value the lower-cased UUID or its first 8 hex digits.
    case ticket
    /// A category or product of the portal's catalogue, value the ``CatalogueTerm/id``.
    case category

    /// Breaks ties between overlapping matches of the same length: the more specific kind wins.
    var priority: Int {
        switch self {
        case .email: return 12
        case .url: return 11
        case .ticket: return 10
        case .phone: return 9
        case .money: return 8
        case .dateTime: return 7
        case .dateRange: return 6
        case .date: return 5
        case .time: return 4
        case .duration: return 3
        case .category: return 2
        case .number: return 1
        }
    }
}

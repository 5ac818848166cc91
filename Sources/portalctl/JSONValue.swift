import Foundation

/// A JSON value written with its keys in the order given (metric lines read best with "metric" first).
enum JSONValue {
    case string(String)
    case integer(Int)
    /// A number rounded to the given decimals.
    case number(Double, Int)
    case bool(Bool)
    case object([(String, JSONValue)])

    var text: String {
        switch self {
        case let .string(value):
            return (try? String(decoding: JSONEncoder().encode(value), as: UTF8.self)) ?? "\"\""
        case let .integer(value):
            return String(value)
        case let .number(value, decimals):
            guard value.isFinite else { return "null" }
            let scale = pow(10, Double(decimals))
            return "\((value * scale).rounded() / scale)"
        case let .bool(value):
            return value ? "true" : "false"
        case let .object(fields):
            return "{" + fields.map { JSONValue.string($0.0).text + ":" + $0.1.text }.joined(separator: ",") + "}"
        }
    }
}

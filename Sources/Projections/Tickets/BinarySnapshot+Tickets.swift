import Domain
import Foundation

/// Encodings the ticket projections share. Dates are stored as the bit pattern of their `Double`,
/// so a restored date equals the one folded to the last bit.
extension BinarySnapshotWriter {
    mutating func append(_ date: Date) { append(date.timeIntervalSince1970.bitPattern) }

    mutating func append(_ date: Date?) {
        append(UInt8(date == nil ? 0 : 1))
        if let date { append(date) }
    }

    mutating func append(_ account: AccountID) { append(account.uuid) }

    mutating func append(_ account: AccountID?) {
        append(UInt8(account == nil ? 0 : 1))
        if let account { append(account.uuid) }
    }

    mutating func append(_ uuid: UUID?) {
        append(UInt8(uuid == nil ? 0 : 1))
        if let uuid { append(uuid) }
    }

    mutating func append(_ value: Double) { append(value.bitPattern) }

    mutating func append(_ flag: Bool) { append(UInt8(flag ? 1 : 0)) }

    mutating func append(tokens: [UInt32]) {
        append(UInt32(tokens.count))
        for t in tokens { append(t) }
    }

    mutating func append(role: TicketActorRole) {
        switch role {
        case .customer: append(UInt8(0))
        case .agent: append(UInt8(1))
        case .system: append(UInt8(2))
        }
    }

    /// A value of a `String`-backed enum, as its index among all cases.
    mutating func append<E: CaseIterable & Equatable>(case value: E) {
        append(UInt8(E.allCases.firstIndex(of: value).map { E.allCases.distance(from: E.allCases.startIndex, to: $0) } ?? 0))
    }
}

extension BinarySnapshotReader {
    mutating func readDate() throws -> Date { Date(timeIntervalSince1970: Double(bitPattern: try read(UInt64.self))) }

    mutating func readOptionalDate() throws -> Date? { try readFlag() ? try readDate() : nil }

    mutating func readAccount() throws -> AccountID { AccountID(try readUUID()) }

    mutating func readOptionalAccount() throws -> AccountID? { try readFlag() ? try readAccount() : nil }

    mutating func readOptionalUUID() throws -> UUID? { try readFlag() ? try readUUID() : nil }

    mutating func readDouble() throws -> Double { Double(bitPattern: try read(UInt64.self)) }

    mutating func readFlag() throws -> Bool {
        switch try read(UInt8.self) {
        case 0: return false
        case 1: return true
        default: throw TicketSnapshotError.malformed("a flag is neither 0 nor 1")
        }
    }

    /// A sorted token set; rejects one that is not strictly ascending, which every query relies on.
    mutating func readTokens() throws -> [UInt32] {
        let count = Int(try read(UInt32.self))
        var out: [UInt32] = []
        out.reserveCapacity(min(count, 1 << 16))
        for _ in 0..<count {
            let t = try read(UInt32.self)
            if let last = out.last, last >= t { throw TicketSnapshotError.malformed("a token set is not sorted") }
            out.append(t)
        }
        return out
    }

    mutating func readRole() throws -> TicketActorRole {
        switch try read(UInt8.self) {
        case 0: return .customer
        case 1: return .agent
        case 2: return .system
        case let other: throw TicketSnapshotError.malformed("no actor role number \(other)")
        }
    }

    mutating func readCase<E: CaseIterable>(_: E.Type) throws -> E {
        let index = Int(try read(UInt8.self))
        guard index < E.allCases.count else { throw TicketSnapshotError.malformed("no \(E.self) number \(index)") }
        return E.allCases[E.allCases.index(E.allCases.startIndex, offsetBy: index)]
    }
}

/// A ticket projection's snapshot that is whole but not one it can use.
struct TicketSnapshotError: Error, CustomStringConvertible {
    var description: String

    static func malformed(_ what: String) -> TicketSnapshotError { TicketSnapshotError(description: "malformed snapshot: \(what)") }

    static func version(found: Int?, expected: Int) -> TicketSnapshotError {
        TicketSnapshotError(description: "snapshot version \(found.map(String.init) ?? "none") is not \(expected)")
    }
}

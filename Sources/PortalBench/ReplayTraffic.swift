import Domain
import EventStore
import Foundation

/// Identity traffic as the portal records it: registrations (an `EmailAddressReserved` and a
/// `CustomerRegistered`, appended together), sign-ins and failed sign-ins, encoded with
/// ``EventCatalog`` and with the personal parts sealed under the account's subject.
///
/// The mix of a full run: 50,000 registrations (100,000 events, 5 % of each type), 550,000
/// `CustomerSignedIn` (55 %) and 350,000 `SignInFailed` (35 %), of which a tenth are for addresses
/// that have no account (`signin-…` streams, nothing sealed). The kinds are drawn without
/// replacement, so registrations are spread over the whole log. Sign-ins only go to accounts whose
/// registration is already durable (see ``settle(_:)``), because the bulk load keeps several
/// appends in flight and their order is not fixed until they are acknowledged.
struct ReplayTraffic {
    private struct Customer {
        var id: AccountID
        var emailKey: EmailKey
        var deviceID: String
        var clientIP: String
        var userAgent: String
    }

    private enum Kind { case registration, signIn, failure }

    private var rng = SplitMix64(seed: 0x706F_7274_616C)
    private var registrationsLeft: Int
    private var signInsLeft: Int
    private var failuresLeft: Int
    private var settled: [Customer] = []
    private var pending: [Int: [Customer]] = [:]
    private let unknownAddresses: [EmailKey]
    private static let userAgents = [
        "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0",
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15",
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36",
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148",
    ]

    /// Traffic of `events` events over `accounts` accounts (`events` ≥ 2 × `accounts` ≥ 2).
    init(events: Int, accounts: Int) {
        precondition(accounts >= 1 && events >= 2 * accounts, "the replay data set needs room for its registrations")
        registrationsLeft = accounts
        let rest = events - 2 * accounts
        failuresLeft = rest * 35 / 90
        signInsLeft = rest - failuresLeft
        var keys: [EmailKey] = []
        for _ in 0..<max(1, accounts / 20) { keys.append(EmailKey(rng.hex(bytes: 32))) }
        unknownAddresses = keys
    }

    var isFinished: Bool { registrationsLeft + signInsLeft + failuresLeft == 0 }

    /// The accounts registered by chunk `index` may now sign in: that append is durable.
    mutating func settle(_ index: Int) {
        settled += pending.removeValue(forKey: index) ?? []
    }

    /// The next append of the bulk load: about `size` events, one entry per stream.
    mutating func chunk(_ index: Int, size: Int) throws -> (appends: [StreamAppend], events: Int) {
        var appends: [StreamAppend] = []
        var slots: [String: Int] = [:]
        func add(_ event: NewEvent, to stream: String, expected: ExpectedVersion) {
            if let i = slots[stream] {
                appends[i].events.append(event)
            } else {
                slots[stream] = appends.count
                appends.append(StreamAppend(stream: stream, expected: expected, events: [event]))
            }
        }
        var produced = 0
        while produced < size, !isFinished {
            switch nextKind() {
            case .registration:
                let customer = newCustomer()
                pending[index, default: []].append(customer)
                let reserved = try EventCatalog.encode(EmailAddressReserved(accountID: customer.id))
                let registered = try EventCatalog.encode(CustomerRegistered(
                    accountID: customer.id, emailKey: customer.emailKey,
                    personal: .init(email: "customer-\(customer.emailKey.value.prefix(10))@example.org",
                                    name: "Customer \(customer.id.description.prefix(8))",
                                    passwordHash: "$argon2id$v=19$m=65536,t=3,p=1$\(rng.hex(bytes: 16))$\(rng.hex(bytes: 32))")))
                let metadata = metadata(for: customer)
                add(event(reserved, metadata, subject: nil), to: customer.emailKey.reservationStream, expected: .noStream)
                add(event(registered, metadata, subject: customer.id.stream), to: customer.id.stream, expected: .noStream)
                produced += 2
            case .signIn:
                let customer = settled[Int.random(in: 0..<settled.count, using: &rng)]
                let signedIn = try EventCatalog.encode(CustomerSignedIn(
                    accountID: customer.id, sessionID: rng.uuid(), deviceID: customer.deviceID,
                    personal: ClientDetails(userAgent: customer.userAgent)))
                add(event(signedIn, metadata(for: customer), subject: customer.id.stream), to: customer.id.stream, expected: .any)
                produced += 1
            case .failure where Int.random(in: 0..<10, using: &rng) == 0:
                let key = unknownAddresses[Int.random(in: 0..<unknownAddresses.count, using: &rng)]
                let failed = try EventCatalog.encode(Account.unknownAccountSignIn(emailKey: key, deviceID: "device-\(rng.hex(bytes: 6))"))
                let ip = "198.51.100.\(Int.random(in: 1...254, using: &rng))"
                add(event(failed, EventMetadata(clientIP: ip, correlationID: rng.uuid()), subject: nil),
                    to: IdentityStreams.unknownSignIns(key), expected: .any)
                produced += 1
            case .failure:
                let customer = settled[Int.random(in: 0..<settled.count, using: &rng)]
                let failed = try EventCatalog.encode(SignInFailed(
                    accountID: customer.id, emailKey: customer.emailKey, reason: .wrongPassword, deviceID: customer.deviceID,
                    personal: ClientDetails(userAgent: customer.userAgent)))
                add(event(failed, metadata(for: customer), subject: customer.id.stream), to: customer.id.stream, expected: .any)
                produced += 1
            }
        }
        return (appends, produced)
    }

    /// Draws the next kind without replacement; sign-ins wait until some account is durable.
    private mutating func nextKind() -> Kind {
        if settled.isEmpty && registrationsLeft > 0 {
            registrationsLeft -= 1
            return .registration
        }
        let draw = Int.random(in: 0..<(registrationsLeft + signInsLeft + failuresLeft), using: &rng)
        if draw < registrationsLeft {
            registrationsLeft -= 1
            return .registration
        }
        if draw < registrationsLeft + signInsLeft {
            signInsLeft -= 1
            return .signIn
        }
        failuresLeft -= 1
        return .failure
    }

    private mutating func newCustomer() -> Customer {
        Customer(
            id: AccountID(rng.uuid()), emailKey: EmailKey(rng.hex(bytes: 32)), deviceID: "device-\(rng.hex(bytes: 6))",
            clientIP: "203.0.\(Int.random(in: 0...255, using: &rng)).\(Int.random(in: 1...254, using: &rng))",
            userAgent: Self.userAgents[Int.random(in: 0..<Self.userAgents.count, using: &rng)])
    }

    private mutating func metadata(for customer: Customer) -> EventMetadata {
        EventMetadata(actor: customer.id.description, clientIP: customer.clientIP, deviceID: customer.deviceID, correlationID: rng.uuid())
    }

    private func event(_ encoded: EventCatalog.Encoded, _ metadata: EventMetadata, subject: String?) -> NewEvent {
        NewEvent(
            id: UUIDv7.make(), type: encoded.type, schemaVersion: encoded.schemaVersion, data: encoded.data, metadata: metadata,
            sealed: subject.flatMap { s in encoded.personal.map { SealedPayload(subject: s, data: $0) } })
    }
}

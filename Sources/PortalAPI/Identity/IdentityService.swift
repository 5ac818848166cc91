import Domain
import EventStore
import Foundation
import Hummingbird
import Logging
import Projections

/// Registration and sign-in: validates, hashes off the event loop, decides through the Domain and
/// appends with optimistic concurrency (retrying a few times on a conflicting write).
public final class IdentityService: Sendable {
    let store: EventStore
    let accounts: AccountsProjection
    let repository: AccountRepository
    let hasher: PasswordHasher
    let emailKeys: EmailKeyHasher
    let policy: PasswordPolicy
    private let maxAttempts = 5

    init(store: EventStore, accounts: AccountsProjection, hasher: PasswordHasher, emailKeys: EmailKeyHasher, policy: PasswordPolicy) {
        self.store = store
        self.accounts = accounts
        self.repository = AccountRepository(store: store)
        self.hasher = hasher
        self.emailKeys = emailKeys
        self.policy = policy
    }

    private func context() -> DecisionContext { DecisionContext(now: Date(), newID: { UUIDv7.make() }) }

    /// What a registration returns. It is the same whether the address was new or taken, so the
    /// answer reveals nothing; the owner of a taken address learns of the attempt from their log.
    public struct RegistrationReceipt: Sendable {
        public var position: UInt64
        /// Set only when a new account was created (never shown to the client).
        public var createdAccount: AccountID?
    }

    public func register(_ form: RegistrationForm, client: ClientContext) async throws -> RegistrationReceipt {
        let (email, name) = try form.validate(policy: policy)
        let passwordHash = try await hasher.hash(form.password)
        let command = RegisterCustomer(email: email, name: name, emailKey: emailKeys.key(for: email), passwordHash: passwordHash)
        return try await retrying {
            let reservationStream = command.emailKey.reservationStream
            var reservation = EmailReservation()
            let records = try store.read(stream: reservationStream)
            for r in records { reservation = reservation.evolve(try r.domainEvent()) }
            let version = records.last?.streamVersion
            switch Registration.decide(command, reservation: reservation, context: context()) {
            case let .created(id, reserved, registered):
                let metadata = client.metadata(actor: id.description)
                let result = try await store.append([
                    StreamAppend(stream: reservationStream, expected: version.map { .exact($0) } ?? .noStream,
                                 events: [try EventEnvelope.make(reserved, subject: nil, metadata: metadata)]),
                    StreamAppend(stream: id.stream, expected: .noStream,
                                 events: [try EventEnvelope.make(registered, subject: id.stream, metadata: metadata)]),
                ])
                return RegistrationReceipt(position: result.lastPosition, createdAccount: id)
            case let .alreadyRegistered(holder, attempt):
                let result = try await store.append(to: holder.stream, expected: .exists, events: [
                    try EventEnvelope.make(attempt, subject: holder.stream, metadata: client.metadata(actor: nil)),
                ])
                return RegistrationReceipt(position: result.lastPosition, createdAccount: nil)
            }
        }
    }

    /// A successful sign-in.
    public struct SignedIn: Sendable {
        public var accountID: AccountID
        public var sessionID: UUID
        public var position: UInt64
    }

    /// Signs in, or throws ``AuthenticationFailed`` — the same for an unknown address, a wrong
    /// password and an erased account, after the same amount of hashing work.
    public func signIn(email rawEmail: String, password: String, client: ClientContext) async throws -> SignedIn {
        guard let email = try? EmailAddress(rawEmail), !password.isEmpty, password.count <= policy.maximumLength else {
            _ = try await hasher.verify(password, against: nil)
            throw AuthenticationFailed()
        }
        let key = emailKeys.key(for: email)
        let found = try accountID(for: key)
        guard let id = found, try repository.load(id).account.status == .active else {
            _ = try await hasher.verify(password, against: nil)
            _ = try await store.append(to: IdentityStreams.unknownSignIns(key), expected: .any, events: [
                try EventEnvelope.make(Account.unknownAccountSignIn(emailKey: key, deviceID: client.deviceID), subject: nil, metadata: client.metadata(actor: nil)),
            ])
            throw AuthenticationFailed()
        }
        let initial = try repository.load(id).account
        let matches = try await hasher.verify(password, against: initial.passwordHash)
        let command = SignIn(emailKey: key, passwordMatches: matches, deviceID: client.deviceID, client: ClientDetails(userAgent: client.userAgent))
        return try await retrying {
            let (account, version) = try repository.load(id)
            let event = try account.decide(command, context: context())
            let result = try await store.append(to: id.stream, expected: .exact(version), events: [
                try EventEnvelope.make(event.payload, subject: id.stream, metadata: client.metadata(actor: id.description)),
            ])
            guard case .signedIn(let s) = event else { throw AuthenticationFailed() }
            return SignedIn(accountID: id, sessionID: s.sessionID, position: result.lastPosition)
        }
    }

    /// The account holding an address: the projection first, then the reservation stream itself,
    /// which is authoritative (the projection may not have seen a registration of a moment ago).
    func accountID(for key: EmailKey) throws -> AccountID? {
        if let id = accounts.account(forEmailKey: key) { return id }
        var reservation = EmailReservation()
        for r in try store.read(stream: key.reservationStream) { reservation = reservation.evolve(try r.domainEvent()) }
        return reservation.holder
    }

    /// The signed-in customer's profile; nil when the account is absent or erased.
    public struct Profile: Sendable, Codable, Equatable, ResponseEncodable {
        public var id: String
        public var email: String
        public var name: String
    }

    public func profile(_ id: AccountID) throws -> Profile? {
        let account = try repository.load(id).account
        guard account.status == .active, let email = account.email, let name = account.name else { return nil }
        return Profile(id: id.description, email: email, name: name)
    }

    /// Whether the account exists and is active (access tokens of erased accounts stop working).
    public func isActive(_ id: AccountID) throws -> Bool {
        try repository.load(id).account.status == .active
    }

    /// Crypto-shreds an account: records the erasure, releases its address, and deletes its key.
    public func erase(_ id: AccountID, by actor: String) async throws -> UInt64 {
        let (account, version) = try repository.load(id)
        let (erased, released) = try account.decideErasure(by: actor)
        guard let key = account.emailKey else { throw DomainError.notFound("account") }
        let metadata = EventMetadata(actor: actor, correlationID: UUIDv7.make())
        let reservationVersion = try store.streamVersion(key.reservationStream)
        let result = try await store.eraseSubject(id.stream, recording: [
            StreamAppend(stream: id.stream, expected: .exact(version), events: [try EventEnvelope.make(erased, subject: nil, metadata: metadata)]),
            StreamAppend(stream: key.reservationStream, expected: reservationVersion.map { .exact($0) } ?? .noStream,
                         events: [try EventEnvelope.make(released, subject: nil, metadata: metadata)]),
        ])
        return result.lastPosition
    }

    private func retrying<T>(_ body: () async throws -> T) async throws -> T {
        var attempt = 0
        while true {
            do { return try await body() } catch let e as EventStoreError {
                guard case .wrongExpectedVersion = e, attempt < maxAttempts - 1 else { throw e }
                attempt += 1
            }
        }
    }
}

/// Wrong e-mail or password — deliberately not saying which.
public struct AuthenticationFailed: Error, Sendable {}

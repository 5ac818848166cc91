import Domain
import EventStore
import Foundation
import Projections

extension IdentityService {
    /// What a registration returns. It is the same whether the address was new or taken, so the
    /// answer reveals nothing; the owner of a taken address learns of the attempt from their log.
    public struct RegistrationReceipt: Sendable {
        public var position: UInt64
        /// Set only when a new account was created (never shown to the client).
        public var createdAccount: AccountID?
    }

    public func register(_ form: RegistrationForm, captcha: String? = nil, client: ClientContext) async throws -> RegistrationReceipt {
        try limit(client)
        let (email, name) = try form.validate(policy: policy)
        try requireCaptcha(captcha)
        let passwordHash = try await hasher.hash(form.password)
        let key = emailKeys.key(for: email)
        try limit(account: key)
        let verification = links.request(id: UUIDv7.make())
        let command = RegisterCustomer(email: email, name: name, emailKey: key, passwordHash: passwordHash, verification: verification)
        return try await retrying {
            let reservationStream = key.reservationStream
            var reservation = EmailReservation()
            let records = try store.read(stream: reservationStream)
            for r in records { reservation = reservation.evolve(try r.domainEvent()) }
            let version = records.last?.streamVersion
            switch Registration.decide(command, reservation: reservation, policy: sessionPolicy, context: context()) {
            case let .created(id, reserved, registered, verificationRequested):
                let metadata = client.metadata(actor: id.description)
                let position = try await append(
                    [.registered(registered), .emailVerificationRequested(verificationRequested)], to: id, version: 0, client: client,
                    extra: [StreamAppend(stream: reservationStream, expected: version.map { .exact($0) } ?? .noStream,
                                         events: [try EventEnvelope.make(reserved, subject: nil, metadata: metadata)])])
                return RegistrationReceipt(position: position, createdAccount: id)
            case let .alreadyRegistered(holder, attempt):
                let (_, holderVersion) = try repository.load(holder)
                let position = try await append([.duplicateRegistrationAttempted(attempt)], to: holder, version: holderVersion, client: client, actor: "anonymous")
                return RegistrationReceipt(position: position, createdAccount: nil)
            }
        }
    }

    /// Accepts a verification link.
    public func verifyEmail(token: String, client: ClientContext) async throws {
        try limit(client)
        guard let (id, hash) = LinkTokens.parse(token) else { throw DomainError.rejected(linkRefusedMessage) }
        try await retrying {
            let (account, version) = try repository.load(id)
            let verified = try account.decideVerifyEmail(presentedTokenHash: hash, now: Date())
            try await append([.emailVerified(verified)], to: id, version: version, client: client)
        }
    }

    /// Sends a new verification link when the address belongs to an unverified account. Answers the
    /// same (and takes the same time) in every case.
    public func resendVerification(email: String, client: ClientContext) async throws {
        try await withTimingFloor {
            try limit(client)
            _ = try EmailAddress(email)
            guard let (id, key) = try activeAccount(email: email) else {
                try await recordUnknownAddress(email: email, request: .verificationEmail, client: client)
                return
            }
            try limit(account: key)
            try await retrying {
                let (account, version) = try repository.load(id)
                guard !account.emailVerified else { return }
                let requested = try account.decideVerificationRequest(links.request(id: UUIDv7.make()), policy: sessionPolicy, now: Date())
                try await append([.emailVerificationRequested(requested)], to: id, version: version, client: client)
            }
        }
    }

    /// Records a request for an address without an account (stream `signin-<key>`).
    func recordUnknownAddress(email: String, request: UnknownAddressRequestReceived.Request, client: ClientContext) async throws {
        guard let address = try? EmailAddress(email) else { return }
        let key = emailKeys.key(for: address)
        try limit(account: key)
        _ = try await store.append(to: IdentityStreams.unknownSignIns(key), expected: .any, events: [
            try EventEnvelope.make(UnknownAddressRequestReceived(emailKey: key, request: request), subject: nil, metadata: client.metadata(actor: nil)),
        ])
    }

    /// Runs `body` and answers no sooner than `floor` after the start, so the answer's timing does not
    /// tell a known address from an unknown one.
    func withTimingFloor(_ floor: Duration = .milliseconds(150), _ body: () async throws -> Void) async throws {
        let start = ContinuousClock.now
        do {
            try await body()
        } catch {
            try? await Task.sleep(until: start + floor)
            throw error
        }
        try? await Task.sleep(until: start + floor)
    }
}

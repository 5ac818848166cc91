import Domain
import EventStore
import Foundation
import OIDC
import Projections

/// A provider identity waiting for its owner to confirm linking it to an existing account.
public struct PendingLink: Sendable, Codable, Equatable {
    public var account: String
    public var provider: String
    public var issuer: String
    public var subject: String
    public var email: String
}

/// What a verified provider identity comes to.
public enum ExternalSignInOutcome: Sendable {
    /// Signed in (or a second factor comes next).
    case signedIn(SignInResult)
    /// An account with the provider-verified address exists: ask its owner before linking.
    case confirmLink(PendingLink)
    /// Not possible; the message says why and what to do.
    case refused(String)
}

extension IdentityService {
    /// The keyed hash of a provider identity.
    func identityKey(issuer: String, subject: String) -> ExternalIdentityKey {
        ExternalIdentityKey(Sodium.blake2b(Array("\(issuer)\n\(subject)".utf8), key: links.identityKey, outputLength: 20).hex)
    }

    /// Signs in with an identity a provider has vouched for: the linked account; or a new account when
    /// the address is new; or, when an account has the address and the provider verified it, a link to
    /// confirm. A provider that did not verify an address already in use gets no access to that account.
    public func signInWithProvider(_ provider: String, claims: OIDCVerifiedClaims, client: ClientContext) async throws -> ExternalSignInOutcome {
        try limit(client)
        let key = identityKey(issuer: claims.issuer, subject: claims.subject)
        var reservation = ExternalIdentityReservation()
        for r in try store.read(stream: key.reservationStream) { reservation = reservation.evolve(try r.domainEvent()) }
        if let holder = reservation.holder, try repository.load(holder).account.status == .active {
            return .signedIn(try await signInThroughProvider(holder, provider: provider, client: client))
        }
        guard let rawEmail = claims.email, let email = try? EmailAddress(rawEmail) else {
            return .refused("Your \(provider) account did not share an e-mail address with us, so we cannot create or find your account. Sign in with your e-mail address and password instead.")
        }
        let emailKey = emailKeys.key(for: email)
        if let existing = try accountID(for: emailKey), try repository.load(existing).account.status == .active {
            guard claims.emailVerified else {
                return .refused("An account with \(email.value) already exists, but \(provider) has not confirmed that this address is yours. Sign in with your password instead.")
            }
            return .confirmLink(PendingLink(account: existing.description, provider: provider, issuer: claims.issuer, subject: claims.subject, email: email.value))
        }
        let name = try (try? PersonName(claims.name ?? "")) ?? PersonName(String(email.value.prefix { $0 != "@" }))
        let command = RegisterThroughProvider(
            email: email, name: name, emailKey: emailKey, provider: provider, identityKey: key, issuer: claims.issuer, subject: claims.subject,
            emailVerifiedByProvider: claims.emailVerified, verification: links.request(id: UUIDv7.make()))
        let account = try await retrying { () -> AccountID? in
            var emailReservation = EmailReservation()
            let records = try store.read(stream: emailKey.reservationStream)
            for r in records { emailReservation = emailReservation.evolve(try r.domainEvent()) }
            guard let (id, reservedEmail, reservedIdentity, events) = Registration.decide(command, reservation: emailReservation, policy: sessionPolicy, context: context()) else {
                return nil
            }
            let metadata = client.metadata(actor: id.description)
            try await append(events, to: id, version: 0, client: client, extra: [
                StreamAppend(stream: emailKey.reservationStream, expected: records.last.map { .exact($0.streamVersion) } ?? .noStream,
                             events: [try EventEnvelope.make(reservedEmail, subject: nil, metadata: metadata)]),
                StreamAppend(stream: key.reservationStream, expected: .noStream, events: [try EventEnvelope.make(reservedIdentity, subject: nil, metadata: metadata)]),
            ])
            return id
        }
        guard let account else { return .refused("An account with \(email.value) was created a moment ago. Try again.") }
        return .signedIn(try await signInThroughProvider(account, provider: provider, client: client))
    }

    /// Links the confirmed identity to its account, then signs in.
    public func confirmLink(_ pending: PendingLink, client: ClientContext) async throws -> SignInResult {
        try limit(client)
        guard let id = AccountID(pending.account) else { throw DomainError.notFound("account") }
        let key = identityKey(issuer: pending.issuer, subject: pending.subject)
        try await retrying {
            let (account, version) = try repository.load(id)
            let linked = try account.decideLink(provider: pending.provider, key: key, issuer: pending.issuer, subject: pending.subject)
            try await append([.externalIdentityLinked(linked)], to: id, version: version, client: client, extra: [
                StreamAppend(stream: key.reservationStream, expected: .noStream, events: [
                    try EventEnvelope.make(ExternalIdentityReserved(accountID: id), subject: nil, metadata: client.metadata(actor: id.description)),
                ]),
            ])
        }
        return try await signInThroughProvider(id, provider: pending.provider, client: client)
    }

    /// A sign-in vouched for by a provider: like a right password, so two-factor authentication,
    /// risk and locks still apply.
    private func signInThroughProvider(_ id: AccountID, provider: String, client: ClientContext) async throws -> SignInResult {
        let ids = (session: UUIDv7.make(), challenge: UUIDv7.make())
        let refresh = RefreshTokens.make(session: ids.session)
        let assessment = configuration.risk.assess(risk.signals(account: id, ip: client.ip, device: client.deviceID, now: Date()))
        let (decision, position) = try await retrying {
            let (account, version) = try repository.load(id)
            guard let key = account.emailKey else { throw DomainError.notFound("account") }
            var command = SignIn(emailKey: key, passwordMatches: true, deviceID: client.deviceID, deviceName: DeviceName.describe(client.userAgent),
                                 refreshTokenHash: refresh.hash, client: ClientDetails(userAgent: client.userAgent), risk: assessment,
                                 emailCodeHash: secondFactors.emailCodeHash(challenge: ids.challenge, code: secondFactors.emailCode(challenge: ids.challenge)),
                                 challengeLifetime: configuration.challengeLifetime)
            command.identityProvider = provider
            let second = account.twoFactor != nil || assessment.isRisky
            let decision = try account.decide(command, lockout: lockout, sessions: sessionPolicy, context: context(ids: [second ? ids.challenge : ids.session]))
            var extra: [StreamAppend] = []
            if case .signedIn(_, let started) = decision {
                extra.append(StreamAppend(stream: Session.stream(ids.session), expected: .noStream, events: [
                    try EventEnvelope.make(started, subject: id.stream, metadata: client.metadata(actor: id.description)),
                ]))
            }
            return (decision, try await append(decision.accountEvents, to: id, version: version, client: client, extra: extra))
        }
        switch decision {
        case .signedIn(let signedIn, _):
            await settle(position)
            let (access, expiresIn) = try await tokens.issue(account: id, session: ids.session, passwordChangeRequired: signedIn.passwordChangeRequired)
            return .signedIn(SessionTokens(accountID: id, sessionID: ids.session, accessToken: access, refreshToken: refresh.token, expiresIn: expiresIn,
                                           passwordChangeRequired: signedIn.passwordChangeRequired, position: position))
        case .secondFactorRequired(let requested, _):
            return .secondFactorRequired(SecondFactorChallenge(
                challenge: secondFactors.challengeToken(account: id, challenge: requested.challengeID), method: requested.method.rawValue,
                expiresIn: Int(configuration.challengeLifetime), riskySignIn: requested.reason == .riskySignIn))
        case .failed:
            throw AuthenticationFailed()
        }
    }
}

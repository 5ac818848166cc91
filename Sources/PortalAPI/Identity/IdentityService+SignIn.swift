import Domain
import EventStore
import Foundation
import Projections

/// What a client gets after signing in or refreshing.
public struct SessionTokens: Sendable {
    public var accountID: AccountID
    public var sessionID: UUID
    public var accessToken: String
    public var refreshToken: String
    public var expiresIn: Int
    /// The session may only change the password (expired, or flagged as compromised).
    public var passwordChangeRequired: Bool
    public var position: UInt64
}

/// A second factor is needed before the session starts.
public struct SecondFactorChallenge: Sendable, Codable, Equatable {
    /// Opaque; send it back with the code.
    public var challenge: String
    /// `totp` (the authenticator app, or a recovery code) or `emailCode` (a code was mailed).
    public var method: String
    public var expiresIn: Int
    /// True when the second factor was asked for because the sign-in looked unusual.
    public var riskySignIn: Bool
}

/// The outcome of a correct password.
public enum SignInResult: Sendable {
    case signedIn(SessionTokens)
    case secondFactorRequired(SecondFactorChallenge)
}

extension IdentityService {
    /// Signs in, or throws ``AuthenticationFailed`` — the same for an unknown address, a wrong password,
    /// a locked account and an erased one, after the same amount of hashing work. With two-factor
    /// authentication on, or when the sign-in looks risky, the right password yields a challenge.
    public func signIn(email rawEmail: String, password: String, deviceName: String?, captcha: String? = nil, client: ClientContext) async throws -> SignInResult {
        try limit(client)
        guard let email = try? EmailAddress(rawEmail), !password.isEmpty, password.count <= policy.maximumLength else {
            _ = try await hasher.verify(password, against: nil)
            throw AuthenticationFailed()
        }
        let key = emailKeys.key(for: email)
        try limit(account: key)
        let known = try accountID(for: key)
        let account = try known.map { try repository.load($0).account }
        if signInNeedsCaptcha(account: account, client: client) {
            do { try requireCaptcha(captcha) } catch let required as CaptchaRequired {
                // On record (a bot that never solves the check still shows up as a stuffing source), then refused.
                let failed = SignInFailed(accountID: account?.status == .active ? known : nil, emailKey: key, reason: .captchaMissing,
                                          deviceID: client.deviceID, personal: ClientDetails(userAgent: client.userAgent))
                if let id = known, account?.status == .active {
                    _ = try await store.append(to: id.stream, expected: .any, events: [try EventEnvelope.make(failed, subject: id.stream, metadata: client.metadata(actor: nil))])
                } else {
                    _ = try await store.append(to: IdentityStreams.unknownSignIns(key), expected: .any, events: [
                        try EventEnvelope.make(SignInFailed(accountID: nil, emailKey: key, reason: .captchaMissing, deviceID: client.deviceID, personal: nil),
                                               subject: nil, metadata: client.metadata(actor: nil)),
                    ])
                }
                try await watchForStuffing(client)
                throw required
            }
        }
        guard let id = known, let account, account.status == .active else {
            _ = try await hasher.verify(password, against: nil)
            _ = try await store.append(to: IdentityStreams.unknownSignIns(key), expected: .any, events: [
                try EventEnvelope.make(Account.unknownAccountSignIn(emailKey: key, deviceID: client.deviceID), subject: nil, metadata: client.metadata(actor: nil)),
            ])
            try await watchForStuffing(client)
            throw AuthenticationFailed()
        }
        // The hash is checked even for a locked account, so a lock cannot be told from a wrong password by timing.
        let matches = try await hasher.verify(password, against: account.passwordHash)
        let ids = (session: UUIDv7.make(), challenge: UUIDv7.make())
        let refresh = RefreshTokens.make(session: ids.session)
        let assessment = configuration.risk.assess(risk.signals(account: id, ip: client.ip, device: client.deviceID, now: Date()))
        let command = SignIn(emailKey: key, passwordMatches: matches, deviceID: client.deviceID, deviceName: deviceName ?? DeviceName.describe(client.userAgent),
                             refreshTokenHash: refresh.hash, client: ClientDetails(userAgent: client.userAgent), risk: assessment,
                             emailCodeHash: secondFactors.emailCodeHash(challenge: ids.challenge, code: secondFactors.emailCode(challenge: ids.challenge)),
                             challengeLifetime: configuration.challengeLifetime)
        let (decision, position) = try await retrying {
            let (account, version) = try repository.load(id)
            let decision = try account.decide(command, lockout: lockout, sessions: sessionPolicy,
                                              context: context(ids: matches && (account.twoFactor != nil || assessment.isRisky) ? [ids.challenge] : [ids.session]))
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
            try await watchForStuffing(client)
            throw AuthenticationFailed()
        }
    }

    /// The second step: a code from the authenticator app, a recovery code, or the mailed code.
    /// Wrong codes count toward the lock. Throws ``AuthenticationFailed`` for a wrong code and
    /// `DomainError.rejected(challengeRefusedMessage)` for an unusable challenge.
    public func completeSignIn(challenge token: String, code: String?, recoveryCode: String?, deviceName: String?, client: ClientContext) async throws -> SessionTokens {
        try limit(client)
        guard let (id, challengeID) = secondFactors.parseChallenge(token) else { throw DomainError.rejected(challengeRefusedMessage) }
        try limit(account: EmailKey(id.description))
        let sessionID = UUIDv7.make()
        let refresh = RefreshTokens.make(session: sessionID)
        let (decision, position) = try await retrying {
            let (account, version) = try repository.load(id)
            let proof: SecondFactorProof
            if let recoveryCode, !recoveryCode.isEmpty {
                proof = .recoveryCode(hash: secondFactors.recoveryHash(recoveryCode))
            } else if account.challenges[challengeID]?.method == .emailCode {
                proof = .emailCode(hash: secondFactors.emailCodeHash(challenge: challengeID, code: code ?? ""))
            } else {
                let totp = account.twoFactor?.secret.flatMap { TOTP(base32: $0) }
                proof = .totp(matchedStep: totp?.matchingStep(code ?? "", at: Date()))
            }
            let command = CompleteSignIn(challengeID: challengeID, proof: proof, deviceID: client.deviceID,
                                         deviceName: deviceName ?? DeviceName.describe(client.userAgent), refreshTokenHash: refresh.hash,
                                         client: ClientDetails(userAgent: client.userAgent))
            let decision = try account.decide(command, lockout: lockout, sessions: sessionPolicy, context: context(ids: [sessionID]))
            var extra: [StreamAppend] = []
            if case .signedIn(_, let started, _) = decision {
                extra.append(StreamAppend(stream: Session.stream(sessionID), expected: .noStream, events: [
                    try EventEnvelope.make(started, subject: id.stream, metadata: client.metadata(actor: id.description)),
                ]))
            }
            return (decision, try await append(decision.accountEvents, to: id, version: version, client: client, extra: extra))
        }
        guard case .signedIn(let signedIn, _, _) = decision else { throw AuthenticationFailed() }
        await settle(position)
        let (access, expiresIn) = try await tokens.issue(account: id, session: sessionID, passwordChangeRequired: signedIn.passwordChangeRequired)
        return SessionTokens(accountID: id, sessionID: sessionID, accessToken: access, refreshToken: refresh.token, expiresIn: expiresIn,
                             passwordChangeRequired: signedIn.passwordChangeRequired, position: position)
    }

    /// After a failure: when the client's network now looks like a credential-stuffing source and no
    /// alert is in force, record one — which throttles the network until it runs out.
    func watchForStuffing(_ client: ClientContext) async throws {
        guard let ip = client.ip else { return }
        _ = await runner.waitUntil(store.lastPosition, projections: [risk.name], timeout: .seconds(2))
        let now = Date()
        guard !risk.isThrottled(ip, now: now), let evidence = risk.stuffingEvidence(from: ip, now: now) else { return }
        let source = risk.sourceKey(ip)
        let alert = CredentialStuffingDetected(
            sourceKey: source, network: IPNetwork.of(ip), accounts: evidence.targets, failures: evidence.failures,
            windowSeconds: Int(configuration.risk.stuffingWindow), throttledUntil: now.addingTimeInterval(configuration.stuffingThrottle))
        do {
            // One alert per source at a time: the stream's version is the guard against a concurrent duplicate.
            let stream = "stuffing-\(source)"
            let version = try store.streamVersion(stream)
            let position = try await store.append([
                StreamAppend(stream: stream, expected: version.map { .exact($0) } ?? .noStream, events: [
                    try EventEnvelope.make(alert, subject: nil, metadata: EventMetadata(actor: "security-monitor", correlationID: client.correlationID)),
                ]),
            ]).lastPosition
            logger.warning("credential stuffing from \(IPNetwork.of(ip)): \(evidence.failures) failures against \(evidence.targets) accounts; throttled")
            _ = await runner.waitUntil(position, projections: [risk.name], timeout: .seconds(2))
        } catch EventStoreError.wrongExpectedVersion {
            return
        }
    }

    func passwordChangeRequired(_ account: Account) -> Bool {
        if account.mustChangePassword { return true }
        guard let age = sessionPolicy.maximumPasswordAge, let changed = account.passwordChangedAt else { return false }
        return Date().timeIntervalSince(changed) > age
    }
}

extension IdentityService {
    /// Exchanges a refresh token for a new pair. A token that was already used revokes its whole
    /// session; an expired session ends. Both, and unknown tokens, throw ``AuthenticationFailed``.
    public func refresh(token: String, client: ClientContext) async throws -> SessionTokens {
        try limit(client)
        guard let (sessionID, presented) = RefreshTokens.parse(token) else { throw AuthenticationFailed() }
        let next = RefreshTokens.make(session: sessionID)
        return try await retrying {
            let (session, version) = try loadSession(sessionID)
            guard let accountID = session.accountID else { throw AuthenticationFailed() }
            let account = try repository.load(accountID).account
            let command = RefreshSession(presentedTokenHash: presented, newTokenHash: next.hash, client: ClientDetails(userAgent: client.userAgent))
            let decision = account.status == .active ? session.decide(command, policy: sessionPolicy, context: context()) : .refused
            func record(_ events: [any DomainEvent]) async throws -> UInt64 {
                try await store.append(to: Session.stream(sessionID), expected: .exact(version), events: try events.map {
                    try EventEnvelope.make($0, subject: accountID.stream, metadata: client.metadata(actor: accountID.description))
                }).lastPosition
            }
            switch decision {
            case .rotated(let refreshed):
                let position = try await record([refreshed])
                await settle(position)
                let changeRequired = passwordChangeRequired(account)
                let (access, expiresIn) = try await tokens.issue(account: accountID, session: sessionID, passwordChangeRequired: changeRequired)
                return SessionTokens(accountID: accountID, sessionID: sessionID, accessToken: access, refreshToken: next.token,
                                     expiresIn: expiresIn, passwordChangeRequired: changeRequired, position: position)
            case let .reuseDetected(reuse, revoked):
                logger.warning("refresh token reuse on session \(sessionID); session revoked")
                await settle(try await record([reuse, revoked]))
                throw AuthenticationFailed()
            case .expired(let revoked):
                await settle(try await record([revoked]))
                throw AuthenticationFailed()
            case .refused:
                throw AuthenticationFailed()
            }
        }
    }
}

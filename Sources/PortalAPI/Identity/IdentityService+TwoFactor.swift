import Domain
import EventStore
import Foundation
import QRCode

/// What the customer needs to add the portal to an authenticator app.
public struct TwoFactorSetup: Sendable, Codable {
    /// The secret in base32, for typing in by hand.
    public var secret: String
    /// The `otpauth://` URI the QR code holds.
    public var uri: String
    /// The QR code as an SVG document.
    public var qrSVG: String
}

extension IdentityService {
    public static let totpIssuer = "Customer Portal"

    /// Starts enrolment: a new secret (sealed in the log), shown as a QR code. Nothing changes for
    /// sign-in until a code from the app confirms it.
    public func startTwoFactorSetup(account id: AccountID, client: ClientContext) async throws -> TwoFactorSetup {
        let secret = Base32.encode(Sodium.randomBytes(20))
        let email = try await retrying { () -> String in
            let (account, version) = try repository.load(id)
            let started = try account.decideStartEnrollment(id: UUIDv7.make(), secret: secret)
            try await append([.twoFactorEnrollmentStarted(started)], to: id, version: version, client: client)
            return account.email ?? id.description
        }
        let uri = TOTP(base32: secret)!.uri(account: email, issuer: Self.totpIssuer)
        let svg = try QRCode(text: uri, errorCorrection: .medium).svg(moduleSize: 5, title: "QR code to add Customer Portal to your authenticator app")
        return TwoFactorSetup(secret: secret, uri: uri, qrSVG: svg)
    }

    /// Confirms enrolment with a code from the app; returns the ten recovery codes, shown only now.
    public func confirmTwoFactor(account id: AccountID, code: String, client: ClientContext) async throws -> [String] {
        try limit(client)
        let (codes, hashes) = secondFactors.newRecoveryCodes()
        try await retrying {
            let (account, version) = try repository.load(id)
            let totp = account.pendingEnrollment?.secret.flatMap { TOTP(base32: $0) }
            let enabled = try account.decideConfirmEnrollment(matchedStep: totp?.matchingStep(code, at: Date()), recoveryCodeHashes: hashes)
            try await append([.twoFactorEnabled(enabled)], to: id, version: version, client: client)
        }
        return codes
    }

    /// Turns two-factor authentication off, with the current password or a fresh code from the app.
    public func disableTwoFactor(account id: AccountID, password: String?, code: String?, client: ClientContext) async throws {
        try limit(client)
        let account = try repository.load(id).account
        let proven = try await proves(account, password: password, code: code)
        try await retrying {
            let (account, version) = try repository.load(id)
            let disabled = try account.decideDisableTwoFactor(proven: proven, by: "owner")
            try await append([.twoFactorDisabled(disabled)], to: id, version: version, client: client)
        }
    }

    /// Replaces the recovery codes (the current password is needed); returns the new ones.
    public func regenerateRecoveryCodes(account id: AccountID, password: String, client: ClientContext) async throws -> [String] {
        try limit(client)
        let account = try repository.load(id).account
        let proven = try await hasher.verify(password, against: account.passwordHash)
        let (codes, hashes) = secondFactors.newRecoveryCodes()
        try await retrying {
            let (account, version) = try repository.load(id)
            let regenerated = try account.decideRegenerateRecoveryCodes(proven: proven, hashes: hashes)
            try await append([.recoveryCodesRegenerated(regenerated)], to: id, version: version, client: client)
        }
        return codes
    }

    /// A fresh password, or a code of a newer time step than any used.
    private func proves(_ account: Account, password: String?, code: String?) async throws -> Bool {
        if let password, !password.isEmpty, try await hasher.verify(password, against: account.passwordHash) { return true }
        if let code, let factor = account.twoFactor, let totp = factor.secret.flatMap({ TOTP(base32: $0) }),
           let step = totp.matchingStep(code, at: Date()), step > factor.lastUsedStep {
            return true
        }
        return false
    }

    /// The roles of an account (empty for an unknown one).
    public func roles(of id: AccountID) throws -> Set<Role> { try repository.load(id).account.roles }

    /// Grants or takes away a role (`portalctl accounts grant-role / revoke-role`).
    public func setRole(_ role: Role, granted: Bool, on id: AccountID, by actor: String) async throws {
        try await retrying {
            let (account, version) = try repository.load(id)
            let event: AccountEvent = granted ? .roleGranted(try account.decideGrant(role, by: actor)) : .roleRevoked(try account.decideRevoke(role, by: actor))
            try await append([event], to: id, version: version, client: ClientContext(), actor: actor)
        }
    }
}

import Foundation

/// Identifies an account at an OpenID Connect provider: a keyed hash of (issuer, subject), hex. It
/// names the identity's reservation stream, like ``EmailKey`` does for addresses.
public struct ExternalIdentityKey: Sendable, Hashable, Codable, CustomStringConvertible {
    public let value: String
    public init(_ value: String) { self.value = value }
    public init(from decoder: any Decoder) throws { value = try decoder.singleValueContainer().decode(String.self) }
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(value)
    }
    public var reservationStream: String { "oidc-\(value)" }
    public var description: String { value }
}

/// A provider identity was reserved for an account (stream `oidc-<key>`), appended atomically with
/// the link, so one identity never signs in to two accounts.
public struct ExternalIdentityReserved: DomainEvent {
    public static let eventType = "ExternalIdentityReserved"
    public var accountID: AccountID
    public init(accountID: AccountID) { self.accountID = accountID }
}

/// "Sign in with …" was linked to the account: at registration through the provider, or after the
/// customer confirmed linking an existing account whose address the provider had verified.
public struct ExternalIdentityLinked: DomainEvent {
    public static let eventType = "ExternalIdentityLinked"
    public struct Personal: Codable, Sendable, Equatable {
        public var issuer: String
        public var subject: String
        public init(issuer: String, subject: String) {
            self.issuer = issuer
            self.subject = subject
        }
    }
    public var accountID: AccountID
    /// The provider's name in the portal's configuration.
    public var provider: String
    public var identityKey: ExternalIdentityKey
    public var personal: Personal?

    enum CodingKeys: String, CodingKey { case accountID, provider, identityKey }

    public init(accountID: AccountID, provider: String, identityKey: ExternalIdentityKey, personal: Personal?) {
        self.accountID = accountID
        self.provider = provider
        self.identityKey = identityKey
        self.personal = personal
    }
}

/// The provider vouched for the address when the account was created through it.
public struct EmailVerifiedByProvider: DomainEvent {
    public static let eventType = "EmailVerifiedByProvider"
    public var accountID: AccountID
    public var provider: String
    public init(accountID: AccountID, provider: String) {
        self.accountID = accountID
        self.provider = provider
    }
}

/// The reservation of a provider identity.
public struct ExternalIdentityReservation: Sendable, Equatable {
    public var holder: AccountID?
    public init(holder: AccountID? = nil) { self.holder = holder }
    public func evolve(_ event: any DomainEvent) -> ExternalIdentityReservation {
        if let e = event as? ExternalIdentityReserved { return ExternalIdentityReservation(holder: e.accountID) }
        return self
    }
}

extension Account {
    /// Links a provider identity to this account; refused when it is already linked to that provider.
    public func decideLink(provider: String, key: ExternalIdentityKey, issuer: String, subject: String) throws -> ExternalIdentityLinked {
        let id = try requireActive()
        guard !linkedIdentities.contains(key) else { throw DomainError.rejected("this \(provider) account is already linked") }
        return ExternalIdentityLinked(accountID: id, provider: provider, identityKey: key, personal: .init(issuer: issuer, subject: subject))
    }
}

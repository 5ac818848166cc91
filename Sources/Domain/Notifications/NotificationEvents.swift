import Foundation

/// What a notification is about.
public enum NotificationKind: String, Codable, Sendable, CaseIterable {
    case verifyEmail, resetPassword, passwordReset, passwordChanged, newDeviceSignIn, accountLocked
    case refreshTokenReused, duplicateRegistration, accountFlaggedCompromised
    case signInCode, unusualSignIn, twoFactorEnabled, twoFactorDisabled
    /// About a ticket: an agent replied, its status changed, it was solved (with the rating links).
    case ticketReplied, ticketStatusChanged, ticketSolved
}

/// An e-mail went out (stream `notifications-<account uuid>`). `causationID` on the record and here
/// names the event it was about; `messageID` is the e-mail's Message-ID, stable for that event, so a
/// resend after a crash can be recognised by the receiving server.
public struct NotificationSent: DomainEvent {
    public static let eventType = "NotificationSent"
    public var accountID: AccountID
    public var kind: NotificationKind
    public var causationEventID: UUID
    public var messageID: String
    public init(accountID: AccountID, kind: NotificationKind, causationEventID: UUID, messageID: String) {
        self.accountID = accountID
        self.kind = kind
        self.causationEventID = causationEventID
        self.messageID = messageID
    }
}

/// An e-mail could not be delivered and will not be retried (the server refused it for good). The
/// reason, which may quote the address, is sealed.
public struct NotificationFailed: DomainEvent {
    public static let eventType = "NotificationFailed"
    public struct Personal: Codable, Sendable, Equatable {
        public var reason: String
        public init(reason: String) { self.reason = reason }
    }
    public var accountID: AccountID
    public var kind: NotificationKind
    public var causationEventID: UUID
    public var personal: Personal?

    enum CodingKeys: String, CodingKey { case accountID, kind, causationEventID }

    public init(accountID: AccountID, kind: NotificationKind, causationEventID: UUID, personal: Personal?) {
        self.accountID = accountID
        self.kind = kind
        self.causationEventID = causationEventID
        self.personal = personal
    }
}

public enum NotificationStreams {
    public static func of(_ account: AccountID) -> String { "notifications-\(account.description)" }
}

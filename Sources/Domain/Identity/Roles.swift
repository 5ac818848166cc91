/// What someone may do beyond being a customer.
public enum Role: String, Codable, Sendable, CaseIterable, Comparable {
    /// Answers tickets and chats.
    case agent
    /// Runs the portal: security alerts, accounts, categories, content.
    case admin
    /// Reads the analytics (CSAT, SLA, FAQ) — no access to tickets themselves.
    case analyst
    /// Writes and publishes knowledge-base articles and FAQ entries.
    case editor

    public static func < (a: Role, b: Role) -> Bool { a.rawValue < b.rawValue }
}

/// A role was granted (`portalctl accounts grant-role`).
public struct RoleGranted: DomainEvent {
    public static let eventType = "RoleGranted"
    public var accountID: AccountID
    public var role: Role
    public var by: String
    public init(accountID: AccountID, role: Role, by: String) {
        self.accountID = accountID
        self.role = role
        self.by = by
    }
}

/// A role was taken away.
public struct RoleRevoked: DomainEvent {
    public static let eventType = "RoleRevoked"
    public var accountID: AccountID
    public var role: Role
    public var by: String
    public init(accountID: AccountID, role: Role, by: String) {
        self.accountID = accountID
        self.role = role
        self.by = by
    }
}

extension Account {
    public func decideGrant(_ role: Role, by actor: String) throws -> RoleGranted {
        let id = try requireActive()
        guard !roles.contains(role) else { throw DomainError.rejected("the account already has the \(role.rawValue) role") }
        return RoleGranted(accountID: id, role: role, by: actor)
    }

    public func decideRevoke(_ role: Role, by actor: String) throws -> RoleRevoked {
        let id = try requireActive()
        guard roles.contains(role) else { throw DomainError.rejected("the account does not have the \(role.rawValue) role") }
        return RoleRevoked(accountID: id, role: role, by: actor)
    }
}

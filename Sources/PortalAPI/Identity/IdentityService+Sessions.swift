import Domain
import EventStore
import Foundation
import Projections

/// One of a customer's sessions, as shown on the devices page and by `GET /me/sessions`.
public struct SessionInfo: Sendable, Codable, Equatable {
    public var id: String
    public var device: String
    public var ip: String?
    public var firstSeen: Date
    public var lastSeen: Date
    public var expiresAt: Date
    public var current: Bool
}

extension IdentityService {
    /// Whether an access token's session is still usable. Waits briefly for the projection when the
    /// session is not known yet (a token issued a moment ago).
    func isSessionActive(_ id: UUID, account: AccountID) async -> Bool {
        if let s = sessions.session(id) { return s.accountID == account && s.isActive(at: Date()) }
        _ = await runner.waitUntil(store.lastPosition, projections: [sessions.name], timeout: .seconds(2))
        guard let s = sessions.session(id) else { return false }
        return s.accountID == account && s.isActive(at: Date())
    }

    /// The account's active sessions, most recently used first.
    public func listSessions(of account: AccountID, current: UUID?) async throws -> [SessionInfo] {
        _ = await runner.waitUntil(store.lastPosition, projections: [sessions.name], timeout: .seconds(2))
        return try sessions.activeSessions(of: account, at: Date()).map { s in
            let record = try store.event(at: s.lastPosition)
            let first = s.firstPosition == s.lastPosition ? record : try store.event(at: s.firstPosition)
            let userAgent = (try? first?.domainEvent() as? SessionStarted)?.personal?.userAgent
            return SessionInfo(
                id: s.id.uuidString.lowercased(), device: s.deviceName ?? DeviceName.describe(userAgent), ip: record?.metadata.clientIP,
                firstSeen: Date(timeIntervalSince1970: Double(s.startedAtMicros) / 1e6), lastSeen: Date(timeIntervalSince1970: Double(s.lastSeenAtMicros) / 1e6),
                expiresAt: min(s.idleExpiresAt, s.absoluteExpiresAt), current: s.id == current)
        }
    }

    /// Ends one session of the account (sign-out, or "sign out that device"). False when the account
    /// has no such active session.
    @discardableResult
    public func revokeSession(_ id: UUID, of account: AccountID, reason: SessionEndReason, client: ClientContext) async throws -> Bool {
        guard let summary = sessions.session(id), summary.accountID == account, summary.endReason == nil else { return false }
        let appends = try revocations([summary], reason: reason, client: client, actor: account.description)
        guard !appends.isEmpty else { return false }
        await settle(try await store.append(appends).lastPosition)
        return true
    }

    /// Ends every active session of the account except `keep`; returns how many ended.
    public func revokeSessions(of account: AccountID, except keep: UUID?, reason: SessionEndReason, client: ClientContext, actor: String) async throws -> Int {
        _ = await runner.waitUntil(store.lastPosition, projections: [sessions.name], timeout: .seconds(2))
        let targets = sessions.activeSessions(of: account, at: Date()).filter { $0.id != keep }
        let appends = try revocations(targets, reason: reason, client: client, actor: actor)
        guard !appends.isEmpty else { return 0 }
        await settle(try await store.append(appends).lastPosition)
        return appends.count
    }
}

/// A readable device name from a user agent ("Firefox on Linux").
public enum DeviceName {
    public static func describe(_ userAgent: String?) -> String {
        guard let ua = userAgent, !ua.isEmpty else { return "Unknown device" }
        let browser: String =
            if ua.contains("Edg/") { "Edge" }
            else if ua.contains("OPR/") || ua.contains("Opera") { "Opera" }
            else if ua.contains("Firefox/") { "Firefox" }
            else if ua.contains("Chrome/") || ua.contains("Chromium/") { ua.contains("HeadlessChrome") ? "Headless Chrome" : "Chrome" }
            else if ua.contains("Safari/") { "Safari" }
            else if ua.hasPrefix("curl/") { "curl" }
            else { String(ua.prefix { $0 != "/" && $0 != " " }.prefix(40)) }
        let system: String? =
            if ua.contains("Android") { "Android" }
            else if ua.contains("iPhone") || ua.contains("iPad") { "iOS" }
            else if ua.contains("Windows") { "Windows" }
            else if ua.contains("Mac OS X") || ua.contains("Macintosh") { "macOS" }
            else if ua.contains("CrOS") { "ChromeOS" }
            else if ua.contains("Linux") { "Linux" }
            else { nil }
        return system.map { "\(browser) on \($0)" } ?? browser
    }
}

import Domain
import EventStore
import Foundation
import PortalAPI
import Projections

/// The link a mail would carry for the newest event of `type` (what the outbox puts into the e-mail).
func latestLinkToken(_ portal: Portal, type: String) throws -> String? {
    let events = try portal.store.read(after: 0, limit: 100_000, types: [type]).events
    guard let last = events.last, let key = portal.store.masterKey else { return nil }
    let links = LinkTokens(masterKey: key)
    switch try last.domainEvent() {
    case let e as PasswordResetRequested: return links.token(account: e.accountID, requestID: e.requestID)
    case let e as EmailVerificationRequested: return links.token(account: e.accountID, requestID: e.requestID)
    default: return nil
    }
}

/// The code the outbox mails for an e-mailed second-factor challenge.
func mailedCode(_ portal: Portal, challenge: String) -> String? {
    guard let key = portal.store.masterKey else { return nil }
    let tokens = SecondFactorTokens(masterKey: key)
    return tokens.parseChallenge(challenge).map { tokens.emailCode(challenge: $0.challenge) }
}

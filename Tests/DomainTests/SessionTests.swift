import Domain
import Foundation
import Testing

@Suite("Sessions and refresh tokens")
struct SessionTests {
    let id = UUID(uuidString: "0190f5d2-5555-7000-8000-00000000000e")!
    let policy = SessionPolicy(idleTimeout: 7 * 24 * 3600, absoluteLifetime: 30 * 24 * 3600)
    let client = ClientDetails(userAgent: "Firefox/130")

    var started: Session {
        Session().evolve(Session.start(id: id, account: Fixtures.accountID, deviceID: "d", deviceName: nil, refreshTokenHash: "t1",
                                       client: client, policy: policy, now: FixedContext.now))
    }

    func context(after seconds: TimeInterval) -> DecisionContext { DecisionContext(now: FixedContext.now.addingTimeInterval(seconds), newID: { UUID() }) }

    @Test func theCurrentTokenRotates() {
        let decision = started.decide(RefreshSession(presentedTokenHash: "t1", newTokenHash: "t2", client: client), policy: policy, context: context(after: 3600))
        #expect(decision == .rotated(SessionRefreshed(sessionID: id, accountID: Fixtures.accountID, refreshTokenHash: "t2",
                                                      idleExpiresAt: FixedContext.now.addingTimeInterval(3600 + policy.idleTimeout), personal: client)))
    }

    @Test func aUsedTokenRevokesTheWholeSession() {
        guard case .rotated(let refreshed) = started.decide(RefreshSession(presentedTokenHash: "t1", newTokenHash: "t2", client: client), policy: policy, context: context(after: 60)) else {
            Issue.record("expected rotation")
            return
        }
        let rotated = started.evolve(refreshed)
        let reuse = rotated.decide(RefreshSession(presentedTokenHash: "t1", newTokenHash: "t3", client: client), policy: policy, context: context(after: 120))
        #expect(reuse == .reuseDetected(RefreshTokenReuseDetected(sessionID: id, accountID: Fixtures.accountID, personal: client),
                                        SessionRevoked(sessionID: id, accountID: Fixtures.accountID, reason: .refreshTokenReused)))
        guard case .reuseDetected(let detected, let revoked) = reuse else { return }
        let ended = rotated.evolve(detected).evolve(revoked)
        // Once revoked, even the token that was current is refused, and reuse is not reported twice.
        #expect(ended.decide(RefreshSession(presentedTokenHash: "t2", newTokenHash: "t4", client: client), policy: policy, context: context(after: 130)) == .refused)
        #expect(ended.decide(RefreshSession(presentedTokenHash: "t1", newTokenHash: "t4", client: client), policy: policy, context: context(after: 130)) == .refused)
    }

    @Test func anUnknownTokenIsRefusedWithoutRecording() {
        #expect(started.decide(RefreshSession(presentedTokenHash: "nope", newTokenHash: "t2", client: client), policy: policy, context: context(after: 1)) == .refused)
        #expect(Session().decide(RefreshSession(presentedTokenHash: "t1", newTokenHash: "t2", client: client), policy: policy, context: context(after: 1)) == .refused)
    }

    @Test func anIdleSessionExpires() {
        let decision = started.decide(RefreshSession(presentedTokenHash: "t1", newTokenHash: "t2", client: client), policy: policy, context: context(after: policy.idleTimeout + 1))
        #expect(decision == .expired(SessionRevoked(sessionID: id, accountID: Fixtures.accountID, reason: .expired)))
    }

    @Test func anActiveSessionStillEndsAtItsAbsoluteLifetime() {
        var s = started
        var token = "t1"
        var t: TimeInterval = 0
        // Refreshed every six days, it would never go idle…
        while t + 6 * 24 * 3600 < policy.absoluteLifetime {
            t += 6 * 24 * 3600
            guard case .rotated(let r) = s.decide(RefreshSession(presentedTokenHash: token, newTokenHash: "t\(t)", client: client), policy: policy, context: context(after: t)) else {
                Issue.record("expected rotation at \(t)")
                return
            }
            #expect(r.idleExpiresAt <= FixedContext.now.addingTimeInterval(policy.absoluteLifetime))
            s = s.evolve(r)
            token = "t\(t)"
        }
        // …but it ends once the absolute lifetime is over.
        let late = s.decide(RefreshSession(presentedTokenHash: token, newTokenHash: "x", client: client), policy: policy, context: context(after: policy.absoluteLifetime))
        #expect(late == .expired(SessionRevoked(sessionID: id, accountID: Fixtures.accountID, reason: .expired)))
    }

    @Test func revokingEndsTheSessionOnce() {
        let revoked = started.revoke(.signedOut)
        #expect(revoked == SessionRevoked(sessionID: id, accountID: Fixtures.accountID, reason: .signedOut))
        let ended = started.evolve(revoked!)
        #expect(!ended.isUsable(at: FixedContext.now))
        #expect(ended.revoke(.signedOut) == nil)
    }
}

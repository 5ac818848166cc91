import Domain
import Foundation
import Testing

@Suite("Account lockout")
struct LockoutTests {
    let policy = LockoutPolicy(threshold: 5, baseDuration: 300, maximumDuration: 3600, memory: 24 * 3600)
    let wrong = SignIn(emailKey: Fixtures.emailKey, passwordMatches: false, deviceID: nil, client: ClientDetails(userAgent: nil))
    let right = SignIn(emailKey: Fixtures.emailKey, passwordMatches: true, deviceID: nil, client: ClientDetails(userAgent: nil))

    func context(_ at: Date) -> DecisionContext { DecisionContext(now: at, newID: { UUID() }) }

    /// Runs `count` wrong attempts starting at `start`, a second apart, folding what they decide.
    func fail(_ scenario: AccountScenario, times count: Int, from start: Date) -> (AccountScenario, [AccountLocked]) {
        var s = scenario
        var locks: [AccountLocked] = []
        for i in 0..<count {
            let at = start.addingTimeInterval(Double(i))
            guard case .failed(let failure, let lock)? = s.when(wrong, lockout: policy, context: context(at)).decision else { continue }
            s = s.and([.signInFailed(failure)] + (lock.map { [.locked($0)] } ?? []), at: at)
            if let lock { locks.append(lock) }
        }
        return (s, locks)
    }

    @Test func theFifthFailureLocksForFiveMinutes() {
        let (s, locks) = fail(AccountScenario.given(Fixtures.registered), times: 5, from: FixedContext.now)
        #expect(locks.count == 1)
        #expect(locks.first?.level == 1)
        #expect(locks.first?.failures == 5)
        #expect(locks.first?.until == FixedContext.now.addingTimeInterval(4 + 300))
        #expect(s.state.isLocked(at: FixedContext.now.addingTimeInterval(10)))
        #expect(!s.state.isLocked(at: FixedContext.now.addingTimeInterval(305)))
    }

    @Test func whileLockedEvenTheRightPasswordIsRefusedAndNothingExtendsTheLock() {
        let (s, _) = fail(AccountScenario.given(Fixtures.registered), times: 5, from: FixedContext.now)
        let during = FixedContext.now.addingTimeInterval(60)
        guard case .failed(let f, let lock)? = s.when(right, lockout: policy, context: context(during)).decision else { Issue.record("expected refusal"); return }
        #expect(f.reason == .locked && lock == nil)
        // Attempts during the lock neither count nor lock again.
        let (after, more) = fail(s, times: 20, from: during)
        #expect(more.isEmpty)
        #expect(after.state.lockedUntil == s.state.lockedUntil)
        #expect(after.state.consecutiveFailures == 0)
    }

    @Test func repeatedLocksDoubleUpToTheCap() {
        var s = AccountScenario.given(Fixtures.registered)
        var durations: [TimeInterval] = []
        var t = FixedContext.now
        for _ in 0..<6 {
            let (next, locks) = fail(s, times: 5, from: t)
            s = next
            guard let lock = locks.first else { Issue.record("expected a lock"); return }
            durations.append(lock.until.timeIntervalSince(t.addingTimeInterval(4)))
            t = lock.until.addingTimeInterval(1)  // the next round starts when the lock has run out
        }
        #expect(durations == [300, 600, 1200, 2400, 3600, 3600])
    }

    @Test func locksAreForgottenAfterADayOrASuccessfulSignIn() {
        let (s, _) = fail(AccountScenario.given(Fixtures.registered), times: 5, from: FixedContext.now)
        let nextDay = FixedContext.now.addingTimeInterval(25 * 3600)
        let (_, later) = fail(s, times: 5, from: nextDay)
        #expect(later.first?.level == 1)

        let afterLock = FixedContext.now.addingTimeInterval(400)
        guard case .signedIn(let signedIn, _)? = s.when(right, lockout: policy, context: context(afterLock)).decision else { Issue.record("expected sign-in"); return }
        let (_, again) = fail(s.and([.signedIn(signedIn)], at: afterLock), times: 5, from: afterLock.addingTimeInterval(1))
        #expect(again.first?.level == 1)
    }

    @Test func aPasswordResetLiftsTheLock() throws {
        let (s, _) = fail(AccountScenario.given(Fixtures.registered), times: 5, from: FixedContext.now)
        let link = PasswordResetRequested(accountID: Fixtures.accountID, requestID: UUID(), tokenHash: "reset", expiresAt: FixedContext.now.addingTimeInterval(3600))
        let withLink = s.and([.passwordResetRequested(link)])
        let events = try withLink.state.decideReset(presentedTokenHash: "reset", newPasswordHash: "new", reusesRecentPassword: false, now: FixedContext.now.addingTimeInterval(30))
        #expect(events.contains { if case .unlocked(let u) = $0 { return u.by == "password reset" } else { return false } })
        let after = withLink.and(events)
        #expect(!after.state.isLocked(at: FixedContext.now.addingTimeInterval(31)))
    }

    @Test func anAdminCanUnlockALockedAccountOnly() throws {
        let (s, _) = fail(AccountScenario.given(Fixtures.registered), times: 5, from: FixedContext.now)
        let unlocked = try s.state.decideUnlock(by: "admin", now: FixedContext.now.addingTimeInterval(10))
        #expect(unlocked == AccountUnlocked(accountID: Fixtures.accountID, by: "admin"))
        #expect(!s.and([.unlocked(unlocked)]).state.isLocked(at: FixedContext.now.addingTimeInterval(11)))
        #expect(throws: DomainError.rejected("the account is not locked")) {
            try AccountScenario.given(Fixtures.registered).state.decideUnlock(by: "admin", now: FixedContext.now)
        }
    }
}

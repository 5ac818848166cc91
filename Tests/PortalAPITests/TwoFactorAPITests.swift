import Domain
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import PortalAPI
import Testing

/// An authenticator app as the customer has it: the secret from the setup answer, codes per time step.
struct Authenticator {
    let totp: TOTP
    /// The step whose code confirmed the setup; later sign-ins need a newer one.
    let confirmedStep: Int64
    let recoveryCodes: [String]

    func code(_ step: Int64) -> String { totp.code(step: step) }
}

extension TestClientProtocol {
    func post(_ uri: String, json: String, token: String) async throws -> TestResponse {
        try await post(uri, json: json, headers: [.authorization: "Bearer \(token)"])
    }

    /// Sets up the authenticator through the API and confirms it with the code of the current step.
    func enableTwoFactor(token: String) async throws -> Authenticator {
        let setup = try await post("/api/v1/me/2fa/setup", json: "{}", token: token)
        #expect(setup.status == .ok)
        let body = try setup.json()
        let secret = try #require(body["secret"] as? String)
        #expect((body["uri"] as? String)?.hasPrefix("otpauth://totp/") == true)
        #expect((body["uri"] as? String)?.contains("secret=\(secret)") == true)
        #expect((body["qrSVG"] as? String)?.contains("<svg") == true)
        let totp = try #require(TOTP(base32: secret))
        let step = TOTP.step(at: Date())
        let confirm = try await post("/api/v1/me/2fa/confirm", json: #"{"code":"\#(totp.code(step: step))"}"#, token: token)
        #expect(confirm.status == .ok)
        let codes = try #require(try confirm.json()["recoveryCodes"] as? [String])
        return Authenticator(totp: totp, confirmedStep: step, recoveryCodes: codes)
    }

    /// The right password of an account with a second factor: the challenge of the 202 answer.
    func challenge(email: String = "ann@example.com", password: String = "correct horse battery") async throws -> [String: Any] {
        let login = try await post("/api/v1/auth/login", json: #"{"email":"\#(email)","password":"\#(password)"}"#)
        #expect(login.status == .accepted)
        return try login.json()
    }

    func secondFactor(_ challenge: String, code: String? = nil, recoveryCode: String? = nil) async throws -> TestResponse {
        var fields = [#""challenge":"\#(challenge)""#]
        if let code { fields.append(#""code":"\#(code)""#) }
        if let recoveryCode { fields.append(#""recoveryCode":"\#(recoveryCode)""#) }
        return try await post("/api/v1/auth/login/second-factor", json: "{" + fields.joined(separator: ",") + "}")
    }
}

@Suite("Two-factor authentication through the API")
struct TwoFactorAPITests {
    @Test func withTheAppOnTheRightPasswordAsksForACodeThatCompletesTheSignIn() async throws {
        try await PortalHarness.run { client, _ in
            let token = try await client.signUpAndIn()
            let app = try await client.enableTwoFactor(token: token)
            #expect(app.recoveryCodes.count == 10 && Set(app.recoveryCodes).count == 10)

            let body = try await client.challenge()
            #expect(body["method"] as? String == "totp")
            #expect(body["riskySignIn"] as? Bool == false)
            #expect(body["expiresIn"] as? Int == 600)
            #expect(body["accessToken"] == nil && body["refreshToken"] == nil)
            let challenge = try #require(body["challenge"] as? String)

            let done = try await client.secondFactor(challenge, code: app.code(app.confirmedStep + 1))
            #expect(done.status == .ok)
            let access = try #require(try done.json()["accessToken"] as? String)
            #expect(try done.json()["refreshToken"] is String)
            #expect(try await client.get("/api/v1/me", token: access).status == .ok)
        }
    }

    @Test func aWrongCodeWhileSettingUpIsAnErrorOnTheCodeField() async throws {
        try await PortalHarness.run { client, _ in
            let token = try await client.signUpAndIn()
            let setup = try await client.post("/api/v1/me/2fa/setup", json: "{}", token: token)
            let secret = try #require(try setup.json()["secret"] as? String)
            let totp = try #require(TOTP(base32: secret))
            let now = TOTP.step(at: Date())
            // A code from ten minutes ago matches none of the steps around now.
            let stale = try await client.post("/api/v1/me/2fa/confirm", json: #"{"code":"\#(totp.code(step: now - 20))"}"#, token: token)
            #expect(stale.status == .unprocessableContent)
            #expect((try stale.problem()["errors"] as? [[String: Any]])?.first?["field"] as? String == "code")
            // Still off: the password alone signs in.
            _ = try await client.signIn()
            #expect(try await client.post("/api/v1/me/2fa/confirm", json: #"{"code":"\#(totp.code(step: now))"}"#, token: token).status == .ok)
            // Once on, a second setup is refused until it is turned off.
            #expect(try await client.post("/api/v1/me/2fa/setup", json: "{}", token: token).status == .conflict)
        }
    }

    @Test func theSameTimeStepCannotBeUsedTwice() async throws {
        try await PortalHarness.run { client, _ in
            let app = try await client.enableTwoFactor(token: try await client.signUpAndIn())
            let first = try #require(try await client.challenge()["challenge"] as? String)
            // The code that confirmed the setup is spent.
            let spent = try await client.secondFactor(first, code: app.code(app.confirmedStep))
            #expect(spent.status == .unauthorized)
            #expect(try spent.problem()["type"] as? String == "/problems/invalid-code")
            #expect(try await client.secondFactor(first, code: app.code(app.confirmedStep + 1)).status == .ok)

            // So is the one that just signed in, even for a new challenge.
            let second = try #require(try await client.challenge()["challenge"] as? String)
            #expect(try await client.secondFactor(second, code: app.code(app.confirmedStep + 1)).status == .unauthorized)
            // The challenge stays open for a good code.
            #expect(try await client.secondFactor(second, recoveryCode: app.recoveryCodes[0]).status == .ok)
        }
    }

    @Test func aRecoveryCodeWorksOnce() async throws {
        try await PortalHarness.run { client, _ in
            let app = try await client.enableTwoFactor(token: try await client.signUpAndIn())
            let first = try #require(try await client.challenge()["challenge"] as? String)
            #expect(try await client.secondFactor(first, recoveryCode: app.recoveryCodes[3]).status == .ok)
            let second = try #require(try await client.challenge()["challenge"] as? String)
            #expect(try await client.secondFactor(second, recoveryCode: app.recoveryCodes[3]).status == .unauthorized)
            // Case and dashes do not matter when typing one in.
            let typed = app.recoveryCodes[4].uppercased().replacingOccurrences(of: "-", with: " ")
            #expect(try await client.secondFactor(second, recoveryCode: typed).status == .ok)
        }
    }

    @Test func aChallengeIsUsedOnceAndCannotBeForged() async throws {
        try await PortalHarness.run { client, _ in
            let app = try await client.enableTwoFactor(token: try await client.signUpAndIn())
            let challenge = try #require(try await client.challenge()["challenge"] as? String)
            #expect(try await client.secondFactor(challenge, code: app.code(app.confirmedStep + 1)).status == .ok)
            for token in [challenge, "ch_nonsense", String(challenge.dropLast(2)) + (challenge.hasSuffix("AA") ? "BB" : "AA")] {
                let refused = try await client.secondFactor(token, recoveryCode: app.recoveryCodes[0])
                #expect(refused.status == .badRequest)
                #expect(try refused.problem()["detail"] as? String == challengeRefusedMessage)
            }
            // The recovery code offered above was not spent on those refusals.
            let next = try #require(try await client.challenge()["challenge"] as? String)
            #expect(try await client.secondFactor(next, recoveryCode: app.recoveryCodes[0]).status == .ok)
        }
    }

    @Test func wrongCodesLockTheAccount() async throws {
        try await PortalHarness.run(configure: { $0.lockout = LockoutPolicy(threshold: 3) }) { client, _ in
            let app = try await client.enableTwoFactor(token: try await client.signUpAndIn())
            let challenge = try #require(try await client.challenge()["challenge"] as? String)
            for wrong in ["000000", "123456", "999999"] {
                #expect(try await client.secondFactor(challenge, code: wrong).status == .unauthorized)
            }
            // Locked: the right code and the right password are refused alike.
            #expect(try await client.secondFactor(challenge, code: app.code(app.confirmedStep + 1)).status == .unauthorized)
            let login = try await client.post("/api/v1/auth/login", json: #"{"email":"ann@example.com","password":"correct horse battery"}"#)
            #expect(login.status == .unauthorized)
        }
    }

    @Test func turningItOffNeedsThePasswordOrAFreshCode() async throws {
        try await PortalHarness.run { client, _ in
            let token = try await client.signUpAndIn()
            let app = try await client.enableTwoFactor(token: token)
            for proof in [#"{}"#, #"{"password":"not the password"}"#, #"{"code":"\#(app.code(app.confirmedStep))"}"#] {
                let refused = try await client.post("/api/v1/me/2fa/disable", json: proof, token: token)
                #expect(refused.status == .unprocessableContent, "\(proof)")
                #expect((try refused.problem()["errors"] as? [[String: Any]])?.first?["field"] as? String == "password")
            }
            #expect(try await client.challenge()["method"] as? String == "totp", "still on")

            #expect(try await client.post("/api/v1/me/2fa/disable", json: #"{"code":"\#(app.code(app.confirmedStep + 1))"}"#, token: token).status == .noContent)
            _ = try await client.signIn()  // 200 with tokens at once
            #expect(try await client.post("/api/v1/me/2fa/disable", json: #"{"password":"correct horse battery"}"#, token: token).status == .conflict)
        }
    }

    @Test func thePasswordAlsoTurnsItOff() async throws {
        try await PortalHarness.run { client, _ in
            let token = try await client.signUpAndIn()
            _ = try await client.enableTwoFactor(token: token)
            #expect(try await client.post("/api/v1/me/2fa/disable", json: #"{"password":"correct horse battery"}"#, token: token).status == .noContent)
            _ = try await client.signIn()
        }
    }

    @Test func newRecoveryCodesReplaceTheOldOnes() async throws {
        try await PortalHarness.run { client, _ in
            let token = try await client.signUpAndIn()
            let app = try await client.enableTwoFactor(token: token)
            let wrong = try await client.post("/api/v1/me/2fa/recovery-codes", json: #"{"password":"not the password"}"#, token: token)
            #expect(wrong.status == .unprocessableContent)
            let fresh = try await client.post("/api/v1/me/2fa/recovery-codes", json: #"{"password":"correct horse battery"}"#, token: token)
            #expect(fresh.status == .ok)
            let codes = try #require(try fresh.json()["recoveryCodes"] as? [String])
            #expect(codes.count == 10 && Set(codes).isDisjoint(with: app.recoveryCodes))
            let challenge = try #require(try await client.challenge()["challenge"] as? String)
            #expect(try await client.secondFactor(challenge, recoveryCode: app.recoveryCodes[0]).status == .unauthorized)
            #expect(try await client.secondFactor(challenge, recoveryCode: codes[0]).status == .ok)
        }
    }

    @Test func theSetupNeedsASignedInCustomer() async throws {
        try await PortalHarness.run { client, _ in
            let setup = try await client.post("/api/v1/me/2fa/setup", json: "{}")
            let disable = try await client.post("/api/v1/me/2fa/disable", json: #"{"password":"correct horse battery"}"#)
            #expect(setup.status == .unauthorized && disable.status == .unauthorized)
        }
    }
}

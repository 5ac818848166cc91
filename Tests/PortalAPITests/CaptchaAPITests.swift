import Domain
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import PortalAPI
import Testing

/// The challenge a 403 `captcha-required` answer (or `GET /api/v1/auth/captcha`) carries.
func captchaChallenge(_ object: Any?) throws -> CaptchaChallenge {
    let data = try JSONSerialization.data(withJSONObject: try #require(object as? [String: Any]))
    let decoder = JSONDecoder()
    decoder.dateDecodingStrategy = .iso8601
    return try decoder.decode(CaptchaChallenge.self, from: data)
}

extension TestClientProtocol {
    /// A fresh challenge from the API, solved.
    func solvedCaptcha() async throws -> String {
        let r = try await get("/api/v1/auth/captcha")
        #expect(r.status == .ok)
        return ProofOfWorkCaptcha.solve(try captchaChallenge(try r.json()))
    }

    func register(_ email: String, password: String = "correct horse battery", captcha: String?) async throws -> TestResponse {
        let field = captcha.map { #","captcha":"\#($0)""# } ?? ""
        return try await post("/api/v1/auth/register", json: #"{"email":"\#(email)","password":"\#(password)","name":"Ann Lee"\#(field)}"#)
    }

    func login(_ email: String, password: String = "correct horse battery", captcha: String? = nil) async throws -> TestResponse {
        let field = captcha.map { #","captcha":"\#($0)""# } ?? ""
        return try await post("/api/v1/auth/login", json: #"{"email":"\#(email)","password":"\#(password)"\#(field)}"#)
    }
}

extension TestResponse {
    /// The challenge of a 403 `captcha-required` answer; records an issue for any other answer.
    func captchaRefusal(sourceLocation: SourceLocation = #_sourceLocation) throws -> CaptchaChallenge {
        #expect(status == .forbidden, sourceLocation: sourceLocation)
        let problem = try problem()
        #expect(problem["type"] as? String == "/problems/captcha-required", sourceLocation: sourceLocation)
        return try captchaChallenge(problem["captcha"])
    }
}

@Suite("CAPTCHA through the API")
struct CaptchaAPITests {
    let on: @Sendable (inout PortalConfiguration) -> Void = { $0.captchaDifficulty = 8 }

    @Test func aChallengeIsHandedOutOnlyWhenTheCaptchaIsOn() async throws {
        try await PortalHarness.run(configure: on) { client, _ in
            let first = try captchaChallenge(try await client.get("/api/v1/auth/captcha").json())
            let second = try captchaChallenge(try await client.get("/api/v1/auth/captcha").json())
            #expect(first.challenge.hasPrefix("pow1.") && first.difficulty == 8 && first.algorithm == "sha256-leading-zero-bits")
            #expect(first.expiresAt > Date())
            #expect(first.challenge != second.challenge)
        }
        try await PortalHarness.run { client, _ in
            let off = try await client.get("/api/v1/auth/captcha")
            #expect(off.status == .notFound)
        }
    }

    @Test func registrationNeedsASolvedCaptchaOnce() async throws {
        try await PortalHarness.run(configure: on) { client, _ in
            let challenge = try await client.register("ann@example.com", captcha: nil).captchaRefusal()
            #expect(challenge.difficulty == 8)
            // Nothing was registered.
            #expect(try await client.login("ann@example.com").status == .unauthorized)

            let solution = ProofOfWorkCaptcha.solve(challenge)
            #expect(try await client.register("ann@example.com", captcha: solution).status == .created)
            #expect(try await client.login("ann@example.com").status == .ok)

            let replay = try await client.register("bob@example.com", captcha: solution)
            _ = try replay.captchaRefusal()
            #expect((try replay.problem()["detail"] as? String)?.contains("already used") == true)
            #expect(try await client.login("bob@example.com").status == .unauthorized)
        }
    }

    @Test func aChallengeMadeEasierIsRefused() async throws {
        try await PortalHarness.run(configure: on) { client, _ in
            let challenge = try captchaChallenge(try await client.get("/api/v1/auth/captcha").json())
            // Lowering the difficulty in the challenge breaks its signature.
            var parts = challenge.challenge.split(separator: ".").map(String.init)
            parts[3] = "1"
            var easier = challenge
            easier.challenge = parts.joined(separator: ".")
            easier.difficulty = 1
            let forged = try await client.register("ann@example.com", captcha: ProofOfWorkCaptcha.solve(easier))
            _ = try forged.captchaRefusal()
            let unsolved = try await client.register("ann@example.com", captcha: challenge.challenge + ":")
            _ = try unsolved.captchaRefusal()
        }
    }

    @Test func forgotPasswordNeedsASolvedCaptchaOnce() async throws {
        try await PortalHarness.run(configure: on) { client, _ in
            let challenge = try await client.post("/api/v1/auth/forgot-password", json: #"{"email":"ann@example.com"}"#).captchaRefusal()
            let solution = ProofOfWorkCaptcha.solve(challenge)
            let accepted = try await client.post("/api/v1/auth/forgot-password", json: #"{"email":"ann@example.com","captcha":"\#(solution)"}"#)
            #expect(accepted.status == .accepted)
            _ = try await client.post("/api/v1/auth/forgot-password", json: #"{"email":"ann@example.com","captcha":"\#(solution)"}"#).captchaRefusal()
        }
    }

    @Test func theChallengeInARefusalReadsLikeTheOneFromTheEndpoint() async throws {
        try await PortalHarness.run(configure: on) { client, _ in
            let refusal = try await client.register("ann@example.com", captcha: nil)
            let captcha = try #require(try refusal.problem()["captcha"] as? [String: Any])
            let expires = try #require(captcha["expiresAt"] as? String, "expiresAt is an ISO 8601 date, as everywhere else in the API")
            #expect(ISO8601DateFormatter().date(from: expires) != nil)
        }
    }

    @Test func signInNeedsTheCaptchaAfterRepeatedFailuresOfTheAccount() async throws {
        try await PortalHarness.run(configure: on) { client, _ in
            #expect(try await client.register("ann@example.com", captcha: try await client.solvedCaptcha()).status == .created)
            #expect(try await client.register("bob@example.com", captcha: try await client.solvedCaptcha()).status == .created)
            // A first sign-in needs no check.
            #expect(try await client.login("ann@example.com").status == .ok)
            for _ in 0..<3 {
                #expect(try await client.login("ann@example.com", password: "not the password").status == .unauthorized)
            }
            // After three failures even the right password needs the check…
            let challenge = try await client.login("ann@example.com").captchaRefusal()
            // …while another account is not affected.
            #expect(try await client.login("bob@example.com").status == .ok)
            #expect(try await client.login("ann@example.com", captcha: ProofOfWorkCaptcha.solve(challenge)).status == .ok)
            // A success clears the count.
            #expect(try await client.login("ann@example.com").status == .ok)
        }
    }

    @Test func signInNeedsTheCaptchaAfterRepeatedFailuresFromTheNetwork() async throws {
        try await PortalHarness.run(configure: on) { client, portal in
            #expect(try await client.register("ann@example.com", captcha: try await client.solvedCaptcha()).status == .created)
            for n in 0..<3 {
                await #expect(throws: AuthenticationFailed.self) {
                    try await portal.identity.signIn(email: "nobody\(n)@example.org", password: "Winter2025!", deviceName: nil, client: ClientContext(ip: "203.0.113.7"))
                }
            }
            let refusal = await #expect(throws: CaptchaRequired.self) {
                try await portal.identity.signIn(email: "ann@example.com", password: "correct horse battery", deviceName: nil, client: ClientContext(ip: "203.0.113.80"))
            }
            let challenge = try #require(refusal?.challenge)
            let solved = try await portal.identity.signIn(email: "ann@example.com", password: "correct horse battery", deviceName: nil,
                                                          captcha: ProofOfWorkCaptcha.solve(challenge), client: ClientContext(ip: "203.0.113.80"))
            guard case .signedIn = solved else { Issue.record("expected a sign-in, got \(solved)"); return }
            // Another network signs in without the check.
            let elsewhere = try await portal.identity.signIn(email: "ann@example.com", password: "correct horse battery", deviceName: nil, client: ClientContext(ip: "198.51.100.4"))
            guard case .signedIn = elsewhere else { Issue.record("expected a sign-in, got \(elsewhere)"); return }
        }
    }

    @Test func aStuffingSourceNeedsTheCaptchaWhateverTheCount() async throws {
        try await PortalHarness.run(configure: {
            $0.captchaDifficulty = 8
            $0.captchaAfterFailures = 1000  // only the alert asks for the check here
            $0.risk = RiskPolicy(stuffingAccounts: 5)
            $0.throttledRate = RateLimit(capacity: 10, per: .seconds(3600))
        }) { client, portal in
            #expect(try await client.register("ann@example.com", captcha: try await client.solvedCaptcha()).status == .created)
            _ = try await client.signIn()
            for n in 0..<5 {
                await #expect(throws: AuthenticationFailed.self) {
                    try await portal.identity.signIn(email: "nobody\(n)@example.org", password: "Winter2025!", deviceName: nil, client: ClientContext(ip: "203.0.113.7"))
                }
            }
            #expect(try portal.store.read(after: 0, types: [CredentialStuffingDetected.eventType]).events.count == 1)

            // The owner, from the same network: first the check, then — the network being a stuffing source — a mailed code.
            let refusal = await #expect(throws: CaptchaRequired.self) {
                try await portal.identity.signIn(email: "ann@example.com", password: "correct horse battery", deviceName: nil, client: ClientContext(ip: "203.0.113.80"))
            }
            let challenge = try #require(refusal?.challenge)
            let result = try await portal.identity.signIn(email: "ann@example.com", password: "correct horse battery", deviceName: nil,
                                                          captcha: ProofOfWorkCaptcha.solve(challenge), client: ClientContext(ip: "203.0.113.80"))
            guard case .secondFactorRequired(let second) = result else { Issue.record("expected a second factor, got \(result)"); return }
            #expect(second.method == "emailCode" && second.riskySignIn)

            // From another network, the password is enough and no check is asked.
            let elsewhere = try await portal.identity.signIn(email: "ann@example.com", password: "correct horse battery", deviceName: nil, client: ClientContext(ip: "198.51.100.4"))
            guard case .signedIn = elsewhere else { Issue.record("expected a sign-in, got \(elsewhere)"); return }
        }
    }
}

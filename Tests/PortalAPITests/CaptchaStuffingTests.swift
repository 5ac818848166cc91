import Domain
import EventStore
import Foundation
import PortalAPI
import Testing

@Suite("Bots that never solve the CAPTCHA")
struct CaptchaStuffingTests {
    /// A bot that never solves the check is refused every time — and still shows up as a stuffing source.
    @Test func refusedAttemptsStillRaiseTheAlert() async throws {
        try await PortalHarness.run(configure: { $0.captchaDifficulty = 8 }) { _, portal in
            var refused = 0
            for i in 0..<30 {
                do {
                    _ = try await portal.identity.signIn(email: "victim\(i)@example.com", password: "Summer2025!", deviceName: nil, client: ClientContext(ip: "198.51.100.23"))
                } catch is CaptchaRequired {
                    refused += 1
                } catch is AuthenticationFailed, is RateLimited {
                }
            }
            #expect(refused > 0)
            let alerts = try portal.store.read(after: 0, limit: 100_000, types: [CredentialStuffingDetected.eventType]).events
            #expect(alerts.count == 1)
            let alert = try #require(try alerts.first?.decode(as: CredentialStuffingDetected.self))
            #expect(alert.network == "198.51.100.0/24")
            // None of these attempts counts toward an account's lock.
            let missing = try portal.store.read(after: 0, limit: 100_000, types: [SignInFailed.eventType]).events
                .compactMap { try? $0.decode(as: SignInFailed.self) }.filter { $0.reason == .captchaMissing }
            #expect(!missing.isEmpty)
        }
    }
}

import Domain
import EventStore
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import PortalAPI
import Projections
import Testing

/// Credential stuffing as the identity service meets it (the router has no client address in
/// process, so the attempts go to `portal.identity` with one), and the admin's view of it.
@Suite("Credential stuffing and security alerts through the API")
struct SecurityAlertsAPITests {
    /// Five accounts make a source; a throttled network gets two more attempts an hour.
    let stuffing: @Sendable (inout PortalConfiguration) -> Void = {
        $0.risk = RiskPolicy(stuffingAccounts: 5)
        $0.throttledRate = RateLimit(capacity: 2, per: .seconds(3600))
    }

    func signIn(_ portal: Portal, _ email: String, password: String = "Winter2025!", ip: String) async throws -> SignInResult {
        try await portal.identity.signIn(email: email, password: password, deviceName: nil, client: ClientContext(ip: ip))
    }

    /// A bot's wrong passwords for `count` different addresses from `ip`.
    func stuff(_ portal: Portal, count: Int, from ip: String, first: Int = 0) async {
        for n in first..<(first + count) {
            await #expect(throws: AuthenticationFailed.self) { try await signIn(portal, "nobody\(n)@example.org", ip: ip) }
        }
    }

    func alertRecords(_ portal: Portal) throws -> [RecordedEvent] {
        try portal.store.read(after: 0, types: [CredentialStuffingDetected.eventType]).events
    }

    @Test func failuresAgainstManyAccountsFromOneNetworkRaiseOneAlertAndThrottleIt() async throws {
        try await PortalHarness.run(configure: stuffing) { client, portal in
            _ = try await client.signUpAndIn()
            await stuff(portal, count: 4, from: "203.0.113.7")
            #expect(try alertRecords(portal).isEmpty, "four accounts are not yet a source")
            await stuff(portal, count: 1, from: "203.0.113.7", first: 4)

            let records = try alertRecords(portal)
            try #require(records.count == 1)
            let alert = try records[0].decode(as: CredentialStuffingDetected.self)
            #expect(alert.network == "203.0.113.0/24")
            #expect([alert.accounts, alert.failures, alert.windowSeconds] == [5, 5, 600] as [Int])
            #expect((3500...3600).contains(alert.throttledUntil.timeIntervalSince(records[0].recordedAt)))
            #expect(alert.sourceKey == portal.risk.sourceKey("203.0.113.7"))
            #expect(!String(decoding: records[0].data, as: UTF8.self).contains("203.0.113.7"), "the alert keeps the network, not the address")

            // The network now gets two attempts, whichever address of it they come from; then 429.
            await stuff(portal, count: 2, from: "203.0.113.99", first: 5)
            await #expect(throws: RateLimited.self) { try await signIn(portal, "nobody7@example.org", ip: "203.0.113.7") }
            await #expect(throws: RateLimited.self) { try await signIn(portal, "ann@example.com", password: "correct horse battery", ip: "203.0.113.50") }
            #expect(try alertRecords(portal).count == 1, "one alert while it lasts")

            // Another network is not affected.
            await stuff(portal, count: 3, from: "198.51.100.4", first: 100)
            let elsewhere = try await signIn(portal, "ann@example.com", password: "correct horse battery", ip: "198.51.100.4")
            guard case .signedIn = elsewhere else { Issue.record("expected a sign-in, got \(elsewhere)"); return }
        }
    }

    @Test func wrongPasswordsForRealAccountsCountToo() async throws {
        try await PortalHarness.run(configure: stuffing) { client, portal in
            for n in 0..<3 { _ = try await client.signUpAndIn(email: "customer\(n)@example.com") }
            for n in 0..<3 {
                await #expect(throws: AuthenticationFailed.self) { try await signIn(portal, "customer\(n)@example.com", password: "Summer2024!", ip: "203.0.113.7") }
            }
            await stuff(portal, count: 2, from: "203.0.113.7")
            #expect(try alertRecords(portal).count == 1)
        }
    }

    @Test func theAdminEndpointsNeedTheAdminRole() async throws {
        try await PortalHarness.run { client, portal in
            let token = try await client.signUpAndIn()
            for path in ["/api/v1/admin/security/alerts", "/api/v1/admin/security/signals"] {
                #expect(try await client.get(path).status == .unauthorized)
                let refused = try await client.get(path, token: token)
                #expect(refused.status == .forbidden)
                #expect(try refused.problem()["type"] as? String == "/problems/forbidden")
            }
            _ = try await AdminOperations(portal: portal).perform(.grantRole("ann@example.com", .admin))
            let alerts = try await client.get("/api/v1/admin/security/alerts", token: token)
            #expect(alerts.status == .ok)
            #expect(try alerts.json()["total"] as? Int == 0)
            #expect(try await client.get("/api/v1/admin/security/signals", token: token).status == .ok)

            _ = try await AdminOperations(portal: portal).perform(.revokeRole("ann@example.com", .admin))
            #expect(try await client.get("/api/v1/admin/security/alerts", token: token).status == .forbidden)
        }
    }

    @Test func anAdminSeesTheAlertsAndHowOftenEachSignalFires() async throws {
        try await PortalHarness.run(configure: stuffing) { client, portal in
            let admin = try await client.signUpAndIn()
            _ = try await AdminOperations(portal: portal).perform(.grantRole("ann@example.com", .admin))
            // Bob's session is stolen: the reuse makes his next sign-in risky.
            _ = try await client.signUpAndIn(email: "bob@example.com")
            let bob = try await client.signIn(email: "bob@example.com")
            _ = try await client.refresh(bob.refresh)
            _ = try await client.refresh(bob.refresh)
            #expect(try await client.post("/api/v1/auth/login", json: #"{"email":"bob@example.com","password":"correct horse battery"}"#).status == .accepted)
            // Then a bot works through five addresses.
            await stuff(portal, count: 5, from: "203.0.113.7")

            let page = try await client.get("/api/v1/admin/security/alerts", token: admin).json()
            #expect(page["total"] as? Int == 2)
            let alerts = try #require(page["alerts"] as? [[String: Any]])
            try #require(alerts.count == 2)
            #expect(alerts.map { $0["kind"] as? String } == ["credentialStuffing", "suspiciousSignIn"])
            #expect(alerts[0]["network"] as? String == "203.0.113.0/24")
            #expect(alerts[0]["accounts"] as? Int == 5 && alerts[0]["failures"] as? Int == 5)
            let bobID = try #require(try portal.identity.findAccount("bob@example.com"))
            #expect(alerts[1]["accountID"] as? String == bobID.description)
            #expect(alerts[1]["signals"] as? [String] == ["recentTokenReuse"] && alerts[1]["score"] as? Int == 60)

            let report = try await client.get("/api/v1/admin/security/signals", token: admin).json()
            // Sign-ins: Ann's, Bob's two, Bob's risky one (counted when the code was asked for) and the bot's five.
            #expect(report["signInAttempts"] as? Int == 9)
            #expect(report["suspicious"] as? Int == 1)
            #expect(report["signals"] as? [String: Int] == ["recentTokenReuse": 1])
            let rate = try #require((report["rates"] as? [String: Any])?["recentTokenReuse"] as? Double)
            #expect(abs(rate - 1.0 / 9.0) < 1e-9)

            let future = try await client.get("/api/v1/admin/security/alerts?since=2999-01-01", token: admin).json()
            #expect(future["total"] as? Int == 0)
            #expect(try await client.get("/api/v1/admin/security/alerts?since=yesterday", token: admin).status == .unprocessableContent)
            let second = try await client.get("/api/v1/admin/security/alerts?offset=1&limit=1", token: admin).json()
            #expect((second["alerts"] as? [[String: Any]])?.map { $0["kind"] as? String } == ["suspiciousSignIn"])

            // The same list for `portalctl security alerts`.
            let outcome = try await AdminOperations(portal: portal).perform(.securityAlerts(since: nil, limit: 10))
            #expect(outcome.message.contains("credential stuffing from 203.0.113.0/24: 5 failures against 5 accounts"))
            #expect(outcome.details["json"]?.contains(#""kind":"credentialStuffing""#) == true)
        }
    }
}

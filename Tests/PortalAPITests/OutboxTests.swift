import Domain
import EventStore
import Foundation
import HummingbirdTesting
import PortalAPI
import Testing

/// The mails the outbox wrote into the data folder's mail folder, oldest first.
func mails(_ portal: Portal) throws -> [String] {
    let folder = portal.store.folder.path + "/mail"
    let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.hasSuffix(".eml") }.sorted()
    return try names.map { try String(contentsOfFile: folder + "/" + $0, encoding: .utf8) }
}

/// Waits until the outbox has dealt with everything in the log.
func outboxCaughtUp(_ portal: Portal) async throws {
    for _ in 0..<200 where portal.outboxPosition < portal.store.lastPosition {
        try await Task.sleep(for: .milliseconds(25))
    }
    #expect(portal.outboxPosition >= portal.store.lastPosition)
}

/// The first link to the portal in a mail body (quoted-printable soft breaks undone).
func link(in mail: String, path: String) -> String? {
    let unfolded = mail.replacingOccurrences(of: "=\r\n", with: "").replacingOccurrences(of: "=3D", with: "=")
    guard let start = unfolded.range(of: path + "?token=") else { return nil }
    return String(unfolded[start.upperBound...].prefix { !$0.isWhitespace })
}

@Suite("Mail outbox")
struct OutboxTests {
    @Test func aNewAccountGetsAWorkingVerificationLink() async throws {
        try await PortalHarness.run { client, portal in
            let token = try await client.signUpAndIn(email: "ann@example.com", name: "Ann Lee")
            try await outboxCaughtUp(portal)
            let all = try mails(portal)
            #expect(all.count == 1)
            let mail = try #require(all.first)
            #expect(mail.contains("To: Ann Lee <ann@example.com>"))
            #expect(mail.contains("Subject: Confirm your e-mail address"))
            let verify = try #require(link(in: mail, path: "/verify-email"))
            #expect(try await client.post("/api/v1/auth/verify-email", json: #"{"token":"\#(verify)"}"#).status == .ok)
            #expect(try await client.get("/api/v1/me", token: token).json()["emailVerified"] as? Bool == true)
            // The delivery is on record, and the same mail is not written twice.
            let sent = try portal.store.read(after: 0, types: ["NotificationSent"]).events
            #expect(sent.count == 1)
        }
    }

    @Test func resetMailCarriesALinkThatWorks() async throws {
        try await PortalHarness.run { client, portal in
            _ = try await client.signUpAndIn()
            _ = try await client.post("/api/v1/auth/forgot-password", json: #"{"email":"ann@example.com"}"#)
            _ = try await client.post("/api/v1/auth/forgot-password", json: #"{"email":"nobody@example.com"}"#)
            try await outboxCaughtUp(portal)
            let resets = try mails(portal).filter { $0.contains("Subject: Choose a new password") }
            #expect(resets.count == 1)  // nothing goes to an address without an account
            let resetMail = try #require(resets.first)
            let token = try #require(link(in: resetMail, path: "/reset-password"))
            #expect(try await client.post("/api/v1/auth/reset-password", json: #"{"token":"\#(token)","newPassword":"a brand new passphrase"}"#).status == .ok)
            try await outboxCaughtUp(portal)
            #expect(try mails(portal).contains { $0.contains("Subject: Your password was reset") })
        }
    }

    @Test func theOwnerHearsOfSecurityEvents() async throws {
        try await PortalHarness.run { client, portal in
            _ = try await client.signUpAndIn()
            // A second registration of the same address, a sign-in from a new device, a lock.
            _ = try await client.post("/api/v1/auth/register", json: #"{"email":"ann@example.com","password":"another long password","name":"Eve"}"#)
            _ = try await client.post("/api/v1/auth/login", json: #"{"email":"ann@example.com","password":"correct horse battery","deviceName":"new phone"}"#)
            for _ in 0..<5 { _ = try await client.post("/api/v1/auth/login", json: #"{"email":"ann@example.com","password":"wrong wrong wrong"}"#) }
            try await outboxCaughtUp(portal)
            let subjects = try mails(portal).compactMap { mail in mail.split(separator: "\r\n").first { $0.hasPrefix("Subject: ") }.map { String($0.dropFirst(9)) } }
            #expect(subjects.contains("Someone tried to create an account with your address"))
            #expect(subjects.contains("New sign-in to your account"))
            #expect(subjects.contains("Your account is locked for a while"))
        }
    }

    @Test func aRestartDoesNotSendAgain() async throws {
        let folder = NSTemporaryDirectory() + "portal-outbox-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let config = PortalConfiguration.testing(dataFolder: folder)
        let first = try await Portal.open(config, logger: .init(label: "test"))
        _ = try await first.identity.register(RegistrationForm(email: "ann@example.com", password: "correct horse battery", name: "Ann"), client: ClientContext())
        try await outboxCaughtUp(first)
        #expect(try mails(first).count == 1)
        await first.shutdown()

        let second = try await Portal.open(config, logger: .init(label: "test"))
        _ = try await second.identity.register(RegistrationForm(email: "bob@example.com", password: "correct horse battery", name: "Bob"), client: ClientContext())
        try await outboxCaughtUp(second)
        let all = try mails(second)
        #expect(all.count == 2)
        #expect(all.filter { $0.contains("ann@example.com") }.count == 1)
        await second.shutdown()
    }
}

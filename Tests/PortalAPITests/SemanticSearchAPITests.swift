import Domain
import Foundation
import Hummingbird
import HummingbirdTesting
import PortalAPI
import Testing

/// The sentence encoder installed by `make model` (`PORTAL_MODEL_DIR`, else `.build-model` in the checkout).
enum InstalledModel {
    static let folder: String = {
        let checkout = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
        if let folder = ProcessInfo.processInfo.environment["PORTAL_MODEL_DIR"], !folder.isEmpty {
            return folder.hasPrefix("/") ? folder : checkout + "/" + folder
        }
        return checkout + "/.build-model"
    }()

    static var isInstalled: Bool {
        ["model.safetensors", "tokenizer.json", "config.json"].allSatisfy { FileManager.default.fileExists(atPath: folder + "/" + $0) }
    }
}

@Suite struct SemanticSearchAPITests {
    @Test func withoutAModelThePortalIsLexicalOnlyAndStillSuggests() async throws {
        try await PortalHarness.run { client, portal in
            #expect(!portal.semantic.isAvailable)
            let p = try await TicketFixtures.people(client, portal)
            let phone = try await TicketFixtures.open(client, p.customer, subject: "Cannot sign in on my phone")
            let r = try await client.get("/api/v1/tickets/similar?q=sign%20in%20phone", token: p.customer).json()
            let tickets = r["tickets"] as? [[String: Any]] ?? []
            #expect(tickets.compactMap { ($0["id"] as? String)?.lowercased() } == [phone.lowercased()])
            #expect(Set(tickets.first?.keys.map { $0 } ?? []) == ["id", "subject", "status", "updatedAt", "score"])

            _ = await portal.runner.waitUntil(portal.store.lastPosition)
            let ready = try await client.get("/readyz")
            #expect(ready.status == .ok)
            #expect(try ready.json()["search"] as? String == "lexical-only")
        }
    }

    @Test func aChangedModelFileStopsTheStart() async throws {
        let folder = NSTemporaryDirectory() + "portal-model-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        for name in ["model.safetensors", "tokenizer.json", "config.json"] {
            try Data("not the model".utf8).write(to: URL(fileURLWithPath: folder + "/" + name))
        }
        await #expect(throws: (any Error).self) {
            try await PortalHarness.run(configure: { $0.modelFolder = folder }) { _, _ in }
        }
    }

    @Test(.enabled(if: InstalledModel.isInstalled, "the model is not installed (run `make model`)"))
    func similarTicketsFindAParaphraseTheWordsMiss() async throws {
        try await PortalHarness.run(configure: {
            $0.modelFolder = InstalledModel.folder
            $0.encoderThreads = 1
        }) { client, portal in
            #expect(portal.semantic.isAvailable)
            let p = try await TicketFixtures.people(client, portal)
            let signIn = try await TicketFixtures.open(client, p.customer, subject: "Sign-in fails with my password",
                                                       description: "The login page rejects it every time.")
            _ = try await TicketFixtures.open(client, p.customer, subject: "Invoice shows the wrong address",
                                              description: "The billing address is an old one.")
            _ = try await TicketFixtures.open(client, p.other, subject: "Sign-in fails with my password",
                                              description: "The login page rejects it every time.")
            _ = await portal.runner.waitUntil(portal.store.lastPosition)
            #expect(await portal.semantic.vectors?.waitUntilEncoded(timeout: .seconds(60)) == true)

            let query = "can't get in to my account"
            let customer = try #require(AccountID(p.customerID))
            #expect(portal.tickets.similar(to: query, requester: customer, openOnly: true, limit: 5).isEmpty, "the words alone miss it")

            let r = try await client.get("/api/v1/tickets/similar?q=can%27t%20get%20in%20to%20my%20account", token: p.customer).json()
            let ids = (r["tickets"] as? [[String: Any]] ?? []).compactMap { ($0["id"] as? String)?.lowercased() }
            #expect(ids == [signIn.lowercased()], "only the customer's own sign-in ticket, not the invoice")

            // The new-ticket page's suggestions come from the same place.
            let cora = try await TicketPageTests.browser(client, "cora@example.com")
            let page = try await cora.request("/tickets/similar?q=can%27t%20get%20in%20to%20my%20account")
            #expect(page.status == .ok)
            #expect(page.text.contains("Sign-in fails with my password") && !page.text.contains("Invoice"))

            let ready = try await client.get("/readyz")
            #expect(try ready.json()["search"] as? String == "semantic")
        }
    }
}

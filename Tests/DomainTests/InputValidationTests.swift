import Foundation
import Domain
import Testing

@Suite("Input validation")
struct InputValidationTests {
    @Test(arguments: [
        ("ann@example.com", "ann@example.com"),
        ("  ANN@Example.Com\n", "ann@example.com"),
        ("o'brien+support@mail.example.co.uk", "o'brien+support@mail.example.co.uk"),
        ("jos\u{0065}\u{0301}@example.com", "jos\u{00E9}@example.com"),
    ])
    func addressesAreNormalized(raw: String, normalized: String) throws {
        #expect(try EmailAddress(raw).value == normalized)
    }

    @Test(arguments: ["", "ann", "@example.com", "ann@", "ann@example", "a b@example.com", "ann@@example.com", ".ann@example.com",
                      "ann..lee@example.com", "ann@-example.com", "ann@example..com", "ann<x>@example.com",
                      String(repeating: "a", count: 65) + "@example.com", "ann@" + String(repeating: "a", count: 250) + ".com"])
    func invalidAddressesAreRefusedWithAMessage(raw: String) {
        #expect(throws: FieldError.self) { try EmailAddress(raw) }
        do { _ = try EmailAddress(raw) } catch let e as FieldError {
            #expect(e.field == "email")
            #expect(!e.message.isEmpty)
        } catch { Issue.record("unexpected \(error)") }
    }

    @Test func namesAreTrimmedAndBounded() throws {
        #expect(try PersonName("  Zoë Ålund ").value == "Zoë Ålund")
        #expect(throws: FieldError.self) { try PersonName("") }
        #expect(throws: FieldError.self) { try PersonName(String(repeating: "x", count: 101)) }
        #expect(throws: FieldError.self) { try PersonName("Ann\u{0007}") }
    }

    @Test func passwordRules() throws {
        let policy = PasswordPolicy()
        try policy.check("four unrelated words here", email: "ann@example.com")
        #expect(throws: FieldError.self) { try policy.check("seven77", email: nil) }
        #expect(throws: FieldError.self) { try policy.check("Password1234", email: nil) }
        #expect(throws: FieldError.self) { try policy.check("annlee1985", email: "ann@example.com", name: "Ann Lee") }
        try policy.check("a-longer phrase", email: nil)
        #expect(throws: FieldError.self) { try policy.check("aaaaaaaaaaaaaaaa", email: nil) }
        #expect(throws: FieldError.self) { try policy.check("my ann@example.com pass", email: "ann@example.com") }
        #expect(throws: FieldError.self) { try policy.check(String(repeating: "xy", count: 200), email: nil) }
    }
}

@Suite("Account ids")
struct AccountIDTests {
    @Test func parsesAccountStreamNames() {
        let id = AccountID(UUID(uuidString: "0190F5D2-1111-7000-8000-00000000000A")!)
        #expect(AccountID(stream: "account-0190f5d2-1111-7000-8000-00000000000a") == id)
        #expect(AccountID(stream: "account-0190F5D2-1111-7000-8000-00000000000A") == id)
        #expect(id.stream == "account-0190f5d2-1111-7000-8000-00000000000a")
    }

    @Test(arguments: ["", "account-", "email-0190f5d2-1111-7000-8000-00000000000a", "account-0190f5d2-1111-7000-8000-00000000000",
                      "account-0190f5d2-1111-7000-8000-00000000000a0", "account-0190f5d2x1111-7000-8000-00000000000a",
                      "account-0190f5d2-1111-7000-8000-00000000000g", "Account-0190f5d2-1111-7000-8000-00000000000a"])
    func refusesAnythingElse(stream: String) {
        #expect(AccountID(stream: stream) == nil)
    }

    @Test func encodesInLowerCase() throws {
        let id = AccountID(UUID(uuidString: "0190F5D2-1111-7000-8000-00000000000A")!)
        let json = String(decoding: try JSONEncoder().encode(id), as: UTF8.self)
        #expect(json == #""0190f5d2-1111-7000-8000-00000000000a""#)
        #expect(try JSONDecoder().decode(AccountID.self, from: Data(json.utf8)) == id)
    }
}

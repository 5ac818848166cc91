import Foundation
import NLU
import Testing

@Suite("Entities: e-mail, phone, URL, tickets and the catalogue")
struct EntityContactTests {
    typealias S = EntitySupport

    /// The text and value of the only entity of `kind`.
    func only(_ kind: EntityKind, _ text: String) -> [String] {
        let found = S.extract(text).filter { $0.kind == kind }
        return found.count == 1 ? [found[0].text, found[0].value] : []
    }

    @Test("e-mail: the domain is lower-cased, a full stop after it is the sentence's")
    func email() {
        #expect(only(.email, "Write to Dave.Smith@Example.COM.") == ["Dave.Smith@Example.COM", "Dave.Smith@example.com"])
        #expect(only(.email, "mail user.name+tag@lero.com, thanks") == ["user.name+tag@lero.com", "user.name+tag@lero.com"])
        #expect(S.extract("Both a..bc@outlook.com and .abc@hotmail.com are wrong").filter { $0.kind == .email }.isEmpty)
        #expect(S.extract("Bob@abc.c is invalid").isEmpty)
        #expect(S.extract("Carol@new_type.com").filter { $0.kind == .email }.isEmpty)
    }

    @Test("phone numbers in international and national formats", arguments: [
        ("+49 30 123456", "+4930123456"), ("+44 (0)20 7946 0958", "+442079460958"), ("(030) 123-4567 ext. 12", "0301234567;ext=12"),
        ("0176/12345678", "017612345678"), ("1 (877) 609-2233", "18776092233"), ("837.824.1482x6388", "8378241482;ext=6388"),
        ("0044 07700 900873", "004407700900873"), ("(+45) 12 34 56 78", "+4512345678"), ("010 - 123 45 67", "0101234567"),
    ])
    func phones(text: String, value: String) {
        #expect(only(.phone, "Call me on \(text).") == [text, value])
    }

    @Test("not phone numbers: dates, SSNs, formulas, decimals, card and account numbers", arguments: [
        "16/04/2010 is the date", "911-67-0060 is a SSN", "3333*2=6666 is a sum", "-77.034040723966 is a longitude",
        "My card number is 12345678", "account #12345678", "s666666666 is a sequence", "323456 is too short",
        "Her credit card is: Visa 5111 1111 1111 1111",
    ])
    func notPhones(text: String) {
        #expect(S.extract(text).filter { $0.kind == .phone }.isEmpty)
    }

    @Test("URLs with and without a scheme, without the sentence's punctuation", arguments: [
        ("see https://example.com/a?b=1.", "https://example.com/a?b=1"), ("(www.example.org)", "www.example.org"),
        ("at http://127.0.0.1:8080/x, ok", "http://127.0.0.1:8080/x"), ("at example.co.uk/path!", "example.co.uk/path"),
        ("try bit.ly/2jm6eu3?", "bit.ly/2jm6eu3"), ("open http://localhost:8080#123", "http://localhost:8080#123"),
        ("go to https://en.wikipedia.org/wiki/Swift_(programming_language).", "https://en.wikipedia.org/wiki/Swift_(programming_language)"),
    ])
    func urls(text: String, expected: String) {
        #expect(only(.url, text).first == expected)
    }

    @Test("not URLs: e-mail domains, file names, run-on sentences, bare IP addresses")
    func notURLs() {
        for text in ["Alice@abc.com is an email", "see report.pdf", "I did it.Then", "The DNS server is 8.8.8.8", "https:// is invalid",
                     "7.am is a time"] {
            #expect(S.extract(text).filter { $0.kind == .url }.isEmpty, "\(text)")
        }
    }

    @Test("ticket references: full UUIDs and # with 8 hex digits")
    func tickets() {
        #expect(only(.ticket, "what about ticket #1F3A9C2B?") == ["#1F3A9C2B", "1f3a9c2b"])
        #expect(only(.ticket, "see ticket #deadbeef").last == "deadbeef")
        let uuid = "1F3A9C2B-1234-4ABC-8DEF-0123456789AB"
        #expect(only(.ticket, "id \(uuid).") == [uuid, uuid.lowercased()])
        #expect(only(.ticket, "#12345 and #1f3a9c2b7 and x#1f3a9c2b").isEmpty)
        #expect(only(.ticket, "great #deadbeef").isEmpty)
    }

    @Test("catalogue terms: whole words, any case, simple plural")
    func catalogue() {
        let catalogue = [CatalogueTerm(id: "billing", names: ["Invoice", "billing"]), CatalogueTerm(id: "meter", names: ["smart meter"])]
        let found = S.extract("My INVOICES and the Smart Meters, not rebilling or invoicesx", catalogue: catalogue)
        #expect(found.filter { $0.kind == .category }.map { "\($0.text)=\($0.value)" } == ["INVOICES=billing", "Smart Meters=meter"])
    }
}

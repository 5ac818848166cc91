import Domain
import Foundation
import Testing

@Suite("Event catalogue")
struct EventCatalogTests {
    @Test func personalFieldsNeverReachThePublicData() throws {
        guard case .registered(let event) = Fixtures.registered else { return }
        let encoded = try EventCatalog.encode(event)
        let publicJSON = String(decoding: encoded.data, as: UTF8.self)
        #expect(encoded.type == "CustomerRegistered")
        #expect(!publicJSON.contains("ann@example.com"))
        #expect(!publicJSON.contains("argon2id"))
        #expect(String(decoding: encoded.personal ?? [], as: UTF8.self).contains("ann@example.com"))
    }

    @Test func decodingWithPersonalDataRestoresTheEvent() throws {
        guard case .registered(let event) = Fixtures.registered else { return }
        let encoded = try EventCatalog.encode(event)
        let decoded = try EventCatalog.decode(type: encoded.type, schemaVersion: encoded.schemaVersion, data: encoded.data, personal: encoded.personal)
        #expect(decoded as? CustomerRegistered == event)
    }

    @Test func decodingAfterErasureLeavesPersonalEmpty() throws {
        guard case .registered(let event) = Fixtures.registered else { return }
        let encoded = try EventCatalog.encode(event)
        let decoded = try EventCatalog.decode(type: encoded.type, schemaVersion: encoded.schemaVersion, data: encoded.data, personal: nil)
        #expect((decoded as? CustomerRegistered)?.personal == nil)
        #expect((decoded as? CustomerRegistered)?.accountID == Fixtures.accountID)
    }

    @Test func aVotesCommentIsSealedNotPublic() throws {
        let vote = KnowledgeVoteCast(itemKey: "article:pay", voter: .account(Fixtures.accountID), helpful: false, reason: .unclear, replaces: nil,
                                     comment: "Which cards?")
        let encoded = try EventCatalog.encode(vote)
        #expect(!String(decoding: encoded.data, as: UTF8.self).contains("Which cards?"))
        #expect(String(decoding: encoded.personal ?? [], as: UTF8.self).contains("Which cards?"))
        let decoded = try EventCatalog.decode(type: encoded.type, schemaVersion: encoded.schemaVersion, data: encoded.data, personal: encoded.personal)
        #expect((decoded as? KnowledgeVoteCast)?.personal?.comment == "Which cards?")
        #expect((decoded as? KnowledgeVoteCast)?.reason == .unclear)
    }

    @Test func eventsWithoutPersonalDataEncodeNone() throws {
        #expect(try EventCatalog.encode(EmailAddressReserved(accountID: Fixtures.accountID)).personal == nil)
    }

    @Test func unknownTypesAndVersionsAreRefused() {
        #expect(throws: EventCatalog.CodingError.self) { try EventCatalog.decode(type: "Nope", schemaVersion: 1, data: Array("{}".utf8), personal: nil) }
        #expect(throws: EventCatalog.CodingError.self) { try EventCatalog.decode(type: "CustomerSignedIn", schemaVersion: 9, data: Array("{}".utf8), personal: nil) }
        #expect(throws: EventCatalog.CodingError.self) { try EventCatalog.decode(type: "CustomerSignedIn", schemaVersion: 1, data: Array("{".utf8), personal: nil) }
    }

    @Test func everyTypeNameIsUnique() {
        let names = EventCatalog.types.map { $0.eventType }
        #expect(Set(names).count == names.count)
    }
}

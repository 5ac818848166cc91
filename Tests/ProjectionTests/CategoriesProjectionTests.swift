import Domain
import EventStore
import Foundation
import Projections
import Testing

@Suite("Categories projection")
struct CategoriesProjectionTests {
    static let topic = FormField(id: "topic", label: "Topic", kind: .singleChoice, required: true, options: ["billing", "login"])
    static let order = FormField(id: "order_number", label: "Order number", kind: .text, showWhen: .init(field: "topic", equals: "billing"))

    /// Given a category created, its form changed, renamed, and another created and retired.
    func history() async throws -> TestLog {
        let log = try TestLog()
        try await log.append(CategoryCreated(categoryID: "support", name: "Support", description: "Problems", schema: FormSchema(fields: [Self.topic])),
                             to: Category.stream("support"))
        try await log.append(CategoryFormChanged(categoryID: "support", version: 2, schema: FormSchema(fields: [Self.topic, Self.order])),
                             to: Category.stream("support"))
        try await log.append(CategoryRenamed(categoryID: "support", name: "Help", description: "Anything"), to: Category.stream("support"))
        try await log.append(CategoryCreated(categoryID: "abuse", name: "Abuse", description: "", schema: FormSchema(fields: [])), to: Category.stream("abuse"))
        try await log.append(CategoryRetired(categoryID: "abuse"), to: Category.stream("abuse"))
        return log
    }

    @Test func theCurrentFormAndEveryEarlierOneAreKept() async throws {
        let log = try await history()
        let p = CategoriesProjection()
        try await log.fold([p]).stop()
        let support = try #require(p.entry("support"))
        #expect(support.category.name == "Help")
        #expect(support.category.description == "Anything")
        #expect(support.category.formVersion == 2)
        #expect(support.streamVersion == 3)
        #expect(p.form("support", version: 1) == FormSchema(fields: [Self.topic]), "old tickets keep the labels they were opened with")
        #expect(p.form("support", version: 2) == FormSchema(fields: [Self.topic, Self.order]))
        #expect(p.form("support", version: 3) == nil)
    }

    @Test func retiredCategoriesAreListedOnlyWhenAsked() async throws {
        let log = try await history()
        let p = CategoriesProjection()
        try await log.fold([p]).stop()
        #expect(p.all().map(\.category.id) == ["support"])
        #expect(p.all(includingRetired: true).map(\.category.id) == ["abuse", "support"])
        #expect(p.entry("abuse")?.category.retired == true)
    }

    @Test func aSnapshotCarriesItsVersionAndRestoresTheSameCategories() async throws {
        let log = try await history()
        let p = CategoriesProjection()
        try await log.fold([p]).stop()
        let bytes = try p.snapshot()
        #expect(SnapshotCodec.version(of: bytes) == p.version, "the runner only restores snapshots of its own version")
        let restored = CategoriesProjection()
        try restored.restore(from: bytes)
        #expect(restored.all(includingRetired: true) == p.all(includingRetired: true))
        #expect(restored.form("support", version: 1) == p.form("support", version: 1))
    }
}

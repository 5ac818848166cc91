import Domain
import Foundation
import Testing

@Suite("Ticket categories")
struct CategoryTests {
    static let form = FormSchema(fields: [
        FormField(id: "product", label: "Product", kind: .singleChoice, required: true, options: ["App", "Web"]),
    ])
    static let created = CategoryCreated(categoryID: "billing", name: "Billing", description: "Invoices and payments", schema: form)
    static let billing = Category().evolve(created)

    func create(id: String = "billing", name: String = "Billing", description: String = "Invoices and payments", schema: FormSchema = form,
                existing: Category = Category()) -> Result<CategoryCreated, any Error> {
        Result { try Category.decideCreate(id: id, name: name, description: description, schema: schema, existing: existing) }
    }

    // MARK: Creating

    @Test func aCategoryIsCreatedWithATrimmedNameAndItsFirstForm() {
        create(name: "  Billing \n").then(Self.created)
        let c = Self.billing
        #expect(c.id == "billing")
        #expect(c.name == "Billing")
        #expect(c.description == "Invoices and payments")
        #expect(c.schema == Self.form)
        #expect(c.formVersion == 1)
        #expect(!c.retired)
        #expect(Category.stream("billing") == "category-billing")
    }

    @Test func aCategoryIsCreatedOnce() {
        create(existing: Self.billing).thenError(.rejected("a category 'billing' exists already"))
    }

    @Test(arguments: ["", "Billing", "bill ing", "bill_ing", "billing!", "rechnungsprüfung", String(repeating: "b", count: 41), "-", "-billing", "billing-"])
    func anIDIsLowerCaseLettersDigitsAndDashes(id: String) {
        create(id: id).thenInvalid(["id"])
    }

    @Test(arguments: ["b", "billing-2", "2fa", String(repeating: "b", count: 40)])
    func goodIDs(id: String) {
        #expect((try? create(id: id).get())?.categoryID == id)
    }

    @Test(arguments: ["", "   ", "\n", " \n\t ", String(repeating: "n", count: 81)])
    func aCategoryNeedsAName(name: String) {
        create(name: name).thenInvalid(["name"])
    }

    @Test func limitsAreInclusive() throws {
        let made = try create(name: String(repeating: "n", count: 80), description: String(repeating: "d", count: 500)).get()
        #expect(made.name.count == 80)
        create(description: String(repeating: "d", count: 501)).thenInvalid(["description"])
        #expect(try create(description: "").get().description == "")
    }

    @Test func schemaErrorsArePrefixedSoAFormCanShowThemNextToTheField() {
        let bad = FormSchema(fields: [
            FormField(id: "Product", label: "Product", kind: .singleChoice, options: []),
            FormField(id: "browser", label: "Browser", kind: .text, showWhen: .init(field: "platform", equals: "Web")),
        ])
        create(schema: bad).thenInvalid(["schema.fields[0].id", "schema.fields[0].options", "schema.fields[1].showWhen"])
    }

    @Test func allProblemsAreReportedTogether() {
        let bad = FormSchema(fields: [FormField(id: "a", label: "", kind: .text)])
        create(id: "Billing!", name: "", description: String(repeating: "d", count: 501), schema: bad)
            .thenInvalid(["id", "name", "description", "schema.fields[0].label"])
    }

    // MARK: Changing the form

    static let newForm = FormSchema(fields: [
        FormField(id: "product", label: "Which product?", kind: .singleChoice, required: true, options: ["App", "Web", "API"]),
        FormField(id: "since", label: "Since when?", kind: .date),
    ])

    @Test func eachFormChangeIsANewVersion() throws {
        let first = try Self.billing.decideChangeForm(Self.newForm)
        #expect(first == CategoryFormChanged(categoryID: "billing", version: 2, schema: Self.newForm))
        let v2 = Self.billing.evolve(first)
        #expect(v2.schema == Self.newForm)
        #expect(v2.formVersion == 2)
        let second = try v2.decideChangeForm(Self.form)
        #expect(second.version == 3)
        #expect(v2.evolve(second).formVersion == 3)
        // Name and description are untouched.
        #expect(v2.name == "Billing" && v2.description == "Invoices and payments")
    }

    @Test func anUnchangedFormIsRefused() {
        #expect(throws: DomainError.rejected("the form is unchanged")) { try Self.billing.decideChangeForm(Self.form) }
    }

    @Test func aBrokenFormIsRefusedWithPrefixedErrors() {
        let broken = FormSchema(fields: [FormField(id: "a", label: "A", kind: .text), FormField(id: "a", label: "A", kind: .multiChoice)])
        #expect(throws: ValidationFailure.self) { try Self.billing.decideChangeForm(broken) }
        #expect(Result { try Self.billing.decideChangeForm(broken) }.failure.flatMap(invalidFields) == ["schema.fields[1].id", "schema.fields[1].options"])
    }

    @Test func aCategoryThatDoesNotExistHasNoFormToChange() {
        #expect(throws: DomainError.notFound("category")) { try Category().decideChangeForm(Self.newForm) }
    }

    // MARK: Renaming and retiring

    @Test func renamingChangesNameAndDescriptionOnly() {
        let renamed = Self.billing.evolve(CategoryRenamed(categoryID: "billing", name: "Invoices", description: "Questions about invoices"))
        #expect(renamed.name == "Invoices")
        #expect(renamed.description == "Questions about invoices")
        #expect(renamed.id == "billing")
        #expect(renamed.schema == Self.form)
        #expect(renamed.formVersion == 1)
        #expect(!renamed.retired)
    }

    @Test func aRetiredCategoryKeepsItsFormButTakesNoNewTickets() throws {
        let retired = Self.billing.evolve(CategoryRetired(categoryID: "billing"))
        #expect(retired.retired)
        #expect(retired.schema == Self.form && retired.formVersion == 1 && retired.name == "Billing")
        let request = OpenTicket(requester: TicketFixtures.customer, priority: .normal, subject: "Invoice", description: "Wrong.", fields: ["product": ["App"]])
        #expect(throws: FieldError.self) { try Ticket.decideOpen(request, category: retired, context: TicketFixtures.context()) }
        #expect(try Ticket.decideOpen(request, category: Self.billing, context: TicketFixtures.context()).categoryID == "billing")
    }

    @Test func otherEventsLeaveTheCategoryAlone() {
        #expect(Self.billing.evolve(TicketArchived(ticketID: TicketFixtures.ticketID)) == Self.billing)
    }
}

import Domain
import Foundation
import Testing

@Suite("Form schemas")
struct FormSchemaCheckTests {
    func problems(_ fields: [FormField]) -> [String] {
        do {
            try FormSchema(fields: fields).check()
            return []
        } catch let failure as ValidationFailure {
            return failure.errors.map(\.field)
        } catch {
            Issue.record("unexpected \(error)")
            return ["?"]
        }
    }

    @Test func aSensibleSchemaPasses() {
        #expect(problems([
            FormField(id: "product", label: "Product", kind: .singleChoice, required: true, options: ["App", "Web"]),
            FormField(id: "browser", label: "Browser", kind: .text, showWhen: .init(field: "product", equals: "Web")),
            FormField(id: "areas", label: "Areas", kind: .multiChoice, options: ["Login", "Billing"]),
            FormField(id: "detail", label: "Which login problem?", kind: .longText, showWhen: .init(field: "areas", equals: "Login")),
            FormField(id: "seen_on", label: "Seen on", kind: .date),
            FormField(id: "count_2", label: "How many?", kind: .number),
            FormField(id: "cc", label: "Copy to", kind: .email),
            FormField(id: "logs", label: "Logs", kind: .file),
        ]) == [])
        #expect(problems([]) == [])
    }

    @Test(arguments: ["", "Product", "prod-uct", "prod uct", "prödukt", "a.b", String(repeating: "a", count: 41)])
    func aFieldIDIsLowerCaseLettersDigitsAndUnderscores(id: String) {
        #expect(problems([FormField(id: id, label: "Label", kind: .text)]) == ["fields[0].id"])
    }

    @Test(arguments: ["a", "order_no", "_", "2fa", String(repeating: "a", count: 40)])
    func goodFieldIDs(id: String) {
        #expect(problems([FormField(id: id, label: "Label", kind: .text)]) == [])
    }

    @Test func aFieldIDIsUsedOnce() throws {
        let fields = [FormField(id: "a", label: "A", kind: .text), FormField(id: "b", label: "B", kind: .text), FormField(id: "a", label: "A again", kind: .number)]
        #expect(problems(fields) == ["fields[2].id"])
        #expect(throws: ValidationFailure([FieldError(field: "fields[2].id", message: "Field id 'a' is used twice.")])) { try FormSchema(fields: fields).check() }
    }

    @Test(arguments: ["", "   ", "\n", " \r\n\t", String(repeating: "l", count: 121)])
    func aFieldNeedsALabel(label: String) {
        #expect(problems([FormField(id: "a", label: label, kind: .text)]) == ["fields[0].label"])
    }

    @Test(arguments: [FormField.Kind.singleChoice, .multiChoice], [nil, [], ["A", "A"], ["A", ""], ["A", String(repeating: "o", count: 121)]] as [[String]?])
    func aChoiceNeedsDistinctNonEmptyOptions(kind: FormField.Kind, options: [String]?) {
        #expect(problems([FormField(id: "pick", label: "Pick", kind: kind, options: options)]) == ["fields[0].options"])
    }

    @Test func otherKindsNeedNoOptions() {
        for kind in FormField.Kind.allCases where kind != .singleChoice && kind != .multiChoice {
            #expect(problems([FormField(id: "f", label: "F", kind: kind)]) == [], "\(kind)")
        }
    }

    @Test func aConditionNamesAnEarlierChoiceFieldAndOneOfItsOptions() {
        let product = FormField(id: "product", label: "Product", kind: .singleChoice, options: ["App", "Web"])
        let notes = FormField(id: "notes", label: "Notes", kind: .text)
        func dependent(on field: String, equals value: String) -> FormField {
            FormField(id: "browser", label: "Browser", kind: .text, showWhen: .init(field: field, equals: value))
        }
        // An unknown field.
        #expect(problems([product, dependent(on: "platform", equals: "Web")]) == ["fields[1].showWhen"])
        // A field that is not a choice.
        #expect(problems([notes, dependent(on: "notes", equals: "Web")]) == ["fields[1].showWhen"])
        // A value the choice does not offer (options are compared exactly).
        #expect(problems([product, dependent(on: "product", equals: "Desktop")]) == ["fields[1].showWhen"])
        #expect(problems([product, dependent(on: "product", equals: "web")]) == ["fields[1].showWhen"])
        // A later field, which would make the form depend on what comes after it.
        #expect(problems([dependent(on: "product", equals: "Web"), product]) == ["fields[0].showWhen"])
        // Itself.
        let own = FormField(id: "product", label: "Product", kind: .singleChoice, options: ["App", "Web"], showWhen: .init(field: "product", equals: "Web"))
        #expect(problems([own]) == ["fields[0].showWhen"])
        // The same condition after the choice is fine.
        #expect(problems([product, dependent(on: "product", equals: "Web")]) == [])
    }

    @Test func aFormHasAtMostFiftyFields() {
        let fields = (0..<51).map { FormField(id: "f\($0)", label: "Field \($0)", kind: .text) }
        #expect(problems(Array(fields.prefix(50))) == [])
        #expect(problems(fields) == ["fields"])
    }

    @Test func everyProblemIsReportedAtOnce() {
        #expect(problems([
            FormField(id: "Bad", label: "", kind: .singleChoice),
            FormField(id: "ok", label: "OK", kind: .text, showWhen: .init(field: "nowhere", equals: "x")),
        ]) == ["fields[0].id", "fields[0].label", "fields[0].options", "fields[1].showWhen"])
    }
}

@Suite("Form answers")
struct FormAnswerTests {
    func schema(_ fields: FormField...) -> FormSchema { FormSchema(fields: fields) }

    /// The validated values of `raw`, or why they were refused.
    func answer(_ schema: FormSchema, _ raw: [String: [String]]) -> Result<[String: FormValue], any Error> {
        Result { try schema.validate(raw) }
    }

    /// The value a one-field form makes of `raw`, nil when refused.
    func value(_ field: FormField, _ raw: [String]) -> FormValue? {
        try? FormSchema(fields: [field]).validate([field.id: raw])[field.id]
    }

    func messages(_ schema: FormSchema, _ raw: [String: [String]]) -> [String] {
        ((answer(schema, raw).failure as? ValidationFailure)?.errors ?? []).map(\.message)
    }

    // MARK: Required and optional

    @Test func aRequiredFieldMustBeAnsweredAndBlanksDoNotCount() {
        let form = schema(FormField(id: "order", label: "Order", kind: .text, required: true))
        for raw in [[:], ["order": []], ["order": [""]], ["order": ["  ", "\n"]]] as [[String: [String]]] {
            answer(form, raw).thenInvalid(["fields.order"])
        }
        #expect(messages(form, [:]) == ["Order: this is required."])
    }

    @Test func anOptionalFieldLeftEmptyHasNoValue() throws {
        let form = schema(FormField(id: "order", label: "Order", kind: .text))
        #expect(try form.validate([:]) == [:])
        #expect(try form.validate(["order": ["   "]]) == [:])
    }

    // MARK: Text

    @Test func textIsTrimmedOneLineAndAtMostTwoHundredCharactersByDefault() {
        let field = FormField(id: "t", label: "Title", kind: .text)
        #expect(value(field, ["  Printer on fire \n"]) == .text("Printer on fire"))
        #expect(value(field, [String(repeating: "x", count: 200)]) == .text(String(repeating: "x", count: 200)))
        #expect(value(field, [String(repeating: "x", count: 201)]) == nil)
        #expect(messages(schema(field), ["t": [String(repeating: "x", count: 201)]]) == ["Title: at most 200 characters."])
        #expect(value(field, ["two\nlines"]) == nil)
        #expect(value(field, ["two\r\nlines"]) == nil)
        #expect(value(field, ["two\rlines"]) == nil)
        #expect(value(field, ["two\u{2029}lines"]) == nil)
        #expect(messages(schema(field), ["t": ["two\nlines"]]) == ["Title: one line only."])
        #expect(value(field, ["one", "two"]) == nil)
        #expect(messages(schema(field), ["t": ["one", "two"]]) == ["Title: give one answer."])
    }

    @Test func longTextTakesLinesAndTenThousandCharactersByDefault() {
        let field = FormField(id: "d", label: "Details", kind: .longText)
        #expect(value(field, ["first\nsecond"]) == .text("first\nsecond"))
        #expect(value(field, [String(repeating: "x", count: 10_000)]) != nil)
        #expect(value(field, [String(repeating: "x", count: 10_001)]) == nil)
    }

    @Test func aFieldsOwnMaximumLengthWins() {
        let short = FormField(id: "code", label: "Code", kind: .text, maxLength: 5)
        #expect(value(short, ["ABCDE"]) == .text("ABCDE"))
        #expect(value(short, ["ABCDEF"]) == nil)
        #expect(value(short, ["  ABCDE  "]) == .text("ABCDE"))  // counted after trimming
        let long = FormField(id: "code", label: "Code", kind: .longText, maxLength: 20_000)
        #expect(value(long, [String(repeating: "x", count: 15_000)]) != nil)
    }

    // MARK: Numbers

    @Test(arguments: [("42", 42.0), ("3.5", 3.5), ("3,5", 3.5), (" -7.25 ", -7.25), ("0", 0), ("1e3", 1000)])
    func numbersAreParsedWithADotOrAComma(raw: String, expected: Double) {
        #expect(value(FormField(id: "n", label: "Amount", kind: .number), [raw]) == .number(expected))
    }

    @Test(arguments: ["many", "4 2", "42abc", "1.2.3", "inf", "-infinity", "nan", "1e999"])
    func anythingElseIsNotANumber(raw: String) {
        let field = FormField(id: "n", label: "Amount", kind: .number)
        #expect(value(field, [raw]) == nil)
        #expect(messages(schema(field), ["n": [raw]]) == ["Amount: enter a number, like 42 or 3.5."])
    }

    @Test func aNumberIsOneAnswer() {
        #expect(value(FormField(id: "n", label: "Amount", kind: .number), ["1", "2"]) == nil)
    }

    // MARK: Dates

    @Test(arguments: ["2026-11-25", "2028-02-29", "2026-12-31", "2026-01-01"])
    func datesAreYearMonthDay(raw: String) {
        let field = FormField(id: "d", label: "Since", kind: .date)
        #expect(value(field, [raw]) == .date(raw))
        #expect(value(field, [" \(raw)\n"]) == .date(raw))
    }

    @Test(arguments: ["2026-02-30", "2026-02-29", "2026-04-31", "2026-13-01", "2026-00-10", "2026-11-00", "2026-2-3", "26-02-03",
                      "25.11.2026", "11/25/2026", "2026-11-25T10:00", "2026-11-25Z", "tomorrow"])
    func impossibleOrOtherwiseWrittenDatesAreRefused(raw: String) {
        let field = FormField(id: "d", label: "Since", kind: .date)
        #expect(value(field, [raw]) == nil)
        #expect(messages(schema(field), ["d": [raw]]) == ["Since: enter a date like 2026-11-25."])
    }

    // MARK: E-mail

    @Test func anEmailAnswerIsANormalisedAddress() {
        let field = FormField(id: "cc", label: "Copy to", kind: .email)
        #expect(value(field, [" Ann@Example.COM "]) == .text("ann@example.com"))
        for bad in ["ann", "ann@", "ann@example", "a b@example.com", "ann@example.com, bob@example.com"] {
            #expect(value(field, [bad]) == nil, "\(bad)")
        }
        #expect(value(field, ["ann@example.com", "bob@example.com"]) == nil)
    }

    // MARK: Choices

    @Test func aSingleChoiceIsExactlyOneOfTheOptions() {
        let field = FormField(id: "p", label: "Product", kind: .singleChoice, options: ["App", "Web"])
        #expect(value(field, ["Web"]) == .choices(["Web"]))
        #expect(value(field, [" Web "]) == .choices(["Web"]))
        #expect(value(field, ["web"]) == nil)
        #expect(value(field, ["Desktop"]) == nil)
        #expect(value(field, ["App", "Web"]) == nil)
        #expect(messages(schema(field), ["p": ["Desktop"]]) == ["Product: choose one of: App, Web."])
    }

    @Test func aMultipleChoiceKeepsEachChosenOptionOnceInTheFormsOrder() {
        let field = FormField(id: "a", label: "Areas", kind: .multiChoice, options: ["Login", "Billing", "Reports"])
        #expect(value(field, ["Reports", "Login", "Reports"]) == .choices(["Login", "Reports"]))
        #expect(value(field, ["Billing"]) == .choices(["Billing"]))
        #expect(value(field, ["Login", "Everything"]) == nil)
        #expect(messages(schema(field), ["a": ["Everything"]]) == ["Areas: choose from: Login, Billing, Reports."])
    }

    // MARK: Files

    @Test func aFileFieldNamesUpToTenUploadedAttachments() {
        let field = FormField(id: "logs", label: "Logs", kind: .file)
        #expect(value(field, ["att-1", "att-2"]) == .files(["att-1", "att-2"]))
        let ten = (1...10).map { "att-\($0)" }
        #expect(value(field, ten) == .files(ten))
        #expect(value(field, ten + ["att-11"]) == nil)
        #expect(value(field, ["../etc/passwd"]) == nil)
        #expect(value(field, ["att 1"]) == nil)
        #expect(value(field, [String(repeating: "a", count: 65)]) == nil)
        #expect(value(field, [String(repeating: "a", count: 64)]) != nil)
    }

    // MARK: Conditions

    static let conditional = FormSchema(fields: [
        FormField(id: "product", label: "Product", kind: .singleChoice, required: true, options: ["App", "Web"]),
        FormField(id: "browser", label: "Browser", kind: .text, required: true, showWhen: .init(field: "product", equals: "Web")),
        FormField(id: "areas", label: "Areas", kind: .multiChoice, options: ["Login", "Billing"], showWhen: .init(field: "product", equals: "Web")),
        FormField(id: "login_error", label: "Login error", kind: .text, required: true, showWhen: .init(field: "areas", equals: "Login")),
    ])

    @Test func aShownConditionalFieldIsValidatedAndRequired() throws {
        try Self.conditional.check()
        answer(Self.conditional, ["product": ["Web"]]).thenInvalid(["fields.browser"])
        #expect(try Self.conditional.validate(["product": ["Web"], "browser": ["Firefox"], "areas": ["Billing"]])
            == ["product": .choices(["Web"]), "browser": .text("Firefox"), "areas": .choices(["Billing"])])
        answer(Self.conditional, ["product": ["Web"], "browser": ["Firefox"], "areas": ["Billing", "Login"]]).thenInvalid(["fields.login_error"])
    }

    @Test func aHiddenFieldIsNeitherRequiredNorKeptNorChecked() throws {
        // With "App" chosen, the browser question is hidden: its answer (even an invalid one) is dropped.
        #expect(try Self.conditional.validate(["product": ["App"]]) == ["product": .choices(["App"])])
        #expect(try Self.conditional.validate(["product": ["App"], "browser": ["two\nlines"], "areas": ["Nope"]]) == ["product": .choices(["App"])])
        // Hidden because the field it depends on is itself hidden.
        #expect(try Self.conditional.validate(["product": ["App"], "areas": ["Login"]]) == ["product": .choices(["App"])])
    }

    @Test func aFieldWhoseConditionFieldWasAnsweredWronglyIsHidden() {
        // The choice is invalid, so nothing depends on it; only the choice is reported.
        answer(Self.conditional, ["product": ["Desktop"], "browser": ["Firefox"]]).thenInvalid(["fields.product"])
    }

    // MARK: Unknown fields and reporting

    @Test func anAnswerToAFieldTheFormDoesNotHaveIsRefused() {
        let form = schema(FormField(id: "order", label: "Order", kind: .text))
        answer(form, ["order": ["A-1"], "colour": ["red"]]).thenInvalid(["fields.colour"])
        answer(form, ["colour": []]).thenInvalid(["fields.colour"])
        #expect(messages(form, ["colour": ["red"]]) == ["This form has no field 'colour'."])
    }

    @Test func allFieldErrorsComeTogetherInFormOrder() {
        let form = schema(
            FormField(id: "a", label: "A", kind: .number, required: true),
            FormField(id: "b", label: "B", kind: .text, required: true),
            FormField(id: "c", label: "C", kind: .date),
            FormField(id: "d", label: "D", kind: .email))
        answer(form, ["a": ["x"], "c": ["2026-02-30"], "d": ["ann@example.com"]]).thenInvalid(["fields.a", "fields.b", "fields.c"])
    }

    @Test func displayValuesReadNaturally() {
        #expect(FormValue.number(42).display == "42")
        #expect(FormValue.number(3.5).display == "3.5")
        #expect(FormValue.choices(["Login", "Reports"]).display == "Login, Reports")
        #expect(FormValue.files(["a", "b"]).display == "2 file(s)")
        #expect(FormValue.date("2026-11-25").display == "2026-11-25")
    }
}

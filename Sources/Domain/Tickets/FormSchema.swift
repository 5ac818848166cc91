import Foundation

/// One field of a category's form.
public struct FormField: Codable, Sendable, Equatable {
    public enum Kind: String, Codable, Sendable, CaseIterable {
        case text, longText, number, date, singleChoice, multiChoice, email, file
    }

    /// Shown only when another (choice) field has a given value.
    public struct Condition: Codable, Sendable, Equatable {
        public var field: String
        public var equals: String
        public init(field: String, equals: String) {
            self.field = field
            self.equals = equals
        }
    }

    /// Machine name: lower-case letters, digits and underscores.
    public var id: String
    public var label: String
    public var kind: Kind
    public var required: Bool
    /// For choices.
    public var options: [String]?
    /// For text: maximum length (default 200 for text, 10,000 for long text).
    public var maxLength: Int?
    public var showWhen: Condition?
    public var help: String?

    public init(id: String, label: String, kind: Kind, required: Bool = false, options: [String]? = nil, maxLength: Int? = nil,
                showWhen: Condition? = nil, help: String? = nil) {
        self.id = id
        self.label = label
        self.kind = kind
        self.required = required
        self.options = options
        self.maxLength = maxLength
        self.showWhen = showWhen
        self.help = help
    }

    private enum CodingKeys: String, CodingKey { case id, label, kind, required, options, maxLength, showWhen, help }

    /// `required` may be left out (an optional field).
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        label = try c.decode(String.self, forKey: .label)
        let kindName = try c.decode(String.self, forKey: .kind)
        guard let kind = Kind(rawValue: kindName) else {
            throw DecodingError.dataCorruptedError(forKey: .kind, in: c, debugDescription:
                "\"\(kindName.prefix(40))\" is not a field kind; use one of " + Kind.allCases.map(\.rawValue).joined(separator: ", ") + ".")
        }
        self.kind = kind
        required = try c.decodeIfPresent(Bool.self, forKey: .required) ?? false
        options = try c.decodeIfPresent([String].self, forKey: .options)
        maxLength = try c.decodeIfPresent(Int.self, forKey: .maxLength)
        showWhen = try c.decodeIfPresent(Condition.self, forKey: .showWhen)
        help = try c.decodeIfPresent(String.self, forKey: .help)
    }
}

/// A validated answer to one field.
public enum FormValue: Codable, Sendable, Equatable {
    case text(String)
    case number(Double)
    /// `yyyy-MM-dd`
    case date(String)
    case choices([String])
    /// Attachment ids uploaded for this field.
    case files([String])

    public var display: String {
        switch self {
        case .text(let t): t
        case .number(let n): n == n.rounded() && abs(n) < 1e15 ? String(Int64(n)) : String(n)
        case .date(let d): d
        case .choices(let c): c.joined(separator: ", ")
        case .files(let f): "\(f.count) file(s)"
        }
    }
}

/// A category's form: its fields, in order. Validates what a customer submitted and answers
/// field-level errors. A ticket keeps the labels and values it was opened with, so a later change of
/// the form never changes or breaks an old ticket.
public struct FormSchema: Codable, Sendable, Equatable {
    public var fields: [FormField]

    public init(fields: [FormField]) { self.fields = fields }

    /// Checks the schema itself (for admins editing forms).
    public func check() throws {
        var seen = Set<String>()
        var errors: [FieldError] = []
        for (i, f) in fields.enumerated() {
            let at = "fields[\(i)]"
            if f.id.isEmpty || !f.id.allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "_") }) || f.id.count > 40 {
                errors.append(FieldError(field: at + ".id", message: "A field id uses 1–40 lower-case letters, digits and underscores."))
            }
            if !seen.insert(f.id).inserted { errors.append(FieldError(field: at + ".id", message: "Field id '\(f.id)' is used twice.")) }
            if f.label.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty || f.label.count > 120 {
                errors.append(FieldError(field: at + ".label", message: "A field needs a label of at most 120 characters."))
            }
            if [.singleChoice, .multiChoice].contains(f.kind) {
                let options = f.options ?? []
                if options.isEmpty || Set(options).count != options.count || options.contains(where: { $0.isEmpty || $0.count > 120 }) {
                    errors.append(FieldError(field: at + ".options", message: "A choice field needs distinct, non-empty options."))
                }
            }
            if let max = f.maxLength, !(1...20_000).contains(max) || ![.text, .longText, .email].contains(f.kind) {
                errors.append(FieldError(field: at + ".maxLength", message: "A maximum length is for text fields and lies between 1 and 20,000."))
            }
            if let condition = f.showWhen {
                guard let target = fields.prefix(i).first(where: { $0.id == condition.field }), [.singleChoice, .multiChoice].contains(target.kind),
                      target.options?.contains(condition.equals) == true
                else {
                    errors.append(FieldError(field: at + ".showWhen", message: "A condition must name an earlier choice field and one of its options."))
                    continue
                }
            }
        }
        if fields.count > 50 { errors.append(FieldError(field: "fields", message: "A form has at most 50 fields.")) }
        if !errors.isEmpty { throw ValidationFailure(errors) }
    }

    /// Validates submitted values (each field's raw strings: one for most kinds, several for a
    /// multiple choice or files). Fields hidden by their condition are dropped; required visible
    /// fields must be answered. Field errors are named `fields.<id>`.
    public func validate(_ raw: [String: [String]]) throws -> [String: FormValue] {
        var values: [String: FormValue] = [:]
        var errors: [FieldError] = []
        for field in fields {
            if let condition = field.showWhen {
                guard case .choices(let chosen)? = values[condition.field], chosen.contains(condition.equals) else { continue }
            }
            let input = (raw[field.id] ?? []).map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
            let name = "fields.\(field.id)"
            guard !input.isEmpty else {
                if field.required { errors.append(FieldError(field: name, message: "\(field.label): this is required.")) }
                continue
            }
            do { values[field.id] = try value(of: field, input) } catch let e as FieldError {
                errors.append(FieldError(field: name, message: "\(field.label): \(e.message)"))
            }
        }
        let unknown = Set(raw.keys).subtracting(fields.map(\.id))
        if let first = unknown.sorted().first { errors.append(FieldError(field: "fields.\(first)", message: "This form has no field '\(first)'.")) }
        if !errors.isEmpty { throw ValidationFailure(errors) }
        return values
    }

    private func value(of field: FormField, _ input: [String]) throws -> FormValue {
        func fail(_ message: String) -> FieldError { FieldError(field: field.id, message: message) }
        switch field.kind {
        case .text, .longText:
            guard input.count == 1 else { throw fail("give one answer.") }
            let limit = field.maxLength ?? (field.kind == .text ? 200 : 10_000)
            guard input[0].count <= limit else { throw fail("at most \(limit) characters.") }
            // Any line break, not only "\n": a lone "\r" or U+2028 breaks a line just as well.
            guard field.kind == .longText || !input[0].contains(where: \.isNewline) else { throw fail("one line only.") }
            return .text(input[0])
        case .number:
            guard input.count == 1, let n = Double(input[0].replacingOccurrences(of: ",", with: ".")), n.isFinite else { throw fail("enter a number, like 42 or 3.5.") }
            return .number(n)
        case .date:
            let f = DateFormatter()
            f.locale = Locale(identifier: "en_US_POSIX")
            f.timeZone = TimeZone(identifier: "UTC")
            f.dateFormat = "yyyy-MM-dd"
            guard input.count == 1, let d = f.date(from: input[0]), f.string(from: d) == input[0] else { throw fail("enter a date like 2026-11-25.") }
            return .date(input[0])
        case .singleChoice:
            guard input.count == 1, field.options?.contains(input[0]) == true else { throw fail("choose one of: \((field.options ?? []).joined(separator: ", ")).") }
            return .choices(input)
        case .multiChoice:
            guard Set(input).isSubset(of: Set(field.options ?? [])) else { throw fail("choose from: \((field.options ?? []).joined(separator: ", ")).") }
            return .choices(Array(Set(input)).sorted { (field.options ?? []).firstIndex(of: $0)! < (field.options ?? []).firstIndex(of: $1)! })
        case .email:
            guard input.count == 1, let address = try? EmailAddress(input[0]) else { throw fail("enter an e-mail address like name@example.com.") }
            return .text(address.value)
        case .file:
            guard input.count <= 10, input.allSatisfy({ $0.count <= 64 && $0.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" } }) else {
                throw fail("attach at most 10 files.")
            }
            return .files(input)
        }
    }
}

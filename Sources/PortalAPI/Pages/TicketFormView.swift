import Domain
import Foundation

/// A category's form as template values: one entry per field with its kind, the answer to show again,
/// its options, its condition (for the page's script) and its message. A field `topic` is the input
/// `field.topic` with the element id `field-topic`.
struct TicketFormView {
    let schema: FormSchema
    /// Field id → values typed (from a refused form or the saved draft).
    let answers: [String: [String]]
    /// Element id (`field-topic`) → message.
    let errors: [String: String]

    var fields: [[String: Any]] {
        schema.fields.map { f in
            let elementID = "field-" + f.id
            let values = answers[f.id] ?? []
            var v: [String: Any] = [
                "id": elementID, "name": "field." + f.id, "label": f.label, "required": f.required, "kind": f.kind.rawValue,
                "value": values.first ?? "", f.kind.rawValue: true,
                "maxLength": f.maxLength ?? (f.kind == .longText ? 10_000 : 200),
            ]
            if let help = f.help, !help.isEmpty { v["help"] = help }
            if let error = errors[elementID] { v["error"] = error }
            if let options = f.options {
                v["options"] = options.enumerated().map { i, option in
                    ["value": option, "optionID": "\(elementID)-\(i)", "checked": values.contains(option)] as [String: Any]
                }
            }
            if let condition = f.showWhen {
                let label = schema.fields.first { $0.id == condition.field }?.label ?? condition.field
                v["showWhen"] = ["field": "field." + condition.field, "equals": condition.equals, "label": label]
            }
            return v
        }
    }

    /// The element ids of the form's fields, so a service message about `topic` (a file field's upload
    /// error names the bare id) lands next to `field-topic`.
    static func elementErrors(_ errors: [FieldError], schema: FormSchema) -> [FieldError] {
        let ids = Set(schema.fields.map(\.id))
        return errors.map { e in
            if ids.contains(e.field) { return FieldError(field: "field-" + e.field, message: e.message) }
            return FieldError(field: PageSupport.anchor(e.field), message: e.message)
        }
    }

    /// The priority levels, most urgent last, with what each means; `chosen` (default normal) checked.
    static func priorities(chosen: String?) -> [[String: Any]] {
        let current = chosen.flatMap(TicketPriority.init(rawValue:)) ?? .normal
        return TicketPriority.allCases.map {
            ["value": $0.rawValue, "label": $0.rawValue.prefix(1).uppercased() + $0.rawValue.dropFirst(), "explanation": $0.explanation,
             "checked": $0 == current] as [String: Any]
        }
    }
}

/// The searchable fields of a ``KnowledgeDocument``, in the order their per-field figures are stored.
public enum KnowledgeField: Int, Sendable, CaseIterable {
    case title, phrasings, summary, body
}

/// One number per ``KnowledgeField``: weights, length-normalisation strengths, counts.
public struct KnowledgeFieldValues<Value: Sendable & Equatable>: Sendable, Equatable {
    public var title: Value
    public var phrasings: Value
    public var summary: Value
    public var body: Value

    public init(title: Value, phrasings: Value, summary: Value, body: Value) {
        self.title = title
        self.phrasings = phrasings
        self.summary = summary
        self.body = body
    }

    public init(all value: Value) {
        self.init(title: value, phrasings: value, summary: value, body: value)
    }

    public subscript(field: KnowledgeField) -> Value {
        get {
            switch field {
            case .title: title
            case .phrasings: phrasings
            case .summary: summary
            case .body: body
            }
        }
        set {
            switch field {
            case .title: title = newValue
            case .phrasings: phrasings = newValue
            case .summary: summary = newValue
            case .body: body = newValue
            }
        }
    }
}

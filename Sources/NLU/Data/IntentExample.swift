/// One labelled message: what a customer wrote and the intent it expresses.
public struct IntentExample: Sendable, Hashable {
    public var text: String
    public var label: String

    public init(text: String, label: String) {
        self.text = text
        self.label = label
    }
}

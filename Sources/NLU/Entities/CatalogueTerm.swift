/// A category or product name of the portal, so that "my invoices" finds the billing category
/// without the chatbot knowing the catalogue at compile time.
public struct CatalogueTerm: Sendable, Equatable {
    /// The portal's identifier, returned as the entity's value.
    public var id: String
    /// The names and synonyms customers use; matched case-insensitively as whole words.
    public var names: [String]

    public init(id: String, names: [String]) {
        self.id = id
        self.names = names
    }
}

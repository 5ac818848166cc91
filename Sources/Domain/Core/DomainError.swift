/// A command that the current state does not allow.
public enum DomainError: Error, Sendable, Equatable {
    /// The aggregate does not exist.
    case notFound(String)
    /// The command conflicts with the aggregate's state.
    case rejected(String)
}

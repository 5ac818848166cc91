/// The events of an account stream.
public enum AccountEvent: Sendable, Equatable {
    case registered(CustomerRegistered)
    case duplicateRegistrationAttempted(DuplicateRegistrationAttempted)
    case signedIn(CustomerSignedIn)
    case signInFailed(SignInFailed)
    case personalDataErased(PersonalDataErased)

    /// The event as a value of its own type, for encoding.
    public var payload: any DomainEvent {
        switch self {
        case .registered(let e): return e
        case .duplicateRegistrationAttempted(let e): return e
        case .signedIn(let e): return e
        case .signInFailed(let e): return e
        case .personalDataErased(let e): return e
        }
    }

    /// Wraps a decoded event of an account stream; nil for other types.
    public init?(_ event: any DomainEvent) {
        switch event {
        case let e as CustomerRegistered: self = .registered(e)
        case let e as DuplicateRegistrationAttempted: self = .duplicateRegistrationAttempted(e)
        case let e as CustomerSignedIn: self = .signedIn(e)
        case let e as SignInFailed: self = .signInFailed(e)
        case let e as PersonalDataErased: self = .personalDataErased(e)
        default: return nil
        }
    }
}

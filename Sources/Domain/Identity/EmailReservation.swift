/// Who, if anyone, holds an e-mail address (stream `email-<key>`).
public struct EmailReservation: Sendable, Equatable {
    public var holder: AccountID?

    public init(holder: AccountID? = nil) { self.holder = holder }

    public func evolve(_ event: any DomainEvent) -> EmailReservation {
        switch event {
        case let e as EmailAddressReserved: return EmailReservation(holder: e.accountID)
        case is EmailAddressReleased: return EmailReservation(holder: nil)
        default: return self
        }
    }
}

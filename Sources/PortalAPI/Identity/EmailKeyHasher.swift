import Domain
import EventStore

/// Turns a normalized e-mail address into its ``EmailKey``: BLAKE2b keyed with a key derived from the
/// master key, so the reservation stream's name says nothing to someone without the key file.
public struct EmailKeyHasher: Sendable {
    private let key: [UInt8]

    public init(masterKey: MasterKey) { key = masterKey.derive(purpose: "email-key/v1") }

    public func key(for email: EmailAddress) -> EmailKey {
        EmailKey(Sodium.blake2b(Array(email.value.utf8), key: key, outputLength: 20).hex)
    }
}

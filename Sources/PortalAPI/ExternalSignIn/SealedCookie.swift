import EventStore
import Foundation

/// Small values a browser carries between two requests of a flow (the pending OpenID Connect request,
/// a link waiting for confirmation), encrypted and authenticated with a key derived from the master
/// key: the browser can neither read nor alter them, and the server keeps no state. Each carries its
/// own expiry.
struct SealedCookie: Sendable {
    private let key: [UInt8]

    init(masterKey: MasterKey, purpose: String) { key = masterKey.derive(purpose: "sealed-cookie/" + purpose) }

    func seal<T: Codable>(_ value: T, expires: Date) throws -> String {
        let payload = try JSONEncoder().encode(Envelope(value: value, expires: expires.timeIntervalSince1970))
        return Base64URL.encode(try Sodium.seal(Array(payload), key: key, additionalData: []))
    }

    func open<T: Codable>(_ text: String?, as: T.Type, now: Date = Date()) -> T? {
        guard let text, text.utf8.count < 8192, let sealed = Base64URL.decode(text),
              let plain = Sodium.open(sealed, key: key, additionalData: []),
              let envelope = try? JSONDecoder().decode(Envelope<T>.self, from: Data(plain)),
              envelope.expires > now.timeIntervalSince1970
        else { return nil }
        return envelope.value
    }

    private struct Envelope<V: Codable>: Codable {
        var value: V
        var expires: Double
    }
}

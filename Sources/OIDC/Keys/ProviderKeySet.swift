import Foundation
import JWTKit

/// A provider's published signing keys (its JWKS), read leniently: keys the relying party
/// cannot use (encryption keys, unknown key types or algorithms) are skipped, not fatal.
struct ProviderKeySet: Sendable {
    /// One published key with the JWK members that decide whether it fits a token.
    struct Key: Sendable {
        var kid: String?
        var keyType: String
        var algorithm: String?
        var use: String?
        var curve: String?
        var jwk: JWK

        /// True if this key may verify a token signed with `algorithm` and naming `kid`.
        func fits(kid tokenKID: String?, algorithm signing: SigningAlgorithm) -> Bool {
            if let tokenKID, tokenKID != kid { return false }
            guard keyType == signing.keyType, use == nil || use == "sig" else { return false }
            if let algorithm, algorithm != signing.rawValue { return false }
            if let wanted = signing.curve, curve != wanted { return false }
            return true
        }
    }

    var keys: [Key]

    /// The keys that fit a token. Without a `kid`, OIDC Core §10.1 allows only a provider with
    /// a single suitable key, so several candidates then count as none.
    func candidates(kid: String?, algorithm: SigningAlgorithm) -> [Key] {
        let fitting = keys.filter { $0.fits(kid: kid, algorithm: algorithm) }
        return kid == nil && fitting.count > 1 ? [] : fitting
    }

    static func decode(_ body: Data) throws(OIDCError) -> Self {
        let document: Document
        do {
            document = try JSONDecoder().decode(Document.self, from: body)
        } catch {
            throw .invalidKeySet("it is not a JSON object with a \"keys\" array")
        }
        return Self(keys: document.keys.compactMap(\.key))
    }

    private struct Document: Decodable {
        var keys: [Entry]
    }

    /// Decodes one array element without failing the whole set when jwt-kit cannot read it.
    private struct Entry: Decodable {
        var key: Key?

        enum CodingKeys: String, CodingKey { case kid, kty, alg, use, crv }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            guard let keyType = try? container.decode(String.self, forKey: .kty),
                let jwk = try? JWK(from: decoder)
            else {
                key = nil
                return
            }
            key = Key(
                kid: try? container.decodeIfPresent(String.self, forKey: .kid),
                keyType: keyType,
                algorithm: try? container.decodeIfPresent(String.self, forKey: .alg),
                use: try? container.decodeIfPresent(String.self, forKey: .use),
                curve: try? container.decodeIfPresent(String.self, forKey: .crv),
                jwk: jwk
            )
        }
    }
}

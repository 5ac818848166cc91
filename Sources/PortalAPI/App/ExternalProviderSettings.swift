import Foundation

/// One "Sign in with …" provider (OpenID Connect), as configured by the operator.
public struct ExternalProviderSettings: Sendable, Codable, Equatable {
    /// Short name used in URLs (`/signin/oidc/<name>`): lower-case letters, digits and dashes.
    public var name: String
    /// What the button says: "Sign in with <displayName>".
    public var displayName: String
    public var issuer: String
    public var clientID: String
    public var clientSecret: String
    /// Allow plain `http` for a provider that is not on this host (never in production).
    public var allowsInsecureHTTP: Bool?

    public init(name: String, displayName: String, issuer: String, clientID: String, clientSecret: String, allowsInsecureHTTP: Bool? = nil) {
        self.name = name
        self.displayName = displayName
        self.issuer = issuer
        self.clientID = clientID
        self.clientSecret = clientSecret
        self.allowsInsecureHTTP = allowsInsecureHTTP
    }

    /// Reads a JSON array of providers from a file that only its owner can read (it holds client secrets).
    public static func load(path: String) throws -> [ExternalProviderSettings] {
        var st = stat()
        guard stat(path, &st) == 0 else { throw ProviderFileError("\(path) cannot be read") }
        guard st.st_mode & 0o077 == 0 else { throw ProviderFileError("\(path) holds client secrets and is readable by others; run `chmod 600 \(path)`") }
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        let providers: [ExternalProviderSettings]
        do { providers = try JSONDecoder().decode([ExternalProviderSettings].self, from: data) } catch {
            throw ProviderFileError("\(path) is not a JSON array of {name, displayName, issuer, clientID, clientSecret}: \(error)")
        }
        for p in providers {
            guard !p.name.isEmpty, p.name.allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "-") }) else {
                throw ProviderFileError("provider name '\(p.name)' must use only lower-case letters, digits and dashes")
            }
        }
        guard Set(providers.map(\.name)).count == providers.count else { throw ProviderFileError("provider names in \(path) must be unique") }
        return providers
    }

    public struct ProviderFileError: Error, CustomStringConvertible {
        public let description: String
        init(_ description: String) { self.description = description }
    }
}

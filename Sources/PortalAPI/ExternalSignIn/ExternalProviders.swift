import Foundation
import OIDC

/// The configured OpenID Connect providers, each with its relying party (discovery and keys cached).
public struct ExternalProviders: Sendable {
    public struct Provider: Sendable {
        public let settings: ExternalProviderSettings
        public let relyingParty: OIDCRelyingParty
    }
    public let providers: [String: Provider]
    /// In the order configured, for the sign-in page's buttons.
    public let ordered: [ExternalProviderSettings]

    init(settings: [ExternalProviderSettings], baseURL: String) throws {
        var providers: [String: Provider] = [:]
        let base = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        for s in settings {
            guard let issuer = URL(string: s.issuer), let redirect = URL(string: "\(base)/signin/oidc/\(s.name)/callback") else {
                throw ExternalProviderSettings.ProviderFileError("provider '\(s.name)': issuer '\(s.issuer)' is not a URL")
            }
            let configuration = OIDCProviderConfiguration(
                issuer: issuer, clientID: s.clientID, clientSecret: s.clientSecret, redirectURI: redirect, displayName: s.displayName,
                allowsInsecureHTTP: s.allowsInsecureHTTP ?? false)
            do {
                providers[s.name] = Provider(settings: s, relyingParty: try OIDCRelyingParty(configuration: configuration))
            } catch {
                throw ExternalProviderSettings.ProviderFileError("provider '\(s.name)': \(error)")
            }
        }
        self.providers = providers
        ordered = settings
    }
}

import Foundation

extension OIDCRelyingParty {
    /// The provider's discovery metadata, fetched on first use and reused for
    /// ``OIDCProviderConfiguration/cacheLifetime``.
    /// - Throws: ``OIDCError/issuerMismatch(expected:found:)`` if the document names another
    ///   issuer, ``OIDCError/invalidProviderMetadata(_:)``, or a network error.
    public func metadata(now: Date = Date()) async throws(OIDCError) -> OIDCProviderMetadata {
        if let cached = cachedMetadata, now.timeIntervalSince(cached.fetchedAt) < configuration.cacheLifetime {
            return cached.metadata
        }
        return try await refreshMetadata(now: now)
    }

    /// Fetches the discovery document again, for instance after the provider changed endpoints.
    @discardableResult
    public func refreshMetadata(now: Date = Date()) async throws(OIDCError) -> OIDCProviderMetadata {
        guard let url = configuration.discoveryURL else {
            throw .invalidConfiguration("no discovery URL can be formed from \(configuration.issuerIdentifier)")
        }
        let metadata = try OIDCProviderMetadata.decode(try await fetch(url), for: configuration)
        cachedMetadata = (metadata, now)
        return metadata
    }

    /// Fetches the provider's keys (JWKS) again. Verification does this by itself when a
    /// token names a key it does not know; call it to pick up a rotation eagerly.
    /// - Returns: The number of keys the relying party can use.
    @discardableResult
    public func refreshKeys(now: Date = Date()) async throws(OIDCError) -> Int {
        try await loadKeys(now: now).keys.count
    }

    func loadKeys(now: Date) async throws(OIDCError) -> ProviderKeySet {
        let metadata = try await metadata(now: now)
        let keys = try ProviderKeySet.decode(try await fetch(metadata.jwksURI))
        cachedKeys = (keys, now)
        return keys
    }

    /// The cached keys, or freshly fetched ones; the flag says whether they were just fetched.
    func currentKeys(now: Date) async throws(OIDCError) -> (keys: ProviderKeySet, fresh: Bool) {
        if let cached = cachedKeys, now.timeIntervalSince(cached.fetchedAt) < configuration.cacheLifetime {
            return (cached.keys, false)
        }
        return (try await loadKeys(now: now), true)
    }
}

import Foundation
import OIDC
import Testing

/// A running `portal-oidc-test-provider` child process on a free loopback port.
struct TestProvider: Sendable {
    let port: Int
    let issuer: URL
    let clientID = "portal-tests"
    let clientSecret = "s3cret with spaces & symbols:%+"
    let redirectURI = URL(string: "http://127.0.0.1:9/auth/oidc/callback")!

    /// The provider a suite shares, set by the ``TestProviderTrait``.
    @TaskLocal static var current: TestProvider?

    /// The configuration the portal would hold for this provider.
    func configuration(
        issuer: URL? = nil, clientSecret: String? = nil, authentication: OIDCClientAuthentication = .clientSecretBasic
    ) -> OIDCProviderConfiguration {
        OIDCProviderConfiguration(
            issuer: issuer ?? self.issuer, clientID: clientID, clientSecret: clientSecret ?? self.clientSecret,
            redirectURI: redirectURI, displayName: "Test provider", clientAuthentication: authentication
        )
    }

    /// A relying party for this provider.
    func relyingParty(
        issuer: URL? = nil, clientSecret: String? = nil, authentication: OIDCClientAuthentication = .clientSecretBasic
    ) throws -> OIDCRelyingParty {
        try OIDCRelyingParty(configuration: configuration(issuer: issuer, clientSecret: clientSecret, authentication: authentication))
    }

    /// `issuer + path` as a URL.
    func url(_ path: String) -> URL { URL(string: issuer.absoluteString + path)! }

    /// Starts a provider, runs `body` with it, and stops it (SIGTERM) however `body` ends.
    @discardableResult
    static func run<T: Sendable>(arguments: [String] = [], _ body: (TestProvider) async throws -> T) async throws -> T {
        let process = try await ProviderProcess.start(arguments: [
            "--port", "0", "--client-id", "portal-tests", "--client-secret", "s3cret with spaces & symbols:%+",
            "--redirect-uri", "http://127.0.0.1:9/auth/oidc/callback", "--exit-on-stdin-eof",
        ] + arguments)
        let provider = TestProvider(port: process.port, issuer: URL(string: "http://127.0.0.1:\(process.port)")!)
        do {
            let result = try await body(provider)
            await process.stop()
            return result
        } catch {
            await process.stop()
            throw error
        }
    }
}

/// Gives a suite one provider for all its tests: `@Suite(.testProvider)`, then
/// `TestProvider.current` inside the tests.
struct TestProviderTrait: SuiteTrait, TestScoping {
    var isRecursive: Bool { false }

    func provideScope(for test: Test, testCase: Test.Case?, performing function: @Sendable () async throws -> Void) async throws {
        try await TestProvider.run { provider in
            try await TestProvider.$current.withValue(provider) { try await function() }
        }
    }
}

extension Trait where Self == TestProviderTrait {
    /// Runs the suite against one shared test provider process.
    static var testProvider: Self { TestProviderTrait() }
}

/// The provider shared by the current suite.
func sharedProvider() throws -> TestProvider {
    try #require(TestProvider.current, "the suite needs the .testProvider trait")
}

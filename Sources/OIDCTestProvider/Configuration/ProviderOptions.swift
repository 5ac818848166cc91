import Foundation

/// How the test provider is started: from the command line, optionally on top of a JSON file.
struct ProviderOptions: Sendable, Codable {
    var host = "127.0.0.1"
    var port = 0
    /// The issuer to advertise; nil means `http://<host>:<bound port>`.
    var issuer: String?
    var clientID = "portal"
    var clientSecret = "portal-secret"
    var redirectURIs = ["http://127.0.0.1:8080/auth/oidc/callback"]
    /// Seconds an authorization code stays redeemable.
    var codeLifetime = 60
    /// Seconds an ID token is valid.
    var idTokenLifetime = 300
    /// Misbehaviours applied to every sign-in, as for `test_misbehave`.
    var misbehave: [String] = []
    /// Exit when standard input reaches end of file, so a test run that dies takes the
    /// provider with it (the test keeps the pipe open while it needs the provider).
    var exitOnStdinEOF = false

    static let usage = """
        usage: portal-oidc-test-provider [--config FILE] [--host H] [--port P] [--issuer URL]
               [--client-id ID] [--client-secret SECRET] [--redirect-uri URI]...
               [--code-lifetime SECONDS] [--id-token-lifetime SECONDS] [--misbehave NAME,NAME]
               [--exit-on-stdin-eof]

        A minimal OpenID Connect provider for tests. Prints "listening <port>" on standard output
        once it accepts connections (use --port 0 for any free port); logs go to standard error.
        Misbehaviours: \(Misbehaviour.allCases.map(\.rawValue).joined(separator: ", ")).
        """

    /// Parses the arguments (without the program name). `--config` is read first wherever it
    /// appears, so flags override the file.
    static func parse(_ arguments: [String]) throws(UsageError) -> Self {
        var options = Self()
        if let index = arguments.firstIndex(of: "--config") {
            guard index + 1 < arguments.count else { throw UsageError("--config needs a file") }
            options = try load(arguments[index + 1])
        }
        var redirectURIs: [String] = []
        var remaining = arguments[...]
        while let flag = remaining.popFirst() {
            if flag == "--exit-on-stdin-eof" {
                options.exitOnStdinEOF = true
                continue
            }
            if flag == "--help" || flag == "-h" { throw UsageError(nil) }
            guard Self.valueFlags.contains(flag) else { throw UsageError("unknown option \(flag)") }
            guard let value = remaining.popFirst() else { throw UsageError("\(flag) needs a value") }
            switch flag {
            case "--config": continue
            case "--host": options.host = value
            case "--port": options.port = try integer(value, flag)
            case "--issuer": options.issuer = value
            case "--client-id": options.clientID = value
            case "--client-secret": options.clientSecret = value
            case "--redirect-uri": redirectURIs.append(value)
            case "--code-lifetime": options.codeLifetime = try integer(value, flag)
            case "--id-token-lifetime": options.idTokenLifetime = try integer(value, flag)
            case "--misbehave": options.misbehave = value.split(separator: ",").map(String.init)
            default: break
            }
        }
        if !redirectURIs.isEmpty { options.redirectURIs = redirectURIs }
        guard (0...65535).contains(options.port) else { throw UsageError("--port must be 0–65535") }
        guard Misbehaviour.parse(options.misbehave.joined(separator: ",")) != nil else {
            throw UsageError("unknown misbehaviour in \(options.misbehave.joined(separator: ","))")
        }
        return options
    }

    private static let valueFlags: Set = [
        "--config", "--host", "--port", "--issuer", "--client-id", "--client-secret", "--redirect-uri",
        "--code-lifetime", "--id-token-lifetime", "--misbehave",
    ]

    private static func integer(_ value: String, _ flag: String) throws(UsageError) -> Int {
        guard let number = Int(value), number >= 0 else { throw UsageError("\(flag) needs a non-negative integer") }
        return number
    }

    private static func load(_ path: String) throws(UsageError) -> Self {
        do {
            return try JSONDecoder().decode(Self.self, from: Data(contentsOf: URL(fileURLWithPath: path)))
        } catch {
            throw UsageError("cannot read \(path): \(error)")
        }
    }

    /// Missing keys in a JSON config file keep their defaults.
    init(from decoder: any Decoder) throws {
        let defaults = Self()
        let c = try decoder.container(keyedBy: CodingKeys.self)
        host = try c.decodeIfPresent(String.self, forKey: .host) ?? defaults.host
        port = try c.decodeIfPresent(Int.self, forKey: .port) ?? defaults.port
        issuer = try c.decodeIfPresent(String.self, forKey: .issuer)
        clientID = try c.decodeIfPresent(String.self, forKey: .clientID) ?? defaults.clientID
        clientSecret = try c.decodeIfPresent(String.self, forKey: .clientSecret) ?? defaults.clientSecret
        redirectURIs = try c.decodeIfPresent([String].self, forKey: .redirectURIs) ?? defaults.redirectURIs
        codeLifetime = try c.decodeIfPresent(Int.self, forKey: .codeLifetime) ?? defaults.codeLifetime
        idTokenLifetime = try c.decodeIfPresent(Int.self, forKey: .idTokenLifetime) ?? defaults.idTokenLifetime
        misbehave = try c.decodeIfPresent([String].self, forKey: .misbehave) ?? defaults.misbehave
        exitOnStdinEOF = try c.decodeIfPresent(Bool.self, forKey: .exitOnStdinEOF) ?? defaults.exitOnStdinEOF
    }

    init() {}
}

/// A bad command line; a nil message asks for the usage text only.
struct UsageError: Error {
    var message: String?
    init(_ message: String?) { self.message = message }
}

import Foundation

/// Which URLs the relying party talks to: `https`, or `http` only to the local machine
/// (where the traffic never leaves the host) unless the configuration allows more.
struct URLPolicy: Sendable {
    var allowsInsecureHTTP: Bool

    func check(_ url: URL) throws(OIDCError) {
        guard let scheme = url.scheme?.lowercased(), let host = url.host, !host.isEmpty else {
            throw .unsupportedURL(url.absoluteString)
        }
        switch scheme {
        case "https":
            return
        case "http" where allowsInsecureHTTP || Self.isLoopback(host):
            return
        default:
            throw .unsupportedURL(url.absoluteString)
        }
    }

    static func isLoopback(_ host: String) -> Bool {
        let host = host.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        if host == "localhost" || host == "::1" { return true }
        // 127.0.0.0/8 as a dotted-quad literal; a name such as "127.example.com" is not loopback.
        let octets = host.split(separator: ".", omittingEmptySubsequences: false)
        return octets.count == 4 && octets.first == "127"
            && octets.allSatisfy { UInt8($0) != nil }
    }
}

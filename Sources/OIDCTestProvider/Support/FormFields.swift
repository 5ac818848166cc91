import Foundation

/// `application/x-www-form-urlencoded` fields (query strings and POST bodies), strict about
/// repeats as RFC 6749 §3.1 requires.
struct FormFields: Sendable {
    private(set) var values: [String: String] = [:]

    subscript(name: String) -> String? { values[name] }

    /// Parses `a=1&b=x+y`. Throws `invalid_request` on broken escapes or repeated names.
    init(_ text: some StringProtocol) throws(OAuthError) {
        for part in text.split(separator: "&") {
            let pieces = part.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = Self.unescape(pieces[0]), let value = pieces.count > 1 ? Self.unescape(pieces[1]) : "" else {
                throw .invalidRequest("malformed form encoding")
            }
            guard values.updateValue(value, forKey: name) == nil else {
                throw .invalidRequest("parameter \(name) appears more than once")
            }
        }
    }

    init(values: [String: String]) { self.values = values }

    private static func unescape(_ text: some StringProtocol) -> String? {
        text.replacingOccurrences(of: "+", with: " ").removingPercentEncoding
    }

    /// Encodes pairs for a redirect's query, escaping all but unreserved characters.
    static func encode(_ pairs: [(String, String)]) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        func escape(_ text: String) -> String { text.addingPercentEncoding(withAllowedCharacters: allowed) ?? "" }
        return pairs.map { "\(escape($0.0))=\(escape($0.1))" }.joined(separator: "&")
    }
}

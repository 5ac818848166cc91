import Crypto
import Foundation

/// Time-based one-time passwords (RFC 6238): HMAC-SHA1 over the 30-second time step, six digits —
/// what every authenticator app speaks.
public struct TOTP: Sendable {
    public let secret: [UInt8]
    public static let period: Int64 = 30
    public static let digits = 6

    public init(secret: [UInt8]) { self.secret = secret }

    /// A secret from its base32 form; nil when it is not base32.
    public init?(base32 text: String) {
        guard let bytes = Base32.decode(text), !bytes.isEmpty else { return nil }
        secret = bytes
    }

    /// The time step of a moment.
    public static func step(at date: Date) -> Int64 { Int64(date.timeIntervalSince1970.rounded(.down)) / period }

    /// The code of a time step, zero-padded.
    public func code(step: Int64) -> String {
        var counter = UInt64(step).bigEndian
        let mac = HMAC<Insecure.SHA1>.authenticationCode(for: withUnsafeBytes(of: &counter) { Data($0) }, using: SymmetricKey(data: secret))
        let bytes = Array(mac)
        let offset = Int(bytes[bytes.count - 1] & 0x0F)
        let value = (UInt32(bytes[offset] & 0x7F) << 24) | (UInt32(bytes[offset + 1]) << 16) | (UInt32(bytes[offset + 2]) << 8) | UInt32(bytes[offset + 3])
        let code = value % 1_000_000
        return String(repeating: "0", count: Self.digits - String(code).count) + String(code)
    }

    /// The time step (now, one before or one after) whose code equals `code`; nil when none does.
    /// Every candidate is compared, in constant time, so the timing does not tell which step matched.
    public func matchingStep(_ code: String, at date: Date) -> Int64? {
        let typed = code.filter { !$0.isWhitespace }
        guard typed.count == Self.digits, typed.allSatisfy(\.isASCII), typed.allSatisfy(\.isNumber) else { return nil }
        let now = Self.step(at: date)
        var found: Int64?
        for step in [now - 1, now, now + 1] where constantTimeEqual(self.code(step: step), typed) {
            found = step
        }
        return found
    }

    /// The `otpauth://` URI that authenticator apps read from the QR code.
    public func uri(account: String, issuer: String) -> String {
        let label = "\(issuer):\(account)".addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(CharacterSet(charactersIn: ":@/?#"))) ?? account
        let issuerParameter = issuer.addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed.subtracting(CharacterSet(charactersIn: "&=+"))) ?? issuer
        return "otpauth://totp/\(label)?secret=\(Base32.encode(secret))&issuer=\(issuerParameter)&algorithm=SHA1&digits=\(Self.digits)&period=\(Self.period)"
    }

    private func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        return zip(x, y).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }
}

/// RFC 4648 base32 without padding (what `otpauth` URIs carry).
enum Base32 {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".utf8)

    static func encode(_ bytes: [UInt8]) -> String {
        var out: [UInt8] = []
        var buffer: UInt32 = 0, bits = 0
        for b in bytes {
            buffer = (buffer << 8) | UInt32(b)
            bits += 8
            while bits >= 5 {
                out.append(alphabet[Int((buffer >> UInt32(bits - 5)) & 31)])
                bits -= 5
            }
        }
        if bits > 0 { out.append(alphabet[Int((buffer << UInt32(5 - bits)) & 31)]) }
        return String(decoding: out, as: UTF8.self)
    }

    static func decode(_ text: String) -> [UInt8]? {
        var out: [UInt8] = []
        var buffer: UInt32 = 0, bits = 0
        for c in text.uppercased().utf8 where c != UInt8(ascii: "=") && c != UInt8(ascii: " ") && c != UInt8(ascii: "-") {
            guard let v = alphabet.firstIndex(of: c) else { return nil }
            buffer = (buffer << 5) | UInt32(v)
            bits += 5
            if bits >= 8 {
                out.append(UInt8((buffer >> UInt32(bits - 8)) & 0xFF))
                bits -= 8
            }
        }
        return out
    }
}

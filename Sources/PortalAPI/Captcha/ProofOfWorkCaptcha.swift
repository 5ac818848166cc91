import Crypto
import EventStore
import Foundation
import Synchronization

/// A self-hosted, privacy-friendly CAPTCHA: the browser proves it spent a little work.
///
/// A challenge is `pow1.<id>.<expires>.<difficulty>.<mac>`, signed with a key derived from the master
/// key, so the server keeps nothing until a solution comes back. A solution is a nonce such that
/// SHA-256(challenge ":" nonce) starts with `difficulty` zero bits; a page's script finds it in a
/// second or two, a bot paying for thousands of attempts pays thousands of times. Each challenge is
/// accepted once: solved ids are remembered until they expire.
public final class ProofOfWorkCaptcha: Sendable {
    public let difficulty: Int
    public let lifetime: TimeInterval
    private let key: SymmetricKey
    private let spent = Mutex<[String: Date]>([:])

    public init(masterKey: MasterKey, difficulty: Int, lifetime: TimeInterval = 300) {
        key = SymmetricKey(data: masterKey.derive(purpose: "captcha/v1"))
        self.difficulty = difficulty
        self.lifetime = lifetime
    }

    /// A fresh challenge.
    public func challenge(now: Date = Date()) -> CaptchaChallenge {
        let id = Sodium.randomBytes(12).hex
        let expires = Int64(now.addingTimeInterval(lifetime).timeIntervalSince1970)
        let body = "pow1.\(id).\(expires).\(difficulty)"
        return CaptchaChallenge(challenge: body + "." + mac(body), difficulty: difficulty, expiresAt: Date(timeIntervalSince1970: Double(expires)))
    }

    /// Why a solution was not accepted.
    public enum Refusal: Error, Equatable, CustomStringConvertible {
        case missing, malformed, forged, expired, tooEasy, wrong, replayed
        public var description: String {
            switch self {
            case .missing: return "Solve the check first (it runs by itself in the page; API clients fetch one from /api/v1/auth/captcha)."
            case .malformed, .forged: return "The check could not be read. Reload the page and try again."
            case .expired: return "The check has expired. Reload the page and try again."
            case .tooEasy: return "The check is out of date. Reload the page and try again."
            case .wrong: return "The check was not solved. Reload the page and try again."
            case .replayed: return "This check was already used. Reload the page and try again."
            }
        }
    }

    /// Accepts `solution` (`<challenge>:<nonce>`) once; throws a ``Refusal`` otherwise.
    public func verify(_ solution: String?, now: Date = Date()) throws {
        guard let solution, !solution.isEmpty else { throw Refusal.missing }
        guard solution.utf8.count < 512, let colon = solution.lastIndex(of: ":") else { throw Refusal.malformed }
        let challenge = String(solution[..<colon]), nonce = String(solution[solution.index(after: colon)...])
        let parts = challenge.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 5, parts[0] == "pow1", let expires = Int64(parts[2]), let bits = Int(parts[3]), !nonce.isEmpty, nonce.count <= 32 else {
            throw Refusal.malformed
        }
        let body = parts[0..<4].joined(separator: ".")
        guard Sodium.constantTimeEqual(Array(mac(body).utf8), Array(parts[4].utf8)) else { throw Refusal.forged }
        guard Double(expires) > now.timeIntervalSince1970 else { throw Refusal.expired }
        guard bits >= difficulty else { throw Refusal.tooEasy }
        guard Self.leadingZeroBits(SHA256.hash(data: Data((challenge + ":" + nonce).utf8))) >= bits else { throw Refusal.wrong }
        let id = String(parts[1])
        let fresh: Bool = spent.withLock { s in
            if s.count > 10_000 { s = s.filter { $0.value > now } }
            guard s[id] == nil else { return false }
            s[id] = Date(timeIntervalSince1970: Double(expires))
            return true
        }
        guard fresh else { throw Refusal.replayed }
    }

    /// Finds a solution the slow way (for tests and tools; browsers run the page's script).
    public static func solve(_ challenge: CaptchaChallenge) -> String {
        var nonce: UInt64 = 0
        while true {
            let candidate = String(nonce, radix: 36)
            if leadingZeroBits(SHA256.hash(data: Data((challenge.challenge + ":" + candidate).utf8))) >= challenge.difficulty {
                return challenge.challenge + ":" + candidate
            }
            nonce += 1
        }
    }

    private func mac(_ body: String) -> String {
        Data(HMAC<SHA256>.authenticationCode(for: Data(body.utf8), using: key)).prefix(16).map { String(format: "%02x", $0) }.joined()
    }

    static func leadingZeroBits(_ digest: SHA256.Digest) -> Int {
        var count = 0
        for byte in digest {
            if byte == 0 { count += 8; continue }
            count += byte.leadingZeroBitCount
            break
        }
        return count
    }
}

/// What a client solves.
public struct CaptchaChallenge: Codable, Sendable, Equatable {
    public var challenge: String
    public var difficulty: Int
    public var expiresAt: Date
    public var algorithm = "sha256-leading-zero-bits"
}

import Hummingbird
extension CaptchaChallenge: ResponseEncodable {}

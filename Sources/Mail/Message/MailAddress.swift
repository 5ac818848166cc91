/// A mailbox: an address such as `alice@example.com` and an optional display name.
///
/// The address check is deliberately strict and ASCII-only: a dot-atom local part (RFC 5322
/// `atext`, no leading, trailing or doubled dots, at most 64 characters) and a host name of LDH
/// labels with at least two labels. Quoted local parts, address literals and internationalised
/// addresses are refused: the portal only needs addresses people type into a sign-up form, and a
/// narrow grammar leaves no room for header or SMTP command injection.
public struct MailAddress: Sendable, Hashable, CustomStringConvertible {
    /// The bare address, `local@domain`.
    public let address: String
    /// The name shown to the reader, any Unicode text without line breaks; `nil` for none.
    public let displayName: String?

    /// Creates a mailbox after checking the address and the display name.
    ///
    /// - Throws: ``MailError`` of kind ``MailError/Kind/invalidMessage`` if the address is not a
    ///   plain `local@domain` address, or the display name contains a line break or other control
    ///   character.
    public init(_ address: String, displayName: String? = nil) throws {
        try Self.validate(address: address)
        if let displayName {
            try HeaderText.validate(displayName, what: "display name of <\(address)>")
        }
        self.address = address
        self.displayName = displayName.flatMap { $0.isEmpty ? nil : $0 }
    }

    /// The part after the @, for example `example.com`.
    public var domain: String {
        guard let at = address.lastIndex(of: "@") else { return address }
        return String(address[address.index(after: at)...])
    }

    /// The mailbox as a reader would write it: `Alice <alice@example.com>`.
    public var description: String {
        guard let displayName else { return "<\(address)>" }
        return "\(displayName) <\(address)>"
    }

    static func validate(address: String) throws {
        let fail = { (reason: String) in
            MailError.invalidMessage("invalid e-mail address \(HeaderText.quotedForLog(address)): \(reason)")
        }
        let bytes = Array(address.utf8)
        guard bytes.count <= 254 else { throw fail("longer than 254 characters") }
        guard let at = bytes.lastIndex(of: UInt8(ascii: "@")) else { throw fail("no @") }
        let local = bytes[..<at]
        let domain = bytes[(at + 1)...]
        guard !local.isEmpty, local.count <= 64 else { throw fail("the part before @ must have 1 to 64 characters") }
        guard Self.isDotAtom(local) else {
            throw fail("the part before @ may contain only letters, digits, single dots and !#$%&'*+-/=?^_`{|}~")
        }
        guard Self.isHostName(domain) else {
            throw fail("the part after @ must be a host name such as example.com")
        }
    }

    /// RFC 5322 `dot-atom-text`.
    static func isDotAtom(_ bytes: some BidirectionalCollection<UInt8>) -> Bool {
        guard let first = bytes.first, let last = bytes.last, first != UInt8(ascii: "."), last != UInt8(ascii: ".")
        else { return false }
        var previousWasDot = false
        for byte in bytes {
            if byte == UInt8(ascii: ".") {
                if previousWasDot { return false }
                previousWasDot = true
            } else {
                guard isAtext(byte) else { return false }
                previousWasDot = false
            }
        }
        return true
    }

    /// RFC 5322 `atext`.
    static func isAtext(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"):
            return true
        default:
            return Array("!#$%&'*+-/=?^_`{|}~".utf8).contains(byte)
        }
    }

    /// A DNS host name of letter-digit-hyphen labels, at least two of them.
    static func isHostName(_ bytes: some BidirectionalCollection<UInt8>) -> Bool {
        guard !bytes.isEmpty, bytes.count <= 253 else { return false }
        let labels = bytes.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        guard labels.count >= 2 else { return false }
        return labels.allSatisfy { label in
            guard let first = label.first, let last = label.last, label.count <= 63,
                first != UInt8(ascii: "-"), last != UInt8(ascii: "-")
            else { return false }
            return label.allSatisfy { byte in
                switch byte {
                case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                    UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"):
                    return true
                default:
                    return false
                }
            }
        }
    }
}

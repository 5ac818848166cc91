import Foundation

/// Compact tag–length–value encoding of the public metadata fields.
enum MetadataCodec {
    private enum Tag: UInt8 { case actor = 1, deviceID = 2, correlationID = 3, causationID = 4, network = 5 }

    /// Encodes everything but the client IP; `network` is the truncated IP kept when nothing is sealed.
    static func encode(_ m: EventMetadata, network: String?) -> [UInt8] {
        var out: [UInt8] = []
        func put(_ tag: Tag, _ bytes: [UInt8]) {
            out.append(tag.rawValue)
            out.appendLE(UInt16(min(bytes.count, Int(UInt16.max))))
            out += bytes.prefix(Int(UInt16.max))
        }
        if let a = m.actor { put(.actor, Array(a.utf8)) }
        if let d = m.deviceID { put(.deviceID, Array(d.utf8)) }
        if let c = m.correlationID { put(.correlationID, withUnsafeBytes(of: c.uuid) { Array($0) }) }
        if let c = m.causationID { put(.causationID, withUnsafeBytes(of: c.uuid) { Array($0) }) }
        if let n = network { put(.network, Array(n.utf8)) }
        return out
    }

    static func decode(_ bytes: UnsafeRawBufferPointer) -> EventMetadata {
        var m = EventMetadata()
        var i = 0
        while i + 3 <= bytes.count {
            let tag = bytes[i]
            let len = Int(bytes.loadLE(at: i + 1, as: UInt16.self))
            let start = i + 3, end = min(start + len, bytes.count)
            let value = UnsafeRawBufferPointer(rebasing: bytes[start..<end])
            switch Tag(rawValue: tag) {
            case .actor: m.actor = String(decoding: value, as: UTF8.self)
            case .deviceID: m.deviceID = String(decoding: value, as: UTF8.self)
            case .correlationID: m.correlationID = uuid(value)
            case .causationID: m.causationID = uuid(value)
            case .network: m.clientIP = String(decoding: value, as: UTF8.self)
            case nil: break
            }
            i = end
        }
        return m
    }

    private static func uuid(_ b: UnsafeRawBufferPointer) -> UUID? {
        guard b.count == 16 else { return nil }
        var raw: uuid_t = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        withUnsafeMutableBytes(of: &raw) { $0.copyMemory(from: b) }
        return UUID(uuid: raw)
    }

    /// The network part of an IP address: IPv4 /24 (`203.0.113.0/24`), IPv6 /48. IPv4 is parsed by
    /// hand because this runs for every event that carries an IP and seals nothing.
    static func network(of ip: String) -> String {
        var text = ip
        if let v4 = text.withUTF8({ ipv4Prefix($0) }) { return v4 }
        guard ip.contains(":") else { return "invalid" }
        var v6 = in6_addr()
        guard inet_pton(AF_INET6, ip, &v6) == 1 else { return "invalid" }
        var bytes = withUnsafeBytes(of: &v6) { Array($0) }
        for i in 6..<16 { bytes[i] = 0 }
        var masked = in6_addr()
        withUnsafeMutableBytes(of: &masked) { $0.copyBytes(from: bytes) }
        var buf = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN))
        inet_ntop(AF_INET6, &masked, &buf, socklen_t(buf.count))
        let end = buf.firstIndex(of: 0) ?? buf.count
        return String(decoding: buf[..<end].map { UInt8(bitPattern: $0) }, as: UTF8.self) + "/48"
    }

    /// `a.b.c.0/24` for a dotted-quad address, nil for anything else.
    private static func ipv4Prefix(_ b: UnsafeBufferPointer<UInt8>) -> String? {
        var octets: [Int] = []
        var value = -1
        for c in b {
            if c == UInt8(ascii: ".") {
                guard value >= 0, octets.count < 3 else { return nil }
                octets.append(value)
                value = -1
            } else if c >= UInt8(ascii: "0"), c <= UInt8(ascii: "9") {
                value = (value < 0 ? 0 : value * 10) + Int(c - UInt8(ascii: "0"))
                guard value <= 255 else { return nil }
            } else {
                return nil
            }
        }
        guard value >= 0, octets.count == 3 else { return nil }
        return "\(octets[0]).\(octets[1]).\(octets[2]).0/24"
    }
}

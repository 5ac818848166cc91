/// The network an IP address belongs to, as the log keeps it when nothing is sealed: IPv4 /24
/// (`203.0.113.0/24`), IPv6 /48. Signals that compare networks use the same cut.
public enum IPNetwork {
    public static func of(_ ip: String) -> String {
        ip.hasSuffix("/24") || ip.hasSuffix("/48") ? ip : MetadataCodec.network(of: ip)
    }
}

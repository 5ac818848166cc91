/// Entry names: relative, `/`-separated, no `.` or `..` segments, no control characters.
enum ZipPath {
    static let maxBytes = 0xFFFF

    /// The entry name for `path`: backslashes become `/`, leading slashes and a drive letter (`C:`) are dropped,
    /// empty and `.` segments are removed.
    /// - Throws: ``ZipError/invalidPath(_:reason:)`` for `..`, control characters, a trailing slash or nothing left.
    static func sanitize(_ path: String) throws(ZipError) -> String {
        if path.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
            throw .invalidPath(path, reason: "it contains control characters")
        }
        var text = path.replacing("\\", with: "/")
        if text.hasSuffix("/") { throw .invalidPath(path, reason: "it names a folder, not a file") }
        let utf8 = Array(text.utf8)
        if utf8.count >= 2, utf8[1] == UInt8(ascii: ":"), (0x41...0x5A).contains(utf8[0] & ~0x20) {
            text = String(text.dropFirst(2))
        }
        var segments: [Substring] = []
        for segment in text.split(separator: "/", omittingEmptySubsequences: true) where segment != "." {
            if segment == ".." { throw .invalidPath(path, reason: "\"..\" would lead outside the folder it is extracted to") }
            segments.append(segment)
        }
        guard !segments.isEmpty else { throw .invalidPath(path, reason: "it has no file name") }
        let name = segments.joined(separator: "/")
        guard name.utf8.count <= maxBytes else { throw .invalidPath(path, reason: "it is longer than 65535 bytes") }
        return name
    }
}

import Foundation

extension ModelFiles {
    /// One model file as found on disk, for an operator's status report.
    public struct FileCheck: Sendable, Equatable {
        public var name: String
        /// The SHA-256 found, or nil when the file is missing or unreadable.
        public var found: String?
        public var expected: String
        public var isVerified: Bool { found == expected }
    }

    /// Every expected file of the folder with its SHA-256 and whether it matches. Never throws:
    /// a missing or unreadable file is reported as such.
    public static func inspect(folder: String) -> [FileCheck] {
        expectedSHA256.map { name, expected in
            let found = (try? MappedFile(path: folder + "/" + name)).map { SHA256Digest.hex(of: $0.bytes) }
            return FileCheck(name: name, found: found, expected: expected)
        }
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file mapped read-only into memory for as long as the value lives.
///
/// The model's weights are read in place from the mapping: nothing is copied, and every worker
/// of an ``EncoderPool`` shares the same pages.
///
/// `@unchecked Sendable`: the mapping is read-only and never changes after `init`; it is unmapped
/// only in `deinit`, when no other reference can exist.
final class MappedFile: @unchecked Sendable {
    let path: String
    let bytes: UnsafeRawBufferPointer

    /// Maps the whole file. An empty file maps to an empty buffer.
    init(path: String) throws(MappedFileError) {
        self.path = path
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw MappedFileError(path: path, operation: "open", code: errno) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw MappedFileError(path: path, operation: "stat", code: errno) }
        let size = Int(info.st_size)
        guard size > 0 else {
            bytes = UnsafeRawBufferPointer(start: nil, count: 0)
            return
        }
        #if os(Linux)
        // Fault every page in now rather than on the first encodes.
        let flags = MAP_PRIVATE | MAP_POPULATE
        #else
        let flags = MAP_PRIVATE
        #endif
        guard let address = mmap(nil, size, PROT_READ, flags, fd, 0), address != MAP_FAILED else {
            throw MappedFileError(path: path, operation: "map", code: errno)
        }
        bytes = UnsafeRawBufferPointer(start: address, count: size)
    }

    deinit {
        if let start = bytes.baseAddress {
            munmap(UnsafeMutableRawPointer(mutating: start), bytes.count)
        }
    }
}

/// A file of the model could not be opened or mapped.
struct MappedFileError: Error, CustomStringConvertible {
    let path: String
    let operation: String
    let code: Int32

    var description: String {
        "cannot \(operation) \(path): \(String(cString: strerror(code)))"
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One open POSIX file, closed when the value goes away. Every call's result is checked and turned into
/// ``BlobStoreError/io(operation:path:errno:)`` naming the file.
final class FileDescriptor {
    let fd: Int32
    let path: String

    private init(fd: Int32, path: String) {
        self.fd = fd
        self.path = path
    }

    deinit { close(fd) }

    /// Creates a new file that must not exist yet, readable and writable by the owner only.
    static func createExclusive(_ path: String) throws(BlobStoreError) -> FileDescriptor {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0o600)
        guard fd >= 0 else { throw .io(operation: "creating", path: path, errno: errno) }
        return FileDescriptor(fd: fd, path: path)
    }

    /// Opens an existing file for reading; a missing file is ``BlobStoreError/notFound``.
    static func openForReading(_ path: String) throws(BlobStoreError) -> FileDescriptor {
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)
        guard fd >= 0 else {
            let code = errno
            if code == ENOENT || code == ENOTDIR { throw .notFound }
            throw .io(operation: "opening", path: path, errno: code)
        }
        return FileDescriptor(fd: fd, path: path)
    }

    /// Opens a directory so that it can be fsynced after entries were added to or removed from it.
    static func openDirectory(_ path: String) throws(BlobStoreError) -> FileDescriptor {
        let fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { throw .io(operation: "opening directory", path: path, errno: errno) }
        return FileDescriptor(fd: fd, path: path)
    }

    func writeAll(_ bytes: UnsafeRawBufferPointer) throws(BlobStoreError) {
        var offset = 0
        while offset < bytes.count {
            let n = write(fd, bytes.baseAddress! + offset, bytes.count - offset)
            if n < 0 {
                if errno == EINTR { continue }
                throw .io(operation: "writing", path: path, errno: errno)
            }
            offset += n
        }
    }

    func writeAll(_ bytes: [UInt8]) throws(BlobStoreError) {
        try bytes.withUnsafeBytes { raw in Result { () throws(BlobStoreError) in try writeAll(raw) } }.get()
    }

    /// Exactly `count` bytes at `offset`; a short read means the file is not what its length promised.
    func read(count: Int, at offset: Int) throws(BlobStoreError) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: count)
        var done = 0
        var failure: Int32 = 0
        out.withUnsafeMutableBytes { buffer in
            while done < count {
                let n = pread(fd, buffer.baseAddress! + done, count - done, off_t(offset + done))
                if n < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    return
                }
                if n == 0 { return }
                done += n
            }
        }
        if failure != 0 { throw .io(operation: "reading", path: path, errno: failure) }
        guard done == count else { throw .corrupt }
        return out
    }

    func sync() throws(BlobStoreError) {
        guard fsync(fd) == 0 else { throw .io(operation: "fsync", path: path, errno: errno) }
    }

    func length() throws(BlobStoreError) -> Int {
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw .io(operation: "stat", path: path, errno: errno) }
        return Int(info.st_size)
    }

    /// (device, inode): tells whether a path still names this open file.
    func identity() throws(BlobStoreError) -> FileIdentity {
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw .io(operation: "stat", path: path, errno: errno) }
        return FileIdentity(info)
    }

    /// Takes an exclusive advisory lock; with `wait: false`, returns false when another open file holds it.
    func lockExclusive(wait: Bool) throws(BlobStoreError) -> Bool {
        while true {
            if flock(fd, LOCK_EX | (wait ? 0 : LOCK_NB)) == 0 { return true }
            let code = errno
            if code == EINTR { continue }
            if code == EWOULDBLOCK { return false }
            throw .io(operation: "locking", path: path, errno: code)
        }
    }
}

struct FileIdentity: Equatable {
    let device: UInt64
    let inode: UInt64

    init(_ info: stat) {
        device = UInt64(info.st_dev)
        inode = UInt64(info.st_ino)
    }

    /// The identity of what `path` names now (without following a final symbolic link), or nil if nothing.
    static func of(_ path: String) -> FileIdentity? {
        var info = stat()
        guard lstat(path, &info) == 0 else { return nil }
        return FileIdentity(info)
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The few directory operations the store needs, on paths, with checked results.
enum FileSystem {
    enum EntryKind { case file, directory, other }

    /// Creates a directory (mode 0700) unless it exists; returns whether it was created.
    @discardableResult
    static func makeDirectory(_ path: String) throws(BlobStoreError) -> Bool {
        if mkdir(path, 0o700) == 0 { return true }
        let code = errno
        guard code == EEXIST else { throw .io(operation: "creating directory", path: path, errno: code) }
        var info = stat()
        guard lstat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR else {
            throw .io(operation: "creating directory", path: path, errno: ENOTDIR)
        }
        return false
    }

    static func kind(_ path: String) -> EntryKind? {
        var info = stat()
        guard lstat(path, &info) == 0 else { return nil }
        switch info.st_mode & S_IFMT {
        case S_IFREG: return .file
        case S_IFDIR: return .directory
        default: return .other
        }
    }

    /// Size in bytes of a regular file, or nil.
    static func fileLength(_ path: String) -> Int? {
        var info = stat()
        guard lstat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
        return Int(info.st_size)
    }

    /// The names in a directory, without "." and ".."; a missing directory has none.
    static func list(_ path: String) throws(BlobStoreError) -> [String] {
        guard let dir = opendir(path) else {
            let code = errno
            if code == ENOENT { return [] }
            throw .io(operation: "listing", path: path, errno: code)
        }
        defer { closedir(dir) }
        var names: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafePointer(to: &entry.pointee.d_name) {
                String(cString: UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self))
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }

    static func remove(_ path: String) throws(BlobStoreError) {
        guard unlink(path) == 0 else {
            if errno == ENOENT { return }
            throw .io(operation: "removing", path: path, errno: errno)
        }
    }

    /// Removes a directory and everything in it without following symbolic links; returns how many regular
    /// files were removed.
    static func removeTree(_ path: String) throws(BlobStoreError) -> Int {
        guard kind(path) == .directory else { return 0 }
        var files = 0
        for name in try list(path) {
            let child = path + "/" + name
            switch kind(child) {
            case .directory: files += try removeTree(child)
            case .file:
                try remove(child)
                files += 1
            case .other: try remove(child)
            case nil: break
            }
        }
        guard rmdir(path) == 0 || errno == ENOENT else { throw .io(operation: "removing directory", path: path, errno: errno) }
        return files
    }

    /// Atomically replaces `to` with `from` (same file system).
    static func move(_ from: String, to: String) throws(BlobStoreError) {
        guard rename(from, to) == 0 else { throw .io(operation: "renaming to \(to)", path: from, errno: errno) }
    }

    /// Makes the entries of a directory durable (after a rename, create or unlink in it).
    static func syncDirectory(_ path: String) throws(BlobStoreError) {
        try FileDescriptor.openDirectory(path).sync()
    }
}

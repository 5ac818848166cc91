import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The POSIX side of ``MailFolderTransport``: create the folder, write, sync and publish a file.
/// Every call is blocking; run it off the cooperative thread pool.
struct MailFile {
    let folder: String

    /// Writes `bytes` to `<folder>/<baseName>.eml` (or `<baseName>-N.eml` if taken) and returns the path.
    func publish(_ bytes: [UInt8], baseName: String) throws -> String {
        try createFolderIfMissing()
        let temporary = "\(folder)/.\(baseName).\(UUID().uuidString).tmp"
        try writeSynced(bytes, to: temporary)
        defer { unlink(temporary) }

        for attempt in 1...1000 {
            let path = "\(folder)/\(baseName)\(attempt == 1 ? "" : "-\(attempt)").eml"
            // link(2) publishes the complete file under its final name as atomically as rename(2)
            // would, but fails with EEXIST instead of silently replacing another message.
            if link(temporary, path) == 0 {
                syncFolder()
                return path
            }
            switch errno {
            case EEXIST:
                continue
            case EPERM, EOPNOTSUPP, ENOSYS, EMLINK:
                // File systems without hard links: rename, after making sure the name is free.
                guard access(path, F_OK) != 0 else { continue }
                guard rename(temporary, path) == 0 else { throw failure("could not rename \(temporary) to \(path)") }
                syncFolder()
                return path
            default:
                throw failure("could not publish \(temporary) as \(path)")
            }
        }
        throw MailError(.storageFailed, "could not find a free file name for \(baseName).eml in \(folder)")
    }

    private func createFolderIfMissing() throws {
        var info = stat()
        if stat(folder, &info) == 0 {
            guard (info.st_mode & S_IFMT) == S_IFDIR else {
                throw MailError(.storageFailed, "the mail folder \(folder) exists but is not a folder")
            }
            return
        }
        let parent = (folder as NSString).deletingLastPathComponent
        if !parent.isEmpty {
            do {
                try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
            } catch {
                throw MailError(.storageFailed, "could not create the folder \(parent) for mail: \(error.localizedDescription)")
            }
        }
        guard mkdir(folder, 0o700) == 0 || errno == EEXIST else { throw failure("could not create the mail folder \(folder)") }
    }

    private func writeSynced(_ bytes: [UInt8], to path: String) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw failure("could not create \(path)") }
        var written = 0
        do {
            // The umask could take bits away from 0600, never add; fchmod makes the mode exact.
            guard fchmod(fd, 0o600) == 0 else { throw failure("could not set the mode of \(path)") }
            try bytes.withUnsafeBytes { buffer in
                while written < buffer.count {
                    let result = write(fd, buffer.baseAddress.map { $0 + written }, buffer.count - written)
                    if result < 0 {
                        if errno == EINTR { continue }
                        throw failure("could not write \(path)")
                    }
                    written += result
                }
            }
            guard fsync(fd) == 0 else { throw failure("could not sync \(path) to disk") }
        } catch {
            close(fd)
            unlink(path)
            throw error
        }
        guard close(fd) == 0 else {
            unlink(path)
            throw failure("could not close \(path)")
        }
    }

    /// Makes the new directory entry durable. Best effort: the file is already visible, and
    /// reporting a failure now would make the caller send the message again.
    private func syncFolder() {
        let fd = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { return }
        _ = fsync(fd)
        close(fd)
    }

    private func failure(_ what: String) -> MailError {
        let code = errno
        return MailError(.storageFailed, "\(what): \(String(cString: strerror(code))) (errno \(code))")
    }
}

import Foundation

extension BlobStore {
    /// Copies every stored blob under `directory` to the same place under `destination` (a new or empty
    /// folder), for backups. Safe while the store is in use: blobs never change once in place, uploads in
    /// progress (`tmp/`) are left out, and a blob erased while the copy runs is skipped. Files stay encrypted;
    /// reading them needs the same master key.
    /// - Returns: how many blobs were copied and their size on disk.
    public static func copyAll(from directory: URL, to destination: URL) throws -> (blobs: Int, bytes: Int) {
        let root = directory.standardizedFileURL.path
        let target = destination.standardizedFileURL.path
        guard FileSystem.kind(root) == .directory else { return (0, 0) }
        if FileSystem.kind(target) == .directory {
            guard try FileSystem.list(target).isEmpty else { throw BlobStoreError.io(operation: "backup into a folder that is not empty", path: target, errno: EEXIST) }
        }
        try FileSystem.makeDirectory(target)
        var blobs = 0
        var bytes = 0
        for folder in try FileSystem.list(root) where folder != "tmp" && FileSystem.kind(root + "/" + folder) == .directory {
            for shard in try FileSystem.list(root + "/" + folder) where FileSystem.kind(root + "/" + folder + "/" + shard) == .directory {
                let from = root + "/" + folder + "/" + shard
                let to = target + "/" + folder + "/" + shard
                for name in try FileSystem.list(from) where addressBytes(name) != nil {
                    guard FileSystem.kind(from + "/" + name) == .file else { continue }
                    try FileSystem.makeDirectory(target + "/" + folder)
                    try FileSystem.makeDirectory(to)
                    do {
                        try FileManager.default.copyItem(atPath: from + "/" + name, toPath: to + "/" + name)
                    } catch where FileSystem.kind(from + "/" + name) == nil {
                        continue // erased meanwhile
                    } catch {
                        throw BlobStoreError.io(operation: "copying", path: from + "/" + name, errno: EIO)
                    }
                    blobs += 1
                    bytes += FileSystem.fileLength(to + "/" + name) ?? 0
                }
            }
        }
        return (blobs, bytes)
    }
}

import Foundation
import Synchronization

/// The scratch folders of one run, all inside one new folder that is removed at the end.
///
/// With `--data DIR` the run folder is created inside DIR (DIR and any missing parents are created
/// when missing and removed again at the end); nothing that was there before is touched.
final class ScratchSpace: Sendable {
    let root: String
    /// Folders this run created on the way to DIR, innermost first.
    private let createdParents: [String]
    private let next = Mutex(0)

    init(parent: String?) throws {
        let fm = FileManager.default
        let base = ((parent ?? NSTemporaryDirectory()) as NSString).standardizingPath
        var createdParents: [String] = []
        var missing = base
        while !missing.isEmpty, missing != "/", !fm.fileExists(atPath: missing) {
            createdParents.append(missing)
            missing = (missing as NSString).deletingLastPathComponent
        }
        if !createdParents.isEmpty {
            do { try fm.createDirectory(atPath: base, withIntermediateDirectories: true) } catch {
                throw BenchError.scratch("cannot create \(base): \(error.localizedDescription)")
            }
        }
        var template = Array(((base as NSString).appendingPathComponent("portal-bench.XXXXXX")).utf8CString)
        guard let made = mkdtemp(&template) else {
            throw BenchError.scratch("cannot create a folder in \(base): \(String(cString: strerror(errno)))")
        }
        root = String(cString: made)
        self.createdParents = createdParents
    }

    /// A new, not yet existing path inside the run folder, e.g. for a data folder of the event store.
    func path(_ name: String) -> String {
        let number = next.withLock { $0 += 1; return $0 }
        return (root as NSString).appendingPathComponent("\(number)-\(name)")
    }

    /// Deletes a phase's folder as soon as the phase is done, so runs don't add up on disk.
    func remove(_ path: String) {
        try? FileManager.default.removeItem(atPath: path)
    }

    /// Deletes the run folder, and the folders this run created to hold it while they are empty.
    func removeAll() {
        do { try FileManager.default.removeItem(atPath: root) } catch { note("could not remove \(root): \(error.localizedDescription)") }
        for folder in createdParents where rmdir(folder) != 0 { break }
    }
}

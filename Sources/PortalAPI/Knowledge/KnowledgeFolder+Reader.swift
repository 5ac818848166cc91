import Foundation

extension KnowledgeFolder {
    /// File-system access confined to one folder: every path is resolved through its symbolic links and refused
    /// (with a problem) when it ends up outside. Links that stay inside are followed.
    struct FolderReader {
        let root: URL
        var problems: [KnowledgeFileProblem] = []

        init(_ url: URL) {
            root = url.standardizedFileURL.resolvingSymlinksInPath()
        }

        /// Where `relative` really is, or nil when that is outside the folder.
        mutating func resolve(_ relative: String) -> URL? {
            let resolved = (relative.isEmpty ? root : root.appendingPathComponent(relative)).resolvingSymlinksInPath().standardizedFileURL
            let base = root.path.hasSuffix("/") ? root.path : root.path + "/"
            guard resolved.path == root.path || resolved.path.hasPrefix(base) else {
                problems.append(KnowledgeFileProblem(file: relative, message:
                    "is a symbolic link to \(resolved.path), outside the folder; copy what it points to into the folder instead."))
                return nil
            }
            return resolved
        }

        mutating func isFolder(_ relative: String) -> Bool {
            var directory: ObjCBool = false
            guard let url = resolve(relative), FileManager.default.fileExists(atPath: url.path, isDirectory: &directory) else { return false }
            return directory.boolValue
        }

        mutating func isFile(_ relative: String) -> Bool {
            var directory: ObjCBool = false
            guard let url = resolve(relative), FileManager.default.fileExists(atPath: url.path, isDirectory: &directory) else { return false }
            return !directory.boolValue
        }

        /// The names in a folder, sorted so that reading is the same on every machine.
        func names(_ relative: String) -> [String] {
            let url = relative.isEmpty ? root : root.appendingPathComponent(relative)
            return ((try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []).sorted()
        }

        /// A file's text; nil when it does not exist, or (with a problem) when it is outside, too large, not
        /// readable or not UTF-8.
        mutating func text(_ relative: String) -> String? {
            guard isFile(relative), let url = resolve(relative) else { return nil }
            let size = (try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? NSNumber)?.intValue ?? 0
            guard size <= KnowledgeFile.maximumSize else {
                problems.append(KnowledgeFileProblem(file: relative, message: "the file has \(size) bytes; a knowledge file has at most 1 MiB."))
                return nil
            }
            guard let data = FileManager.default.contents(atPath: url.path) else {
                problems.append(KnowledgeFileProblem(file: relative, message: "cannot be read (check its permissions)."))
                return nil
            }
            guard let text = String(data: data, encoding: .utf8) else {
                problems.append(KnowledgeFileProblem(file: relative, message: "is not UTF-8 text; save it as UTF-8."))
                return nil
            }
            return text
        }
    }
}

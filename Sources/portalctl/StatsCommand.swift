import ArgumentParser
import BlobStore
import EventStore
import Foundation
import PortalAPI

struct StatsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "stats", abstract: "Counts, sizes and projection lag of a data folder.")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var model: ModelOption

    @Flag(help: "Print one JSON object.")
    var json = false

    func run() async throws {
        let stats = try await reportingErrors {
            let store = try global.openReadOnly()
            defer { store.close() }
            return try store.statistics()
        }
        let attachments = try await reportingErrors { try BlobStore.usage(of: URL(fileURLWithPath: global.folder.path).appendingPathComponent("blobs")) }
        let known = PortalProjections.names
        let semantic = PortalProjections.semanticName
        let search = model.resolved() == nil ? SemanticIndex.Mode.lexicalOnly : .semantic
        let semanticLag = stats.events - min(stats.events, stats.checkpoints[semantic] ?? 0)
        let lag = Dictionary(uniqueKeysWithValues: known.map { name in (name, stats.events - min(stats.events, stats.checkpoints[name] ?? 0)) })
        if json {
            let object: [String: Any] = [
                "events": stats.events, "streams": stats.streams, "subjects": stats.subjects, "erasedSubjects": stats.erasedSubjects,
                "fileBytes": stats.fileBytes, "usedBytes": stats.usedBytes, "mapBytes": stats.mapBytes, "eventsByType": stats.eventsByType,
                "attachments": ["files": attachments.blobs, "bytes": attachments.bytes],
                "projections": known.map { ["name": $0, "checkpoint": stats.checkpoints[$0] ?? 0, "lag": lag[$0] ?? 0] as [String: Any] },
                "search": ["mode": search.rawValue, "modelFolder": model.described, "checkpoint": stats.checkpoints[semantic] ?? 0, "lag": semanticLag] as [String: Any],
            ]
            print(String(decoding: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self))
            return
        }
        print("data folder   \(global.folder.path)")
        print("events        \(stats.events)")
        print("streams       \(stats.streams)")
        print("subjects      \(stats.subjects) with keys, \(stats.erasedSubjects) erased")
        print("size          \(Self.bytes(stats.fileBytes)) on disk, \(Self.bytes(stats.usedBytes)) in use, map \(Self.bytes(stats.mapBytes))")
        print("attachments   \(attachments.blobs) file(s), \(Self.bytes(attachments.bytes)) in blobs/")
        print("by type")
        for (type, count) in stats.eventsByType.sorted(by: { $0.value > $1.value || ($0.value == $1.value && $0.key < $1.key) }) {
            print("  \(String(count).leftPadded(10))  \(type)")
        }
        print("projections (checkpoint → lag; a running server checkpoints every few seconds)")
        for name in known {
            print("  \(name.padding(toLength: 16, withPad: " ", startingAt: 0)) \(stats.checkpoints[name] ?? 0) → \(lag[name] ?? 0) behind")
        }
        switch search {
        case .semantic:
            print("search        semantic (model \(model.described)); \(semantic) \(stats.checkpoints[semantic] ?? 0) → \(semanticLag) behind")
        case .lexicalOnly:
            print("search        lexical-only: no model folder at \(model.described) (run `make model` or pass --model DIR)")
        }
    }

    static func bytes(_ n: Int) -> String {
        let units = ["B", "KiB", "MiB", "GiB", "TiB"]
        var value = Double(n), unit = 0
        while value >= 1024 && unit < units.count - 1 { value /= 1024; unit += 1 }
        return unit == 0 ? "\(n) B" : String(format: "%.1f %@", value, units[unit])
    }
}

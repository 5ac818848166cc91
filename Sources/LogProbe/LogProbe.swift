import EventStore
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// `log-probe <folder> [--writers N] [--map-size BYTES]`: appends to the log in `<folder>` from
/// several concurrent writers until killed, and prints each acknowledged event as one line
/// `<position> <writer> <n>` on stdout.
///
/// `log-probe <folder> --erase SUBJECT` instead erases one subject as the folder's writer and
/// exits, so a test can watch a read-only store in its own process learn of the erasure.
///
/// The crash test kills it with SIGKILL at an arbitrary moment and then checks that every printed
/// (acknowledged) event is in the log, intact. A line is printed only after `append` returned, so
/// it is a promise of durability; each line goes out in one `write(2)`, unbuffered, so a line the
/// test read was acknowledged before the kill.
@main
struct LogProbe {
    static func main() async {
        var arguments = Array(CommandLine.arguments.dropFirst())
        var writers = 4
        var mapSize = 1 << 20
        var folder: String?
        var erase: String?
        func value() -> String? { arguments.isEmpty ? nil : arguments.removeFirst() }
        while let argument = value() {
            switch argument {
            case "--writers": writers = value().flatMap { Int($0) } ?? writers
            case "--map-size": mapSize = value().flatMap { Int($0) } ?? mapSize
            case "--erase": erase = value()
            default: folder = argument
            }
        }
        guard let folder else {
            FileHandle.standardError.write(Data("usage: log-probe <folder> [--writers N] [--map-size BYTES] | <folder> --erase SUBJECT\n".utf8))
            exit(2)
        }
        do {
            // A small map makes the probe grow it while it runs, so a kill can also land mid-growth.
            let store = try EventStore(.init(folder: DataFolder(path: folder), initialMapSize: mapSize))
            if let erase {
                let result = try await store.eraseSubject(erase, recording: [
                    StreamAppend(stream: "erasures", expected: .any, events: [
                        NewEvent(id: UUIDv7.make(), type: "SubjectErased", data: Array(#"{"subject":"\#(erase)"}"#.utf8)),
                    ]),
                ])
                print(result.positions[0])
                store.close()
                return
            }
            try await withThrowingTaskGroup(of: Void.self) { group in
                for writer in 0..<writers {
                    group.addTask { try await ProbeWriter(store: store, writer: writer).run() }
                }
                try await group.waitForAll()
            }
        } catch {
            FileHandle.standardError.write(Data("log-probe: \(error)\n".utf8))
            exit(1)
        }
    }
}

import Dispatch
import Foundation
import Synchronization

/// Ctrl-C (SIGINT) and SIGTERM: the first calls `onFirst` (the run cancels itself, so it ends its
/// child processes and removes its scratch folder on the way out); the second exits at once.
///
/// A terminal's Ctrl-C alone would not reach the children: Foundation's `Process` starts each in a
/// process group of its own, so the server would keep running, holding its port and folder.
final class InterruptSignals {
    /// How many signals have arrived.
    private final class Count: Sendable {
        let value = Mutex(0)
        func increment() -> Int { value.withLock { $0 += 1; return $0 } }
    }

    private let count = Count()
    private let sources: [any DispatchSourceSignal]

    init(onFirst: @escaping @Sendable () -> Void) {
        let count = self.count
        sources = [SIGINT, SIGTERM].map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler {
                if count.increment() == 1 {
                    note("interrupted: stopping; child processes end and the scratch folder is removed (interrupt again to quit at once)")
                    onFirst()
                } else {
                    exit(128 + number)
                }
            }
            source.resume()
            return source
        }
    }

    /// Whether a signal has arrived.
    var received: Bool { count.value.withLock { $0 > 0 } }
}

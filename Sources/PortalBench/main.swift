import Foundation

// portal-bench: figures of the event log, of sign-ins, tickets and chat turns over HTTP, and of the sentence encoder
// and vector search on this machine, one JSON line each on stdout.
// See `BenchOptions.usage` for the command line and DESIGN "Limits of this machine's storage" for
// what the figures are compared with.

let options: BenchOptions
do {
    guard let parsed = try BenchOptions.parse(Array(CommandLine.arguments.dropFirst())) else {
        print(BenchOptions.usage)
        exit(0)
    }
    options = parsed
} catch let error as BenchError {
    note(error.description)
    exit(error.exitCode)
}

let scratch: ScratchSpace
do {
    scratch = try ScratchSpace(parent: options.dataPath)
} catch {
    note("\(error)")
    exit(1)
}

let runClock = Stopwatch()
let run = Task { try await BenchRun(options: options, scratch: scratch).run() }
let interrupts = InterruptSignals(onFirst: { run.cancel() })
do {
    try await run.value
    scratch.removeAll()
    note("done in \(format(runClock.elapsedSeconds)) s")
} catch {
    scratch.removeAll()
    if interrupts.received {
        note("interrupted after \(format(runClock.elapsedSeconds)) s")
        exit(130)
    }
    note("failed after \(format(runClock.elapsedSeconds)) s: \(error)")
    exit((error as? BenchError)?.exitCode ?? 1)
}

import Foundation

/// A running SMTP sink (see ``SMTPSinkScript``) in a child process, on a port of its own.
///
/// Use ``withSMTPSink(_:_:)``, which always stops the process and removes its folder.
final class SMTPSink {
    /// What the sink recorded about one accepted message.
    struct Received {
        struct Envelope: Decodable {
            let mail_from: String
            let rcpt_tos: [String]
            let mail_options: [String]
            let encrypted: Bool
            let authenticated_as: String?
        }

        let bytes: [UInt8]
        let envelope: Envelope
        var parsed: ParsedMessage { ParsedMessage(bytes) }
    }

    let port: Int
    private let folder: TemporaryFolder
    private let output: String
    private let process: ChildProcess

    /// Starts the sink with the script's `options` and waits until it accepts connections.
    init(_ options: [String]) async throws {
        folder = try TemporaryFolder("smtp-sink")
        output = folder.appending("out")
        do {
            try FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: false)
            let script = folder.appending("smtp_sink.py")
            try Data(SMTPSinkScript.source.utf8).write(to: URL(fileURLWithPath: script))
            process = try ChildProcess(
                "/usr/bin/python3",  // Debian's, which has aiosmtpd
                [script, "--out", output, "--parent-pid", "\(getpid())", "--lifetime", "300"] + options,
                outputFile: folder.appending("sink.log")
            )
        } catch {
            folder.remove()
            throw error
        }
        do {
            port = try await Self.waitForPort(in: output, process: process)
        } catch {
            process.stop()
            folder.remove()
            throw error
        }
    }

    /// The sink writes the port it listens on only after it has started listening.
    private static func waitForPort(in output: String, process: ChildProcess) async throws -> Int {
        let deadline = ContinuousClock.now + .seconds(30)
        while ContinuousClock.now < deadline {
            if let text = try? String(contentsOfFile: "\(output)/port", encoding: .utf8), let port = Int(text) {
                return port
            }
            if let status = process.exitStatus {
                let hint =
                    process.output.contains("No module named 'aiosmtpd'")
                    ? "\nInstall Debian's SMTP server library: apt-get install -y python3-aiosmtpd" : ""
                throw TestFailure("the SMTP sink exited (status \(status)) before listening:\n\(process.output)\(hint)")
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw TestFailure("the SMTP sink did not start listening within 30 s:\n\(process.output)")
    }

    /// The messages accepted so far, in the order they arrived.
    func received() throws -> [Received] {
        let names = try FileManager.default.contentsOfDirectory(atPath: output)
            .filter { $0.hasPrefix("message-") && $0.hasSuffix(".json") }
            .sorted { Int($0.dropFirst(8).dropLast(5)) ?? 0 < Int($1.dropFirst(8).dropLast(5)) ?? 0 }
        return try names.map { name in
            let base = "\(output)/\(name.dropLast(5))"
            let envelope = try JSONDecoder().decode(Received.Envelope.self, from: Data(contentsOf: URL(fileURLWithPath: "\(base).json")))
            return Received(bytes: Array(try Data(contentsOf: URL(fileURLWithPath: "\(base).eml"))), envelope: envelope)
        }
    }

    /// Every AUTH attempt that reached the sink's authenticator, as "MECHANISM user".
    func authAttempts() -> [String] {
        let text = (try? String(contentsOfFile: "\(output)/auth-attempts.log", encoding: .utf8)) ?? ""
        return text.split(separator: "\n").map(String.init)
    }

    /// The command lines a scripted sink received, in order.
    func commands() -> [String] {
        let text = (try? String(contentsOfFile: "\(output)/commands.log", encoding: .utf8)) ?? ""
        return text.split(separator: "\n").map(String.init)
    }

    /// Stops the process, waits for it, and removes its folder.
    func stop() {
        process.stop()
        folder.remove()
    }
}

/// Runs `body` with a sink that answers with `replies` (see the script's `--script`), and stops it however `body` ends.
func withScriptedSMTPServer<T>(_ replies: [String?], _ body: (SMTPSink) async throws -> T) async throws -> T {
    let folder = try TemporaryFolder("smtp-script")
    defer { folder.remove() }
    let script = folder.appending("replies.json")
    try JSONEncoder().encode(replies).write(to: URL(fileURLWithPath: script))
    return try await withSMTPSink(["--script", script], body)
}

/// Runs `body` with a sink started with `options`, and stops the sink however `body` ends.
func withSMTPSink<T>(_ options: [String] = [], _ body: (SMTPSink) async throws -> T) async throws -> T {
    let sink = try await SMTPSink(options)
    defer { sink.stop() }
    return try await body(sink)
}

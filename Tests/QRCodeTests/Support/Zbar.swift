import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Decodes images with `zbarimg` from Debian's zbar-tools: an independent QR decoder, so a
/// round trip through it shows the symbols are readable, not merely self-consistent.
enum Zbar {
    static let package = "zbar-tools"

    /// The `zbarimg` executable on PATH. Throws, naming the package, when it is not installed:
    /// the round-trip tests must fail rather than pass without having decoded anything.
    static func executable() throws -> String {
        let searchPath = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for folder in searchPath.split(separator: ":") {
            let candidate = "\(folder)/zbarimg"
            if access(candidate, X_OK) == 0 { return candidate }
        }
        throw TestFailure(
            "zbarimg was not found on PATH (\(searchPath)); install the Debian package \(package): apt-get install -y \(package)"
        )
    }

    /// The bytes of the one QR code `zbarimg` finds in `image`.
    ///
    /// `-Sbinary` keeps zbar from guessing a character set and converting byte-mode data, so the
    /// bytes come back exactly as encoded; with `--raw` zbarimg then prints those bytes alone,
    /// without the newline it otherwise adds.
    static func decode(_ image: PNGImage) throws -> [UInt8] {
        let folder = try TemporaryFolder("qrcode-zbar")
        defer { folder.remove() }
        let imagePath = folder.appending("symbol.png")
        guard FileManager.default.createFile(atPath: imagePath, contents: Data(image.data)) else {
            throw TestFailure("could not write \(imagePath)")
        }
        let stdoutPath = folder.appending("stdout"), stderrPath = folder.appending("stderr")
        let status = try run(
            try executable(), ["--raw", "-q", "-Sbinary", "--nodbus", imagePath],
            stdout: stdoutPath, stderr: stderrPath
        )
        let output = Array(FileManager.default.contents(atPath: stdoutPath) ?? Data())
        let errors = String(decoding: FileManager.default.contents(atPath: stderrPath) ?? Data(), as: UTF8.self)
        guard status == 0 else {
            throw TestFailure("zbarimg found no readable QR code (exit status \(status)): \(errors)")
        }
        return output
    }

    /// Runs a program to its end and returns its exit status. `waitpid` blocks this thread only
    /// for as long as zbarimg needs; there is no timeout, so nothing depends on the machine's speed.
    private static func run(_ executable: String, _ arguments: [String], stdout: String, stderr: String) throws -> Int32 {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, stdout, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, stderr, O_WRONLY | O_CREAT | O_TRUNC, 0o600)

        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid = pid_t()
        let result = posix_spawn(&pid, executable, &actions, nil, argv, environ)
        guard result == 0 else { throw TestFailure("could not start \(executable): \(String(cString: strerror(result)))") }

        var raw: Int32 = 0
        while waitpid(pid, &raw, 0) == -1 {
            guard errno == EINTR else { throw TestFailure("waitpid failed: errno \(errno)") }
        }
        // WIFEXITED / WEXITSTATUS are macros Swift cannot import.
        let signal = raw & 0x7F
        guard signal == 0 else { throw TestFailure("\(executable) was ended by signal \(signal)") }
        return (raw >> 8) & 0xFF
    }
}

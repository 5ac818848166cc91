import Foundation
import Hummingbird
import Logging

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `portal-oidc-test-provider`: a small but real OpenID Connect provider for tests.
@main
struct TestProviderCommand {
    static func main() async {
        let options: ProviderOptions
        do {
            options = try ProviderOptions.parse(Array(CommandLine.arguments.dropFirst()))
        } catch {
            guard let message = error.message else {
                FileHandle.standardOutput.write(Data((ProviderOptions.usage + "\n").utf8))
                exit(0)
            }
            FileHandle.standardError.write(Data("error: \(message)\n\(ProviderOptions.usage)\n".utf8))
            exit(64)
        }
        LoggingSystem.bootstrap(StreamLogHandler.standardError)
        let logger = {
            var logger = Logger(label: "portal-oidc-test-provider")
            logger.logLevel = ProcessInfo.processInfo.environment["LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) ?? .info
            return logger
        }()
        do {
            let state = ProviderState(options: options, keys: try ProviderKeys())
            let app = buildApplication(state: state, logger: logger) { port in
                await state.serverStarted(port: port)
                // Unbuffered, so a parent reading the pipe sees the line at once.
                FileHandle.standardOutput.write(Data("listening \(port)\n".utf8))
                let issuer = await state.issuer
                logger.info("issuer \(issuer)")
            }
            if options.exitOnStdinEOF { watchStandardInput() }
            try await app.runService()
        } catch {
            logger.error("stopped: \(error)")
            exit(1)
        }
    }

    /// Sends SIGTERM to this process when standard input closes, which happens when the
    /// process that started the provider exits, even by a crash. The graceful shutdown of
    /// `runService` then takes over.
    private static func watchStandardInput() {
        Thread.detachNewThread {
            var buffer = [UInt8](repeating: 0, count: 256)
            while read(STDIN_FILENO, &buffer, buffer.count) > 0 {}
            kill(getpid(), SIGTERM)
        }
    }
}

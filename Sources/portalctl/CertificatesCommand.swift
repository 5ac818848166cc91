import ArgumentParser
import Foundation
import PortalAPI

/// `portalctl certificates verify ID|FILE` and `portalctl certificates revoke ID --reason TEXT`.
struct CertificatesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "certificates", abstract: "Verify or revoke tutorial completion certificates.",
        subcommands: [Verify.self, Revoke.self])

    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check a certificate: by its id, or a certificate PDF (its embedded signature is checked against the portal's key).",
            discussion: "Exit status 0 only for a valid certificate; 1 for revoked, holder erased, unknown or a bad signature.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "A certificate id (32 hex digits) or the path of a certificate PDF.") var certificate: String
        @Flag(help: "JSON.") var json = false

        func run() async throws {
            let operation: AdminOperation
            if FileManager.default.fileExists(atPath: certificate) {
                guard let data = FileManager.default.contents(atPath: certificate), data.count <= 10 << 20 else {
                    throw ValidationError("\(certificate) cannot be read (or is larger than 10 MB)")
                }
                guard let token = TutorialService.signedToken(inPDF: Array(data)) else {
                    throw ValidationError("\(certificate) carries no portal certificate")
                }
                operation = .verifyCertificate(id: nil, token: token)
            } else {
                operation = .verifyCertificate(id: certificate.lowercased(), token: nil)
            }
            let standing = try await AdminRunner.runReturning(operation, global: global, json: json, jsonDetail: "json")
            if standing["standing"] != "valid" { throw ExitCode.failure }
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Revoke a certificate; its verification page then says so, with the reason.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The certificate id.") var id: String
        @Option(help: "Why (shown on the verification page).") var reason: String
        func run() async throws { try await AdminRunner.run(.revokeCertificate(id: id.lowercased(), reason: reason), global: global, json: false) }
    }
}

import Foundation

/// A self-signed certificate for `localhost` and 127.0.0.1, made with `openssl req -x509`, valid for a day.
struct TestCertificate {
    let certificateFile: String
    let keyFile: String

    /// Generates the key and certificate into `folder`.
    init(in folder: TemporaryFolder) async throws {
        certificateFile = folder.appending("cert.pem")
        keyFile = folder.appending("key.pem")
        try await run(
            "/usr/bin/openssl",
            [
                "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=localhost", "-days", "1",
                "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1",
                "-keyout", keyFile, "-out", certificateFile,
            ]
        )
    }
}

/// Why a certificate PDF could not be made.
public enum CertificatePDFError: Error, Equatable, Sendable {
    /// The payload is empty, longer than ``CertificatePDF/maximumPayloadLength``, or has characters outside the
    /// base64url alphabet.
    case invalidPayload
}

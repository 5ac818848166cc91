extension CertificatePDF {
    /// How far into a file the header comment may start.
    static let commentSearchLimit = 1024
    /// How far into a file the information dictionary's key is looked for.
    static let infoSearchLimit = 8 * 1024 * 1024

    /// The payload a certificate PDF carries, or nil when there is none or it is not valid base64url.
    ///
    /// Looks first for the header comment line `%PortalCertificate: <payload>` within the first kilobyte, then for
    /// `/PortalCertificate (<payload>)` in the first 8 MiB (a file rewritten by another tool may have lost the
    /// comment). Reads at most ``maximumPayloadLength`` characters of payload; any input, however damaged, gives a
    /// payload or nil.
    public static func embeddedPayload(in pdf: [UInt8]) -> String? {
        guard pdf.starts(with: "%PDF-".utf8) else { return nil }
        if let payload = commentPayload(in: pdf) { return payload }
        return infoPayload(in: pdf)
    }

    /// The payload of the `%PortalCertificate: ` line, which must begin a line and end with a line break.
    static func commentPayload(in pdf: [UInt8]) -> String? {
        let marker = Array("%\(payloadKey): ".utf8)
        var from = 0
        let searchEnd = min(pdf.count, commentSearchLimit + marker.count)
        while let start = firstIndex(of: marker, in: pdf, from: from, to: searchEnd) {
            from = start + 1
            guard start > 0, pdf[start - 1] == 0x0A || pdf[start - 1] == 0x0D else { continue }
            let valueStart = start + marker.count
            let valueEnd = min(pdf.count, valueStart + maximumPayloadLength + 1)
            guard let end = pdf[valueStart..<valueEnd].firstIndex(where: { $0 == 0x0A || $0 == 0x0D }) else { return nil }
            return validated(pdf[valueStart..<end])
        }
        return nil
    }

    /// The payload of the `/PortalCertificate` entry, written as a literal string `( … )` of base64url characters.
    static func infoPayload(in pdf: [UInt8]) -> String? {
        let marker = Array("/\(payloadKey)".utf8)
        var from = 0
        let searchEnd = min(pdf.count, infoSearchLimit)
        while let start = firstIndex(of: marker, in: pdf, from: from, to: searchEnd) {
            from = start + 1
            var index = start + marker.count
            while index < pdf.count, index - start < marker.count + 16, [0x20, 0x0A, 0x0D, 0x09].contains(pdf[index]) {
                index += 1
            }
            guard index < pdf.count, pdf[index] == UInt8(ascii: "(") else { continue }
            let valueStart = index + 1
            let valueEnd = min(pdf.count, valueStart + maximumPayloadLength + 1)
            guard let end = pdf[valueStart..<valueEnd].firstIndex(of: UInt8(ascii: ")")) else { return nil }
            return validated(pdf[valueStart..<end])
        }
        return nil
    }

    private static func validated(_ bytes: ArraySlice<UInt8>) -> String? {
        isValidPayload(bytes) ? String(decoding: bytes, as: UTF8.self) : nil
    }

    /// The first position at or after `from` where `needle` starts and ends before `to`.
    private static func firstIndex(of needle: [UInt8], in haystack: [UInt8], from: Int, to: Int) -> Int? {
        guard !needle.isEmpty, from >= 0, to <= haystack.count, to - from >= needle.count else { return nil }
        var index = from
        while index <= to - needle.count {
            if haystack[index] == needle[0], haystack[index..<(index + needle.count)].elementsEqual(needle) { return index }
            index += 1
        }
        return nil
    }
}

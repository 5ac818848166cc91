/// Why a `multipart/form-data` body was refused. ``description`` says what to change, for the person or the
/// client developer who sent it (it never echoes more than a short, cleaned piece of the input).
public enum MultipartError: Error, Equatable, Sendable, CustomStringConvertible {
    case invalidBoundary
    case missingOpeningBoundary
    case malformedBoundaryLine
    case noParts
    case tooManyParts(limit: Int)
    case headersTooLarge(limit: Int)
    case tooManyHeaders(limit: Int)
    case malformedHeader(String)
    case duplicateHeader(String)
    case missingContentDisposition
    case notFormData
    case missingName
    case duplicateParameter(String)
    case partTooLarge(name: String, limit: Int)
    case unexpectedEnd

    public var description: String {
        switch self {
        case .invalidBoundary:
            "The multipart boundary is not valid: it must be 1 to 70 letters, digits or '()+_,-./:=? characters (RFC 2046), and not end with a space."
        case .missingOpeningBoundary:
            "The form data does not start with the boundary given in the Content-Type header; send the body that goes with that header."
        case .malformedBoundaryLine:
            "A boundary line in the form data is followed by something other than a line break or \"--\"."
        case .noParts:
            "The form data has no fields."
        case .tooManyParts(let limit):
            "The form has more than \(limit) fields or files; send fewer at a time."
        case .headersTooLarge(let limit):
            "The headers of a form field are larger than \(ByteCountText.format(limit))."
        case .tooManyHeaders(let limit):
            "A form field has more than \(limit) headers."
        case .malformedHeader(let reason):
            "A form field has a malformed header: \(reason)."
        case .duplicateHeader(let name):
            "A form field has more than one \(name) header."
        case .missingContentDisposition:
            "A form field has no Content-Disposition header, so its name is unknown."
        case .notFormData:
            "A form field's Content-Disposition is not \"form-data\"."
        case .missingName:
            "A form field's Content-Disposition has no name."
        case .duplicateParameter(let name):
            "A form field's Content-Disposition gives the parameter \"\(name)\" more than once."
        case .partTooLarge(let name, let limit):
            "The form field \"\(Self.shown(name))\" is larger than \(ByteCountText.format(limit))."
        case .unexpectedEnd:
            "The form data ended before its closing boundary: the upload was cut off; please send it again."
        }
    }

    /// At most 40 printable characters of client input.
    private static func shown(_ text: String) -> String {
        let printable = text.unicodeScalars.filter { $0.properties.generalCategory != .control && $0 != "\"" }
        let cut = String(String.UnicodeScalarView(printable.prefix(40)))
        return printable.count > 40 ? cut + "…" : cut
    }
}

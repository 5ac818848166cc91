/// What a file is, as told by its content (never by its name or the client's Content-Type).
public enum SniffedType: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    case png, jpeg, gif, webp, pdf
    /// Any ZIP container, including Office documents (.docx, .xlsx), which are not told apart.
    case zip
    case mp4, webm
    /// UTF-8 text without NUL bytes and with few control characters; CSV files are text.
    case text
    /// Detected so that it can be refused: a browser would run its scripts.
    case html
    /// Detected so that it can be refused: SVG can carry scripts.
    case svg
    /// Other XML (refused by default: it may be an SVG or XHTML document in disguise).
    case xml
    /// Windows (MZ/PE), ELF, Mach-O or Java class files.
    case executable

    /// The Content-Type to serve it with.
    public var mimeType: String {
        switch self {
        case .png: "image/png"
        case .jpeg: "image/jpeg"
        case .gif: "image/gif"
        case .webp: "image/webp"
        case .pdf: "application/pdf"
        case .zip: "application/zip"
        case .mp4: "video/mp4"
        case .webm: "video/webm"
        case .text: "text/plain; charset=utf-8"
        case .html: "text/html"
        case .svg: "image/svg+xml"
        case .xml: "application/xml"
        case .executable: "application/octet-stream"
        }
    }

    /// The canonical file extension, without the dot.
    public var fileExtension: String {
        switch self {
        case .jpeg: "jpg"
        case .text: "txt"
        case .executable: "bin"
        default: rawValue
        }
    }

    /// Extensions (lower case, without the dot) that agree with the type; a file name keeps any of them.
    public var acceptedExtensions: Set<String> {
        switch self {
        case .jpeg: ["jpg", "jpeg", "jpe", "jfif"]
        case .text: ["txt", "text", "csv", "tsv", "log", "md"]
        case .mp4: ["mp4", "m4v"]
        case .html: ["html", "htm"]
        case .executable: ["bin"]
        default: [fileExtension]
        }
    }

    /// The name people know the type by, for messages.
    public var displayName: String {
        switch self {
        case .png: "PNG"
        case .jpeg: "JPEG"
        case .gif: "GIF"
        case .webp: "WebP"
        case .pdf: "PDF"
        case .zip: "ZIP"
        case .mp4: "MP4"
        case .webm: "WebM"
        case .text: "plain text"
        case .html: "HTML"
        case .svg: "SVG"
        case .xml: "XML"
        case .executable: "program"
        }
    }

    public var description: String { rawValue }
}

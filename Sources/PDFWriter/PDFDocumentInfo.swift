import Foundation

/// The document information dictionary: what viewers show as the document's properties, plus any custom keys.
public struct PDFDocumentInfo: Sendable, Equatable {
    public var title: String?
    public var author: String?
    public var subject: String?
    /// The application that made the content.
    public var creator: String?
    /// The software that wrote the PDF.
    public var producer: String?
    /// Written as `/CreationDate`; the writer reads no clock, so a document has a date only when given one.
    public var creationDate: Date?
    /// Further keys (names without the slash, e.g. "PortalCertificate") with text values; written sorted by key.
    /// Keys that clash with the standard ones above are ignored.
    public var custom: [String: String]

    public init(
        title: String? = nil, author: String? = nil, subject: String? = nil, creator: String? = nil,
        producer: String? = "Customer Portal PDFWriter", creationDate: Date? = nil, custom: [String: String] = [:]
    ) {
        self.title = title
        self.author = author
        self.subject = subject
        self.creator = creator
        self.producer = producer
        self.creationDate = creationDate
        self.custom = custom
    }

    static let standardKeys: Set<String> = ["Title", "Author", "Subject", "Keywords", "Creator", "Producer", "CreationDate", "ModDate", "Trapped"]

    /// The dictionary's bytes, `<< … >>`.
    func dictionary() -> [UInt8] {
        var out = Array("<<".utf8)
        func entry(_ key: String, _ value: [UInt8]) { out += Array("\n\(PDFSyntax.name(key)) ".utf8) + value }
        let texts: [(String, String?)] = [("Title", title), ("Author", author), ("Subject", subject), ("Creator", creator), ("Producer", producer)]
        for case let (key, value?) in texts { entry(key, PDFSyntax.textString(value)) }
        if let creationDate { entry("CreationDate", PDFSyntax.literalString(Array(PDFSyntax.date(creationDate).utf8))) }
        for key in custom.keys.sorted() where !key.isEmpty && !Self.standardKeys.contains(key) {
            entry(key, PDFSyntax.textString(custom[key]!))
        }
        out += Array("\n>>".utf8)
        return out
    }
}

/// A PDF 1.4 document built from pages and written to bytes: uncompressed content streams, the base-14 fonts in
/// WinAnsiEncoding, a document information dictionary, and a classic cross-reference table. The same document
/// always gives the same bytes (no clock, no random numbers; the `/ID` is a fingerprint of the body).
public struct PDFDocument: Sendable, Equatable {
    /// The document information dictionary.
    public var info: PDFDocumentInfo
    /// The pages, first to last.
    public var pages: [PDFPage]
    /// Comment lines written right after the header, each as `%` + text (line breaks become spaces). Readers
    /// ignore them; tools can find them without parsing the file.
    public var headerComments: [String]

    public init(info: PDFDocumentInfo = PDFDocumentInfo(), pages: [PDFPage] = [], headerComments: [String] = []) {
        self.info = info
        self.pages = pages
        self.headerComments = headerComments
    }

    /// Adds a page at the end.
    public mutating func addPage(_ page: PDFPage) {
        pages.append(page)
    }

    /// The file. A document without pages gets one blank A4 landscape page, as readers reject an empty page tree.
    ///
    /// Objects: 1 catalog, 2 page tree, 3 information dictionary, then one font dictionary for each font any page
    /// uses, then each page followed by its content stream.
    public func bytes() -> [UInt8] {
        let pages = self.pages.isEmpty ? [PDFPage()] : self.pages
        let catalog = 1, pageTree = 2, infoObject = 3
        let fonts = Set(pages.flatMap(\.fonts)).sorted()
        var fontObjects: [PDFFont: Int] = [:]
        for (index, font) in fonts.enumerated() { fontObjects[font] = infoObject + 1 + index }
        let firstPage = infoObject + 1 + fonts.count
        let pageObjects = pages.indices.map { firstPage + 2 * $0 }

        var writer = PDFObjectWriter(comments: headerComments)
        writer.object(catalog, "<< /Type /Catalog /Pages \(pageTree) 0 R >>")
        let kids = pageObjects.map { "\($0) 0 R" }.joined(separator: " ")
        writer.object(pageTree, "<< /Type /Pages /Kids [\(kids)] /Count \(pages.count) >>")
        writer.object(infoObject, info.dictionary())
        for font in fonts {
            writer.object(
                fontObjects[font]!,
                "<< /Type /Font /Subtype /Type1 /BaseFont \(PDFSyntax.name(font.baseFont)) /Encoding /WinAnsiEncoding >>"
            )
        }
        for (page, object) in zip(pages, pageObjects) {
            let n = PDFSyntax.number
            let fontEntries = page.fonts.map { "/\($0.resourceName) \(fontObjects[$0]!) 0 R " }.joined()
            writer.object(
                object,
                "<< /Type /Page /Parent \(pageTree) 0 R /MediaBox [0 0 \(n(page.size.width)) \(n(page.size.height))] "
                    + "/Resources << /Font << \(fontEntries)>> /ProcSet [/PDF /Text] >> /Contents \(object + 1) 0 R >>"
            )
            writer.stream(object + 1, page.contentStream())
        }
        return writer.finish(root: catalog, info: infoObject)
    }
}

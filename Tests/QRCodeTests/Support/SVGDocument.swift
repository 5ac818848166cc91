import Foundation

#if canImport(FoundationXML)
import FoundationXML
#endif

/// An SVG string parsed with a real XML parser: proof that the markup is well-formed, and a way
/// to read back what a browser would see, entities resolved.
final class SVGDocument: NSObject, XMLParserDelegate {
    struct Element {
        let name: String
        let attributes: [String: String]
    }

    private(set) var elements: [Element] = []
    private(set) var titleText = ""
    private var openElements: [String] = []

    /// Parses `svg`; throws with the parser's message when it is not well-formed XML.
    static func parse(_ svg: String) throws -> SVGDocument {
        let document = SVGDocument()
        let parser = XMLParser(data: Data(svg.utf8))
        parser.delegate = document
        guard parser.parse() else {
            throw TestFailure("not well-formed XML: \(parser.parserError.map { "\($0)" } ?? "unknown error")")
        }
        return document
    }

    func elements(named name: String) -> [Element] { elements.filter { $0.name == name } }

    func parser(
        _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
        qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]
    ) {
        elements.append(Element(name: elementName, attributes: attributeDict))
        openElements.append(elementName)
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?) {
        openElements.removeLast()
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if openElements.last == "title" { titleText += string }
    }
}

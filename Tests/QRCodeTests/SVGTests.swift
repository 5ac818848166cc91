import Testing

@testable import QRCode

@Suite("SVG output")
struct SVGTests {
    static let uri = "otpauth://totp/Customer%20Portal:ann%40example.com?secret=JBSWY3DPEHPK3PXP&issuer=Customer%20Portal"

    @Test("An <svg> with a viewBox in modules, a white background and one crisp black path")
    func structure() throws {
        let code = try QRCode(text: Self.uri)
        let extent = code.size + 8
        let document = try SVGDocument.parse(code.svg(moduleSize: 5))

        #expect(document.elements.map(\.name) == ["svg", "rect", "path"])
        let root = try #require(document.elements.first?.attributes)
        #expect(root["xmlns"] == "http://www.w3.org/2000/svg")
        #expect(root["viewBox"] == "0 0 \(extent) \(extent)")
        #expect(root["width"] == "\(extent * 5)")
        #expect(root["height"] == "\(extent * 5)")
        #expect(root["aria-hidden"] == "true")
        #expect(root["role"] == nil)

        let background = try #require(document.elements(named: "rect").first?.attributes)
        #expect(background["fill"] == "white")
        #expect(background["width"] == "\(extent)" && background["height"] == "\(extent)")
        let path = try #require(document.elements(named: "path").first?.attributes)
        #expect(path["fill"] == "black")
        #expect(path["shape-rendering"] == "crispEdges")
    }

    @Test("Nothing active: no scripts, event handlers, links or styles")
    func nothingActive() throws {
        let svg = try QRCode(text: Self.uri).svg(title: "Set up two-factor sign-in")
        let document = try SVGDocument.parse(svg)
        let names = Set(document.elements.map(\.name))
        #expect(names.isSubset(of: ["svg", "title", "rect", "path"]))
        let attributes = document.elements.flatMap(\.attributes.keys)
        #expect(!attributes.contains { $0.lowercased().hasPrefix("on") || $0.contains("href") || $0 == "style" })
    }

    @Test("The path covers exactly the dark modules, shifted by the quiet zone", arguments: [(1, 4), (7, 0), (40, 2)])
    func pathMatchesModules(version: Int, quietZone: Int) throws {
        let capacity = VersionTable.byteCapacity(version: version, level: .medium)
        var random = SeededBytes(seed: UInt64(version))
        let code = try QRCode(bytes: random.bytes(capacity))
        #expect(code.version == version)

        let document = try SVGDocument.parse(code.svg(quietZone: quietZone))
        let pathData = try #require(document.elements(named: "path").first?.attributes["d"])
        let picture = try SVGPicture(pathData: pathData, extent: code.size + 2 * quietZone)
        var mismatches = 0
        for y in 0..<picture.size {
            for x in 0..<picture.size where picture.isDark(x: x, y: y) != code.isDark(x: x - quietZone, y: y - quietZone) {
                mismatches += 1
            }
        }
        #expect(mismatches == 0)
    }

    @Test("A title becomes role=img, aria-label and <title>, escaped so it cannot break out")
    func titleIsEscaped() throws {
        let title = #"Scan "me" & <script>alert('x')</script> ]]> <!--"#
        let svg = try QRCode(text: "t").svg(title: title)
        #expect(!svg.contains("<script"))
        #expect(!svg.contains("<!--"))
        #expect(svg.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"))

        let document = try SVGDocument.parse(svg)
        #expect(document.elements.map(\.name) == ["svg", "title", "rect", "path"])
        let root = try #require(document.elements.first?.attributes)
        #expect(root["role"] == "img")
        #expect(root["aria-label"] == title)
        #expect(root["aria-hidden"] == nil)
        #expect(document.titleText == title)
    }

    @Test("Characters XML forbids are dropped from the title; the document stays well-formed")
    func controlCharactersDropped() throws {
        let svg = try QRCode(text: "t").svg(title: "a\u{0}b\u{1B}c\u{FFFF}d\te")
        let document = try SVGDocument.parse(svg)
        #expect(document.titleText == "abcd\te")
    }

    @Test("Module size and quiet zone set the natural size")
    func sizing() throws {
        let code = try QRCode(text: "size")
        let document = try SVGDocument.parse(code.svg(moduleSize: 1, quietZone: 0))
        let root = try #require(document.elements.first?.attributes)
        #expect(root["viewBox"] == "0 0 21 21")
        #expect(root["width"] == "21")
    }
}

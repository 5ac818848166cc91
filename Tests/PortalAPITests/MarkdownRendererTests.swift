import Foundation
@testable import PortalAPI
import Testing

@Suite("Knowledge-base Markdown renders to inert HTML")
struct MarkdownRendererTests {
    @Test func commonMarkdownBecomesTheExpectedElements() {
        let html = MarkdownRenderer.html("""
            # Reset your password

            Choose **Forgot your password?** and *then* follow the link.

            - one
            - two

            1. first
            2. second

            > A quote.

            `inline` and:

            ```
            code block
            ```

            | Priority | Target |
            |---|---|
            | Urgent | 1 hour |

            ---

            ~~old~~
            """)
        #expect(html.contains(#"<h1 id="reset-your-password">Reset your password</h1>"#))
        #expect(html.contains("<p>Choose <strong>Forgot your password?</strong> and <em>then</em> follow the link.</p>"))
        #expect(html.contains("<ul><li>one</li><li>two</li></ul>"))
        #expect(html.contains("<ol><li>first</li><li>second</li></ol>"))
        #expect(html.contains("<blockquote><p>A quote.</p></blockquote>"))
        #expect(html.contains("<code>inline</code>"))
        #expect(html.contains("<pre><code>code block\n</code></pre>"))
        #expect(html.contains("<table><thead><tr><th>Priority</th><th>Target</th></tr></thead><tbody><tr><td>Urgent</td><td>1 hour</td></tr></tbody></table>"))
        #expect(html.contains("<hr>"))
        #expect(html.contains("<s>old</s>"))
        #expect(InertHTML.violations(html).isEmpty)
    }

    @Test func headingsGetUniqueAnchorsFromTheirText() {
        let html = MarkdownRenderer.html("## Two-factor & you\n\n## Steps\n\n## Steps\n\n### `code` in a *heading*\n\n## !!!")
        #expect(html.contains(#"<h2 id="two-factor-you">Two-factor &amp; you</h2>"#))
        #expect(html.contains(#"<h2 id="steps">Steps</h2>"#))
        #expect(html.contains(#"<h2 id="steps-2">Steps</h2>"#))
        #expect(html.contains(#"<h3 id="code-in-a-heading"><code>code</code> in a <em>heading</em></h3>"#))
        #expect(html.contains(#"<h2 id="section">!!!</h2>"#))
    }

    @Test func rawHTMLIsShownAsTheTextThatWasWritten() {
        #expect(MarkdownRenderer.html("<script>alert(1)</script>") == "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>")
        #expect(MarkdownRenderer.html("Press <Enter> to go on.\n\n## Next") == #"<p>Press &lt;Enter&gt; to go on.</p><h2 id="next">Next</h2>"#)
        #expect(MarkdownRenderer.html("a <b>bold</b> claim") == "<p>a &lt;b&gt;bold&lt;/b&gt; claim</p>")
        #expect(MarkdownRenderer.html("<!-- hidden -->") == "<p>&lt;!-- hidden --&gt;</p>")
    }

    @Test func codeIsEscapedOnceNotTwice() {
        #expect(MarkdownRenderer.html("Type `<b>` here") == "<p>Type <code>&lt;b&gt;</code> here</p>")
        #expect(MarkdownRenderer.html("```\n<div class=\"x\">&amp;</div>\n```") == "<pre><code>&lt;div class=\"x\"&gt;&amp;amp;&lt;/div&gt;\n</code></pre>")
        #expect(MarkdownRenderer.html("AT&T and &copy;") == "<p>AT&amp;T and ©</p>")
    }

    @Test func safeLinksKeepTheirAddressAndExternalOnesGetRel() {
        #expect(MarkdownRenderer.html("[a](https://example.com/x?a=1&b=2)")
            == #"<p><a href="https://example.com/x?a=1&amp;b=2" rel="nofollow noopener noreferrer">a</a></p>"#)
        #expect(MarkdownRenderer.html("[a](http://example.com)").contains(#"href="http://example.com" rel="nofollow noopener noreferrer""#))
        #expect(MarkdownRenderer.html("[a](mailto:help@example.com)").contains(#"href="mailto:help@example.com" rel="nofollow noopener noreferrer""#))
        #expect(MarkdownRenderer.html("[a](//example.com/x)").contains(#"href="//example.com/x" rel="nofollow noopener noreferrer""#))
        #expect(MarkdownRenderer.html("[a](/account/security)") == #"<p><a href="/account/security">a</a></p>"#)
        #expect(MarkdownRenderer.html("[a](#steps)") == ##"<p><a href="#steps">a</a></p>"##)
        #expect(MarkdownRenderer.html("[a](other-article)") == #"<p><a href="other-article">a</a></p>"#)
        #expect(MarkdownRenderer.html("[a](HTTPS://EXAMPLE.COM)").contains(#"href="HTTPS://EXAMPLE.COM""#))
        #expect(MarkdownRenderer.html("[a][ref]\n\n[ref]: https://example.com") .contains(#"<a href="https://example.com""#))
    }

    @Test func imagesKeepAddressAndDescription() {
        // Ink makes an image that starts a block a block of its own, without a paragraph.
        #expect(MarkdownRenderer.html("![The QR code](/static/qr.png)") == #"<img src="/static/qr.png" alt="The QR code">"#)
        #expect(MarkdownRenderer.html("Scan ![the code](https://example.com/qr.png)")
            == #"<p>Scan <img src="https://example.com/qr.png" alt="the code"></p>"#)
        #expect(MarkdownRenderer.html("![x](javascript:alert(1))") == "")
    }

    /// Known ways to sneak script past a filter (OWASP's XSS filter evasion cheat sheet and friends), written as
    /// an editor could type them into an article.
    static let vectors: [String] = [
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "<iframe src=\"javascript:alert(1)\"></iframe>",
        "<style>body { display: none }</style>",
        "<!-- <script>alert(1)</script> -->",
        "<svg onload=alert(1)>",
        "<svg><script>alert(1)</script></svg>",
        "<a href=\"javascript:alert(1)\">x</a>",
        "<a href=x onclick=alert(1)>x</a>",
        "<IMG SRC=JaVaScRiPt:alert('XSS')>",
        "<IMG \"\"\"><SCRIPT>alert(\"XSS\")</SCRIPT>\">",
        "<<SCRIPT>alert(\"XSS\");//<</SCRIPT>",
        "<scr<script>ipt>alert(1)</script>",
        "<BODY ONLOAD=alert('XSS')>",
        "<math><mi xlink:href=\"javascript:alert(1)\">x</mi></math>",
        "<details open ontoggle=alert(1)>",
        "<object data=\"javascript:alert(1)\"></object>",
        "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(1)\">",
        "<base href=\"javascript:alert(1)//\">",
        "<form action=\"javascript:alert(1)\"><button>x</button></form>",
        "</p></div></main><script>alert(1)</script>",
        "- <img src=x onerror=alert(1)>",
        "# <img src=x onerror=alert(1)>",
        "| a |\n|---|\n| <script>alert(1)</script> |",
        "> <iframe srcdoc=\"<script>alert(1)</script>\">",
        "[x](javascript:alert(1))",
        "[x](JaVaScRiPt:alert(1))",
        "[x]( javascript:alert(1))",
        "[x](\tjavascript:alert(1))",
        "[x](java\tscript:alert(1))",
        "[x](java\nscript:alert(1))",
        "[x](java&#x09;script:alert(1))",
        "[x](java&#9;script:alert(1))",
        "[x](java&Tab;script:alert(1))",
        "[x](&#106;avascript:alert(1))",
        "[x](&#x6A;&#x61;&#x76;&#x61;&#x73;&#x63;&#x72;&#x69;&#x70;&#x74;&#x3A;alert(1))",
        "[x](&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099&#0000114&#0000105&#0000112&#0000116&#0000058alert(1))",
        "[x](javascript&colon;alert(1))",
        "[x](\u{01}javascript:alert(1))",
        "[x](vbscript:msgbox(1))",
        "[x](VBSCRIPT:msgbox(1))",
        "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
        "[x](DaTa:text/html,<script>alert(1)</script>)",
        "[x](\" onmouseover=\"alert(1))",
        "[x](' onmouseover='alert(1))",
        "[x](https://example.com\" onclick=\"alert(1))",
        "[x][r]\n\n[r]: javascript:alert(1)",
        "![x](javascript:alert(1))",
        "![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
        "![x\" onerror=\"alert(1)](y.png)",
        "![x](y.png\" onerror=\"alert(1))",
        "```\" onmouseover=\"alert(1)\ncode\n```",
        "```html\n<script>alert(1)</script>\n```",
        "`<script>alert(1)</script>`",
        "**<img src=x onerror=alert(1)>**",
        "&lt;script&gt;alert(1)&lt;/script&gt;",
        "&#60;script&#62;alert(1)&#60;/script&#62;",
        "<a href=\"&#106;avascript:alert(1)\">x</a>",
        "<img src=\"x\" onerror=\"alert(1)\"/>",
        "<input autofocus onfocus=alert(1)>",
        "<video><source onerror=\"alert(1)\"></video>",
        "<div style=\"background:url(javascript:alert(1))\">x</div>",
        "<p style=\"x:expression(alert(1))\">x</p>",
        "<a href=\"https://example.com\" target=\"_blank\">x</a>",
    ]

    @Test(arguments: vectors)
    func knownAttackVectorsComeOutInert(_ vector: String) {
        let html = MarkdownRenderer.html(vector)
        #expect(InertHTML.violations(html).isEmpty, "\(html)")
        // Whatever the vector's text, none of it becomes a tag or an attribute: tags hold only what the sanitiser
        // wrote, and quoted values (checked above) are only values.
        let tags = html.matches(of: try! Regex("<[^<>]*>")).map { html[$0.range].lowercased() }.joined()
            .replacing(try! Regex(#""[^"]*""#), with: "\"\"")
        for word in ["script", "style", "iframe", "svg", " on", "srcdoc", "xlink", "form", "base", "meta"] {
            #expect(!tags.contains(word), "\(html)")
        }
    }

    @Test func anAttributeBreakingAddressLosesTheAttributeNotTheText() {
        let html = MarkdownRenderer.html("[click me](\" onmouseover=\"alert(1))")
        #expect(html == "<p><a>click me</a></p>")
        #expect(MarkdownRenderer.html("[x](javascript:alert(1))") == "<p><a>x</a></p>")
    }

    @Test func outputIsAlwaysBalanced() {
        for markdown in ["**unclosed", "*a **b* c**", "> quote\n- list\n\n```\nunclosed code", "| a |\n|---|"] {
            let html = MarkdownRenderer.html(markdown)
            #expect(InertHTML.violations(html).isEmpty, "\(html)")
        }
    }
}

/// The last layer on its own, fed HTML that never went through Ink: it must hold even if the layers before it
/// let something through.
@Suite("The HTML sanitiser alone")
struct HTMLSanitizerTests {
    @Test func unknownTagsGoTheirTextStaysAndScriptsGoWhole() {
        #expect(HTMLSanitizer.sanitize("<p onclick=x>hi</p><script>alert(1)</script><b>bold</b>") == "<p>hi</p>bold")
        #expect(HTMLSanitizer.sanitize("<svg><script>alert(1)</script></svg>after") == "after")
        #expect(HTMLSanitizer.sanitize("<!-- <script>alert(1)</script> -->text") == "text")
        #expect(HTMLSanitizer.sanitize("<iframe/src=javascript:alert(1)>everything after") == "")
        #expect(HTMLSanitizer.sanitize("<STYLE>p{}</STYLE><P>x</P>") == "<p>x</p>")
    }

    @Test func elementsAreBalancedAndForeignClosingTagsDropped() {
        #expect(HTMLSanitizer.sanitize("</div></main><p>x") == "<p>x</p>")
        #expect(HTMLSanitizer.sanitize("<ul><li><em>a</ul>b") == "<ul><li><em>a</em></li></ul>b")
    }

    @Test func attributesAreRebuiltFromTheAllowlist() {
        #expect(HTMLSanitizer.sanitize("<img src=x onerror=alert(1)>") == #"<img src="x">"#)
        #expect(HTMLSanitizer.sanitize(#"<a href='https://x.example' title='say "hi"' target=_blank>y</a>"#)
            == #"<a href="https://x.example" rel="nofollow noopener noreferrer" title="say &quot;hi&quot;">y</a>"#)
        #expect(HTMLSanitizer.sanitize(#"<td align="center" style="color:red">x</td><th align="javascript">y</th>"#) == #"<td align="center">x</td><th>y</th>"#)
        #expect(HTMLSanitizer.sanitize(#"<code class="language-swift">a</code><code class="x onmouseover">b</code>"#)
            == #"<code class="language-swift">a</code><code>b</code>"#)
        #expect(HTMLSanitizer.sanitize(#"<ol start="3"><li>c</li></ol><ol start="3x"></ol>"#) == #"<ol start="3"><li>c</li></ol><ol></ol>"#)
        #expect(HTMLSanitizer.sanitize(#"<h2 id="main" class="x">Main</h2>"#) == #"<h2 id="main">Main</h2>"#)
    }

    @Test(arguments: [
        "java&#x09;script:alert(1)", "java&#9;script:alert(1)", " &#x6A;avascript:alert(1)", "javascript&colon;alert(1)", "JAVASCRIPT:alert(1)",
        "\u{01}javascript:alert(1)", "java\nscript:alert(1)", "&#0000106avascript:alert(1)", "vbscript:x", "data:text/html,x", "livescript:x",
        "javascript&#58;alert(1)", "&#x20;javascript:alert(1)", "jav&#x0D;ascript:alert(1)",
    ])
    func obfuscatedSchemesAreRefused(_ href: String) {
        #expect(HTMLSanitizer.sanitize(#"<a href="\#(href)">x</a>"#) == "<a>x</a>")
        #expect(HTMLSanitizer.sanitize(#"<img src="\#(href)" alt="x">"#) == "")
    }

    @Test func unterminatedTagsAndLongBacktickRunsAreText() {
        let openers = String(repeating: "<a b", count: 1_000)
        #expect(HTMLSanitizer.sanitize(openers) == String(repeating: "&lt;a b", count: 1_000))
        let ticks = "a" + String(repeating: "`", count: 50_001) + "<x>"
        let escaped = MarkdownRenderer.escapeRawHTML(ticks)
        #expect(escaped.count == ticks.count + 3 && escaped.hasSuffix("`&lt;x>"))
    }

    @Test func textIsEscapedAndEntitiesNormalised() {
        #expect(HTMLSanitizer.sanitize("a < b & c > d") == "a &lt; b &amp; c &gt; d")
        #expect(HTMLSanitizer.sanitize("&lt;script&gt; &#60;b&#62; &copy; &unknown; \u{0}") == "&lt;script&gt; &lt;b&gt; © &amp;unknown; ")
    }
}

/// Checks rendered HTML the strict way: every `<` starts a tag of the allowlist written exactly as the
/// sanitiser writes it (`<name attr="value">`), every attribute is one the tag may have, and every address is
/// http(s), mailto or relative.
enum InertHTML {
    static let attributes: [String: Set<String>] = [
        "a": ["href", "title", "rel"], "img": ["src", "alt", "title"], "th": ["align"], "td": ["align"], "ol": ["start"], "code": ["class"],
        "h1": ["id"], "h2": ["id"], "h3": ["id"], "h4": ["id"], "h5": ["id"], "h6": ["id"],
    ]
    static let tags: Set<String> = [
        "p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "a", "img", "code", "pre", "blockquote", "em", "strong", "hr", "br",
        "table", "thead", "tbody", "tr", "th", "td", "del", "s",
    ]

    static func violations(_ html: String) -> [String] {
        var found: [String] = []
        guard let tag = try? Regex(#"^<(/?)([a-z0-9]+)((?: [a-z]+="[^"<>]*")*)>"#), let attribute = try? Regex(#" ([a-z]+)="([^"]*)""#) else {
            return ["regex"]
        }
        var rest = html[...]
        while let open = rest.firstIndex(of: "<") {
            rest = rest[open...]
            guard let match = rest.prefixMatch(of: tag) else {
                found.append("not a clean tag: \(rest.prefix(40))")
                rest = rest.dropFirst()
                continue
            }
            let name = String(match.output[2].substring ?? "")
            if !tags.contains(name) { found.append("tag \(name)") }
            for a in String(match.output[3].substring ?? "").matches(of: attribute) {
                let key = String(a.output[1].substring ?? ""), value = String(a.output[2].substring ?? "")
                if !(attributes[name] ?? []).contains(key) { found.append("attribute \(key) on \(name)") }
                if key == "href" || key == "src" {
                    let url = value.replacingOccurrences(of: "&amp;", with: "&").lowercased()
                    if let colon = url.firstIndex(where: { ":/?#".contains($0) }), url[colon] == ":",
                       !["http", "https", "mailto"].contains(String(url[..<colon])) {
                        found.append("address \(value)")
                    }
                }
            }
            rest = rest[match.range.upperBound...]
        }
        return found
    }
}

@Suite("Knowledge-base Markdown as plain text for search")
struct MarkdownTextTests {
    @Test func blocksAreParagraphsAndHeadingsStandAlone() {
        let text = MarkdownText.plainText("""
            # Reset your password

            Choose **Forgot your password?** on the [sign-in page](/signin),
            then open the link.

            ## Steps

            1. Enter your address.
            2. Open the *link*.

            ```
            portalctl accounts unlock ann@example.com
              --force
            ```

            > Quoted advice.

            | Priority | First response |
            |---|---|
            | Urgent | 1 hour |
            """)
        #expect(text == """
            Reset your password

            Choose Forgot your password? on the sign-in page, then open the link.

            Steps

            Enter your address.
            Open the link.

            portalctl accounts unlock ann@example.com
              --force

            Quoted advice.

            Priority | First response
            Urgent | 1 hour
            """)
    }

    @Test func addressesAreDroppedAndLinkTextKept() {
        let text = MarkdownText.plainText("See [Account security](https://example.com/account/security) and ![the QR code](/qr.png).")
        #expect(text == "See Account security and the QR code.")
        #expect(!text.contains("example.com") && !text.contains("qr.png"))
    }

    @Test func rawHTMLIsKeptAsTheTextTheReaderSees() {
        #expect(MarkdownText.plainText("Press <Enter> & wait") == "Press <Enter> & wait")
        #expect(MarkdownText.plainText("Use `<b>` &amp; `a && b`") == "Use <b> & a && b")
    }

    @Test func emptyMarkdownIsEmptyText() {
        #expect(MarkdownText.plainText("") == "")
        #expect(MarkdownText.plainText("\n\n  \n") == "")
    }
}

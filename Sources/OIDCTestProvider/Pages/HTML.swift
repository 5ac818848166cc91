import Hummingbird

/// An HTML page as a response.
struct HTML: ResponseGenerator {
    var status: HTTPResponse.Status = .ok
    var body: String

    func response(from request: Request, context: some RequestContext) -> Response {
        let buffer = ByteBuffer(string: body)
        return Response(
            status: status,
            headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"],
            body: .init(byteBuffer: buffer)
        )
    }

    /// Escapes text for element content and double-quoted attributes.
    static func escape(_ text: String) -> String {
        var result = ""
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            default: result.append(character)
            }
        }
        return result
    }
}

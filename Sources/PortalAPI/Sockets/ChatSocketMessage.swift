import Domain
import Foundation

/// What a browser sends over a chat socket: one JSON object per text frame, told apart by `type`.
struct ChatSocketCommand: Decodable {
    var type: String
    var conversation: UUID?
    var token: String?
    var timeZone: String?
    var text: String?
    var quickReply: String?
    var turn: Int?
    var helpful: Bool?
    var close: Bool?
}

/// What the server sends back: a typed JSON object per frame.
enum ChatSocketEvent: Encodable {
    case started(ChatConversationView, visitorToken: String?)
    case conversation(ChatConversationView)
    case lines(UUID, [ChatLine])
    case status(UUID, Conversation.Status)
    case desk(queue: [ChatService.QueueEntry], mine: [ChatService.QueueEntry])
    case error(status: Int, title: String, detail: String?)

    enum Keys: String, CodingKey { case type, conversation, visitorToken, lines, status, queue, mine, title, detail, id }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Keys.self)
        switch self {
        case let .started(view, token):
            try c.encode("started", forKey: .type)
            try c.encode(view, forKey: .conversation)
            try c.encodeIfPresent(token, forKey: .visitorToken)
        case let .conversation(view):
            try c.encode("conversation", forKey: .type)
            try c.encode(view, forKey: .conversation)
        case let .lines(id, lines):
            try c.encode("lines", forKey: .type)
            try c.encode(id, forKey: .id)
            try c.encode(lines, forKey: .lines)
        case let .status(id, status):
            try c.encode("status", forKey: .type)
            try c.encode(id, forKey: .id)
            try c.encode(status, forKey: .status)
        case let .desk(queue, mine):
            try c.encode("desk", forKey: .type)
            try c.encode(queue, forKey: .queue)
            try c.encode(mine, forKey: .mine)
        case let .error(status, title, detail):
            try c.encode("error", forKey: .type)
            try c.encode(status, forKey: .status)
            try c.encode(title, forKey: .title)
            try c.encodeIfPresent(detail, forKey: .detail)
        }
    }

    var text: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return (try? String(decoding: encoder.encode(self), as: UTF8.self)) ?? #"{"type":"error","status":500,"title":"Internal error"}"#
    }
}

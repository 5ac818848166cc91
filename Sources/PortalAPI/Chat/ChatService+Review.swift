import Domain
import EventStore
import Foundation
import Projections

/// The learning queue: editors label what the assistant did not understand, which adds training examples.
extension ChatService {
    func requireEditor(_ account: AccountID) throws {
        let roles = try identity.roles(of: account)
        guard roles.contains(.editor) || roles.contains(.admin) else {
            throw ProblemDetails(type: "forbidden", title: "Not allowed", status: .forbidden,
                                 detail: "Reviewing the assistant's messages needs the editor role (`portalctl accounts grant-role ACCOUNT editor`).")
        }
    }

    /// Open review items, oldest first.
    public func reviewQueue(for editor: AccountID?, limit: Int = 100) async throws -> [ChatReviewProjection.Item] {
        if let editor { try requireEditor(editor) }
        _ = await runner.waitUntil(store.lastPosition, projections: [review.name], timeout: .seconds(2))
        return review.queue(limit: max(1, min(limit, 500)))
    }

    /// Labels a message with the intent it should have had (or `out_of_scope`), adding it as a training example
    /// sealed under its author's key; `label` nil dismisses it.
    @discardableResult
    public func label(conversation: UUID, turn: Int, label: String?, by editor: String) async throws -> UInt64 {
        _ = await runner.waitUntil(store.lastPosition, projections: [review.name], timeout: .seconds(2))
        guard let item = review.item(conversation: conversation, turn: turn) else {
            if review.isReviewed(conversation: conversation, turn: turn) { throw DomainError.rejected("this message is reviewed already") }
            throw DomainError.notFound("message in the review queue")
        }
        let known = Set(understanding.intents().map(\.name))
        // Checked before the example is added, so a wrong label adds nothing.
        _ = try ChatTurnReviewed.decide(conversationID: conversation, turn: turn, label: label, knownIntents: known, alreadyReviewed: false,
                                        by: editor, exampleID: nil)
        var exampleID: String?
        if let label {
            exampleID = try await understanding.addReviewedExample(intent: label, text: item.text, subject: item.subject, conversation: conversation,
                                                                   turn: turn, by: editor)
        }
        let reviewed = ChatTurnReviewed(conversationID: conversation, turn: turn, label: label, by: editor, exampleID: exampleID)
        let position = try await append([reviewed], stream: ChatTurnReviewed.stream, expected: .any, actor: editor)
        _ = await runner.waitUntil(position, projections: [review.name], timeout: .seconds(2))
        return position
    }
}

extension ChatService {
    /// Waits (briefly) until the analytics have caught up with the log.
    public func settleAnalytics() async {
        _ = await runner.waitUntil(store.lastPosition, projections: [analytics.name], timeout: .seconds(2))
    }
}

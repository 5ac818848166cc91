import Domain
import EventStore
import Foundation
import Projections

extension KnowledgeService {
    /// The stream of one visitor's vote on one item: its last event is their current vote, so a second vote
    /// replaces the first and two racing votes cannot both count.
    func voteStream(_ key: String, voter: KnowledgeVisitor) -> String {
        let hash = Sodium.blake2b(Array("\(key)|\(voter)".utf8), key: deviceKey, outputLength: 16)
        return "kb-vote-" + hash.map { String(format: "%02x", $0) }.joined()
    }

    /// "Was this helpful?" — casts or changes the visitor's vote on an item they may read.
    @discardableResult
    public func vote(_ key: String, helpful: Bool, reason: UnhelpfulReason?, comment: String?, by voter: KnowledgeVisitor, viewer: KnowledgeViewer) async throws -> UInt64 {
        _ = try readable(key, viewer: viewer)
        if let wait = limitVotes.take(voter.description) { throw RateLimited(retryAfter: wait) }
        let stream = voteStream(key, voter: voter)
        return try await retrying {
            var vote = KnowledgeVote()
            var version: UInt64 = 0
            for record in try store.read(stream: stream, limit: 10_000) {
                vote = vote.evolve(try record.domainEvent())
                version = record.streamVersion
            }
            let event = try vote.decideVote(item: key, by: voter, helpful: helpful, reason: reason, comment: comment)
            let position = try await append([event], stream: stream, expected: version == 0 ? .noStream : .exact(version),
                                            actor: voter.description, subject: voter.account?.stream)
            await settle(position)
            return position
        }
    }

    /// The visitor's current vote on an item (nil when they have not voted).
    public func currentVote(_ key: String, by voter: KnowledgeVisitor?) throws -> KnowledgeVote? {
        guard let voter else { return nil }
        var vote = KnowledgeVote()
        var any = false
        for record in try store.read(stream: voteStream(key, voter: voter), limit: 10_000) {
            vote = vote.evolve(try record.domainEvent())
            any = true
        }
        return any ? vote : nil
    }

    /// Bookmarks an item the reader may see.
    @discardableResult
    public func bookmark(_ key: String, account: AccountID) async throws -> UInt64 {
        _ = try readable(key, viewer: viewer(account))
        return try await changeBookmarks(account) { try $0.decideAdd(key, by: account) }
    }

    @discardableResult
    public func removeBookmark(_ key: String, account: AccountID) async throws -> UInt64 {
        try await changeBookmarks(account) { try $0.decideRemove(key, by: account) }
    }

    @discardableResult
    func changeBookmarks(_ account: AccountID, decide: (Bookmarks) throws -> any DomainEvent) async throws -> UInt64 {
        try await retrying {
            var bookmarks = Bookmarks()
            var version: UInt64 = 0
            for record in try store.read(stream: Bookmarks.stream(account), limit: 100_000) {
                bookmarks = bookmarks.evolve(try record.domainEvent())
                version = record.streamVersion
            }
            let position = try await append([try decide(bookmarks)], stream: Bookmarks.stream(account),
                                            expected: version == 0 ? .noStream : .exact(version), actor: account.stream)
            await settle(position)
            return position
        }
    }

    /// The reader's bookmarked items they may still read, in the order bookmarked.
    public func bookmarks(of account: AccountID) -> [KnowledgeCatalogProjection.Entry] {
        let v = viewer(account)
        return catalog.bookmarks(of: account).targets.compactMap { catalog.readable($0, by: v) }
    }
}

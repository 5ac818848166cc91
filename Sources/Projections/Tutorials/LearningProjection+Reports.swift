import Domain
import Foundation

/// A tutorial's completion funnel: learners who started, reached (viewed) and completed each step, completed the
/// whole tutorial, and how many stopped after each step.
public struct TutorialFunnel: Codable, Sendable, Equatable {
    public struct Step: Codable, Sendable, Equatable {
        public var id: String
        public var title: String
        public var viewed: Int
        public var completed: Int
        /// Learners who completed the step before (or started, for the first step) but not this one.
        public var dropOff: Int
        public var unclear: Int
    }
    public var tutorial: String
    public var started: Int
    public var steps: [Step]
    public var completed: Int
    /// Completed over started, percent; nil when nobody started.
    public var completionRate: Int?
    public var ratings: Int
    public var averageRating: Double?
}

/// What learners said about a tutorial: ratings with comments (newest first) and "unclear" flags per step.
public struct TutorialFeedback: Sendable, Equatable {
    public struct Comment: Sendable, Equatable {
        public var rating: Int
        public var text: String
        public var at: Date
    }
    public var ratings: [Int: Int]
    public var comments: [Comment]
    public var unclear: [String: Int]
}

extension LearningProjection {
    /// The funnel of `tutorial` over its current steps, for learners who started in `period` (nil: all time).
    public func funnel(_ tutorial: String, content: TutorialContent, period: DateInterval? = nil) -> TutorialFunnel {
        let learners = learners(of: tutorial).filter { p in
            guard let started = p.startedAt else { return false }
            return period.map { $0.contains(started) } ?? true
        }
        var steps: [TutorialFunnel.Step] = []
        var before = learners.count
        for step in content.steps {
            let completed = learners.filter { $0.completed.contains(step.id) }.count
            steps.append(TutorialFunnel.Step(id: step.id, title: step.title, viewed: learners.filter { $0.viewed.contains(step.id) }.count,
                                             completed: completed, dropOff: max(0, before - completed),
                                             unclear: learners.filter { $0.flagged.contains(step.id) }.count))
            before = completed
        }
        let done = learners.filter { $0.completedAt != nil }.count
        let ratings = learners.compactMap(\.rating)
        return TutorialFunnel(tutorial: tutorial, started: learners.count, steps: steps, completed: done,
                              completionRate: learners.isEmpty ? nil : done * 100 / learners.count, ratings: ratings.count,
                              averageRating: ratings.isEmpty ? nil : (Double(ratings.reduce(0, +)) / Double(ratings.count) * 10).rounded() / 10)
    }

    public func feedback(_ tutorial: String) -> TutorialFeedback {
        let learners = learners(of: tutorial)
        var ratings: [Int: Int] = [:]
        var unclear: [String: Int] = [:]
        var comments: [TutorialFeedback.Comment] = []
        for p in learners {
            if let r = p.rating {
                ratings[r, default: 0] += 1
                if let text = p.ratingComment { comments.append(TutorialFeedback.Comment(rating: r, text: text, at: p.lastActivity ?? .distantPast)) }
            }
            for step in p.flagged { unclear[step, default: 0] += 1 }
        }
        return TutorialFeedback(ratings: ratings, comments: comments.sorted { $0.at > $1.at }, unclear: unclear)
    }

    /// The owner's notes whose text contains every word of `query` (case and accent blind), newest first.
    public func searchNotes(of owner: AccountID, query: String) -> [LearnerNotes.Note] {
        let words = query.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil).split(whereSeparator: \.isWhitespace)
        return notes(of: owner).notes.notes.values.filter { note in
            guard let text = note.text?.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil) else { return false }
            return words.allSatisfy { text.contains($0) }
        }.sorted { $0.updatedAt > $1.updatedAt }
    }
}

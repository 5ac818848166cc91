import Domain
import EventStore
import Foundation
import Projections

extension TutorialService {
    /// What a demo answer led to: right or not, the hint after a wrong one, the next screen, whether the demo is passed.
    public struct DemoOutcome: Codable, Sendable, Equatable {
        public var correct: Bool
        public var hint: String?
        public var nextScreen: String?
        public var passed: Bool
    }

    /// What a check answer led to: right or not, and the explanation (shown either way).
    public struct CheckOutcome: Codable, Sendable, Equatable {
        public var correct: Bool
        public var explanation: String
    }

    /// Runs one learner decision against their progress in a tutorial they may take, and appends what it decides.
    /// A rejection that only means "nothing new" (viewing the step one is on, replaying a part) is not an error.
    @discardableResult
    func learn(_ slug: String, learner: AccountID,
               decide: (TutorialProgress, TutorialContent, Int) throws -> [any DomainEvent]) async throws -> TutorialProgress {
        let tutorial = try readable(slug, viewer: viewer(learner))
        guard let content = tutorial.content else { throw DomainError.notFound("tutorial") }
        return try await retrying {
            let (progress, version) = learning.progress(slug, learner: learner)
            let events = try decide(progress, content, tutorial.revision)
            let position = try await append(events, stream: TutorialProgress.stream(tutorial: slug, learner: learner),
                                            expected: version == 0 ? .noStream : .exact(version), actor: learner.stream, subject: learner.stream)
            await settle(position)
            return learning.progress(slug, learner: learner).progress
        }
    }

    /// The learner's progress in a tutorial they may take.
    public func progress(_ slug: String, learner: AccountID) throws -> (tutorial: Tutorial, progress: TutorialProgress) {
        let tutorial = try readable(slug, viewer: viewer(learner))
        return (tutorial, learning.progress(slug, learner: learner).progress)
    }

    /// Opens a step: it becomes where the learner resumes.
    @discardableResult
    public func view(_ slug: String, step: String, learner: AccountID) async throws -> TutorialProgress {
        do {
            return try await learn(slug, learner: learner) { p, content, _ in [try p.decideView(step, tutorial: slug, content: content, by: learner)] }
        } catch DomainError.rejected {
            return try progress(slug, learner: learner).progress
        }
    }

    /// The player's report of played stretches of a step's video.
    @discardableResult
    public func watched(_ slug: String, step: String, ranges: [WatchedRange], learner: AccountID) async throws -> TutorialProgress {
        do {
            return try await learn(slug, learner: learner) { p, content, _ in
                [try p.decideWatch(step, ranges: ranges, tutorial: slug, content: content, by: learner)]
            }
        } catch DomainError.rejected {
            return try progress(slug, learner: learner).progress
        }
    }

    public func answerDemo(_ slug: String, step: String, screen: String, answer: String, learner: AccountID) async throws -> DemoOutcome {
        var decided: TutorialDemoAnswered?
        let after = try await learn(slug, learner: learner) { p, content, _ in
            let event = try p.decideDemoAnswer(step, screen: screen, answer: answer, tutorial: slug, content: content, by: learner)
            decided = event
            return [event]
        }
        guard let decided, let stepContent = try progress(slug, learner: learner).tutorial.content?.step(step) else { throw DomainError.notFound("step") }
        let screenContent = stepContent.demo?.screens.first { $0.id == screen }
        return DemoOutcome(correct: decided.correct, hint: decided.correct ? nil : screenContent.map(\.hint).flatMap { $0.isEmpty ? nil : $0 },
                           nextScreen: after.nextDemoScreen(stepContent)?.id, passed: after.isDemoPassed(stepContent))
    }

    public func answerCheck(_ slug: String, step: String, answer: [String], learner: AccountID) async throws -> CheckOutcome {
        var decided: TutorialCheckAnswered?
        var explanation = ""
        try await learn(slug, learner: learner) { p, content, _ in
            let event = try p.decideCheckAnswer(step, answer: answer, tutorial: slug, content: content, by: learner)
            decided = event
            explanation = content.step(step)?.check?.explanation ?? ""
            return [event]
        }
        return CheckOutcome(correct: decided?.correct ?? false, explanation: explanation)
    }

    @discardableResult
    public func complete(_ slug: String, step: String, learner: AccountID) async throws -> TutorialProgress {
        try await learn(slug, learner: learner) { p, content, revision in
            try p.decideComplete(step, tutorial: slug, content: content, revision: revision, by: learner)
        }
    }

    @discardableResult
    public func rate(_ slug: String, rating: Int, comment: String?, learner: AccountID) async throws -> TutorialProgress {
        try await learn(slug, learner: learner) { p, _, _ in [try p.decideRate(rating, comment: comment, tutorial: slug, by: learner)] }
    }

    @discardableResult
    public func flagUnclear(_ slug: String, step: String, learner: AccountID) async throws -> TutorialProgress {
        try await learn(slug, learner: learner) { p, content, _ in [try p.decideFlag(step, tutorial: slug, content: content, by: learner)] }
    }

    /// "My learning": the tutorials the learner started that they may still take, in progress first.
    public func myLearning(_ learner: AccountID) -> [(tutorial: Tutorial, progress: TutorialProgress)] {
        let v = viewer(learner)
        return learning.progress(of: learner).compactMap { p in
            guard let slug = p.tutorial, let t = catalog.readable(slug, by: v) else { return nil }
            return (t, p)
        }.sorted { ($0.progress.completedAt == nil ? 0 : 1, $1.progress.lastActivity ?? .distantPast) < ($1.progress.completedAt == nil ? 0 : 1, $0.progress.lastActivity ?? .distantPast) }
    }

    // MARK: Analytics

    public func funnel(_ slug: String, period: DateInterval?, by account: AccountID) throws -> TutorialFunnel {
        guard viewer(account).isEditor || ((try? identity.roles(of: account)) ?? []).contains(.analyst) else {
            throw ProblemDetails(type: "forbidden", title: "Not allowed", status: .forbidden, detail: "Tutorial analytics need the editor or analyst role.")
        }
        guard let content = catalog.tutorial(slug)?.tutorial.content else { throw DomainError.notFound("tutorial") }
        return learning.funnel(slug, content: content, period: period)
    }

    /// Funnels of every tutorial, for `portalctl analytics tutorials` and the analytics API.
    public func funnels(period: DateInterval?) -> [TutorialFunnel] {
        catalog.all().compactMap { t in t.slug.flatMap { slug in t.content.map { learning.funnel(slug, content: $0, period: period) } } }
    }

    public func feedback(_ slug: String, by account: AccountID) throws -> TutorialFeedback {
        _ = try requireEditor(account)
        guard catalog.tutorial(slug) != nil else { throw DomainError.notFound("tutorial") }
        return learning.feedback(slug)
    }
}

extension TutorialService {
    /// A bookmark on a tutorial or one of its steps, as lists show it.
    public struct BookmarkedItem: Sendable, Equatable {
        public var target: String
        public var title: String
        public var url: String
    }

    /// The tutorial and step bookmarks among `targets` that the reader may still take, in order.
    public func bookmarks(of account: AccountID, targets: [String]) -> [BookmarkedItem] {
        let v = viewer(account)
        return targets.compactMap { target in
            if target.hasPrefix("tutorial:") {
                let slug = String(target.dropFirst(9))
                guard let t = catalog.readable(slug, by: v), let c = t.content else { return nil }
                return BookmarkedItem(target: target, title: c.title, url: "/tutorials/\(slug)")
            }
            guard target.hasPrefix("step:") else { return nil }
            let parts = target.dropFirst(5).split(separator: "/")
            guard parts.count == 2, let t = catalog.readable(String(parts[0]), by: v), let c = t.content,
                  let index = c.steps.firstIndex(where: { $0.id == parts[1] }) else { return nil }
            return BookmarkedItem(target: target, title: "\(c.title) › \(c.steps[index].title)", url: "/tutorials/\(parts[0])/steps/\(parts[1])")
        }
    }
}

import Foundation

extension TutorialProgress {
    static let maximumReportedRanges = 100
    static let maximumComment = 2_000

    private func step(_ id: String, in content: TutorialContent) throws -> TutorialStep {
        guard let step = content.step(id) else { throw DomainError.notFound("step '\(id.prefix(80))'") }
        return step
    }

    /// The learner opened a step; opening the step they are on records nothing.
    public func decideView(_ stepID: String, tutorial: String, content: TutorialContent, by learner: AccountID) throws -> TutorialStepViewed {
        _ = try step(stepID, in: content)
        guard currentStep != stepID else { throw DomainError.rejected("already on this step") }
        return TutorialStepViewed(tutorial: tutorial, learner: learner, step: stepID)
    }

    /// The player's report of played stretches; refused when it adds less than half a second to what was watched.
    public func decideWatch(_ stepID: String, ranges: [WatchedRange], tutorial: String, content: TutorialContent,
                            by learner: AccountID) throws -> TutorialVideoWatched {
        let step = try step(stepID, in: content)
        guard let video = step.video else { throw FieldError(field: "step", message: "This step has no video.") }
        guard !ranges.isEmpty, ranges.count <= Self.maximumReportedRanges else {
            throw FieldError(field: "ranges", message: "Report 1–\(Self.maximumReportedRanges) played stretches.")
        }
        // The player's clock may run a little past the end; anything else outside the video is an error.
        let limit = video.durationSeconds + 1
        for r in ranges where !(r.start.isFinite && r.end.isFinite && r.start >= 0 && r.start < r.end && r.end <= limit) {
            throw FieldError(field: "ranges", message: "Each stretch is start < end, within the video's \(Int(video.durationSeconds.rounded(.up))) seconds.")
        }
        let clipped = ranges.map { WatchedRange(start: $0.start, end: min($0.end, video.durationSeconds)) }.filter { $0.end > $0.start }
        let before = watchedSeconds(stepID)
        let after = WatchedRanges.total((watched[stepID] ?? []) + clipped)
        guard after - before >= 0.5 else { throw DomainError.rejected("nothing new was watched") }
        return TutorialVideoWatched(tutorial: tutorial, learner: learner, step: stepID, ranges: WatchedRanges.merge(clipped))
    }

    /// An answer to a demo screen. Screens go in order: the learner answers the first screen not yet passed
    /// (or one passed before, to try again); skipping ahead is refused.
    public func decideDemoAnswer(_ stepID: String, screen screenID: String, answer: String, tutorial: String, content: TutorialContent,
                                 by learner: AccountID) throws -> TutorialDemoAnswered {
        let step = try step(stepID, in: content)
        guard let demo = step.demo else { throw FieldError(field: "step", message: "This step has no interactive demo.") }
        guard let index = demo.screens.firstIndex(where: { $0.id == screenID }) else { throw DomainError.notFound("screen '\(screenID.prefix(80))'") }
        let screen = demo.screens[index]
        let next = demo.screens.firstIndex { !(demoScreensPassed[stepID] ?? []).contains($0.id) } ?? demo.screens.count
        guard index <= next else { throw DomainError.rejected("finish the screens before this one first") }
        guard screen.optionIDs.contains(answer) else { throw FieldError(field: "answer", message: "Pick one of the screen's options.") }
        return TutorialDemoAnswered(tutorial: tutorial, learner: learner, step: stepID, screen: screenID, answer: answer, correct: answer == screen.correct)
    }

    /// An answer to the step's check question; answering again after passing is refused.
    public func decideCheckAnswer(_ stepID: String, answer: [String], tutorial: String, content: TutorialContent,
                                  by learner: AccountID) throws -> TutorialCheckAnswered {
        let step = try step(stepID, in: content)
        guard let check = step.check else { throw FieldError(field: "step", message: "This step has no check question.") }
        guard !checksPassed.contains(stepID) else { throw DomainError.rejected("this check is passed already") }
        let ids = Set(check.choices.map(\.id))
        guard !answer.isEmpty, Set(answer).isSubset(of: ids), Set(answer).count == answer.count else {
            throw FieldError(field: "answer", message: "Pick \(check.isMultipleChoice ? "one or more" : "one") of the question's choices.")
        }
        guard check.isMultipleChoice || answer.count == 1 else { throw FieldError(field: "answer", message: "Pick one choice.") }
        return TutorialCheckAnswered(tutorial: tutorial, learner: learner, step: stepID, answer: answer, correct: check.isCorrect(answer))
    }

    /// Marks a step completed once its requirement is met; with the last step, the tutorial is completed too.
    public func decideComplete(_ stepID: String, tutorial: String, content: TutorialContent, revision: Int,
                               by learner: AccountID) throws -> [any DomainEvent] {
        let step = try step(stepID, in: content)
        guard !completed.contains(stepID) else { throw DomainError.rejected("this step is completed already") }
        guard meetsRequirement(step) else {
            let why = switch step.requirement {
            case .read: ""
            case .watchVideo: "watch at least \(Int(StepVideo.watchedShare * 100)) % of the video first"
            case .passDemo: "go through every screen of the demo first"
            case .passCheck: "answer the check question rightly first"
            }
            throw DomainError.rejected(why)
        }
        var events: [any DomainEvent] = [TutorialStepCompleted(tutorial: tutorial, learner: learner, step: stepID)]
        let after = evolve(events[0], at: lastActivity ?? Date(timeIntervalSince1970: 0))
        if completedAt == nil, after.isFinished(content) {
            events.append(TutorialCompleted(tutorial: tutorial, learner: learner, revision: revision))
        }
        return events
    }

    /// A 1–5 rating with an optional comment, once the learner has started; rating again replaces it.
    public func decideRate(_ rating: Int, comment: String?, tutorial: String, by learner: AccountID) throws -> TutorialRated {
        guard started else { throw DomainError.rejected("start the tutorial before rating it") }
        var errors: [FieldError] = []
        if !(1...5).contains(rating) { errors.append(FieldError(field: "rating", message: "A rating is 1 to 5.")) }
        let text = comment?.trimmingCharacters(in: .whitespacesAndNewlines)
        let note = (text?.isEmpty ?? true) ? nil : text
        if let note, note.count > Self.maximumComment { errors.append(FieldError(field: "comment", message: "At most \(Self.maximumComment) characters.")) }
        if !errors.isEmpty { throw ValidationFailure(errors) }
        guard rating != self.rating || note != ratingComment else { throw DomainError.rejected("your rating is already recorded") }
        return TutorialRated(tutorial: tutorial, learner: learner, rating: rating, comment: note)
    }

    /// "This step was unclear" — once per step and learner.
    public func decideFlag(_ stepID: String, tutorial: String, content: TutorialContent, by learner: AccountID) throws -> TutorialStepFlagged {
        _ = try step(stepID, in: content)
        guard !flagged.contains(stepID) else { throw DomainError.rejected("you flagged this step already") }
        return TutorialStepFlagged(tutorial: tutorial, learner: learner, step: stepID)
    }

    /// What the certificate will state, once every step is completed and every check passed; one per learner and
    /// tutorial (the caller hands back the existing one when ``certificateID`` is set).
    public func decideCertificate(tutorial: String, content: TutorialContent, holderName: String, id: String, issuedOn: String,
                                  key: String) throws -> CertificateStatement {
        guard certificateID == nil else { throw DomainError.rejected("a certificate was issued already") }
        guard isFinished(content) else { throw DomainError.rejected("complete every step and pass every check first") }
        let name = holderName.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !name.isEmpty else { throw FieldError(field: "name", message: "The certificate needs the learner's name.") }
        return CertificateStatement(id: id, tutorial: tutorial, title: content.title, holder: name, issued: issuedOn, key: key)
    }
}

extension CertificateIssued {
    /// Whether a revocation may be recorded: a reason of 3–500 characters, not revoked before.
    public static func decideRevoke(_ id: String, reason: String, by editor: String, alreadyRevoked: Bool) throws -> CertificateRevoked {
        let text = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard (3...500).contains(text.count) else { throw FieldError(field: "reason", message: "Give a reason of 3–500 characters.") }
        guard !alreadyRevoked else { throw DomainError.rejected("this certificate is revoked already") }
        return CertificateRevoked(certificateID: id, reason: text, by: editor)
    }
}

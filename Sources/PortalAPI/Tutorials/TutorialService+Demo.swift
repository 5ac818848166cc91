import Domain
import Foundation

extension TutorialService {
    /// The demo tutorial's files (`Resources/tutorials/demo`): a short video, its poster and captions.
    static var demoFolder: URL? {
        Bundle.module.url(forResource: "Resources", withExtension: nil)?.appendingPathComponent("tutorials/demo", isDirectory: true)
    }

    /// The demo video's length in seconds (`ffprobe` on the committed file).
    static let demoVideoSeconds = 10.0

    /// Imports "Your first ticket" — read, watch, try, check — when the portal has no tutorials yet (`make serve`).
    public func importDemoTutorialIfEmpty() async throws {
        _ = await runner.waitUntil(store.lastPosition, projections: [catalog.name, knowledge.name], timeout: .seconds(60))
        guard catalog.all().isEmpty else { return }
        guard categoryExists("tickets") else {
            logger.warning("the demo tutorial needs the demo knowledge base's 'tickets' category; skipped")
            return
        }
        guard let folder = Self.demoFolder,
              let video = try? Data(contentsOf: folder.appendingPathComponent("first-ticket.webm")),
              let poster = try? Data(contentsOf: folder.appendingPathComponent("first-ticket.png")),
              let captions = try? Data(contentsOf: folder.appendingPathComponent("first-ticket.vtt")) else {
            logger.warning("the demo tutorial's files are missing from the portal's resources")
            return
        }
        let storedVideo = try store(Array(video))
        let storedPoster = try store(Array(poster))
        let storedCaptions = try store(Array(captions))
        let content = TutorialContent(
            title: "Your first support ticket", summary: "Open a ticket, pick the right category and follow it to the answer — in five minutes.",
            categoryID: "tickets", tags: ["tickets", "getting-started"], estimatedMinutes: 5, steps: [
                TutorialStep(id: "welcome", title: "What you will learn", body: """
                    A ticket is how you ask our support team for help when the help center has no answer. In this tutorial you will:

                    - see where tickets start,
                    - choose the category that gets your question to the right people,
                    - learn what the SLA clock on your ticket means.

                    Take your time: your progress is saved, and you can come back on any device.
                    """),
                TutorialStep(id: "watch", title: "Watch: a ticket from start to finish", body: """
                    This short film walks through the five moments of a ticket. Captions are available from the player's menu.
                    """, video: StepVideo(blob: storedVideo.address, contentType: storedVideo.contentType, size: storedVideo.size,
                                          durationSeconds: Self.demoVideoSeconds, poster: storedPoster.address, captions: storedCaptions.address,
                                          captionsLanguage: "en")),
                TutorialStep(id: "try-it", title: "Try it: open a ticket", body: "Answer each screen to move on. Wrong answers only show a hint.",
                             demo: InteractiveDemo(screens: [
                                DemoScreen(id: "start", prompt: "You are signed in and the help center had no answer. Where do you go?",
                                           choices: [TutorialChoice(id: "new-ticket", text: "Tickets › New ticket"),
                                                     TutorialChoice(id: "profile", text: "Account › Profile"),
                                                     TutorialChoice(id: "sessions", text: "Account › Sessions")],
                                           correct: "new-ticket", hint: "Tickets are opened from the Tickets menu."),
                                DemoScreen(id: "category", prompt: "Your last invoice charged you twice. Which category fits?",
                                           choices: [TutorialChoice(id: "billing", text: "Billing"),
                                                     TutorialChoice(id: "technical", text: "Technical problem"),
                                                     TutorialChoice(id: "feedback", text: "Product feedback")],
                                           correct: "billing", hint: "Charges and invoices are money matters."),
                             ])),
                TutorialStep(id: "sla", title: "Check: the SLA clock", body: """
                    Every ticket shows how long we have to answer it: the SLA clock. It starts when you open the ticket and its
                    length depends on the ticket's priority; it pauses while we wait for your reply.
                    """, check: CheckQuestion(prompt: "Which of these decide when the SLA clock runs out? Pick all that apply.", choices: [
                        TutorialChoice(id: "opened", text: "When the ticket was opened"),
                        TutorialChoice(id: "priority", text: "The ticket's priority"),
                        TutorialChoice(id: "length", text: "How long the description is"),
                    ], correct: ["opened", "priority"], explanation: "The clock starts when the ticket is opened and its length comes from the priority; the description's length plays no part.")),
            ])
        _ = try await create(slug: "your-first-ticket", content: content, publish: true, author: "demo-content")
        logger.info("imported the demo tutorial")
    }
}

/// What the `chat` group's customers say: a fixed list of realistic messages for the starter intents and the
/// demo knowledge base (`--demo-content`), in an order that keeps a conversation plausible (a slot question
/// is followed by its answer, a follow-up by its question).
///
/// Client `c` of a phase starts at message `c × stride` and goes round the list, so concurrent clients say
/// different things at the same moment and every run sends the same messages in the same order.
enum ChatScript {
    static let messages: [String] = [
        // greeting, then FAQ questions of the demo knowledge base
        "hello",
        "Which authenticator app can I use?",
        "I forgot my password",
        "how long until you reply",
        "and how long does that take on weekends?",
        // out of scope
        "what's the weather like in Berlin today",
        "How large can attachments be?",
        // an intent with a slot, then the slot's answer
        "my order hasn't arrived",
        "I ordered it last Tuesday",
        "thanks a lot",
        "which files can I attach to a ticket?",
        "my password reset link doesn't work",
        // ticket status: anonymous visitors are asked to sign in
        "what's happening with my ticket?",
        "any update on ticket #1f3a9c2b",
        "tell me a joke",
        "I lost my phone with the authenticator app, how do I sign in?",
        "can I reopen a closed ticket?",
        "what can you do",
        "my account is locked",
        "the code from my authenticator app is not accepted",
        "I never got the email to confirm my address",
        "no thanks",
        "how do I delete my account",
        "who won the football match last night",
        "I want to download all my data",
        "hi there",
        "how do I sign out on all my other devices",
        "why was I asked for a code from an email when I signed in?",
        "I want a refund",
        "change my email address",
        "why can't I open a ticket?",
        "can you recommend a good pizza place nearby",
        "I want to open a ticket",
        "when will I get a reply?",
        "what's the capital of Australia",
        "good morning, I can't sign in after several wrong passwords",
        "where is my order",
        "it was on 3 November",
        "ok thank you",
        "bye",
    ]

    /// How far apart the clients' starting points are.
    static let stride = 5

    /// The `n`-th message of client `client`.
    static func message(client: Int, turn n: Int) -> String {
        messages[(client * stride + n) % messages.count]
    }
}

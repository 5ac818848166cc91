import Domain
import EventStore
import Projections
import Semantics

/// The projections a portal runs. `portalctl rebuild` and `stats` use the same list.
public struct PortalProjections: Sendable {
    public let accounts: AccountsProjection
    public let securityLog: SecurityLogProjection
    public let sessions: SessionsProjection
    public let risk: RiskProjection
    public let alerts: SecurityAlertsProjection
    public let categories: CategoriesProjection
    public let tickets: TicketDirectoryProjection
    public let slaClocks: SLAClocksProjection
    public let csat: CSATProjection
    public let inbox: TicketInboxProjection
    public let knowledge: KnowledgeCatalogProjection
    public let knowledgeSearch: KnowledgeSearchProjection
    public let selfService: SelfServiceAnalyticsProjection
    public let knowledgeComments: KnowledgeCommentsProjection
    public let tutorials: TutorialCatalogProjection
    public let learning: LearningProjection
    /// The chatbot's intents, examples and model versions.
    public let intents: IntentCatalogProjection
    public let conversations: ConversationsProjection
    public let chatReview: ChatReviewProjection
    public let chatAnalytics: ChatAnalyticsProjection
    /// Vectors for search by meaning; nil when the portal runs without a model (lexical-only).
    public let semantic: SemanticVectorsProjection?

    public var all: [any Projection] {
        [accounts, securityLog, sessions, risk, alerts, categories, tickets, slaClocks, csat, inbox, knowledge, knowledgeSearch, selfService, knowledgeComments, tutorials, learning,
         intents, conversations, chatReview, chatAnalytics] + (semantic.map { [$0] } ?? [])
    }

    /// The names, for commands that only list them. `semantic-vectors` runs only with a model.
    public static let names = ["accounts", "security-log", "sessions", "risk", "security-alerts", "categories", "ticket-directory", "sla-clocks", "csat", "ticket-inbox", "knowledge-catalog", "knowledge-search", "self-service-analytics", "knowledge-comments", "tutorial-catalog", "learning",
                                      "intent-catalog", "conversations", "chat-review", "chat-analytics"]
    public static let semanticName = "semantic-vectors"

    /// `encoder` (the loaded sentence encoder) adds the semantic vectors; without it the portal is lexical-only.
    public init(masterKey: MasterKey, risk policy: RiskPolicy, sla: SLAPolicy, encoder: (any TextEncoder)? = nil) {
        accounts = AccountsProjection()
        securityLog = SecurityLogProjection()
        sessions = SessionsProjection()
        risk = RiskProjection(key: masterKey.derive(purpose: "risk-network/v1"), policy: policy)
        alerts = SecurityAlertsProjection()
        categories = CategoriesProjection()
        tickets = TicketDirectoryProjection(searchKey: masterKey.derive(purpose: "ticket-search/v1"))
        slaClocks = SLAClocksProjection(policy: sla)
        csat = CSATProjection()
        inbox = TicketInboxProjection()
        knowledge = KnowledgeCatalogProjection()
        knowledgeSearch = KnowledgeSearchProjection(plainText: { MarkdownText.plainText($0) })
        selfService = SelfServiceAnalyticsProjection()
        knowledgeComments = KnowledgeCommentsProjection()
        tutorials = TutorialCatalogProjection()
        learning = LearningProjection()
        intents = IntentCatalogProjection()
        conversations = ConversationsProjection()
        chatReview = ChatReviewProjection()
        chatAnalytics = ChatAnalyticsProjection()
        semantic = encoder.map { SemanticVectorsProjection(contentKey: masterKey.derive(purpose: "semantic-content/v1"), encoder: $0,
                                                           passages: Self.passageMaker(encoder: $0)) }
    }

    /// An article or FAQ entry as the encoder reads it: passages of at most 256 WordPiece tokens, each with the
    /// title (question) in front. A FAQ entry's phrasings and quick answer come first in its text.
    static func passageMaker(encoder: any TextEncoder) -> SemanticVectorsProjection.PassageMaker {
        let tokenizer = (encoder as? EncoderPool)?.encoder.tokenizer
        return { kind, content in
            var parts: [String] = []
            if kind == .faq { parts += content.phrasings }
            if !content.summary.isEmpty { parts.append(content.summary) }
            let body = MarkdownText.plainText(content.body)
            if !body.isEmpty { parts.append(body) }
            let text = parts.joined(separator: "\n\n")
            // Without a tokenizer (a test encoder), about four characters make a token.
            return KnowledgePassages.split(title: content.title, text: text) { tokenizer?.tokenize($0).count ?? ($0.count / 4 + 2) }
        }
    }
}

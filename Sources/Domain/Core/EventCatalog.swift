import Foundation

/// Every event type the portal records, by its stored name: how to encode and decode it.
///
/// Public fields go to JSON; the `Personal` part is encoded separately, to be sealed. Decoding takes
/// the personal bytes when they could be unsealed and leaves `personal` nil otherwise.
public enum EventCatalog {
    public static let types: [any DomainEvent.Type] = [
        EmailAddressReserved.self, EmailAddressReleased.self, CustomerRegistered.self, DuplicateRegistrationAttempted.self,
        CustomerSignedIn.self, SignInFailed.self, PersonalDataErased.self,
        EmailVerificationRequested.self, EmailVerified.self, PasswordResetRequested.self, UnknownAddressRequestReceived.self,
        PasswordReset.self, PasswordChanged.self, AccountLocked.self, AccountUnlocked.self, AccountFlaggedCompromised.self,
        SessionStarted.self, SessionRefreshed.self, RefreshTokenReuseDetected.self, SessionRevoked.self,
        NotificationSent.self, NotificationFailed.self,
        TwoFactorEnrollmentStarted.self, TwoFactorEnabled.self, TwoFactorDisabled.self, RecoveryCodesRegenerated.self, RecoveryCodeUsed.self,
        SecondFactorRequested.self, SecondFactorFailed.self, SuspiciousSignInDetected.self, CredentialStuffingDetected.self,
        RoleGranted.self, RoleRevoked.self, ExternalIdentityReserved.self, ExternalIdentityLinked.self, EmailVerifiedByProvider.self,
        CategoryCreated.self, CategoryFormChanged.self, CategoryRenamed.self, CategoryRetired.self,
        TicketOpened.self, TicketCommented.self, TicketStatusChanged.self, TicketAssigned.self, TicketPriorityChanged.self, AttachmentAdded.self,
        SLABreachWarned.self, SLABreached.self, TicketRated.self, SurveyAnswered.self, FollowUpRequested.self, ImprovementSuggested.self,
        TicketDraftSaved.self, TicketDraftCleared.self, TicketNotificationPreferencesChanged.self, TicketNotificationsRead.self, TicketArchived.self,
        KnowledgeItemCreated.self, KnowledgeItemRevised.self, KnowledgeItemStatusChanged.self, KnowledgeCategoryCreated.self, KnowledgeCategoryChanged.self,
        KnowledgeSynonymsChanged.self, KnowledgeVoteCast.self, KnowledgeSearched.self, KnowledgeItemViewed.self, KnowledgeSuggestionsShown.self,
        KnowledgeLinkedInTicket.self, BookmarkAdded.self, BookmarkRemoved.self,
        TutorialCreated.self, TutorialRevised.self, TutorialStatusChanged.self, TutorialStepViewed.self, TutorialVideoWatched.self,
        TutorialDemoAnswered.self, TutorialCheckAnswered.self, TutorialStepCompleted.self, TutorialCompleted.self, TutorialRated.self,
        TutorialStepFlagged.self, CertificateIssued.self, CertificateRevoked.self, NoteSaved.self, NoteDeleted.self,
        ConversationStarted.self, ChatTurnRecorded.self, ChatAnswerRated.self, ChatTicketCreated.self, ConversationClosed.self,
        ChatHandoffRequested.self, ChatHandoffAccepted.self, ChatMessagePosted.self, ChatHandoffEnded.self, ChatTurnReviewed.self,
        IntentDefined.self, IntentRevised.self, IntentRetired.self, IntentExampleAdded.self, IntentExampleRemoved.self,
        IntentModelTrained.self, IntentModelPromoted.self, IntentModelRejected.self,
    ]

    private static let byName: [String: any DomainEvent.Type] = Dictionary(uniqueKeysWithValues: types.map { ($0.eventType, $0) })

    /// An event in stored form.
    public struct Encoded: Sendable, Equatable {
        public var type: String
        public var schemaVersion: UInt16
        public var data: [UInt8]
        /// JSON of the personal part, or nil when the event has none.
        public var personal: [UInt8]?
    }

    public enum CodingError: Error, CustomStringConvertible {
        case unknownType(String)
        case unsupportedVersion(String, UInt16)
        case malformed(String, String)
        public var description: String {
            switch self {
            case .unknownType(let t): return "unknown event type '\(t)'"
            case .unsupportedVersion(let t, let v): return "event type '\(t)' has no schema version \(v)"
            case .malformed(let t, let why): return "event '\(t)' does not decode: \(why)"
            }
        }
    }

    public static func encode(_ event: some DomainEvent) throws -> Encoded {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.dateEncodingStrategy = .iso8601
        let data = try encoder.encode(event)
        let personal = try event.personal.map { try encoder.encode($0) }
        return Encoded(type: type(of: event).eventType, schemaVersion: type(of: event).schemaVersion, data: Array(data), personal: personal.map(Array.init))
    }

    public static func isKnown(_ type: String) -> Bool { byName[type] != nil }

    /// Decodes a stored event; `personal` is the unsealed JSON, or nil when absent, erased or still sealed.
    public static func decode(type: String, schemaVersion: UInt16, data: [UInt8], personal: [UInt8]?) throws -> any DomainEvent {
        guard let t = byName[type] else { throw CodingError.unknownType(type) }
        guard schemaVersion == t.schemaVersion else { throw CodingError.unsupportedVersion(type, schemaVersion) }
        return try decode(t, data: data, personal: personal)
    }

    private static func decode<E: DomainEvent>(_ t: E.Type, data: [UInt8], personal: [UInt8]?) throws -> E {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        do {
            var event = try decoder.decode(E.self, from: Data(data))
            if let personal, E.Personal.self != NoPersonalData.self {
                event.personal = try decoder.decode(E.Personal.self, from: Data(personal))
            }
            return event
        } catch {
            throw CodingError.malformed(E.eventType, "\(error)")
        }
    }
}

import Foundation

/// A fact that happened, named in the past tense. Public fields are stored as JSON; the fields of
/// `Personal` are sealed under the data subject's key and come back as nil once it is erased.
public protocol DomainEvent: Codable, Sendable, Equatable {
    associatedtype Personal: Codable & Sendable & Equatable = NoPersonalData
    /// Stable type name stored with every record. Never reuse a name for another meaning.
    static var eventType: String { get }
    /// Version of this event's schema; bump it and add an upcaster when fields change meaning.
    static var schemaVersion: UInt16 { get }
    /// The sealed part; nil when the event carries none or its subject has been erased.
    var personal: Personal? { get set }
}

/// The `Personal` of events that carry no personal data.
public struct NoPersonalData: Codable, Sendable, Equatable {}

extension DomainEvent where Personal == NoPersonalData {
    public var personal: NoPersonalData? {
        get { nil }
        set {}
    }
}

extension DomainEvent {
    public static var schemaVersion: UInt16 { 1 }
}

/// What the parser found in the bytes it was fed, in order.
public enum MultipartEvent: Sendable, Equatable {
    /// A part starts; its body follows as zero or more ``body(_:)`` events.
    case partBegin(MultipartPartHeaders)
    /// The next bytes of the current part's body (as they arrived: a file is never gathered whole).
    case body([UInt8])
    /// The current part's body is complete.
    case partEnd
    /// The closing boundary: the form is complete (anything after it is ignored).
    case end
}

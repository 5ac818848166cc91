import NIOCore

/// The `DATA` transparency procedure (RFC 5321 §4.5.2).
enum DotStuffing {
    /// `message` with a "." added before every line that starts with ".", ending in CRLF "." CRLF,
    /// so that no line of the message can be read as the end of the data.
    static func encode(_ message: [UInt8]) -> ByteBuffer {
        var buffer = ByteBuffer()
        buffer.reserveCapacity(message.count + message.count / 64 + 5)
        var atLineStart = true
        for byte in message {
            if atLineStart && byte == UInt8(ascii: ".") { buffer.writeInteger(UInt8(ascii: ".")) }
            buffer.writeInteger(byte)
            atLineStart = byte == 0x0A
        }
        if !atLineStart { buffer.writeBytes(Lines.crlf) }
        buffer.writeString(".\r\n")
        return buffer
    }
}

import CSodium

/// Direct libsodium calls, to check the store's files against the specification independently of its code.
enum Libsodium {
    static func keyedBlake2b(_ message: [UInt8], key: [UInt8], length: Int) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: length)
        _ = crypto_generichash(&out, length, message, UInt64(message.count), key, key.count)
        return out
    }

    static func hex(_ bytes: [UInt8]) -> String {
        bytes.map { String(format: "%02x", $0) }.joined()
    }

    /// Decrypts a whole blob file front to back with libsodium's own sequential secretstream pull.
    /// Returns the plaintext, or nil when anything fails to verify, a tag is wrong or data follows the final chunk.
    static func decryptSequentially(_ file: [UInt8], key: [UInt8], finalAdditionalData: [UInt8]) -> [UInt8]? {
        guard file.count >= 24 else { return nil }
        var state = crypto_secretstream_xchacha20poly1305_state()
        guard crypto_secretstream_xchacha20poly1305_init_pull(&state, Array(file[0..<24]), key) == 0 else { return nil }
        var offset = 24
        var plain: [UInt8] = []
        while offset < file.count {
            let length = min(65_536 + 17, file.count - offset)
            let isLast = offset + length == file.count
            let chunk = Array(file[offset..<(offset + length)])
            var out = [UInt8](repeating: 0, count: length - 17)
            var outLength: UInt64 = 0
            var tag: UInt8 = 0
            let ad = isLast ? finalAdditionalData : []
            guard crypto_secretstream_xchacha20poly1305_pull(&state, &out, &outLength, &tag, chunk, UInt64(length), ad, UInt64(ad.count)) == 0 else {
                return nil
            }
            let expected = isLast ? crypto_secretstream_xchacha20poly1305_tag_final() : crypto_secretstream_xchacha20poly1305_tag_message()
            guard tag == expected else { return nil }
            plain += out.prefix(Int(outLength))
            offset += length
        }
        return plain
    }
}

import Foundation

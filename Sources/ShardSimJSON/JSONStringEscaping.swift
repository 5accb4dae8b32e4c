// String escaping for the writer (and for quoting keys in parser messages). Escaping is minimal
// and fixed so the same text always produces the same bytes.

/// How strings are written: `"` and `\` escaped, control characters escaped (\n, \r, \t, \b, \f
/// by name, the rest as lowercase \u00xx), everything else raw UTF-8; "/" is not escaped.
///
/// "Control characters" here means U+0000–U+001F (which JSON requires escaping), U+007F (DEL) and the C1
/// controls U+0080–U+009F (UTF-8 C2 80 – C2 9F), which are invisible and which some terminals act on, so
/// clearer and safer escaped.
enum JSONStringEscaping {
    /// Append `text` as a quoted JSON string to `output`.
    static func appendQuoted(_ text: String, to output: inout [UInt8]) {
        output.append(Byte.quote)
        var afterC2 = false
        for byte in text.utf8 {
            if afterC2 {
                afterC2 = false
                if (0x80...0x9F).contains(byte) {
                    output.append(contentsOf: [
                        Byte.backslash, 0x75, Byte.zero, Byte.zero, hexDigit(byte >> 4), hexDigit(byte & 0x0F),
                    ])
                    continue
                }
                output.append(0xC2)
            }
            switch byte {
            case Byte.quote: output.append(contentsOf: [Byte.backslash, Byte.quote])
            case Byte.backslash: output.append(contentsOf: [Byte.backslash, Byte.backslash])
            case Byte.newline: output.append(contentsOf: [Byte.backslash, 0x6E])
            case Byte.carriageReturn: output.append(contentsOf: [Byte.backslash, 0x72])
            case Byte.tab: output.append(contentsOf: [Byte.backslash, 0x74])
            case 0x08: output.append(contentsOf: [Byte.backslash, 0x62])
            case 0x0C: output.append(contentsOf: [Byte.backslash, 0x66])
            case 0..<Byte.space, Byte.delete:
                output.append(contentsOf: [Byte.backslash, 0x75, Byte.zero, Byte.zero])
                output.append(hexDigit(byte >> 4))
                output.append(hexDigit(byte & 0x0F))
            case 0xC2: afterC2 = true
            default: output.append(byte)
            }
        }
        if afterC2 { output.append(0xC2) }
        output.append(Byte.quote)
    }

    /// `text` as a quoted JSON string, e.g. for naming a key in a message.
    static func quoted(_ text: String) -> String {
        var output: [UInt8] = []
        appendQuoted(text, to: &output)
        return String(decoding: output, as: UTF8.self)
    }

    private static func hexDigit(_ nibble: UInt8) -> UInt8 {
        nibble < 10 ? Byte.zero + nibble : 0x61 + nibble - 10
    }
}

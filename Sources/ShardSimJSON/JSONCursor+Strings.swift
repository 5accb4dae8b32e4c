// Scanning string literals: escapes, surrogate pairs, control characters and UTF-8 checking.

extension JSONCursor {
    /// Scan a string literal whose opening quote is at the cursor, returning its decoded text
    /// and leaving the cursor after the closing quote.
    ///
    /// Decoding goes into a byte buffer that is validated as it grows, so the final conversion
    /// to `String` never has to repair anything.
    mutating func scanString() throws(JSONSyntaxError) -> String {
        let opening = offset
        offset += 1
        var buffer: [UInt8] = []
        while offset < bytes.count {
            let byte = bytes[offset]
            if byte == Byte.quote {
                offset += 1
                return String(decoding: buffer, as: UTF8.self)
            } else if byte == Byte.backslash {
                // A backslash as the last byte starts no escape: the string is just unterminated.
                guard offset + 1 < bytes.count else { break }
                try scanEscape(into: &buffer)
            } else if byte < Byte.space {
                throw error(
                    "unescaped \(describeCharacter(at: offset)) in a string; "
                        + "write it as an escape such as \(JSONCursor.suggestedEscape(byte))")
            } else if byte < 0x80 {
                buffer.append(byte)
                offset += 1
            } else {
                guard let length = UTF8Validation.sequenceLength(in: bytes, at: offset) else {
                    throw error("\(describeCharacter(at: offset)) in a string; the file must be UTF-8")
                }
                buffer.append(contentsOf: bytes[offset..<(offset + length)])
                offset += length
            }
        }
        throw error("unterminated string: no closing '\"' before the end of input", at: opening)
    }

    /// The escape a person should have written for a raw control character.
    static func suggestedEscape(_ byte: UInt8) -> String {
        switch byte {
        case Byte.newline: return "\\n"
        case Byte.carriageReturn: return "\\r"
        case Byte.tab: return "\\t"
        default:
            let hex = String(byte, radix: 16)
            return "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
        }
    }

    /// Decode the escape whose backslash is at the cursor (and is not the last byte) into `buffer`.
    private mutating func scanEscape(into buffer: inout [UInt8]) throws(JSONSyntaxError) {
        let backslash = offset
        let letter = peek(1) ?? 0
        let simple: UInt8?
        switch letter {
        case Byte.quote: simple = Byte.quote
        case Byte.backslash: simple = Byte.backslash
        case Byte.slash: simple = Byte.slash
        case 0x62: simple = 0x08  // \b
        case 0x66: simple = 0x0C  // \f
        case 0x6E: simple = Byte.newline  // \n
        case 0x72: simple = Byte.carriageReturn  // \r
        case 0x74: simple = Byte.tab  // \t
        case 0x75: simple = nil  // \u, handled below
        default:
            throw error(
                "invalid escape '\\\(JSONCursor.printable(letter))' in a string; "
                    + "valid escapes are \\\" \\\\ \\/ \\b \\f \\n \\r \\t and \\uXXXX", at: backslash)
        }
        if let simple {
            buffer.append(simple)
            offset += 2
            return
        }
        let unit = try scanUnicodeEscape()
        switch unit {
        case 0xD800...0xDBFF:
            // A high surrogate is only meaningful as the first half of a \uXXXX\uXXXX pair.
            let unpaired = "unpaired UTF-16 surrogate escape \\u\(JSONCursor.hex4(unit))"
            guard peek(0) == Byte.backslash, peek(1) == 0x75 else {
                throw error(
                    "\(unpaired): a high surrogate must be followed by a low surrogate escape (\\uDC00–\\uDFFF)",
                    at: backslash)
            }
            let low = try scanUnicodeEscape()
            guard (0xDC00...0xDFFF).contains(low) else {
                throw error(
                    "\(unpaired): it is followed by \\u\(JSONCursor.hex4(low)), not a low surrogate (\\uDC00–\\uDFFF)",
                    at: backslash)
            }
            let scalar = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)
            UTF8Validation.append(scalar: scalar, to: &buffer)
        case 0xDC00...0xDFFF:
            throw error(
                "unpaired UTF-16 surrogate escape \\u\(JSONCursor.hex4(unit)): "
                    + "a low surrogate must follow a high surrogate escape (\\uD800–\\uDBFF)", at: backslash)
        default:
            UTF8Validation.append(scalar: unit, to: &buffer)
        }
    }

    /// Read "\uXXXX" at the cursor and return the code unit, leaving the cursor after it.
    private mutating func scanUnicodeEscape() throws(JSONSyntaxError) -> UInt32 {
        let backslash = offset
        var value: UInt32 = 0
        for distance in 2..<6 {
            guard let byte = peek(distance), let digit = JSONCursor.hexValue(byte) else {
                throw error("invalid escape: \\u must be followed by exactly four hexadecimal digits", at: backslash)
            }
            value = value << 4 | digit
        }
        offset += 6
        return value
    }

    private static func hexValue(_ byte: UInt8) -> UInt32? {
        switch byte {
        case 0x30...0x39: return UInt32(byte - 0x30)
        case 0x41...0x46: return UInt32(byte - 0x41 + 10)
        case 0x61...0x66: return UInt32(byte - 0x61 + 10)
        default: return nil
        }
    }

    /// Four uppercase hex digits, as a surrogate is conventionally written.
    private static func hex4(_ value: UInt32) -> String {
        let hex = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }

    /// A byte as it may be quoted inside a message: itself when printable ASCII, else its hex.
    static func printable(_ byte: UInt8) -> String {
        byte >= Byte.space && byte < Byte.delete ? String(Character(Unicode.Scalar(byte))) : hexByte(byte)
    }
}

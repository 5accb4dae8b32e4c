// Strict UTF-8 checking. Foundation and `String(decoding:)` would silently repair bad bytes into
// U+FFFD; a scenario file with broken bytes is far more likely a wrong encoding than intent, so
// the parser reports the byte instead.

/// Well-formedness of UTF-8 sequences per the Unicode Standard, table 3-7: no overlong forms,
/// no encoded surrogates, nothing above U+10FFFF, no truncated sequences.
enum UTF8Validation {
    /// The length (1–4) of the well-formed sequence starting at `index`, or nil if the bytes
    /// there are not well-formed UTF-8.
    static func sequenceLength(in bytes: [UInt8], at index: Int) -> Int? {
        guard index < bytes.count else { return nil }
        let lead = bytes[index]
        // The allowed range of the second byte depends on the lead; the rest are always 80–BF.
        let length: Int
        let secondLow: UInt8
        let secondHigh: UInt8
        switch lead {
        case 0x00...0x7F: return 1
        case 0xC2...0xDF: (length, secondLow, secondHigh) = (2, 0x80, 0xBF)
        case 0xE0: (length, secondLow, secondHigh) = (3, 0xA0, 0xBF)
        case 0xE1...0xEC, 0xEE...0xEF: (length, secondLow, secondHigh) = (3, 0x80, 0xBF)
        case 0xED: (length, secondLow, secondHigh) = (3, 0x80, 0x9F)
        case 0xF0: (length, secondLow, secondHigh) = (4, 0x90, 0xBF)
        case 0xF1...0xF3: (length, secondLow, secondHigh) = (4, 0x80, 0xBF)
        case 0xF4: (length, secondLow, secondHigh) = (4, 0x80, 0x8F)
        default: return nil
        }
        guard index + length <= bytes.count else { return nil }
        let second = bytes[index + 1]
        guard second >= secondLow && second <= secondHigh else { return nil }
        var next = index + 2
        while next < index + length {
            guard bytes[next] & 0xC0 == 0x80 else { return nil }
            next += 1
        }
        return length
    }

    /// Append the UTF-8 encoding of `scalar` (already known to be a valid scalar value).
    static func append(scalar value: UInt32, to buffer: inout [UInt8]) {
        switch value {
        case 0..<0x80:
            buffer.append(UInt8(value))
        case 0x80..<0x800:
            buffer.append(UInt8(0xC0 | (value >> 6)))
            buffer.append(UInt8(0x80 | (value & 0x3F)))
        case 0x800..<0x10000:
            buffer.append(UInt8(0xE0 | (value >> 12)))
            buffer.append(UInt8(0x80 | ((value >> 6) & 0x3F)))
            buffer.append(UInt8(0x80 | (value & 0x3F)))
        default:
            buffer.append(UInt8(0xF0 | (value >> 18)))
            buffer.append(UInt8(0x80 | ((value >> 12) & 0x3F)))
            buffer.append(UInt8(0x80 | ((value >> 6) & 0x3F)))
            buffer.append(UInt8(0x80 | (value & 0x3F)))
        }
    }
}

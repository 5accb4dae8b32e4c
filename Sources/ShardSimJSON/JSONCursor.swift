// A read position over a document's bytes, plus the helpers every scanner shares: whitespace,
// error construction and describing the character that was found.

/// Byte values the scanners compare against, named so the switch statements read as JSON.
enum Byte {
    static let tab: UInt8 = 0x09
    static let newline: UInt8 = 0x0A
    static let carriageReturn: UInt8 = 0x0D
    static let space: UInt8 = 0x20
    static let quote: UInt8 = 0x22
    static let apostrophe: UInt8 = 0x27
    static let plus: UInt8 = 0x2B
    static let comma: UInt8 = 0x2C
    static let minus: UInt8 = 0x2D
    static let period: UInt8 = 0x2E
    static let slash: UInt8 = 0x2F
    static let zero: UInt8 = 0x30
    static let nine: UInt8 = 0x39
    static let colon: UInt8 = 0x3A
    static let backslash: UInt8 = 0x5C
    static let openBracket: UInt8 = 0x5B
    static let closeBracket: UInt8 = 0x5D
    static let openBrace: UInt8 = 0x7B
    static let closeBrace: UInt8 = 0x7D
    static let delete: UInt8 = 0x7F

    static func isDigit(_ byte: UInt8) -> Bool { byte >= zero && byte <= nine }

    static func isLetter(_ byte: UInt8) -> Bool {
        (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
    }
}

/// A position in a byte buffer that only ever moves forward, so every scanning loop is bounded
/// by the document length.
///
/// Line and column are not tracked while scanning; `error(_:at:)` recomputes them from the start
/// of the document. That costs one pass per error (there is at most one) and keeps the hot path
/// to a single index increment.
struct JSONCursor {
    let bytes: [UInt8]
    /// Where the document proper starts: 3 after a UTF-8 byte order mark, else 0.
    let start: Int
    var offset: Int

    init(_ bytes: [UInt8], skippingByteOrderMark: Bool) {
        self.bytes = bytes
        let hasMark =
            skippingByteOrderMark && bytes.count >= 3
            && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF
        start = hasMark ? 3 : 0
        offset = start
    }

    var atEnd: Bool { offset >= bytes.count }

    /// The byte at the cursor, nil at the end of input.
    var current: UInt8? { offset < bytes.count ? bytes[offset] : nil }

    /// The byte `distance` past the cursor, nil past the end of input.
    func peek(_ distance: Int) -> UInt8? {
        let index = offset + distance
        return index < bytes.count ? bytes[index] : nil
    }

    /// Skip the four JSON whitespace characters (and only those: no comments, no Unicode spaces).
    mutating func skipWhitespace() {
        while offset < bytes.count {
            switch bytes[offset] {
            case Byte.space, Byte.newline, Byte.carriageReturn, Byte.tab: offset += 1
            default: return
            }
        }
    }

    /// The 1-based line and column of `target`, counting columns in Unicode scalars.
    ///
    /// Continuation bytes (0x80–0xBF) are not counted, which is exact for valid UTF-8; in
    /// invalid input the column is approximate, which is fine because the error names the byte.
    func position(of target: Int) -> (line: Int, column: Int) {
        var line = 1
        var column = 1
        var index = start
        let end = min(target, bytes.count)
        while index < end {
            let byte = bytes[index]
            if byte == Byte.newline {
                line += 1
                column = 1
            } else if byte == Byte.carriageReturn && (index + 1 >= bytes.count || bytes[index + 1] != Byte.newline) {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
            index += 1
        }
        return (line, column)
    }

    /// A syntax error located at byte `target`.
    func error(_ message: String, at target: Int) -> JSONSyntaxError {
        let (line, column) = position(of: target)
        return JSONSyntaxError(line: line, column: column, message: message)
    }

    /// A syntax error located at the cursor.
    func error(_ message: String) -> JSONSyntaxError {
        error(message, at: offset)
    }

    /// An error at the cursor saying what was expected and what was found instead; a '/' is
    /// reported as a comment, the usual reason for one appearing where it cannot.
    func unexpected(_ expectation: String) -> JSONSyntaxError {
        if current == Byte.slash {
            return error("comments are not valid JSON")
        }
        return error("\(expectation), found \(describeCharacter(at: offset))")
    }

    /// How to name the character at `target` in a message: "'x'", "control character U+0001",
    /// "'é' (U+00E9)", "invalid UTF-8 byte 0xFF" or "end of input".
    func describeCharacter(at target: Int) -> String {
        guard target < bytes.count else { return "end of input" }
        let byte = bytes[target]
        if byte < Byte.space || byte == Byte.delete {
            return "control character \(JSONCursor.scalarName(UInt32(byte)))"
        }
        if byte < 0x80 {
            return "'\(Character(Unicode.Scalar(byte)))'"
        }
        guard let length = UTF8Validation.sequenceLength(in: bytes, at: target) else {
            return "invalid UTF-8 byte \(JSONCursor.hexByte(byte))"
        }
        let text = String(decoding: bytes[target..<(target + length)], as: UTF8.self)
        return "'\(text)' (\(JSONCursor.scalarName(text.unicodeScalars.first?.value ?? 0)))"
    }

    /// "U+00E9": the conventional name of a code point, at least four hex digits.
    static func scalarName(_ value: UInt32) -> String {
        let hex = String(value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }

    /// "0xFF": a raw byte, for bytes that are not text.
    static func hexByte(_ byte: UInt8) -> String {
        let hex = String(byte, radix: 16, uppercase: true)
        return "0x" + (hex.count < 2 ? "0" : "") + hex
    }
}

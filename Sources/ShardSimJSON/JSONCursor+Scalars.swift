// Scanning the non-container values: numbers, true/false/null, and the near-misses people write
// (NaN, Infinity, single quotes, comments, "+1", ".5") so that each gets a message naming it.

extension JSONCursor {
    /// Scan a value that is not an array or object, at the cursor.
    ///
    /// `commaBefore` is the offset of a comma that just preceded this value, if any, so that a
    /// closing bracket here is reported as the trailing comma it is.
    mutating func scanScalar(commaBefore: Int?) throws(JSONSyntaxError) -> JSONValue {
        guard let byte = current else {
            throw error("unexpected end of input; expected a value")
        }
        switch byte {
        case Byte.quote:
            return .string(try scanString())
        case Byte.minus, Byte.zero...Byte.nine:
            return .number(try scanNumber())
        case Byte.closeBracket, Byte.closeBrace:
            if let commaBefore {
                throw error("trailing comma before '\(JSONCursor.printable(byte))'", at: commaBefore)
            }
            throw error("expected a value, found '\(JSONCursor.printable(byte))'")
        case Byte.apostrophe:
            throw error("single quotes are not valid JSON; use double quotes")
        case Byte.slash:
            throw error("comments are not valid JSON")
        case Byte.plus:
            throw error("a leading '+' is not valid in a JSON number; write the number without it")
        case Byte.period:
            throw error("a JSON number must start with a digit (write 0.5, not .5)")
        default:
            if Byte.isLetter(byte) {
                return try scanWord()
            }
            throw error("expected a value, found \(describeCharacter(at: offset))")
        }
    }

    /// Scan a run of letters and digits: true, false or null, else an error naming the word.
    private mutating func scanWord() throws(JSONSyntaxError) -> JSONValue {
        let begin = offset
        let word = takeWord()
        switch word {
        case "true": return .bool(true)
        case "false": return .bool(false)
        case "null": return .null
        case "NaN", "Infinity": throw error("\(word) is not valid JSON", at: begin)
        case "True", "False", "TRUE", "FALSE":
            throw error("'\(word)' is not valid JSON; booleans are lowercase true and false", at: begin)
        case "None", "nil", "NULL", "Null", "undefined":
            throw error("'\(word)' is not valid JSON; use null", at: begin)
        default:
            let shown = word.count > 32 ? String(word.prefix(32)) + "…" : word
            throw error("unexpected word '\(shown)'; strings must be in double quotes", at: begin)
        }
    }

    /// Consume and return the ASCII letters, digits and underscores at the cursor.
    private mutating func takeWord() -> String {
        let begin = offset
        while let byte = current, Byte.isLetter(byte) || Byte.isDigit(byte) || byte == 0x5F {
            offset += 1
        }
        return String(decoding: bytes[begin..<offset], as: UTF8.self)
    }

    /// Scan a number against the JSON grammar
    /// `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?` and return its literal text.
    mutating func scanNumber() throws(JSONSyntaxError) -> String {
        let begin = offset
        if current == Byte.minus {
            offset += 1
            guard let byte = current, Byte.isDigit(byte) else {
                if current.map(Byte.isLetter) == true, takeWord() == "Infinity" {
                    throw error("-Infinity is not valid JSON", at: begin)
                }
                throw error("expected a digit after '-' in a number", at: begin + 1)
            }
        }
        if current == Byte.zero {
            offset += 1
            if let byte = current, Byte.isDigit(byte) {
                throw error("leading zeros are not allowed in JSON numbers", at: begin)
            }
        } else {
            skipDigits()
        }
        if current == Byte.period {
            offset += 1
            guard let byte = current, Byte.isDigit(byte) else {
                throw error("expected a digit after the decimal point in a number (write 1.0, not 1.)")
            }
            skipDigits()
        }
        if current == 0x65 || current == 0x45 {  // e or E
            offset += 1
            if current == Byte.plus || current == Byte.minus {
                offset += 1
            }
            guard let byte = current, Byte.isDigit(byte) else {
                throw error("expected a digit in the exponent of a number")
            }
            skipDigits()
        }
        return String(decoding: bytes[begin..<offset], as: UTF8.self)
    }

    private mutating func skipDigits() {
        while let byte = current, Byte.isDigit(byte) {
            offset += 1
        }
    }

    /// Whether `text` is exactly one JSON number literal and nothing else.
    static func isNumberLiteral(_ text: String) -> Bool {
        var cursor = JSONCursor(Array(text.utf8), skippingByteOrderMark: false)
        guard let first = cursor.current, first == Byte.minus || Byte.isDigit(first) else { return false }
        guard (try? cursor.scanNumber()) != nil else { return false }
        return cursor.atEnd
    }
}

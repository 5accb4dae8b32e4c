// The strict JSON reader. Scenario files are written by people and must never crash the
// program, so the parser is iterative (an explicit stack of open containers instead of
// recursion), caps nesting, and turns every deviation from RFC 8259 into a located message.

/// Strict RFC 8259 parsing of a whole document into a `JSONValue`.
///
/// Nothing lenient is accepted (no comments, trailing commas, single quotes, NaN, leading '+' or
/// zeros), so a file that parses here parses in every other JSON tool. The one allowance is a
/// UTF-8 byte order mark at the very start, which some editors write.
public enum JSONParser {
    /// The deepest nesting of arrays and objects accepted. Real scenarios need a handful of
    /// levels; the cap keeps hostile input from costing unbounded memory, and keeps the
    /// (recursive) deallocation of the resulting value shallow.
    public static let maximumDepth = 64

    /// Parse a complete document from UTF-8 bytes.
    ///
    /// The whole input must be exactly one value, optionally surrounded by whitespace.
    public static func parse(_ bytes: [UInt8]) throws(JSONSyntaxError) -> JSONValue {
        var cursor = JSONCursor(bytes, skippingByteOrderMark: true)
        return try parseDocument(&cursor)
    }

    /// Parse a complete document from text (converted to its UTF-8 bytes).
    public static func parse(_ text: String) throws(JSONSyntaxError) -> JSONValue {
        try parse(Array(text.utf8))
    }

    /// One array or object that has been opened and not yet closed.
    private struct Frame {
        let isObject: Bool
        var elements: [JSONValue] = []
        var entries: [(key: String, value: JSONValue)] = []
        /// Where each key of this object first appeared, to name it in duplicate-key messages.
        var keyOffsets: [String: Int] = [:]
        /// The key read for the member whose value is being parsed.
        var pendingKey = ""
    }

    /// The main loop: alternately read one value (opening containers as it goes) and hand it to
    /// the open containers (closing every container that ends there). Each pass consumes input,
    /// so the loop is bounded by the document length.
    private static func parseDocument(_ cursor: inout JSONCursor) throws(JSONSyntaxError) -> JSONValue {
        var stack: [Frame] = []
        var commaBefore: Int? = nil
        cursor.skipWhitespace()
        if cursor.atEnd {
            throw cursor.error("expected a JSON value but the input is empty")
        }
        while true {
            cursor.skipWhitespace()
            let value: JSONValue
            let opener = cursor.current
            if opener == Byte.openBracket || opener == Byte.openBrace {
                commaBefore = nil
                guard let empty = try openContainer(opener, &cursor, stack: &stack) else { continue }
                value = empty
            } else {
                value = try cursor.scanScalar(commaBefore: commaBefore)
                commaBefore = nil
            }
            guard let document = try handUp(value, &cursor, stack: &stack, commaBefore: &commaBefore) else { continue }
            try expectEnd(&cursor)
            return document
        }
    }

    /// Open the array or object at the cursor: push its frame (after reading an object's first key) and return nil,
    /// or return the value itself when it is empty (`[]`, `{}`).
    private static func openContainer(_ opener: UInt8?, _ cursor: inout JSONCursor, stack: inout [Frame])
        throws(JSONSyntaxError) -> JSONValue?
    {
        guard stack.count < maximumDepth else {
            throw cursor.error("nesting deeper than \(maximumDepth) levels")
        }
        cursor.offset += 1
        cursor.skipWhitespace()
        if opener == Byte.openBracket {
            guard cursor.current == Byte.closeBracket else {
                stack.append(Frame(isObject: false))
                return nil
            }
            cursor.offset += 1
            return .array([])
        }
        guard cursor.current == Byte.closeBrace else {
            var frame = Frame(isObject: true)
            try readKey(&cursor, into: &frame, commaBefore: nil)
            stack.append(frame)
            return nil
        }
        cursor.offset += 1
        return .object(JSONObject())
    }

    /// Hand a value to its container; a closing bracket makes the container itself the value to hand up, so one value
    /// can close many levels. Returns nil when a comma says another member or element follows (the cursor is at its
    /// start, an object's key already read), or the whole document once the outermost value is complete.
    private static func handUp(
        _ value: JSONValue, _ cursor: inout JSONCursor, stack: inout [Frame],
        commaBefore: inout Int?
    ) throws(JSONSyntaxError) -> JSONValue? {
        var value = value
        while let top = stack.indices.last {
            cursor.skipWhitespace()
            let here = cursor.offset
            if stack[top].isObject {
                stack[top].entries.append((key: stack[top].pendingKey, value: value))
                switch cursor.current {
                case Byte.comma:
                    cursor.offset += 1
                    cursor.skipWhitespace()
                    try readKey(&cursor, into: &stack[top], commaBefore: here)
                    return nil
                case Byte.closeBrace:
                    cursor.offset += 1
                    value = .object(JSONObject(uniqueEntries: stack.removeLast().entries))
                default:
                    throw cursor.unexpected("expected ',' or '}' after an object member")
                }
            } else {
                stack[top].elements.append(value)
                switch cursor.current {
                case Byte.comma:
                    cursor.offset += 1
                    commaBefore = here
                    return nil
                case Byte.closeBracket:
                    cursor.offset += 1
                    value = .array(stack.removeLast().elements)
                default:
                    throw cursor.unexpected("expected ',' or ']' after an array element")
                }
            }
        }
        return value
    }

    /// Only whitespace may follow the document's one value.
    private static func expectEnd(_ cursor: inout JSONCursor) throws(JSONSyntaxError) {
        cursor.skipWhitespace()
        guard cursor.atEnd else {
            if cursor.current == Byte.slash { throw cursor.error("comments are not valid JSON") }
            let found = cursor.describeCharacter(at: cursor.offset)
            throw cursor.error("unexpected \(found) after the JSON value; a document holds exactly one value")
        }
    }

    /// Read `"key" :` at the cursor for an object, rejecting duplicates, and leave the cursor
    /// where the member's value starts.
    private static func readKey(_ cursor: inout JSONCursor, into frame: inout Frame, commaBefore: Int?)
        throws(JSONSyntaxError)
    {
        let keyOffset = cursor.offset
        switch cursor.current {
        case Byte.quote:
            break
        case Byte.closeBrace where commaBefore != nil:
            throw cursor.error("trailing comma before '}'", at: commaBefore ?? keyOffset)
        case Byte.apostrophe:
            throw cursor.error("single quotes are not valid JSON; use double quotes")
        case Byte.slash:
            throw cursor.error("comments are not valid JSON")
        case nil:
            throw cursor.error("unexpected end of input; expected an object key in double quotes")
        default:
            throw cursor.error(
                "expected an object key in double quotes, found \(cursor.describeCharacter(at: keyOffset))")
        }
        let key = try cursor.scanString()
        if let first = frame.keyOffsets[key] {
            let line = cursor.position(of: first).line
            throw cursor.error("duplicate key \(JSONStringEscaping.quoted(key)) (first at line \(line))", at: keyOffset)
        }
        frame.keyOffsets[key] = keyOffset
        cursor.skipWhitespace()
        guard cursor.current == Byte.colon else {
            throw cursor.unexpected("expected ':' after the object key \(JSONStringEscaping.quoted(key))")
        }
        cursor.offset += 1
        frame.pendingKey = key
    }
}

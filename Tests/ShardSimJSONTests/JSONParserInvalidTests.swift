import ShardSimJSON
import Testing

/// An invalid document, a fragment its message must contain, and where the error must point.
struct InvalidCase: Sendable, CustomTestStringConvertible {
    let source: [UInt8]
    let fragment: String
    let line: Int
    let column: Int
    init(_ text: String, _ fragment: String, _ line: Int, _ column: Int) {
        self.init(bytes: Array(text.utf8), fragment, line, column)
    }
    init(bytes: [UInt8], _ fragment: String, _ line: Int, _ column: Int) {
        self.source = bytes
        self.fragment = fragment
        self.line = line
        self.column = column
    }
    var testDescription: String { "\(source) → \(fragment)" }
}

@Suite struct JSONParserInvalidTests {
    static let cases: [InvalidCase] = [
        // Structure.
        InvalidCase("", "input is empty", 1, 1),
        InvalidCase("  \n ", "input is empty", 2, 2),
        InvalidCase("[1,2,]", "trailing comma before ']'", 1, 5),
        InvalidCase(#"{"a":1,}"#, "trailing comma before '}'", 1, 7),
        InvalidCase("[\n  1,\n]", "trailing comma", 2, 4),
        InvalidCase("[1 2]", "expected ',' or ']' after an array element, found '2'", 1, 4),
        InvalidCase(#"{"a":1 "b":2}"#, "expected ',' or '}' after an object member", 1, 8),
        InvalidCase(#"{"a" 1}"#, #"expected ':' after the object key "a""#, 1, 6),
        InvalidCase("{a:1}", "expected an object key in double quotes, found 'a'", 1, 2),
        InvalidCase("[1,2", "found end of input", 1, 5),
        InvalidCase("[", "unexpected end of input", 1, 2),
        InvalidCase("[,1]", "expected a value, found ','", 1, 2),
        InvalidCase(#"{"a":}"#, "expected a value, found '}'", 1, 6),
        InvalidCase("1 2", "after the JSON value", 1, 3),
        InvalidCase("[1]]", "after the JSON value", 1, 4),
        InvalidCase("{}\n\nx", "unexpected 'x' after the JSON value", 3, 1),
        // Near-JSON that people write.
        InvalidCase("[1, /* c */ 2]", "comments are not valid JSON", 1, 5),
        InvalidCase("{\"a\": 1 // c\n}", "comments are not valid JSON", 1, 9),
        InvalidCase("// c\n1", "comments are not valid JSON", 1, 1),
        InvalidCase("1 // c", "comments are not valid JSON", 1, 3),
        InvalidCase("{'a': 1}", "single quotes are not valid JSON", 1, 2),
        InvalidCase("['a']", "single quotes are not valid JSON", 1, 2),
        InvalidCase("NaN", "NaN is not valid JSON", 1, 1),
        InvalidCase("[Infinity]", "Infinity is not valid JSON", 1, 2),
        InvalidCase("-Infinity", "-Infinity is not valid JSON", 1, 1),
        InvalidCase("True", "booleans are lowercase", 1, 1),
        InvalidCase("tru", "unexpected word 'tru'", 1, 1),
        InvalidCase("[web]", "strings must be in double quotes", 1, 2),
        // Numbers.
        InvalidCase("01", "leading zeros", 1, 1),
        InvalidCase("[-01]", "leading zeros", 1, 2),
        InvalidCase("+1", "leading '+'", 1, 1),
        InvalidCase("1.", "after the decimal point", 1, 3),
        InvalidCase("[1.]", "after the decimal point", 1, 4),
        InvalidCase(".5", "must start with a digit", 1, 1),
        InvalidCase("-", "expected a digit after '-'", 1, 2),
        InvalidCase("-x", "expected a digit after '-'", 1, 2),
        InvalidCase("1e", "exponent", 1, 3),
        InvalidCase("1e+", "exponent", 1, 4),
        // Strings.
        InvalidCase(#""abc"#, "unterminated string", 1, 1),
        InvalidCase(#"["ab\"#, "unterminated string", 1, 2),
        InvalidCase(#""\x""#, #"invalid escape '\x'"#, 1, 2),
        InvalidCase(#""\'""#, #"invalid escape '\''"#, 1, 2),
        InvalidCase(#""\u12""#, "four hexadecimal digits", 1, 2),
        InvalidCase(#""\uZZZZ""#, "four hexadecimal digits", 1, 2),
        InvalidCase("\"a\tb\"", "unescaped control character U+0009", 1, 3),
        InvalidCase("\"line\nbreak\"", "unescaped control character U+000A", 1, 6),
        InvalidCase(#""\uD800""#, "unpaired UTF-16 surrogate", 1, 2),
        InvalidCase(#""x\uDC00""#, "unpaired UTF-16 surrogate", 1, 3),
        InvalidCase(#""\uD800\u0041""#, "unpaired UTF-16 surrogate", 1, 2),
        InvalidCase(#""\uD800\n""#, "unpaired UTF-16 surrogate", 1, 2),
        InvalidCase(#"{"name": 1, "name": 2}"#, #"duplicate key "name" (first at line 1)"#, 1, 13),
        InvalidCase("{\n  \"name\": 1,\n  \"name\": 2\n}", #"duplicate key "name" (first at line 2)"#, 3, 3),
        InvalidCase(#"{"a":{"b":1},"a":2}"#, #"duplicate key "a""#, 1, 14),
        // Bytes that are not UTF-8, inside and outside strings.
        InvalidCase(bytes: [0x22, 0x61, 0xFF, 0x62, 0x22], "invalid UTF-8 byte 0xFF", 1, 3),
        InvalidCase(bytes: [0x22, 0xC0, 0xAF, 0x22], "invalid UTF-8 byte 0xC0", 1, 2),
        InvalidCase(bytes: [0x22, 0xED, 0xA0, 0x80, 0x22], "invalid UTF-8 byte 0xED", 1, 2),
        InvalidCase(bytes: [0x22, 0xE2, 0x82, 0x22], "invalid UTF-8 byte 0xE2", 1, 2),
        InvalidCase(bytes: [0x22, 0xF4, 0x90, 0x80, 0x80, 0x22], "invalid UTF-8 byte 0xF4", 1, 2),
        InvalidCase(bytes: [0x22, 0x80, 0x22], "invalid UTF-8 byte 0x80", 1, 2),
        InvalidCase(bytes: [0x5B, 0xFF, 0x5D], "expected a value, found invalid UTF-8 byte 0xFF", 1, 2),
        // Only the four JSON whitespace characters separate tokens.
        InvalidCase("\u{00A0}1", "expected a value, found '\u{00A0}' (U+00A0)", 1, 1),
        InvalidCase("\u{0C}1", "found control character U+000C", 1, 1),
        // Positions: BOM not counted, CRLF and lone CR break lines, columns count characters.
        InvalidCase("\u{FEFF}[1,]", "trailing comma", 1, 3),
        InvalidCase("\u{FEFF}", "input is empty", 1, 1),
        InvalidCase("[\r\n1,\r\n]", "trailing comma", 2, 2),
        InvalidCase("[\r1,]", "trailing comma", 2, 2),
        InvalidCase("[\"é😀\", 01]", "leading zeros", 1, 8),
        InvalidCase("[1,\n\t\"ok\",\n\t01]", "leading zeros", 3, 2),
        // A BOM anywhere but the very start is not whitespace.
        InvalidCase(" \u{FEFF}1", "U+FEFF", 1, 2),
    ]

    @Test(arguments: cases)
    func reportsMessageAndPosition(_ testCase: InvalidCase) {
        do {
            let value = try JSONParser.parse(testCase.source)
            Issue.record("expected an error, parsed \(value)")
        } catch {
            #expect(error.message.contains(testCase.fragment), "message: \(error.message)")
            #expect(error.line == testCase.line, "\(error)")
            #expect(error.column == testCase.column, "\(error)")
            #expect(error.description == "line \(error.line), column \(error.column): \(error.message)")
        }
    }

    @Test func rejectsNestingOneBeyondTheMaximum() {
        let depth = JSONParser.maximumDepth + 1
        let text = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
        #expect(throws: JSONSyntaxError(line: 1, column: depth, message: "nesting deeper than 64 levels")) {
            try JSONParser.parse(text)
        }
    }
}

import ShardSimJSON
import Testing

@Suite struct JSONCommandLineTests {
    static let cases: [(String, JSONValue)] = [
        ("8", .number("8")),
        ("-2.5e3", .number("-2.5e3")),
        ("web", .literal("web")),
        ("\"8\"", .string("8")),
        ("15m", .literal("15m")),
        ("true", .bool(true)),
        ("false", .bool(false)),
        ("null", .null),
        ("{\"a\":1}", .object(JSONObject([("a", .number("1"))]))),
        ("[1, \"x\"]", .array([.number("1"), .string("x")])),
        ("", .literal("")),
        ("01", .literal("01")),
        ("NaN", .literal("NaN")),
        ("'web'", .literal("'web'")),
        ("{\"a\":1,}", .literal("{\"a\":1,}")),
        ("hello world", .literal("hello world")),
        ("\"unterminated", .literal("\"unterminated")),
    ]

    @Test(arguments: cases)
    func overrideValues(_ text: String, _ expected: JSONValue) {
        #expect(JSONValue.fromCommandLine(text) == expected)
    }

    @Test func literalDurationStillReadsAsNonNumeric() {
        let value = JSONValue.fromCommandLine("15m")
        #expect(value.kindDescription == "a value")
        #expect(value.doubleValue == nil)
    }
}

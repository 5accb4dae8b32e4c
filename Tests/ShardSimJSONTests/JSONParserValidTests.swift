import Testing

@testable import ShardSimJSON

/// A valid document and the value it must parse to.
struct ValidCase: Sendable, CustomTestStringConvertible {
    let source: [UInt8]
    let expected: JSONValue
    init(_ text: String, _ expected: JSONValue) {
        self.source = Array(text.utf8)
        self.expected = expected
    }
    var testDescription: String { String(decoding: source, as: UTF8.self).debugDescription }
}

@Suite struct JSONParserValidTests {
    static let cases: [ValidCase] = [
        ValidCase("null", .null),
        ValidCase("true", .bool(true)),
        ValidCase(" false ", .bool(false)),
        ValidCase("0", .number("0")),
        ValidCase("-0", .number("-0")),
        ValidCase("1.50", .number("1.50")),
        ValidCase("-12.5E-07", .number("-12.5E-07")),
        ValidCase("1e+2", .number("1e+2")),
        ValidCase("18446744073709551615", .number("18446744073709551615")),
        ValidCase(#""""#, .string("")),
        ValidCase(#""a\"b\\c\/d\b\f\n\r\t""#, .string("a\"b\\c/d\u{08}\u{0C}\n\r\t")),
        ValidCase(#""\u00e9\u00E9\uD83D\uDE00""#, .string("éé😀")),
        ValidCase(#""\u0000""#, .string("\u{0}")),
        ValidCase("\"日本 é 😀\"", .string("日本 é 😀")),
        ValidCase("[]", .array([])),
        ValidCase("{}", .object(JSONObject())),
        ValidCase("[ ]", .array([])),
        ValidCase("{ \n }", .object(JSONObject())),
        ValidCase(
            #"[1,[2,[3]],{"a":null}]"#,
            .array([
                .number("1"),
                .array([.number("2"), .array([.number("3")])]),
                .object(JSONObject([("a", .null)])),
            ])),
        ValidCase(
            #"{"b":1,"a":[true,false],"c":{}}"#,
            .object(
                JSONObject([
                    ("b", .number("1")), ("a", .array([.bool(true), .bool(false)])), ("c", .object(JSONObject())),
                ]))),
        ValidCase("\u{FEFF}{\"x\":1}", .object(JSONObject([("x", .number("1"))]))),
        ValidCase("\t\r\n [ 1 , 2 ] \n", .array([.number("1"), .number("2")])),
        ValidCase(#"{"":0,"a b":"c"}"#, .object(JSONObject([("", .number("0")), ("a b", .string("c"))]))),
        ValidCase(#"{"a":1,"A":2}"#, .object(JSONObject([("a", .number("1")), ("A", .number("2"))]))),
    ]

    @Test(arguments: cases)
    func parsesToExpectedValue(_ testCase: ValidCase) throws {
        #expect(try JSONParser.parse(testCase.source) == testCase.expected)
    }

    @Test(arguments: cases)
    func stringAndByteEntryPointsAgree(_ testCase: ValidCase) throws {
        let text = String(decoding: testCase.source, as: UTF8.self)
        #expect(try JSONParser.parse(text) == JSONParser.parse(testCase.source))
    }

    @Test func objectKeepsKeyOrderAndLooksUpMembers() throws {
        let value = try JSONParser.parse(#"{"zeta": 1, "alpha": {"inner": "x"}, "mid": [null]}"#)
        guard case .object(let object) = value else {
            Issue.record("expected an object, got \(value.kindDescription)")
            return
        }
        #expect(object.keys == ["zeta", "alpha", "mid"])
        #expect(object["alpha"] == .object(JSONObject([("inner", .string("x"))])))
        #expect(object["mid"] == .array([.null]))
        #expect(object["missing"] == nil)
    }

    @Test func acceptsNestingAtExactlyTheMaximumDepth() throws {
        let depth = JSONParser.maximumDepth
        let arrays = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
        var expected = JSONValue.array([])
        for _ in 1..<depth { expected = .array([expected]) }
        #expect(try JSONParser.parse(arrays) == expected)

        let objects = String(repeating: #"{"k":"#, count: depth - 1) + "{}" + String(repeating: "}", count: depth - 1)
        #expect(throws: Never.self) { try JSONParser.parse(objects) }
    }

    @Test func kindDescriptionsNameEveryCase() {
        let kinds: [(JSONValue, String)] = [
            (.null, "null"), (.bool(true), "a boolean"), (.number("1"), "a number"),
            (.string("s"), "a string"), (.array([]), "an array"), (.object(JSONObject()), "an object"),
            (.literal("15m"), "a value"),
        ]
        for (value, name) in kinds {
            #expect(value.kindDescription == name)
        }
    }
}

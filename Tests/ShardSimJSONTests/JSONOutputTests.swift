import ShardSimJSON
import Testing

@Suite struct JSONOutputTests {
    static let doubles: [(Double, String)] = [
        (2.0, "2.0"),
        (2.0 / 3.0, "0.666667"),
        (0.0, "0.0"),
        (-0.0, "0.0"),
        (123456.5, "123456.5"),
        (-0.25, "-0.25"),
        (1e20, "100000000000000000000.0"),
        (-1e20, "-100000000000000000000.0"),
        (1e15, "1000000000000000.0"),
        (1.5e16, "15000000000000000.0"),
        (0.1, "0.1"),
        (0.1 + 0.2, "0.3"),
        (1.0000005, "1.000001"),
        (0.0000005, "0.000001"),
        (0.00000049, "0.0"),
        (-0.00000049, "0.0"),
        (0.0000015, "0.000002"),
        (1e-7, "0.0"),
        (0.000123456789, "0.000123"),
        (9.9999996, "10.0"),
        (-9.9999996, "-10.0"),
        (999999.9999999, "1000000.0"),
        (3.14159265358979, "3.141593"),
        (1.7976931348623157e308, "17976931348623157" + String(repeating: "0", count: 292) + ".0"),
        (Double.leastNonzeroMagnitude, "0.0"),
        (Double.nan, "null"),
        (Double.infinity, "null"),
        (-Double.infinity, "null"),
    ]

    @Test(arguments: doubles)
    func doubleFormatting(_ value: Double, _ expected: String) {
        #expect(JSONOutput.double(value).rendered() == expected)
        #expect(JSONOutput.double(value).rendered(pretty: false) == expected)
    }

    @Test func integersAndLiterals() {
        #expect(JSONOutput.int(0).rendered() == "0")
        #expect(JSONOutput.int(-42).rendered() == "-42")
        #expect(JSONOutput.int(.max).rendered() == "9223372036854775807")
        #expect(JSONOutput.int(.min).rendered() == "-9223372036854775808")
        #expect(JSONOutput.null.rendered() == "null")
        #expect(JSONOutput.bool(true).rendered() == "true")
        #expect(JSONOutput.bool(false).rendered(pretty: false) == "false")
    }

    @Test func stringEscaping() {
        let text = "q\" b\\ s/ n\n r\r t\t b\u{08} f\u{0C} nul\u{0} esc\u{1B} us\u{1F} del\u{7F} é 日 😀"
        let expected = #""q\" b\\ s/ n\n r\r t\t b\b f\f nul\u0000 esc\u001b us\u001f del\u007f é 日 😀""#
        #expect(JSONOutput.string(text).rendered() == expected)
        // C1 controls (UTF-8 C2 80 - C2 9F) are escaped too; their neighbours C2 A0 (NBSP) and C2 A9 (©) are not.
        #expect(
            JSONOutput.string("nel\u{85} csi\u{9B} apc\u{9F} nbsp\u{A0} ©").rendered()
                == #""nel\u0085 csi\u009b apc\u009f nbsp\#u{A0} ©""#)
    }

    @Test func escapedStringsParseBackToTheSameText() throws {
        var text = ""
        for scalar in (0...0xA0).compactMap(Unicode.Scalar.init) { text.unicodeScalars.append(scalar) }
        text += "é日😀\u{2028}"
        let rendered = JSONOutput.string(text).rendered()
        #expect(try JSONParser.parse(rendered) == .string(text))
    }

    static let sample = JSONOutput.object([
        ("name", .string("web")),
        ("shards", .int(4)),
        ("ratio", .double(0.5)),
        ("tags", .array([.string("a"), .null, .bool(true)])),
        ("empty_list", .array([])),
        ("empty_map", .object([])),
        ("nested", .object([("deep", .array([.array([]), .object([("x", .int(1))])]))])),
    ])

    @Test func prettyLayout() {
        let expected = """
            {
              "name": "web",
              "shards": 4,
              "ratio": 0.5,
              "tags": [
                "a",
                null,
                true
              ],
              "empty_list": [],
              "empty_map": {},
              "nested": {
                "deep": [
                  [],
                  {
                    "x": 1
                  }
                ]
              }
            }
            """
        #expect(Self.sample.rendered() == expected)
        #expect(Self.sample.rendered(pretty: true) == expected)
        #expect(!Self.sample.rendered().hasSuffix("\n"))
    }

    @Test func compactLayout() {
        let expected =
            #"{"name":"web","shards":4,"ratio":0.5,"tags":["a",null,true],"empty_list":[],"empty_map":{},"nested":{"deep":[[],{"x":1}]}}"#
        #expect(Self.sample.rendered(pretty: false) == expected)
    }

    @Test func topLevelEmptyContainers() {
        #expect(JSONOutput.array([]).rendered() == "[]")
        #expect(JSONOutput.object([]).rendered() == "{}")
        #expect(JSONOutput.array([.int(1)]).rendered() == "[\n  1\n]")
    }

    @Test func renderingIsDeterministic() {
        let doubles = (0..<500).map { JSONOutput.double(Double($0) / 7.0 - 30.0) }
        let value = JSONOutput.object([("values", .array(doubles)), ("sample", Self.sample)])
        #expect(value.rendered() == value.rendered())
        #expect(value.rendered(pretty: false) == value.rendered(pretty: false))
    }

    @Test func renderedOutputIsValidJSONForTheParser() throws {
        let parsed = try JSONParser.parse(Self.sample.rendered())
        let compact = try JSONParser.parse(Self.sample.rendered(pretty: false))
        #expect(parsed == compact)
        guard case .object(let object) = parsed else { return }
        #expect(object.keys == ["name", "shards", "ratio", "tags", "empty_list", "empty_map", "nested"])
    }

    @Test func equalityIsStructuralAndOrderSensitive() {
        #expect(JSONOutput.object([("a", .int(1)), ("b", .int(2))]) == .object([("a", .int(1)), ("b", .int(2))]))
        #expect(JSONOutput.object([("a", .int(1)), ("b", .int(2))]) != .object([("b", .int(2)), ("a", .int(1))]))
        #expect(JSONOutput.int(1) != .double(1))
        #expect(JSONOutput.array([.null]) != .array([]))
    }
}

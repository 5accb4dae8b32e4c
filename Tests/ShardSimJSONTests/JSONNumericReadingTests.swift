import ShardSimJSON
import Testing

/// A literal and its expected readings (nil where the reading must refuse).
struct NumericCase: Sendable, CustomTestStringConvertible {
    let literal: String
    let int64: Int64?
    let uint64: UInt64?
    let double: Double?
    var testDescription: String { literal }
}

@Suite struct JSONNumericReadingTests {
    static let cases: [NumericCase] = [
        NumericCase(literal: "0", int64: 0, uint64: 0, double: 0),
        NumericCase(literal: "-0", int64: 0, uint64: 0, double: -0.0),
        NumericCase(literal: "-0.0e5", int64: 0, uint64: 0, double: -0.0),
        NumericCase(literal: "42", int64: 42, uint64: 42, double: 42),
        NumericCase(literal: "-42", int64: -42, uint64: nil, double: -42),
        NumericCase(
            literal: "9223372036854775807", int64: .max, uint64: 9_223_372_036_854_775_807,
            double: 9.223372036854775807e18),
        NumericCase(
            literal: "9223372036854775808", int64: nil, uint64: 9_223_372_036_854_775_808,
            double: 9.223372036854775808e18),
        NumericCase(literal: "-9223372036854775808", int64: .min, uint64: nil, double: -9.223372036854775808e18),
        NumericCase(literal: "-9223372036854775809", int64: nil, uint64: nil, double: -9.223372036854775809e18),
        NumericCase(literal: "18446744073709551615", int64: nil, uint64: .max, double: 1.8446744073709551615e19),
        NumericCase(literal: "18446744073709551616", int64: nil, uint64: nil, double: 1.8446744073709551616e19),
        NumericCase(literal: "1e3", int64: 1000, uint64: 1000, double: 1000),
        NumericCase(literal: "1E+3", int64: 1000, uint64: 1000, double: 1000),
        NumericCase(literal: "1000.0", int64: 1000, uint64: 1000, double: 1000),
        NumericCase(literal: "1.5e1", int64: 15, uint64: 15, double: 15),
        NumericCase(literal: "12500e-2", int64: 125, uint64: 125, double: 125),
        NumericCase(literal: "0.5", int64: nil, uint64: nil, double: 0.5),
        NumericCase(literal: "1.0000000000000000001", int64: nil, uint64: nil, double: 1),
        NumericCase(literal: "1e-1", int64: nil, uint64: nil, double: 0.1),
        NumericCase(literal: "1e19", int64: nil, uint64: 10_000_000_000_000_000_000, double: 1e19),
        NumericCase(literal: "1e20", int64: nil, uint64: nil, double: 1e20),
        NumericCase(literal: "0e999999999999999999999", int64: 0, uint64: 0, double: 0),
        NumericCase(literal: "1e999999999999999999999", int64: nil, uint64: nil, double: nil),
        NumericCase(literal: "1e-999999999999999999999", int64: nil, uint64: nil, double: 0),
        NumericCase(literal: "1e400", int64: nil, uint64: nil, double: nil),
        NumericCase(literal: "-1e400", int64: nil, uint64: nil, double: nil),
        NumericCase(literal: "0.000000000000000000000000001e27", int64: 1, uint64: 1, double: 1),
    ]

    @Test(arguments: cases)
    func numberReadings(_ testCase: NumericCase) {
        let value = JSONValue.number(testCase.literal)
        #expect(value.int64Value == testCase.int64)
        #expect(value.uint64Value == testCase.uint64)
        #expect(value.doubleValue == testCase.double)
        if let double = value.doubleValue, let expected = testCase.double {
            #expect(double.sign == expected.sign)
        }
    }

    @Test(arguments: cases)
    func literalsThatLookLikeNumbersReadTheSame(_ testCase: NumericCase) {
        let value = JSONValue.literal(testCase.literal)
        #expect(value.int64Value == testCase.int64)
        #expect(value.uint64Value == testCase.uint64)
        #expect(value.doubleValue == testCase.double)
    }

    @Test(arguments: ["15m", "+1", "inf", "nan", "0x10", " 1", "1 ", "01", "1.", ".5", "", "1e", "Infinity", "-"])
    func literalsThatAreNotJSONNumbersReadAsNil(_ text: String) {
        let value = JSONValue.literal(text)
        #expect(value.int64Value == nil)
        #expect(value.uint64Value == nil)
        #expect(value.doubleValue == nil)
    }

    @Test func nonNumbersReadAsNil() {
        let values: [JSONValue] = [.null, .bool(true), .string("1"), .array([.number("1")]), .object(JSONObject())]
        for value in values {
            #expect(value.int64Value == nil)
            #expect(value.uint64Value == nil)
            #expect(value.doubleValue == nil)
        }
    }

    @Test func parsedNumbersReadExactly() throws {
        let value = try JSONParser.parse("[18446744073709551615, 0.1]")
        #expect(value == .array([.number("18446744073709551615"), .number("0.1")]))
        guard case .array(let elements) = value else { return }
        #expect(elements[0].uint64Value == UInt64.max)
        #expect(elements[1].doubleValue == 0.1)
    }
}

import ShardSimJSON
import Testing

@Suite struct JSONObjectTests {
    @Test func subscriptReplacesInPlaceAppendsAndRemoves() {
        var object = JSONObject([("a", .number("1")), ("b", .number("2"))])
        object["a"] = .string("x")
        #expect(object.keys == ["a", "b"])
        #expect(object["a"] == .string("x"))
        object["c"] = .null
        #expect(object.keys == ["a", "b", "c"])
        object["b"] = nil
        #expect(object.keys == ["a", "c"])
        object["missing"] = nil
        #expect(object.keys == ["a", "c"])
    }

    @Test func equalityIsOrderSensitive() {
        let ab = JSONObject([("a", .null), ("b", .null)])
        let ba = JSONObject([("b", .null), ("a", .null)])
        #expect(ab != ba)
        #expect(ab == JSONObject([("a", .null), ("b", .null)]))
        #expect(ab != JSONObject([("a", .null)]))
    }

    @Test func initialiserKeepsTheFirstOfRepeatedKeys() {
        let object = JSONObject([("a", .number("1")), ("b", .null), ("a", .number("2"))])
        #expect(object.keys == ["a", "b"])
        #expect(object["a"] == .number("1"))
    }
}

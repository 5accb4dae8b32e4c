import ShardSimModel
import Testing

/// PutRecords' limits: keys of 1...256 Unicode scalars, ExplicitHashKey `0|([1-9]\d{0,38})` ≤ 2^128 − 1.
@Suite struct RoutingPartitionKeyRulesTests {
    static let emoji = "\u{1F642}"
    static let eAcute = "\u{E9}"
    static let eCombining = "e\u{301}"

    @Test func limitsAreAWSs() {
        #expect(PartitionKeyRules.minimumLength == 1)
        #expect(PartitionKeyRules.maximumLength == 256)
    }

    @Test(arguments: [
        "a", eAcute, emoji, eCombining, " ",
        String(repeating: "k", count: 256),
        String(repeating: eAcute, count: 256),
        String(repeating: emoji, count: 256),
        String(repeating: "x", count: 255) + emoji,
        // 256 scalars but only 128 Characters: the limit is on scalars.
        String(repeating: eCombining, count: 128),
    ])
    func acceptsOneTo256Scalars(_ key: String) {
        #expect(PartitionKeyRules.isValid(key))
    }

    @Test(arguments: [
        "",
        String(repeating: "k", count: 257),
        String(repeating: eAcute, count: 257),
        String(repeating: emoji, count: 257),
        String(repeating: "x", count: 256) + emoji,
        // Only 129 (or 256) Characters, but 258 (or 512) scalars: a Character count would wrongly pass.
        String(repeating: eCombining, count: 129),
        String(repeating: eCombining, count: 256),
    ])
    func rejectsEmptyAndOver256Scalars(_ key: String) {
        #expect(!PartitionKeyRules.isValid(key))
    }

    @Test(arguments: [
        "0", "1", "9", "10", "42",
        "100000000000000000000000000000000000000",  // 10^38, 39 digits
        "170141183460469231731687303715884105728",  // 2^127
        "340282366920938463463374607431768211454",
        "340282366920938463463374607431768211455",  // 2^128 - 1
    ])
    func acceptsExplicitHashKeys(_ text: String) {
        // The stdlib's lenient parser is the reference for the value, once the grammar holds.
        #expect(PartitionKeyRules.parseExplicitHashKey(text) == UInt128(text))
    }

    @Test func explicitHashKeyEdgesHaveTheirValues() {
        #expect(PartitionKeyRules.parseExplicitHashKey("0") == 0)
        #expect(PartitionKeyRules.parseExplicitHashKey("340282366920938463463374607431768211455") == .max)
    }

    @Test(arguments: [
        "340282366920938463463374607431768211456",  // 2^128
        "999999999999999999999999999999999999999",  // 39 digits, too big
        "1000000000000000000000000000000000000000",  // 40 digits
        "0000000000000000000000000000000000000001",  // 40 digits, leading zeros
        "01", "00", "-1", "+1", "-0", "", "1e5", "1.0", " 1", "1 ", "1_000", "0x10",
        "\u{FF11}",  // full-width digit one
        "\u{0663}",  // Arabic-Indic digit three
    ])
    func rejectsMalformedExplicitHashKeys(_ text: String) {
        #expect(PartitionKeyRules.parseExplicitHashKey(text) == nil)
    }
}

import ShardSimModel
import Testing

/// Shard ids are `shardId-` plus 12 zero-padded digits, and only that form parses back.
@Suite struct RoutingShardIdTests {
    @Test(arguments: [
        (0, "shardId-000000000000"),
        (7, "shardId-000000000007"),
        (42, "shardId-000000000042"),
        (499, "shardId-000000000499"),
        (123_456_789_012, "shardId-123456789012"),
        (999_999_999_999, "shardId-999999999999"),
    ])
    func formatsAndParsesBack(number: Int, id: String) {
        #expect(ShardId.string(forNumber: number) == id)
        #expect(ShardId.number(from: id) == number)
    }

    @Test(arguments: [
        "", "shardId-", "shardId-7", "shardId-00000000007", "shardId-0000000000007",
        "shardid-000000000007", "ShardId-000000000007", "shard-000000000007",
        " shardId-000000000007", "shardId-000000000007 ", "shardId--00000000007",
        "shardId-+00000000007", "shardId-00000000000a",
        "shardId-00000000000\u{FF17}",  // full-width seven
    ])
    func rejectsAnythingButTheExactForm(_ id: String) {
        #expect(ShardId.number(from: id) == nil)
    }
}

import ShardSimJSON
import ShardSimModel
import ShardSimReport

/// `shardsim route KEY… --shards N`: where Kinesis puts each key in a new stream of N shards.
enum RouteCommand {
    static func execute(_ arguments: CommandLineArguments) throws(UsageError) -> CommandOutcome {
        guard let shardCount = arguments.shards else { throw UsageError("--shards N is required") }
        guard !arguments.positionals.isEmpty else { throw UsageError("expected at least one partition key") }
        for key in arguments.positionals where !PartitionKeyRules.isValid(key) {
            throw UsageError("'\(key)' is not a partition key: Kinesis takes 1 to 256 Unicode characters")
        }
        let ranges = HashKeyRange.initialRanges(shardCount: shardCount)
        let router = HashKeyRouter(ranges: ranges)
        var rows: [(key: String, hashKey: String, shardId: String)] = []
        for key in arguments.positionals {
            let hashKey = MD5.hashKey(forPartitionKey: key)
            rows.append((key, String(hashKey), ShardId.string(forNumber: router.shardIndex(for: hashKey))))
        }
        let text: String
        if arguments.format == "json" {
            text = JSONOutput.array(rows.map { row in
                .object([("partitionKey", .string(row.key)), ("hashKey", .string(row.hashKey)), ("shardId", .string(row.shardId))])
            }).rendered() + "\n"
        } else {
            var table = TextTable([("partition key", .left), ("shard", .left), ("hash key (decimal)", .right)])
            for row in rows { table.add([row.key, row.shardId, row.hashKey]) }
            text = table.rendered(indent: "") + "\n"
        }
        var outcome = CommandOutcome(exitCode: 0)
        try ShardSimCommand.deliver(text, to: arguments.outputPath, outcome: &outcome)
        return outcome
    }
}

import Foundation
import ShardSimJSON
import ShardSimModel
import ShardSimReport
import ShardSimScenario

/// `shardsim route KEY… --shards N`: where Kinesis puts each key in a new stream of N shards, or, with
/// `--shards-file PATH` (describe-stream or list-shards JSON), in that existing stream's open shards.
enum RouteCommand {
    static func execute(_ arguments: CommandLineArguments) throws(UsageError) -> CommandOutcome {
        guard !arguments.positionals.isEmpty else { throw UsageError("expected at least one partition key") }
        for key in arguments.positionals where !PartitionKeyRules.isValid(key) {
            throw UsageError("'\(key)' is not a partition key: Kinesis takes 1 to 256 Unicode characters")
        }
        let shards = try openShards(arguments)
        let router = HashKeyRouter(ranges: shards.map(\.range))
        var rows: [(key: String, hashKey: String, shardId: String)] = []
        for key in arguments.positionals {
            let hashKey = MD5.hashKey(forPartitionKey: key)
            rows.append((key, String(hashKey), ShardId.string(forNumber: shards[router.shardIndex(for: hashKey)].number)))
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

    /// The open shards in hash key order: a new stream's even split, or the file's layout.
    private static func openShards(_ arguments: CommandLineArguments) throws(UsageError) -> [(number: Int, range: HashKeyRange)] {
        if let path = arguments.extra["--shards-file"] {
            guard arguments.shards == nil else { throw UsageError("give --shards N or --shards-file PATH, not both") }
            let bytes: [UInt8]
            switch BoundedFile.read(path) {
            case .success(let read): bytes = read
            case .failure(let error): throw UsageError("cannot read shards file '\(path)': \(error.message)")
            }
            switch ShardListImport.layout(from: bytes) {
            case .failure(let error): throw UsageError("\(path): \(error.message)")
            case .success(let layout):
                return layout.shards.map { ($0.number, $0.hashKeyRange) }.sorted { $0.range.startingHashKey < $1.range.startingHashKey }
            }
        }
        guard let shardCount = arguments.shards else { throw UsageError("--shards N (a new stream) or --shards-file PATH (an existing one) is required") }
        return HashKeyRange.initialRanges(shardCount: shardCount).enumerated().map { ($0.offset, $0.element) }
    }
}

import Foundation
import ShardSimJSON
import ShardSimModel
import ShardSimReport
import ShardSimScenario

/// `shardsim route KEY… --shards N`: where Kinesis puts each key in a new stream of N shards, or, with
/// `--shards-file PATH` (describe-stream or list-shards JSON), in that existing stream's open shards.
enum RouteCommand {
    static func execute(_ arguments: CommandLineArguments) throws(UsageError) -> CommandOutcome {
        let options = try RouteOptions(arguments)
        let shards = try openShards(options.stream)
        let router = HashKeyRouter(ranges: shards.map(\.range))
        var rows: [(key: String, hashKey: String, shardId: String)] = []
        for key in options.keys {
            let hashKey = MD5.hashKey(forPartitionKey: key)
            rows.append(
                (key, String(hashKey), ShardId.string(forNumber: shards[router.shardIndex(for: hashKey)].number)))
        }
        let text: String
        if arguments.format == .json {
            text =
                JSONOutput.array(
                    rows.map { row in
                        .object([
                            ("partitionKey", .string(row.key)), ("hashKey", .string(row.hashKey)),
                            ("shardId", .string(row.shardId)),
                        ])
                    }
                ).rendered() + "\n"
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
    private static func openShards(_ stream: RouteOptions.Stream) throws(UsageError) -> [(
        number: Int, range: HashKeyRange
    )] {
        switch stream {
        case .new(let shardCount):
            return HashKeyRange.initialRanges(shardCount: shardCount).enumerated().map { ($0.offset, $0.element) }
        case .described(let path):
            let bytes: [UInt8]
            switch BoundedFile.read(path) {
            case .success(let read): bytes = read
            case .failure(let error): throw UsageError("cannot read shards file '\(path)': \(error.message)")
            }
            switch ShardListImport.layout(from: bytes) {
            case .failure(let error): throw UsageError("\(path): \(error.message)")
            case .success(let layout):
                return layout.shards.map { ($0.number, $0.hashKeyRange) }.sorted {
                    $0.range.startingHashKey < $1.range.startingHashKey
                }
            }
        }
    }
}

import ShardSimJSON
import ShardSimModel

/// What a shard list file says about a real stream.
struct ImportedStream {
    var layout: InitialShardLayout
    /// `RetentionPeriodHours` (describe-stream only).
    var retentionPeriodHours: Int64?
}

/// Reads the JSON of `aws kinesis describe-stream` (`StreamDescription.Shards`) or `aws kinesis list-shards`
/// (`Shards`) as the layout the run starts with.
///
/// Open shards are those whose `SequenceNumberRange` has no `EndingSequenceNumber`; their inclusive hash key
/// ranges must cover 0 … 2^128 − 1 exactly once. Closed shards only matter for numbering: a child created
/// during the run takes the number after the highest one the file mentions, as Kinesis never reuses a number.
/// https://docs.aws.amazon.com/kinesis/latest/APIReference/API_DescribeStream.html
/// https://docs.aws.amazon.com/kinesis/latest/APIReference/API_ListShards.html
enum ShardListReading {
    /// Highest shard number accepted, leaving room below the 12-digit id limit for the children a run can create.
    static let maxImportedShardNumber = 999_000_000_000

    static func read(_ bytes: [UInt8]) throws(ImportProblem) -> ImportedStream {
        let document: JSONValue
        do {
            document = try JSONParser.parse(bytes)
        } catch {
            throw ImportProblem("not valid JSON: \(error.description)")
        }
        guard case .object(let root) = document else { throw ImportProblem("expected a JSON object") }
        var container = root
        var prefix = ""
        var retention: Int64?
        if case .object(let description)? = root["StreamDescription"] {
            container = description
            prefix = "StreamDescription."
            if case .bool(true)? = description["HasMoreShards"] {
                throw ImportProblem(
                    "StreamDescription.HasMoreShards is true: the list is incomplete (use aws kinesis list-shards, which pages through all)"
                )
            }
            if let hours = description["RetentionPeriodHours"] {
                guard let value = hours.int64Value else {
                    throw ImportProblem("StreamDescription.RetentionPeriodHours: expected a whole number")
                }
                retention = value
            }
        } else if let token = root["NextToken"], token != .null {
            throw ImportProblem("NextToken is set: the list is incomplete (let the AWS CLI page through every shard)")
        }
        guard case .array(let items)? = container["Shards"] else {
            throw ImportProblem(
                "expected the output of aws kinesis describe-stream (StreamDescription.Shards) or list-shards (Shards)")
        }
        let layout = try layout(items, prefix: prefix + "Shards")
        return ImportedStream(layout: layout, retentionPeriodHours: retention)
    }

    private static func layout(_ items: [JSONValue], prefix: String) throws(ImportProblem) -> InitialShardLayout {
        var open: [InitialShard] = []
        var highest = -1
        var seen: Set<Int> = []
        for (index, item) in items.enumerated() {
            let name = "\(prefix).\(index)"
            guard case .object(let shard) = item else { throw ImportProblem("\(name): expected an object") }
            let number = try shardNumber(shard["ShardId"], name: "\(name).ShardId")
            guard seen.insert(number).inserted else {
                throw ImportProblem("\(name).ShardId \(ShardId.string(forNumber: number)) is listed twice")
            }
            let parent = try shard["ParentShardId"].flatMap { value throws(ImportProblem) in
                value == .null ? nil : try shardNumber(value, name: "\(name).ParentShardId")
            }
            let adjacent = try shard["AdjacentParentShardId"].flatMap { value throws(ImportProblem) in
                value == .null ? nil : try shardNumber(value, name: "\(name).AdjacentParentShardId")
            }
            highest = max(highest, number, parent ?? -1, adjacent ?? -1)
            guard case .object(let range)? = shard["HashKeyRange"] else {
                throw ImportProblem("\(name).HashKeyRange: expected an object")
            }
            let start = try hashKey(range["StartingHashKey"], name: "\(name).HashKeyRange.StartingHashKey")
            let end = try hashKey(range["EndingHashKey"], name: "\(name).HashKeyRange.EndingHashKey")
            guard start <= end else {
                throw ImportProblem("\(name).HashKeyRange: StartingHashKey \(start) is after EndingHashKey \(end)")
            }
            guard case .object(let sequence)? = shard["SequenceNumberRange"] else {
                throw ImportProblem(
                    "\(name).SequenceNumberRange: expected an object (a shard without EndingSequenceNumber is open)")
            }
            if let ending = sequence["EndingSequenceNumber"], ending != .null { continue }
            open.append(
                InitialShard(
                    number: number, hashKeyRange: HashKeyRange(startingHashKey: start, endingHashKey: end),
                    parentNumber: parent, adjacentParentNumber: adjacent))
        }
        guard !open.isEmpty else { throw ImportProblem("no open shard (every shard has an EndingSequenceNumber)") }
        guard open.count <= KinesisLimits.maxShardsPerStream else {
            throw ImportProblem(
                "\(formatted(Int64(open.count))) open shards; at most \(formatted(Int64(KinesisLimits.maxShardsPerStream))) per stream"
            )
        }
        try checkCoverage(open)
        return InitialShardLayout(shards: open.sorted { $0.number < $1.number }, nextShardNumber: highest + 1)
    }

    /// The open ranges, in hash key order, must start at 0, touch end to start, and end at 2^128 − 1.
    private static func checkCoverage(_ open: [InitialShard]) throws(ImportProblem) {
        let sorted = open.sorted { $0.hashKeyRange.startingHashKey < $1.hashKeyRange.startingHashKey }
        let first = sorted[0]
        guard first.hashKeyRange.startingHashKey == 0 else {
            throw ImportProblem(
                "the open shards do not cover hash keys 0 to \(first.hashKeyRange.startingHashKey - 1) "
                    + "(the lowest open range starts at \(first.hashKeyRange.startingHashKey), in \(ShardId.string(forNumber: first.number)))"
            )
        }
        for (lower, upper) in zip(sorted, sorted.dropFirst()) {
            let lowerId = ShardId.string(forNumber: lower.number), upperId = ShardId.string(forNumber: upper.number)
            guard lower.hashKeyRange.endingHashKey < upper.hashKeyRange.startingHashKey else {
                throw ImportProblem(
                    "the open shards \(lowerId) and \(upperId) overlap (both hold hash key \(upper.hashKeyRange.startingHashKey))"
                )
            }
            guard lower.hashKeyRange.endingHashKey + 1 == upper.hashKeyRange.startingHashKey else {
                throw ImportProblem(
                    "no open shard covers hash keys \(lower.hashKeyRange.endingHashKey + 1) to "
                        + "\(upper.hashKeyRange.startingHashKey - 1) (between \(lowerId) and \(upperId))")
            }
        }
        let last = sorted[sorted.count - 1]
        guard last.hashKeyRange.endingHashKey == .max else {
            throw ImportProblem(
                "no open shard covers hash keys \(last.hashKeyRange.endingHashKey + 1) to \(UInt128.max) (2^128 - 1)")
        }
    }

    private static func shardNumber(_ value: JSONValue?, name: String) throws(ImportProblem) -> Int {
        guard case .string(let text)? = value, let number = ShardId.number(from: text) else {
            throw ImportProblem("\(name): expected a shard id such as \"shardId-000000000004\"")
        }
        guard number <= maxImportedShardNumber else {
            throw ImportProblem(
                "\(name): shard numbers above \(formatted(Int64(maxImportedShardNumber))) leave no room for children")
        }
        return number
    }

    private static func hashKey(_ value: JSONValue?, name: String) throws(ImportProblem) -> UInt128 {
        guard case .string(let text)? = value, let key = PartitionKeyRules.parseExplicitHashKey(text) else {
            throw ImportProblem("\(name): expected a decimal hash key from 0 to 2^128 - 1 as a string")
        }
        return key
    }
}

/// Reading a shard list outside a scenario (`shardsim route --shards-file`).
public enum ShardListImport {
    /// The open shards of a describe-stream or list-shards JSON document, or a message saying what is wrong.
    public static func layout(from bytes: [UInt8]) -> Result<InitialShardLayout, ReferencedFileError> {
        do {
            return .success(try ShardListReading.read(bytes).layout)
        } catch {
            return .failure(ReferencedFileError(error.message))
        }
    }
}

/// Whether a shard still takes writes.
public enum ShardStatus: String, Sendable {
    case open = "OPEN"
    /// Closed by a split or merge: readable until it expires, but no longer written to.
    case closed = "CLOSED"
}

/// One shard that existed during the run, open or closed.
public struct ShardDescription: Sendable, Equatable {
    /// Kinesis numbers shards in creation order; the id is `shardId-` + 12 digits of this number.
    public var number: Int
    public var hashKeyRange: HashKeyRange
    public var status: ShardStatus = .open
    public var parentNumber: Int?
    public var adjacentParentNumber: Int?

    public init(number: Int, hashKeyRange: HashKeyRange) {
        self.number = number
        self.hashKeyRange = hashKeyRange
    }

    public var shardId: String { ShardId.string(forNumber: number) }
}

/// The stream's shards and the router over the open ones.
///
/// Shards are never removed: indices into `shards` stay valid for the whole run, so per-shard arrays
/// elsewhere (write ledger, logs) grow in step with this one.
struct ShardLayout {
    private(set) var shards: [ShardDescription] = []
    /// Indices into `shards` of the open shards, sorted by starting hash key.
    private(set) var openShardIndices: [Int32] = []
    private(set) var router: HashKeyRouter

    /// A new stream of `shardCount` shards with CreateStream's even ranges.
    init(shardCount: Int) {
        let ranges = HashKeyRange.initialRanges(shardCount: shardCount)
        for (number, range) in ranges.enumerated() {
            shards.append(ShardDescription(number: number, hashKeyRange: range))
            openShardIndices.append(Int32(number))
        }
        router = HashKeyRouter(ranges: ranges)
    }

    var openShardCount: Int { openShardIndices.count }
}

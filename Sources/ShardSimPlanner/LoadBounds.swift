import ShardSimModel

/// Which limit decides the shard count.
public enum BindingLimit: String, Sendable, CaseIterable {
    case writeRecordsPerSecond
    case writeBytesPerSecond
    case readBytesPerSecond
    case getRecordsCallsPerSecond
    case partitionKey
    case enhancedFanOutBytesPerSecond
    /// A Lambda mapping runs `parallelizationFactor` batches per shard at a time: more shards, more concurrency.
    case lambdaThroughput
}

/// A partition key whose traffic alone decides (or defeats) the shard count.
public struct HotKeyLoad: Sendable, Equatable {
    public var producer: String
    public var partitionKey: String
    public var recordsPerSecond: Double
    public var bytesPerSecond: Double
    public var shareOfTraffic: Double
}

/// The analytic side of planning: each limit's shard requirement at the load's peak, from AWS's per-shard
/// limits alone (no queueing, no Poisson bursts), which the simulation then checks from there upwards.
public struct LoadBounds: Sendable {
    /// Shards each limit needs (real-valued; the bound is the ceiling of the largest).
    public var requirements: [(limit: BindingLimit, shards: Double)] = []
    public var hotKey: HotKeyLoad?
    /// Non-nil when no shard count can help: one key alone exceeds a shard's limit.
    public var infeasibleReason: String?
    /// AWS's bandwidth-only formula: ceil(max(incoming KiB/s / 1024, outgoing KiB/s / 2048)).
    public var formulaShardCount: Int = 1
    public var peakIncomingBytesPerSecond: Double = 0
    public var peakUserRecordsPerSecond: Double = 0
    /// The same requirement at the mean load (to price following the load by resharding).
    public var meanLoadShardCount: Int = 1

    /// The smallest shard count every analytic requirement allows.
    public var shardCount: Int {
        let largest = requirements.map(\.shards).max() ?? 1
        return max(1, Int((largest - 1e-9).rounded(.up)))
    }

    /// The limit with the largest requirement.
    public var bindingLimit: BindingLimit {
        requirements.max { $0.shards < $1.shards }?.limit ?? .writeRecordsPerSecond
    }
}

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
    /// AWS's sizing formula at the peak, as the developer guide writes it (see `SizingFormula`).
    public var formula = SizingFormula(recordsPerSecond: 0, averageRecordBytes: 0, consumerCount: 0)
    /// AWS's formula's answer: ceil(max(incoming KiB/s / 1024, outgoing KiB/s / 2048)), record size rounded up to 1 KiB.
    public var formulaShardCount: Int { formula.shardCount }
    /// What the heaviest key asks of the shard count beside an even spread; nil when no key is material.
    public var keySkew: KeySkew?
    public var peakIncomingBytesPerSecond: Double = 0
    public var peakUserRecordsPerSecond: Double = 0
    /// Consumers that read with GetRecords and share a shard's read limits (the rest use enhanced fan-out).
    public var getRecordsReaderCount = 0
    /// The same requirement at the mean load (to price following the load by resharding).
    public var meanLoadShardCount: Int = 1
    /// Whether any producer sends with Poisson arrivals (bursts above its mean); false when every one is evenly spaced,
    /// so the planner's text does not blame bursts that the simulation never drew.
    public var hasPoissonArrivals = true

    /// What the analytic bound does not see and the simulation does, as the planner's sentences say it.
    public var beyondTheBound: String {
        (hasPoissonArrivals ? "Poisson bursts above the mean, " : "")
            + "keys hashing unevenly over the shards and the retries of throttled records"
    }

    /// The smallest shard count every analytic requirement allows.
    public var shardCount: Int {
        let largest = requirements.map(\.shards).max() ?? 1
        return max(1, Int((largest - 1e-9).rounded(.up)))
    }

    /// The limit that sets the count: the largest even-spread requirement, unless the key forces a larger count.
    public var bindingLimit: BindingLimit {
        if keySkew?.forcesCount == true { return .partitionKey }
        return requirements.filter { $0.limit != .partitionKey }.max { $0.shards < $1.shards }?.limit
            ?? .writeRecordsPerSecond
    }
}

/// The heaviest key's share of the answer: its shard must carry the key plus 1/N of the rest, N ≥ (total − key) /
/// (limit − key), against what the same load needs spread evenly. A key binds only when that raises the count.
public struct KeySkew: Sendable, Equatable {
    /// Shards' worth the load needs spread evenly (the largest requirement other than the key).
    public var evenSpreadShards: Double
    /// Shards' worth the heaviest key's shard needs.
    public var withKeyShards: Double

    /// The fraction of a shard (or more) the key adds beyond an even spread; 0 when it needs no more.
    public var addedShards: Double { max(0, withKeyShards - evenSpreadShards) }
    /// True only when the key's requirement rounds up to more shards than the even spread's.
    public var forcesCount: Bool { Self.ceiling(withKeyShards) > Self.ceiling(evenSpreadShards) }

    static func ceiling(_ shards: Double) -> Int { max(1, Int((shards - 1e-9).rounded(.up))) }
}

import ShardSimEngine

/// How a consumer reads the stream.
public enum ConsumerType: String, Sendable, CaseIterable {
    /// Classic GetRecords polling, sharing the shard's 5 calls/s and 2 MiB/s with other polling readers.
    case shared
    /// Enhanced fan-out (SubscribeToShard): pushed, with its own 2 MiB/s per shard.
    case enhanced
}

/// Where a consumer starts reading each shard (GetShardIterator `ShardIteratorType`).
public enum StartingPosition: Sendable, Equatable {
    /// The oldest record still retained.
    case trimHorizon
    /// Only records accepted after the consumer starts.
    case latest
    /// The first record accepted at or after this simulated time.
    case atTimestamp(nanoseconds: Int64)
}

/// A consumer application reading every shard of the stream.
public struct ConsumerConfiguration: Sendable, Equatable {
    public var name: String
    public var type: ConsumerType
    /// Time between GetRecords calls on a shard (shared only). KCL 1.x `idleTimeBetweenReadsInMillis`: 1 s.
    public var pollIntervalNanoseconds: Int64 = nanosecondsPerSecond
    /// GetRecords `Limit` (shared only): at most 10,000.
    public var maxRecordsPerCall: Int64 = KinesisLimits.maxRecordsPerGetRecordsCall
    /// Processing time per user record; a shard's records are processed in order, one at a time.
    public var processingTimePerRecordNanoseconds: Int64 = 0
    public var startingPosition: StartingPosition = .latest
    /// When the consumer starts reading.
    public var startAtNanoseconds: Int64 = 0

    public init(name: String, type: ConsumerType) {
        self.name = name
        self.type = type
    }
}

/// A control action on the scenario's timeline.
public enum TimelineEvent: Sendable, Equatable {
    /// The consumer stops reading for a while, then resumes where it left off.
    case consumerOutage(consumerIndex: Int, atNanoseconds: Int64, durationNanoseconds: Int64)
}

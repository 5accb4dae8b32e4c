import ShardSimEngine

/// A partition key a producer leans on, for "which key is hot" answers.
public struct HotKeyShare: Sendable, Equatable {
    public var partitionKey: String
    public var shardId: String
    public var shareOfTraffic: Double
    /// The key's mean rate over the run.
    public var recordsPerSecond: Double
}

/// What one producer did.
public struct ProducerResult: Sendable {
    public var name: String
    public var configuration: ProducerConfiguration
    public var statistics: ProducerStatistics
    /// The producer's heaviest keys by expected share (at most three).
    public var heaviestKeys: [HotKeyShare]
    /// User records created but neither accepted nor given up when the run ended: buffered for collection or
    /// aggregation, in a request in flight, or awaiting a retry. Invariant: recordsAttempted = recordsSucceeded +
    /// recordsFailed + recordsInFlight.
    public var recordsInFlight: Int64

    /// Throttled user-record attempts over all user-record attempts.
    public var writeThrottledFraction: Double {
        statistics.userRecordAttempts == 0
            ? 0
            : Double(statistics.userRecordAttemptsThrottled) / Double(statistics.userRecordAttempts)
    }
}

/// The open shard count from `atNanoseconds` until the next change.
public struct ShardCountChange: Sendable, Equatable {
    public var atNanoseconds: Int64
    public var openShards: Int
}

/// What one consumer did.
public struct ConsumerResult: Sendable {
    public var configuration: ConsumerConfiguration
    public var statistics: ConsumerStatistics
    /// User records accepted by the stream that this consumer had not read by the end (still retained).
    public var recordsBehindAtEnd: Int64
    /// Lambda: the concurrency its invocations may use: the function's reserved concurrency, or the account's
    /// unreserved concurrency it shares with the scenario's other unreserved functions. Nil for other consumers.
    public var lambdaConcurrencyLimit: Int64? = nil

    public var name: String { configuration.name }
}

/// What one shard did.
public struct ShardResult: Sendable {
    public var description: ShardDescription
    public var write: ShardWriteStatistics
    /// The shared (GetRecords) read path; empty when no polling consumer read the shard.
    public var read = ShardReadStatistics()
}

/// Stream-wide counts, named as the contract's `totals`.
public struct TotalsResult: Sendable, Equatable {
    public var recordsAttempted: Int64 = 0
    public var recordsSucceeded: Int64 = 0
    public var recordsFailed: Int64 = 0
    /// User records stored again because a producer resent a request whose response it lost (not in
    /// `recordsSucceeded`, which counts each record once). docs/model.md §20.
    public var recordsDuplicated: Int64 = 0
    /// Created but neither accepted nor given up when the run ended (buffered, in flight, awaiting retry).
    public var recordsInFlight: Int64 = 0
    public var kinesisRecordAttempts: Int64 = 0
    public var writeProvisionedThroughputExceeded: Int64 = 0
    public var readProvisionedThroughputExceeded: Int64 = 0
    public var incomingBytes: Int64 = 0
    public var incomingRecords: Int64 = 0

    /// Throttled Kinesis-record attempts over all Kinesis-record attempts (the SLO's throttled fraction).
    public var writeThrottledFraction: Double {
        kinesisRecordAttempts == 0 ? 0 : Double(writeProvisionedThroughputExceeded) / Double(kinesisRecordAttempts)
    }
}

/// Everything a run measured; report renderers read only this.
public struct SimulationResult: Sendable {
    public var configuration: SimulationConfiguration
    public var simulatedNanoseconds: Int64
    public var shardCountStart: Int
    public var shardCountEnd: Int
    /// Open shards averaged over the run, weighted by time (differs from the start count after resharding).
    public var shardCountTimeWeighted: Double
    /// Open shards from each layout change on: (time in ns, open shards), starting at time 0.
    public var shardCountTimeline: [ShardCountChange]
    public var totals: TotalsResult
    public var producers: [ProducerResult]
    /// Some producer may lose responses (`lostResponseShare` > 0): reports then show the duplicate counts, and
    /// only then, so reports of scenarios without lost responses are unchanged.
    public var hasLostResponses: Bool { producers.contains { $0.configuration.lostResponseShare > 0 } }
    public var shards: [ShardResult]
    public var consumers: [ConsumerResult]
    /// Events the engine processed (for benchmarks).
    public var eventsProcessed: UInt64
    /// Things the user should know that are not errors (e.g. a setting the chosen API ignores).
    public var notes: [RunNote]
    /// On-demand: the peak offered write rate was above the per-stream maximum write throughput, so writes throttled there.
    public var onDemandReachedMaximumThroughput = false

    /// Every producer's put latency in one histogram.
    public var putLatency: LatencyHistogram {
        var merged = LatencyHistogram()
        for producer in producers { merged.merge(producer.statistics.putLatency) }
        return merged
    }
}

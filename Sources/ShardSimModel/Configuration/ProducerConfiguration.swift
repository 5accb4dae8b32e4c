import ShardSimEngine

/// How a producer fleet's aggregate record rate varies over time.
public enum RateProfile: Sendable, Equatable {
    /// The producer's `recordsPerSecond` throughout.
    case constant
    /// From each step's start the rate is its `recordsPerSecond`; before the first step, the producer's base rate.
    case steps([RateStep])
    /// A cosine day: `troughRecordsPerSecond` + (peak − trough) × (1 + cos(2π (t − peakAt) / period)) / 2.
    case diurnal(
        peakRecordsPerSecond: Double, troughRecordsPerSecond: Double,
        periodNanoseconds: Int64, peakAtNanoseconds: Int64)
    /// The base rate times `multiplier` during [at, at + duration).
    case spike(atNanoseconds: Int64, durationNanoseconds: Int64, multiplier: Double)
}

/// One step of a `steps` rate profile.
public struct RateStep: Sendable, Equatable {
    public var atNanoseconds: Int64
    public var recordsPerSecond: Double
    public init(atNanoseconds: Int64, recordsPerSecond: Double) {
        self.atNanoseconds = atNanoseconds
        self.recordsPerSecond = recordsPerSecond
    }
}

/// How records arrive at a given rate.
public enum ArrivalProcess: String, Sendable, Equatable {
    /// Exponential gaps: independent clients.
    case poisson
    /// Evenly spaced: one steady client.
    case uniform
}

/// The size of a record's data blob.
public enum RecordSizeDistribution: Sendable, Equatable {
    case fixed(bytes: Int)
    case uniform(minBytes: Int, maxBytes: Int)
    /// Mean and standard deviation of the size itself; draws are rounded and clamped to [1, max record size].
    case lognormal(meanBytes: Double, standardDeviationBytes: Double)

    /// The mean size in bytes (before clamping).
    public var meanBytes: Double {
        switch self {
        case .fixed(let bytes): return Double(bytes)
        case .uniform(let minBytes, let maxBytes): return Double(minBytes + maxBytes) / 2
        case .lognormal(let mean, _): return mean
        }
    }
}

/// One key that takes a fixed share of a producer's records.
public struct HotKey: Sendable, Equatable {
    public var key: String
    public var shareOfTraffic: Double
    public init(key: String, shareOfTraffic: Double) {
        self.key = key
        self.shareOfTraffic = shareOfTraffic
    }
}

/// Which partition keys a producer uses. Key i of a generated set is `prefix + String(i)`.
public enum PartitionKeyDistribution: Sendable, Equatable {
    case uniform(count: Int, prefix: String)
    /// Zipf over ranks; rank 1 is index 0.
    case zipf(count: Int, exponent: Double, prefix: String)
    /// Named hot keys with fixed shares; the rest of the traffic spreads uniformly over `othersCount` keys.
    case hotKeys(hot: [HotKey], othersCount: Int, othersPrefix: String)
}

/// The AWS API a producer writes with.
public enum PutAPI: String, Sendable, Equatable {
    case putRecords = "PutRecords"
    case putRecord = "PutRecord"
}

/// KPL-style collection into PutRecords requests.
public struct BatchingConfiguration: Sendable, Equatable {
    public var maxRecords: Int = KinesisProducerLibraryDefaults.collectionMaxRecords
    public var maxBytes: Int64 = KinesisProducerLibraryDefaults.collectionMaxBytes
    public var maxBufferedNanoseconds: Int64 = KinesisProducerLibraryDefaults.recordMaxBufferedNanoseconds
    public init() {}
}

/// KPL aggregation: many user records in one Kinesis record.
public struct AggregationConfiguration: Sendable, Equatable {
    public var isEnabled = false
    public var maxBytes: Int = KinesisProducerLibraryDefaults.aggregationMaxBytes
    public init() {}
}

/// How backoff delays are randomised (AWS Architecture Blog, "Exponential Backoff And Jitter").
public enum JitterMode: String, Sendable, Equatable {
    /// Uniform in [0, backoff].
    case full
    /// backoff/2 plus uniform in [0, backoff/2].
    case equal
    /// Exactly the backoff.
    case none
}

/// What a producer does with a throttled record.
public struct RetryConfiguration: Sendable, Equatable {
    /// Attempts in all, the first included; after the last, the record counts as failed (data loss).
    public var maxAttempts: Int = 3
    public var initialBackoffNanoseconds: Int64 = 100_000_000
    public var maxBackoffNanoseconds: Int64 = 5 * nanosecondsPerSecond
    public var jitter: JitterMode = .full
    public init() {}
}

/// A producer fleet writing into the stream.
public struct ProducerConfiguration: Sendable, Equatable {
    public var name: String
    public var recordsPerSecond: Double
    public var rateProfile: RateProfile = .constant
    public var arrival: ArrivalProcess = .poisson
    public var recordSize: RecordSizeDistribution = .fixed(bytes: 1_024)
    public var partitionKeys: PartitionKeyDistribution = .uniform(count: 10_000, prefix: "key-")
    public var api: PutAPI = .putRecords
    public var batching = BatchingConfiguration()
    public var aggregation = AggregationConfiguration()
    public var retry = RetryConfiguration()
    /// Share (0–1) of put requests the stream stores but whose response the producer never sees (a timeout or a
    /// dropped connection): the producer resends the request under `retry`, so its stored records are written
    /// twice. An assumption, overridable; 0 (the default) models no lost responses. docs/model.md §20.
    public var lostResponseShare: Double = 0

    public init(name: String, recordsPerSecond: Double) {
        self.name = name
        self.recordsPerSecond = recordsPerSecond
    }
}

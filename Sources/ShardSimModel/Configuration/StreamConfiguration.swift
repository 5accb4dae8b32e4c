import ShardSimEngine

/// How the stream's capacity is provisioned (AWS `StreamModeDetails.StreamMode`).
public enum StreamMode: String, Sendable, CaseIterable {
    case provisioned = "PROVISIONED"
    case onDemand = "ON_DEMAND"
}

/// Per-shard limits the simulated stream enforces; AWS's values unless a what-if overrides them.
public struct ShardLimits: Sendable, Equatable {
    public var writeBytesPerSecond: Int64 = KinesisLimits.writeBytesPerSecondPerShard
    public var writeRecordsPerSecond: Int64 = KinesisLimits.writeRecordsPerSecondPerShard
    public var readBytesPerSecond: Int64 = KinesisLimits.readBytesPerSecondPerShard
    public var getRecordsCallsPerSecond: Int64 = KinesisLimits.getRecordsCallsPerSecondPerShard

    public init() {}
}

/// The stream a scenario describes.
public struct StreamConfiguration: Sendable, Equatable {
    public var streamMode: StreamMode = .provisioned
    /// Shards a new stream is created with (CreateStream `ShardCount`).
    public var shardCount: Int = 1
    public var retentionPeriodHours: Int = KinesisLimits.defaultRetentionPeriodHours
    public var maxRecordSizeKiB: Int = KinesisLimits.defaultMaxRecordSizeKiB
    public var limits = ShardLimits()
    /// On-demand: the highest write rates of the 30 days before the run (AWS sizes a stream to twice that);
    /// zero for a new stream.
    public var onDemandPriorPeakWriteBytesPerSecond: Int64 = 0
    public var onDemandPriorPeakWriteRecordsPerSecond: Int64 = 0
    /// Whether the scenario stated a prior peak (`stream.onDemand.priorPeak…`); `compare` otherwise gives its
    /// on-demand side the workload's own peak (an established stream).
    public var onDemandPriorPeakIsStated = false
    /// `compare` only: which on-demand stream the comparison runs (`stream.onDemand.compareAs`).
    public var onDemandComparedStream: OnDemandComparedStream = .established
    /// The account's shard quota `plan` and `compare` check an answer against (`stream.accountShardQuota`).
    /// AWS's default is per Region (Q): 20,000 in us-east-1, us-west-2 and eu-west-1, 1,000 or 6,000 elsewhere;
    /// the model takes the smallest current default, so an answer above it is flagged wherever it is deployed.
    public var accountShardQuota: Int = KinesisLimits.defaultAccountShardQuota
    /// The open shards of an existing stream (from DescribeStream or ListShards) to start from instead of
    /// CreateStream's even split; nil for a new stream. When set, `shardCount` equals its shard count.
    public var initialLayout: InitialShardLayout?
    /// Server-side encryption with KMS; nil: not encrypted (no KMS charges).
    public var encryption: StreamEncryption?
    /// Shard-level metrics turned on by EnableEnhancedMonitoring (each billed per shard as a CloudWatch metric);
    /// empty: stream-level metrics only, which are free.
    public var enhancedMonitoringMetrics: [ShardLevelMetric] = []

    public init() {}

    /// The largest data blob a record may carry, in bytes.
    public var maxRecordSizeBytes: Int64 { Int64(maxRecordSizeKiB) * 1_024 }
}

/// The on-demand stream `compare` sets against provisioned.
public enum OnDemandComparedStream: String, Sendable, CaseIterable {
    /// A stream that has carried this workload: its previous 30-day peak is the workload's peak (or the stated one),
    /// so it starts with capacity for twice that (MODE).
    case established = "ESTABLISHED"
    /// A brand-new stream: 4 MiB/s and 4,000 records/s until it scales, which takes up to 15 minutes (FAQ; MODE).
    case newStream = "NEW_STREAM"
}

/// One open shard of an existing stream: its number (the digits of its `ShardId`) and exact hash key range,
/// kept as AWS reported them so routing and the report match the real stream.
public struct InitialShard: Sendable, Equatable {
    public var number: Int
    public var hashKeyRange: HashKeyRange
    /// The shard's parents as AWS names them (`ParentShardId`, `AdjacentParentShardId`); they closed before the run.
    public var parentNumber: Int?
    public var adjacentParentNumber: Int?

    public init(number: Int, hashKeyRange: HashKeyRange, parentNumber: Int? = nil, adjacentParentNumber: Int? = nil) {
        self.number = number
        self.hashKeyRange = hashKeyRange
        self.parentNumber = parentNumber
        self.adjacentParentNumber = adjacentParentNumber
    }
}

/// The layout an existing stream starts the run with.
///
/// Invariant (checked by scenario decoding, asserted by `ShardLayout`): the shards' ranges cover 0 … 2^128 − 1
/// exactly once, their numbers are distinct and below `nextShardNumber`.
public struct InitialShardLayout: Sendable, Equatable {
    /// Open shards, in the order the file listed them sorted by shard number.
    public var shards: [InitialShard]
    /// The number the next child of a split, merge or scaling takes: one past the highest number the stream has
    /// used, closed shards included, because Kinesis never reuses a shard number.
    public var nextShardNumber: Int

    public init(shards: [InitialShard], nextShardNumber: Int) {
        self.shards = shards
        self.nextShardNumber = nextShardNumber
    }

    /// Whether the ranges are CreateStream's even split of this many shards with numbers 0 … N−1: such a layout
    /// is exactly a new stream's.
    public var isEvenNewStream: Bool {
        let even = HashKeyRange.initialRanges(shardCount: shards.count)
        return shards.enumerated().allSatisfy {
            $0.element.number == $0.offset && $0.element.hashKeyRange == even[$0.offset]
        }
    }
}

/// What the model has to assume because AWS does not document it. Every field is overridable in the
/// scenario's `assumptions` object; `docs/model.md` explains each choice.
public struct ModelAssumptions: Sendable, Equatable {
    /// The window over which a shard's write limits are counted. AWS states the limits per second; we count
    /// them in aligned windows of this length, with `limit × window / 1 s` allowed per window. A window
    /// longer than 1 s acts as a burst allowance, a shorter one as a stricter, smoother limit.
    public var writeAccountingWindowNanoseconds: Int64 = nanosecondsPerSecond
    /// Time from sending a PutRecord/PutRecords request to the stream applying it and the producer
    /// learning the per-record result. AWS publishes no figure; tens of milliseconds is typical.
    public var putRequestLatencyNanoseconds: Int64 = 20_000_000
    /// Protobuf bytes an aggregated record adds per user record beyond its data and partition key
    /// (field tags, lengths and the key index); the KPL format gives about this for small records.
    public var aggregationOverheadBytesPerUserRecord: Int = 6
    /// Delay before a GetRecords reader can see an accepted record. AWS's enhanced fan-out page gives
    /// ~200 ms average propagation for one shared consumer (EFO table); we apply it as a visibility delay.
    public var sharedReadPropagationNanoseconds: Int64 = 200_000_000
    /// Delay before an enhanced fan-out consumer is sent an accepted record: ~70 ms typical (EFO table).
    public var enhancedFanOutPropagationNanoseconds: Int64 = 70_000_000
    /// Shortest gap between two SubscribeToShard events to one consumer on one shard; pushes batch what
    /// became visible meanwhile. Small against the 70 ms propagation; bounds events on busy shards.
    public var enhancedFanOutPushIntervalNanoseconds: Int64 = 10_000_000
    /// Burst an enhanced fan-out subscription may use above its 2 MiB/s after an idle spell, in seconds of rate.
    public var enhancedFanOutBurstSeconds: Double = 1
    /// Whether the on-demand data-in meter rounds data plus partition key up to 1 KiB (true) or the data blob
    /// alone (false, default). AWS's pricing page says "record size" without saying; data alone is the reading
    /// of its worked example (a 4.5 KB record bills as 5 KB).
    public var onDemandBillingIncludesPartitionKey = false
    /// Each poll interval varies by up to ± this fraction (uniformly), so pollers drift as real ones do.
    public var pollJitterFraction: Double = 0.1
    /// Gap before Lambda's next GetRecords on a shard whose last call stopped at a limit with more records
    /// waiting. AWS says Lambda polls again "immediately"; 200 ms keeps one mapping within 5 calls/s.
    public var lambdaBacklogPollGapNanoseconds: Int64 = 200_000_000
    /// Bytes of Lambda's Kinesis event JSON around each record's base64 data and partition key: the
    /// `kinesis` object's other fields, eventSource, eventVersion, eventID, eventName, invokeIdentityArn,
    /// awsRegion, eventSourceARN and the separating comma. Measured on AWS's example event (LK, "Example
    /// Kinesis record event") serialised compactly with data and key emptied: 532 B; names longer than the
    /// example's "lambda-role" and "lambda-stream" add their extra characters.
    public var lambdaEventRecordEnvelopeBytes: Int64 = 532
    /// Concurrent executions the account leaves to functions without reserved concurrency: the Region's
    /// default quota of 1,000 (Lambda quotas page), minus what other functions reserve or use. Every Lambda
    /// mapping of the scenario without `reservedConcurrentExecutions` shares it.
    public var lambdaUnreservedConcurrency: Int64 = LambdaLimits.defaultAccountConcurrentExecutions
    /// How long SplitShard and MergeShards keep the stream UPDATING before the children take writes.
    /// AWS gives no figure for these; seconds to a minute is typical.
    public var splitMergeDurationNanoseconds: Int64 = 30 * nanosecondsPerSecond
    /// How long UpdateShardCount keeps the stream UPDATING: "a few minutes" (API UpdateShardCount).
    public var updateShardCountDurationNanoseconds: Int64 = 180 * nanosecondsPerSecond
    /// On-demand rules (facts sheet section 4; MODE = "Choose the right mode", FAQ). Each is overridable.
    public var onDemand = OnDemandRules()
    /// Records a shard accepts within this window share one entry of its log (counts, bytes, first and
    /// last acceptance time, records assumed evenly spread between). Bounds memory on busy streams.
    public var logCoalescingNanoseconds: Int64 = 100_000_000
    /// Firehose bills ingestion per record rounded up to this many bytes: 5 KB = 5,120 B ("billed per GB ingested
    /// in 5KB increments (a 3KB record is billed as 5KB, a 12KB record is billed as 15KB)", Firehose pricing
    /// page, which gives the rule for "Direct PUT and KDS as a source"; facts sheet sections 5 and 11). Applied to
    /// each Kinesis record's data blob as Firehose reads it (an aggregate is rounded once). 1 bills raw bytes.
    public var firehoseBillingIncrementBytes: Int64 = 5_120

    public init() {}
}

/// How an on-demand stream sizes itself, each rule with its source (facts sheet section 4).
public struct OnDemandRules: Sendable, Equatable {
    /// A new stream starts with 4 MiB/s and 4,000 records/s of write capacity (FAQ; Q).
    public var initialWriteBytesPerSecond: Int64 = 4 * 1_048_576
    public var initialWriteRecordsPerSecond: Int64 = 4_000
    /// It accommodates up to twice the peak write of the previous 30 days (MODE; FAQ).
    public var peakMultiplier: Double = 2
    /// Traffic beyond that throttles until the stream scales, which takes up to 15 minutes (MODE; FAQ).
    public var scaleUpDelayNanoseconds: Int64 = 900 * nanosecondsPerSecond
    /// A shard taking more than 500 KB/s is split (MODE), also after the scale-up delay.
    public var hotShardBytesPerSecond: Int64 = 512_000
    /// How often the model looks at the last interval's write rates (an assumption: AWS does not say).
    public var observationIntervalNanoseconds: Int64 = 60 * nanosecondsPerSecond
    /// The most a stream scales to: 200 MB/s (taken as MiB/s, like the shard limit) and 200,000 records/s of
    /// writes, the FAQ's default and Q's figure outside us-east-1, us-west-2 and eu-west-1 (there Q gives 10 GB/s).
    public var maxStreamWriteBytesPerSecond: Int64 = KinesisLimits.defaultOnDemandMaxWriteBytesPerSecond
    public var maxStreamWriteRecordsPerSecond: Int64 = KinesisLimits.defaultOnDemandMaxWriteRecordsPerSecond

    public init() {}

    /// Open shards needed to carry `bytesPerSecond` and `recordsPerSecond` × the peak multiplier, before the
    /// per-stream maximum.
    func uncappedShardsFor(bytesPerSecond: Double, recordsPerSecond: Double, limits: ShardLimits) -> Int {
        let bytes = min(1e9, (bytesPerSecond * peakMultiplier / Double(limits.writeBytesPerSecond)).rounded(.up))
        let records = min(1e9, (recordsPerSecond * peakMultiplier / Double(limits.writeRecordsPerSecond)).rounded(.up))
        return max(1, Int(max(bytes, records)))
    }

    /// The same, stopped at the per-stream maximum write throughput (and the 10,000-shard cap).
    func shardsFor(bytesPerSecond: Double, recordsPerSecond: Double, limits: ShardLimits) -> Int {
        min(
            maxShardCount(limits),
            uncappedShardsFor(bytesPerSecond: bytesPerSecond, recordsPerSecond: recordsPerSecond, limits: limits))
    }

    /// Shards at which the stream reaches its maximum write throughput in both bytes and records: it scales no
    /// further, so writes beyond the maximum throttle at the per-shard limits.
    public func maxShardCount(_ limits: ShardLimits) -> Int {
        let bytes = (Double(maxStreamWriteBytesPerSecond) / Double(limits.writeBytesPerSecond)).rounded(.up)
        let records = (Double(maxStreamWriteRecordsPerSecond) / Double(limits.writeRecordsPerSecond)).rounded(.up)
        return min(KinesisLimits.maxShardsPerStream, max(1, Int(min(1e9, max(bytes, records)))))
    }

    /// The shard count a new on-demand stream starts with: its initial capacity, or twice the stated prior peak.
    public func initialShardCount(_ stream: StreamConfiguration) -> Int {
        let initial = max(
            Double(initialWriteBytesPerSecond) / Double(stream.limits.writeBytesPerSecond),
            Double(initialWriteRecordsPerSecond) / Double(stream.limits.writeRecordsPerSecond)
        ).rounded(.up)
        let fromPeak = shardsFor(
            bytesPerSecond: Double(stream.onDemandPriorPeakWriteBytesPerSecond),
            recordsPerSecond: Double(stream.onDemandPriorPeakWriteRecordsPerSecond), limits: stream.limits)
        return min(maxShardCount(stream.limits), max(Int(min(1e9, initial)), fromPeak))
    }
}

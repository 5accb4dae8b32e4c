import ShardSimEngine

/// How a consumer reads the stream.
public enum ConsumerType: String, Sendable, CaseIterable {
    /// Classic GetRecords polling, sharing the shard's 5 calls/s and 2 MiB/s with other polling readers.
    case shared
    /// Enhanced fan-out (SubscribeToShard): pushed, with its own 2 MiB/s per shard.
    case enhanced
    /// A Lambda event source mapping: polls (or subscribes), batches, invokes a function.
    case lambda
    /// A Firehose delivery stream with this stream as its source: polls each shard, buffers, delivers objects.
    case firehose
    /// A KCL application: workers holding shard leases in a DynamoDB table, checkpointing, failing over.
    case kcl

    /// Whether this consumer reads through GetRecords (sharing the shard's read limits) rather than EFO.
    public func readsWithGetRecords(_ configuration: ConsumerConfiguration) -> Bool {
        switch self {
        case .shared, .firehose: return true
        case .enhanced: return false
        case .lambda: return !(configuration.lambda?.enhancedFanOut ?? false)
        case .kcl: return !(configuration.kcl?.enhancedFanOut ?? false)
        }
    }

    /// Whether the consumer is an application whose poll interval, GetRecords limit and per-record processing the
    /// scenario sets (shared readers and KCL applications), rather than an AWS service polling as documented.
    public var isApplication: Bool {
        switch self {
        case .shared, .enhanced, .kcl: return true
        case .lambda, .firehose: return false
        }
    }
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
    /// Settings of a `lambda` consumer.
    public var lambda: LambdaConfiguration?
    /// Settings of a `firehose` consumer.
    public var firehose: FirehoseConfiguration?
    /// Settings of a `kcl` consumer.
    public var kcl: KCLConfiguration?

    /// Whether this consumer polls with its own `pollIntervalNanoseconds` and `maxRecordsPerCall` (shared
    /// readers and KCL applications reading with GetRecords).
    public var pollsWithOwnSettings: Bool {
        type == .shared || (type == .kcl && type.readsWithGetRecords(self))
    }

    /// Whether this is an application reading through its own enhanced fan-out subscriptions (an `enhanced`
    /// reader or a KCL application with `fanOut: "enhanced"`), which makes no GetRecords calls.
    public var isEnhancedFanOutApplication: Bool {
        type == .enhanced || (type == .kcl && kcl?.enhancedFanOut == true)
    }

    public init(name: String, type: ConsumerType) {
        self.name = name
        self.type = type
    }
}

/// A Lambda event source mapping on the stream (facts sheet section 7; AWS Lambda developer guide,
/// "Lambda parameters for Amazon Kinesis Data Streams event source mappings").
public struct LambdaConfiguration: Sendable, Equatable {
    /// Kinesis records per invocation at most (BatchSize, 1–10,000, default 100); a KPL aggregate is one record,
    /// which the function de-aggregates.
    public var batchSize: Int64 = 100
    /// How long to gather records before invoking (MaximumBatchingWindowInSeconds, 0–300).
    public var maximumBatchingWindowNanoseconds: Int64 = 0
    /// Concurrent batches per shard (ParallelizationFactor, 1–10).
    public var parallelizationFactor: Int = 1
    /// Read through an enhanced fan-out consumer instead of shared polling.
    public var enhancedFanOut = false
    /// Function duration = base + perRecord × user records (the function works on de-aggregated records).
    public var durationBaseNanoseconds: Int64 = 20_000_000
    public var durationPerRecordNanoseconds: Int64 = 500_000
    public var memorySizeMB: Int = 128
    /// Probability that an invocation fails for a transient reason.
    public var functionErrorRate: Double = 0
    /// Share of user records that make any batch holding them fail, every time ("poison" records).
    public var poisonRecordShare: Double = 0
    /// Retries of a failed batch (MaximumRetryAttempts); −1 retries until the records expire.
    public var maximumRetryAttempts: Int = -1
    public var bisectBatchOnFunctionError = false
    /// Records older than this are dropped instead of processed (MaximumRecordAgeInSeconds); −1: no limit.
    public var maximumRecordAgeNanoseconds: Int64 = -1
    /// FunctionResponseTypes ["ReportBatchItemFailures"]: the function reports its first failed record, Lambda
    /// checkpoints before it and retries from it (LK, partial batch response).
    public var reportsBatchItemFailures = false
    /// DestinationConfig.OnFailure: where Lambda sends a discarded batch's details (an SQS queue, SNS topic or
    /// S3 bucket ARN); nil when none is configured and discarded records are simply lost.
    public var onFailureDestination: String?
    /// The function's reserved concurrency (PutFunctionConcurrency ReservedConcurrentExecutions); nil: it
    /// shares the account's unreserved concurrency (`ModelAssumptions.lambdaUnreservedConcurrency`).
    public var reservedConcurrentExecutions: Int64?

    public init() {}
}

/// Where a Firehose delivery stream writes, which sets its buffering-hint ranges (Firehose API BufferingHints).
public enum FirehoseDestination: String, Sendable, CaseIterable {
    case s3 = "S3"
    case redshift = "Redshift"
    case openSearch = "OpenSearch"
    case openSearchServerless = "OpenSearchServerless"
    case httpEndpoint = "HttpEndpoint"
    case splunk = "Splunk"
    case snowflake = "Snowflake"

    /// Allowed buffer sizes (MiB) and intervals (s), and the defaults (facts sheet section 8, FH-BH).
    public var bufferingRange:
        (
            sizeMiB: ClosedRange<Int64>, intervalSeconds: ClosedRange<Int64>,
            defaultSizeMiB: Int64, defaultIntervalSeconds: Int64
        )
    {
        switch self {
        case .s3, .redshift: return (1...128, 0...900, 5, 300)
        case .openSearch, .openSearchServerless: return (1...100, 0...900, 5, 300)
        case .httpEndpoint: return (1...64, 0...900, 5, 300)
        case .splunk: return (1...5, 0...60, 5, 60)
        case .snowflake: return (1...128, 0...900, 128, 0)
        }
    }
}

/// A Firehose delivery stream reading this stream (facts sheet section 8).
public struct FirehoseConfiguration: Sendable, Equatable {
    public var destination: FirehoseDestination = .s3
    /// Deliver when the buffer holds this much (BufferingHints.SizeInMBs; MiB as AWS documents the field).
    public var bufferSizeBytes: Int64 = 5 * 1_048_576
    /// … or this long after the buffer's first record (BufferingHints.IntervalInSeconds), whichever first.
    public var bufferIntervalNanoseconds: Int64 = 300 * nanosecondsPerSecond

    public init() {}
}

/// A control action on the scenario's timeline.
public enum TimelineEvent: Sendable, Equatable {
    /// The consumer stops reading for a while, then resumes where it left off.
    case consumerOutage(consumerIndex: Int, atNanoseconds: Int64, durationNanoseconds: Int64)
    /// SplitShard; without a key, at the midpoint of the parent's range.
    case splitShard(atNanoseconds: Int64, shardId: String, newStartingHashKey: UInt128?)
    /// MergeShards of two adjacent open shards.
    case mergeShards(atNanoseconds: Int64, shardId: String, adjacentShardId: String)
    /// UpdateShardCount with UNIFORM_SCALING.
    case updateShardCount(atNanoseconds: Int64, targetShardCount: Int)

    /// A KCL application's worker (1 ... workers) stops: it no longer renews its leases, which expire after the
    /// failover time and are taken by other workers.
    case workerFailure(consumerIndex: Int, worker: Int, atNanoseconds: Int64)
    /// A failed worker starts again, with no leases (it takes some at its lease taker's next runs).
    case workerRecovery(consumerIndex: Int, worker: Int, atNanoseconds: Int64)
    /// Every worker of a KCL application restarts (new worker identities): all leases expire after the failover
    /// time and processing resumes from the checkpoints.
    case applicationRestart(consumerIndex: Int, atNanoseconds: Int64)

    /// When the action is issued.
    public var atNanoseconds: Int64 {
        switch self {
        case .consumerOutage(_, let at, _), .splitShard(let at, _, _), .mergeShards(let at, _, _),
            .updateShardCount(let at, _), .workerFailure(_, _, let at), .workerRecovery(_, _, let at),
            .applicationRestart(_, let at):
            return at
        }
    }

    /// Whether the action reshards the stream.
    public var isResharding: Bool {
        switch self {
        case .splitShard, .mergeShards, .updateShardCount: return true
        case .consumerOutage, .workerFailure, .workerRecovery, .applicationRestart: return false
        }
    }

    /// The KCL application a worker event acts on, if it is one.
    public var kclConsumerIndex: Int? {
        switch self {
        case .workerFailure(let index, _, _), .workerRecovery(let index, _, _), .applicationRestart(let index, _):
            return index
        default: return nil
        }
    }
}

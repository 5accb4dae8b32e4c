import ShardSimEngine

/// The KCL's documented defaults and lease-coordinator cadences, one place (facts sheet section 11; checked against
/// awslabs/amazon-kinesis-client: `LeaseManagementConfig`, `DynamoDBLeaseCoordinator`, `CommonCalculations`,
/// `PollingConfig`; docs/model.md section 19).
public enum KCLDefaults {
    /// `failoverTimeMillis`: a lease not renewed for this long is considered lost and may be taken (10,000 ms).
    public static let failoverTimeNanoseconds: Int64 = 10 * nanosecondsPerSecond
    /// `epsilonMillis` (25 ms): the slack the lease coordinator takes off and adds to its cadences.
    public static let epsilonNanoseconds: Int64 = 25_000_000
    /// `shardSyncIntervalMillis`: time between shard syncs (60,000 ms).
    public static let shardSyncIntervalNanoseconds: Int64 = 60 * nanosecondsPerSecond
    /// KCL 2.x polling `idleTimeBetweenReadsInMillis` (1,500 ms) for a `fanOut: "shared"` application.
    public static let pollIntervalNanoseconds: Int64 = 1_500_000_000
    /// `initialLeaseTableReadCapacity` / `initialLeaseTableWriteCapacity` for a PROVISIONED lease table (10 each).
    public static let provisionedLeaseTableCapacityUnits: Int64 = 10
    /// How often the application checkpoints when the scenario does not say: AWS's KCL sample record processors
    /// checkpoint every 60 s (`_CHECKPOINT_FREQ_SECONDS = 60` in amazon-kinesis-client-python's sample app); a model
    /// assumption, overridable per consumer.
    public static let checkpointIntervalNanoseconds: Int64 = 60 * nanosecondsPerSecond

    /// `veryOldLeaseDurationNanosMultiplier` (3): a lease unrenewed for 3 × failoverTime is taken with priority,
    /// regardless of the taker's target (`enablePriorityLeaseAssignment`, true by default).
    public static let veryOldLeaseMultiplier: Int64 = 3
    /// `maxLeasesToStealAtOneTime` (1): leases one taker run steals from the most loaded worker.
    public static let maxLeasesToStealAtOneTime = 1
    /// Size of one lease item (key, owner, counter, checkpoint sequence number, parents, hash range): a model
    /// assumption (docs/model.md section 19); under 1 KB, so each write is one write unit, and a Scan reads
    /// `leases × leaseItemBytes` at half a read unit per 4 KB (eventually consistent, KCL `consistentReads` false).
    public static let leaseItemBytes: Int64 = 512

    /// DynamoDB retains up to 300 seconds of unused read and write capacity of a PROVISIONED table for bursts
    /// ("Burst capacity", DynamoDB developer guide); the model starts the run with it full (an idle table before).
    public static let dynamoDBBurstSeconds: Double = 300

    /// The lease renewer's period: `failoverTimeMillis / 3 - epsilonMillis` (`CommonCalculations`), 3,308 ms by default.
    public static func renewerIntervalNanoseconds(failoverTimeNanoseconds failover: Int64) -> Int64 {
        // Integer milliseconds as the KCL computes them.
        (failover / 1_000_000 / 3) * 1_000_000 - epsilonNanoseconds
    }

    /// The lease taker's period: `(failoverTimeMillis + epsilonMillis) × 2` (`DynamoDBLeaseCoordinator`), 20,050 ms
    /// by default. Each worker scans the lease table and takes or steals leases this often.
    public static func takerIntervalNanoseconds(failoverTimeNanoseconds failover: Int64) -> Int64 {
        (failover + epsilonNanoseconds) * 2
    }
}

/// When the application checkpoints a lease (it calls `checkpoint()` itself; the KCL does not).
public enum CheckpointPolicy: Sendable, Equatable {
    /// Every so often per lease.
    case interval(nanoseconds: Int64)
    /// After every so many user records processed on a lease.
    case everyRecords(Int64)
}

/// The DynamoDB lease table's capacity mode (`LeaseManagementConfig.billingMode`).
public enum LeaseTableCapacity: Sendable, Equatable {
    /// PAY_PER_REQUEST (the KCL default): billed per request unit, never throttled by the model.
    case payPerRequest
    /// PROVISIONED: read and write capacity units per second; demand above them throttles.
    case provisioned(readCapacityUnits: Int64, writeCapacityUnits: Int64)
}

/// One KCL application (consumer type `kcl`): `workers` instances sharing the shards through leases.
public struct KCLConfiguration: Sendable, Equatable {
    /// Instances of the application (each a KCL worker with its own identifier).
    public var workers: Int = 1
    /// Read through enhanced fan-out (KCL 2.x's default retrieval) instead of GetRecords polling.
    public var enhancedFanOut = false
    public var checkpoint: CheckpointPolicy = .interval(nanoseconds: KCLDefaults.checkpointIntervalNanoseconds)
    public var failoverTimeNanoseconds: Int64 = KCLDefaults.failoverTimeNanoseconds
    /// `maxLeasesForWorker`; nil: unlimited (the default).
    public var maxLeasesForWorker: Int?
    public var leaseTable: LeaseTableCapacity = .payPerRequest

    public init() {}

    public var renewerIntervalNanoseconds: Int64 {
        KCLDefaults.renewerIntervalNanoseconds(failoverTimeNanoseconds: failoverTimeNanoseconds)
    }

    public var takerIntervalNanoseconds: Int64 {
        KCLDefaults.takerIntervalNanoseconds(failoverTimeNanoseconds: failoverTimeNanoseconds)
    }
}
